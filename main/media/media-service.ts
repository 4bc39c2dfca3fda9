import { randomBytes } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import type {
  FrameInfo,
  MediaDiagnostics,
  MediaInfo,
  MediaWarning,
  OpenedMedia,
  WarmStatus,
} from '../../common/contract/media.ts';
import type { FrameRequest } from '../../common/contract/client.ts';
import { captureTimeAt } from '../../common/media-time.ts';
import { createFfmpegDecoder, decodeSourceOf } from './decoder.ts';
import { type FfmpegTools, resolveTools } from './ffmpeg-path.ts';
import { FrameCache } from './frame-cache.ts';
import { SpillDirectory, type SpillDirectoryOptions } from './frame-spill.ts';
import { MediaSession, WARM_SHARE } from './media-session.ts';
import { type ProbeProgress, type ProbeResult, checkVideo, describeMedia, fileChanged, probeMedia } from './probe.ts';
import { cancelledError, liveProcessCount } from './processes.ts';

/** The media engine's entry point: open clips, serve frames, report state. */

export interface MediaSettings {
  ffmpegPath: string | null;
  ffprobePath: string | null;
  frameCacheMegabytes: number;
}

export interface MediaServiceOptions {
  settings: () => MediaSettings;
  onOpenProgress?: (payload: ProbeProgress & { openId: string }) => void;
  onWarmProgress?: (status: WarmStatus) => void;
  /** Width of stepping frames; larger requests get full resolution. */
  previewWidth?: number;
  /** Warm the whole clip after opening (default true). */
  warm?: boolean;
  /** Idle ffmpeg processes kept ready per clip and frame size for cold requests (default 1; 0 = none). */
  standbyDecoders?: number;
  /** Pause warm-up while a frame someone waits for is decoded (default true). */
  pauseWarmUp?: boolean;
  /**
   * Where preview frames go that do not fit the memory bound (default: a private folder in the
   * OS temp folder, 8 GiB at most, leaving 1 GiB free); false = memory only (warm a window).
   */
  spill?: SpillDirectoryOptions | false;
  env?: NodeJS.ProcessEnv;
}

export interface OpenOptions {
  path: string;
  captureFps?: number | null;
  openId?: string;
  signal?: AbortSignal;
}

interface OpenClip {
  session: MediaSession;
  probe: ProbeResult;
  userCaptureFps: number | null;
  warnings: MediaWarning[];
}

export interface MediaService {
  open(options: OpenOptions): Promise<OpenedMedia>;
  /** Quick check that a file is a video this ffmpeg can show (before it is added to a project). */
  check(path: string, signal?: AbortSignal): Promise<void>;
  cancelOpen(openId: string): boolean;
  close(mediaId: string): Promise<boolean>;
  frameInfo(mediaId: string, index: number): FrameInfo;
  setCaptureFps(mediaId: string, captureFps: number | null): { info: MediaInfo; warnings: MediaWarning[] };
  warmStatus(mediaId: string): WarmStatus;
  diagnostics(): Promise<MediaDiagnostics>;
  getFrame(request: FrameRequest, signal?: AbortSignal): Promise<{ data: Uint8Array; contentType: string }>;
  session(mediaId: string): MediaSession;
  /** The probe of an open clip (frame table, keyframes, orientation): for jobs that decode it themselves (tracking, pose). */
  probe(mediaId: string): ProbeResult;
  tools(): Promise<FfmpegTools>;
  readonly cache: FrameCache;
  dispose(): Promise<void>;
}

export const DEFAULT_PREVIEW_WIDTH = 960;

export function createMediaService(options: MediaServiceOptions): MediaService {
  const clips = new Map<string, OpenClip>();
  const opening = new Map<string, AbortController>();
  const previewWidth = options.previewWidth ?? DEFAULT_PREVIEW_WIDTH;
  const cache = new FrameCache(
    () => options.settings().frameCacheMegabytes * 1024 * 1024,
    (frame) => clips.get(frame.mediaId)?.session.noteEvicted(frame.variant, frame.index, frame.data),
  );
  const spillDirectory = options.spill === false ? null : new SpillDirectory(options.spill);
  let toolsKey = '';
  let toolsPromise: Promise<FfmpegTools> | null = null;
  let disposed = false;

  function tools(): Promise<FfmpegTools> {
    const settings = options.settings();
    const key = `${settings.ffmpegPath ?? ''}\n${settings.ffprobePath ?? ''}`;
    if (!toolsPromise || key !== toolsKey) {
      toolsKey = key;
      toolsPromise = resolveTools({ settingsFfmpeg: settings.ffmpegPath, settingsFfprobe: settings.ffprobePath, env: options.env ?? process.env });
      // A failed lookup is retried next time (the user may just have installed ffmpeg).
      toolsPromise.catch(() => {
        toolsPromise = null;
      });
    }
    return toolsPromise;
  }

  /** Tells the other open clips that their share of the cache changed. */
  function budgetsChanged(except: string | null): void {
    for (const [id, open] of clips) if (id !== except) open.session.budgetChanged();
  }

  function clip(mediaId: string): OpenClip {
    const found = clips.get(mediaId);
    if (!found) throw new MidstanceError('not-found', 'This clip is not open (it may have been closed). Open it again.');
    return found;
  }

  async function open(request: OpenOptions): Promise<OpenedMedia> {
    if (disposed) throw new MidstanceError('internal', 'The media engine has shut down.');
    const path = resolvePath(request.path);
    const controller = new AbortController();
    const openId = request.openId;
    if (openId) opening.set(openId, controller);
    const forward = () => controller.abort();
    request.signal?.addEventListener('abort', forward, { once: true });
    try {
      const { ffmpeg, ffprobe } = await tools();
      const probe = await probeMedia(path, {
        ffprobe: ffprobe.path,
        signal: controller.signal,
        userCaptureFps: request.captureFps ?? null,
        onProgress: openId && options.onOpenProgress ? (progress) => options.onOpenProgress!({ ...progress, openId }) : undefined,
      });
      const mediaId = randomBytes(12).toString('base64url');
      const decoder = createFfmpegDecoder(ffmpeg, decodeSourceOf(probe), { standby: options.standbyDecoders });
      const session = new MediaSession({
        mediaId,
        info: probe.info,
        keyframes: probe.table.keyframes,
        decoder,
        cache,
        previewWidth,
        warm: false,
        pauseWarmUp: options.pauseWarmUp,
        checkFile: () => fileChanged(probe.file),
        createSpill: spillDirectory ? () => spillDirectory.createFile(probe.info.frameCount) : undefined,
        onWarmProgress: options.onWarmProgress,
        // One budget, shared: two clips open side by side each warm half of what one alone would.
        warmBudgetBytes: () => (cache.boundBytes * WARM_SHARE) / Math.max(1, clips.size),
      });
      clips.set(mediaId, { session, probe, userCaptureFps: request.captureFps ?? null, warnings: probe.warnings });
      budgetsChanged(mediaId);
      try {
        // The first frame proves the clip decodes and makes the first paint instant.
        if (options.warm ?? true) session.setWarm(true);
        // The idle decoder starts up while the first frame is decoded, so it is ready for a jump
        // right after opening (not only after a cold request has paid for a process start).
        session.prepareStandby();
        await session.getFrame(0, 'preview', controller.signal);
      } catch (error) {
        clips.delete(mediaId);
        await session.close();
        throw error;
      }
      if (controller.signal.aborted) {
        clips.delete(mediaId);
        await session.close();
        throw cancelledError();
      }
      return {
        mediaId,
        info: probe.info,
        frames: { times: probe.table.times, keyframes: probe.table.keyframes },
        warnings: probe.warnings,
      };
    } finally {
      if (openId) opening.delete(openId);
      request.signal?.removeEventListener('abort', forward);
    }
  }

  return {
    open,
    async check(path, signal) {
      if (disposed) throw new MidstanceError('internal', 'The media engine has shut down.');
      const { ffprobe } = await tools();
      await checkVideo(resolvePath(path), { ffprobe: ffprobe.path, signal });
    },
    cache,
    tools,
    cancelOpen(openId) {
      const controller = opening.get(openId);
      controller?.abort();
      return controller !== undefined;
    },
    async close(mediaId) {
      const found = clips.get(mediaId);
      if (!found) return false;
      clips.delete(mediaId);
      await found.session.close();
      budgetsChanged(null);
      return true;
    },
    frameInfo(mediaId, index) {
      const { session, probe } = clip(mediaId);
      if (!Number.isInteger(index) || index < 0 || index >= session.info.frameCount) {
        throw new MidstanceError('not-found', `Frame ${index} does not exist; this clip has ${session.info.frameCount} frames.`);
      }
      const keyframes = probe.table.keyframes;
      return {
        index,
        time: probe.table.times[index]!,
        captureTime: captureTimeAt(probe.table, session.info, index),
        keyframe: binaryIncludes(keyframes, index),
        cachedPreview: session.isCached(index, 'preview'),
        cachedFull: session.isCached(index, 'full'),
      };
    },
    setCaptureFps(mediaId, captureFps) {
      const found = clip(mediaId);
      found.userCaptureFps = captureFps;
      const described = describeMedia(found.probe, captureFps);
      found.session.updateInfo(described.info);
      found.warnings = described.warnings;
      return described;
    },
    warmStatus(mediaId) {
      return clip(mediaId).session.warmStatus();
    },
    async diagnostics() {
      let resolved: FfmpegTools | null = null;
      let problem: string | null = null;
      try {
        resolved = await tools();
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      const describe = (tool: FfmpegTools['ffmpeg'] | undefined) => ({
        path: tool?.path ?? null,
        version: tool?.version ?? null,
        source: tool?.source ?? null,
      });
      return {
        ok: resolved !== null,
        ffmpeg: describe(resolved?.ffmpeg),
        ffprobe: describe(resolved?.ffprobe),
        problem,
        decoder: resolved ? `ffmpeg ${resolved.ffmpeg.version} child processes → MJPEG` : 'unavailable',
        previewWidth,
        cacheBoundBytes: cache.boundBytes,
        cacheBytes: cache.sizeBytes,
        openClips: clips.size,
        liveProcesses: liveProcessCount(),
      };
    },
    async getFrame(request, signal) {
      const { session } = clip(request.clipId);
      const data = await session.getFrame(request.index, session.variantFor(request.width), signal);
      return { data, contentType: 'image/jpeg' };
    },
    probe(mediaId) {
      return clip(mediaId).probe;
    },
    session(mediaId) {
      return clip(mediaId).session;
    },
    async dispose() {
      disposed = true;
      for (const controller of opening.values()) controller.abort();
      const closing = [...clips.values()].map((found) => found.session.close());
      clips.clear();
      await Promise.all(closing);
      spillDirectory?.dispose();
    },
  };
}

function binaryIncludes(sorted: readonly number[], value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
