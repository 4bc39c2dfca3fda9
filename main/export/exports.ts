import { basename, dirname, extname, join } from 'node:path';
import { annotationsOnFrame, countedAnnotations } from '../../common/tracking/track-measure.ts';
import { PassThrough } from 'node:stream';
import ffmpegCommand from 'fluent-ffmpeg';
import type { Annotation } from '../../common/contract/annotation.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { CsvDialect } from '../../common/export/csv.ts';
import { measurementCsv } from '../../common/export/measurement-table.ts';
import { planSlowVideo, type VideoPlan } from '../../common/export/video-plan.ts';
import type { UiLanguage } from '../../common/geometry/conventions.ts';
import { captureTimeAt } from '../../common/media-time.ts';
import { adoptProcess, cancelledError } from '../media/processes.ts';
import { assertCanCreateBeside, produceFileAtomic, writeFileAtomic } from '../platform/atomic-write.ts';
import { loadClipWithMedia, loadTableClips, sessionClipIds, type ClipWithMedia, type ExportProject } from './export-source.ts';
import { createOverlayPainter } from './overlay-canvas.ts';
import { checkRange, exportFrames, rawFrameSize } from './frame-range.ts';
import { yuvFrameBytes } from './yuv.ts';

/** Progress of a long export: which stage, and how far (0…1, null while unknown). */
export interface ExportProgress {
  stage: 'preparing' | 'frames' | 'encoding' | 'finishing';
  fraction: number | null;
  done: number;
  total: number;
}

type OnProgress = (progress: ExportProgress) => void;

// ---------------------------------------------------------------- CSV

export type CsvScope = { clipId: string } | { sessionId: string };

export interface CsvExportResult {
  path: string;
  rows: number;
  /** Clips whose video was not found: their rows carry stored file times and no real times. */
  missingMedia: string[];
}

export async function exportMeasurementsCsv(
  project: ExportProject,
  input: { scope: CsvScope; dialect: CsvDialect; language: UiLanguage | null; outPath: string; signal?: AbortSignal },
): Promise<CsvExportResult> {
  assertCanCreateBeside(input.outPath);
  const clipIds = 'clipId' in input.scope ? [input.scope.clipId] : sessionClipIds(project, input.scope.sessionId);
  const { clips, settings, missing } = await loadTableClips(project, clipIds, input.signal);
  const text = measurementCsv({ clips, norms: settings.norms, language: input.language ?? settings.language }, input.dialect);
  input.signal?.throwIfAborted();
  writeFileAtomic(input.outPath, text);
  const rows = clips.reduce((sum, clip) => sum + countedAnnotations(clip).length + clip.events.length, 0);
  return { path: input.outPath, rows, missingMedia: missing };
}

// ---------------------------------------------------------------- PNG

function annotationsByFrame(annotations: readonly Annotation[]): Map<number, Annotation[]> {
  const byFrame = new Map<number, Annotation[]>();
  for (const annotation of annotations) {
    const list = byFrame.get(annotation.frameIndex) ?? [];
    list.push(annotation);
    byFrame.set(annotation.frameIndex, list);
  }
  return byFrame;
}

function overlaySettings(clip: ClipWithMedia, language: UiLanguage | null) {
  return { convention: clip.settings.angleConvention, language: language ?? clip.settings.language, cmPerPx: clip.cmPerPx };
}

/** Where the PNG of `frame` goes: the path as given for one frame; for several, `name-f<frame>.png` beside it. */
export function pngPathFor(outPath: string, frame: number, count: number): string {
  if (count <= 1) return outPath;
  const extension = extname(outPath) || '.png';
  return join(dirname(outPath), `${basename(outPath, extname(outPath))}-f${frame}${extension}`);
}

export interface PngExportResult {
  paths: string[];
  width: number;
  height: number;
}

/** Each frame upright at full resolution with its drawings, one PNG per frame. */
export async function exportAnnotatedPngs(
  project: ExportProject,
  input: { clipId: string; frames: readonly number[]; outPath: string; language: UiLanguage | null; signal?: AbortSignal; onProgress?: OnProgress },
): Promise<PngExportResult> {
  if (extname(input.outPath).toLowerCase() !== '.png') {
    throw new MidstanceError('invalid-request', `Give the picture a .png name, not "${basename(input.outPath)}".`, { path: input.outPath });
  }
  const frames = [...new Set(input.frames)].sort((a, b) => a - b);
  if (frames.length === 0) throw new MidstanceError('invalid-request', 'Choose at least one frame to export.');
  for (const frame of frames) assertCanCreateBeside(pngPathFor(input.outPath, frame, frames.length));
  const clip = await loadClipWithMedia(project, input.clipId, input.signal);
  for (const frame of frames) checkRange(clip.probe, frame, frame);
  const { ffmpeg } = await project.tools();
  const painter = createOverlayPainter(rawFrameSize(clip.probe), overlaySettings(clip, input.language));
  const drawings = annotationsByFrame(clip.annotations);
  const paths: string[] = [];
  for (const [i, frame] of frames.entries()) {
    input.onProgress?.({ stage: 'frames', fraction: i / frames.length, done: i, total: frames.length });
    let png: Buffer | null = null;
    for await (const { data: rgba } of exportFrames({ ffmpeg, probe: clip.probe, from: frame, to: frame, signal: input.signal, pixelFormat: 'rgba' })) {
      painter.setPicture(rgba);
      // As the viewer shows the frame: measurements bound to tracks drawn at the tracks' positions there.
      painter.paintAnnotations(clip.tracks.size > 0 ? annotationsOnFrame(clip.annotations, clip.tracks, frame) : (drawings.get(frame) ?? []));
      png = await painter.png();
    }
    input.signal?.throwIfAborted();
    const path = pngPathFor(input.outPath, frame, frames.length);
    writeFileAtomic(path, png!);
    paths.push(path);
  }
  input.onProgress?.({ stage: 'finishing', fraction: 1, done: frames.length, total: frames.length });
  return { paths, ...painter.size };
}

// ---------------------------------------------------------------- video

export interface VideoExportInput {
  clipId: string;
  from: number;
  to: number;
  /** 8 = one eighth of real speed. */
  slow: number;
  caption: boolean;
  /** How long a frame with drawings is held, seconds of video (see common/export/video-plan.ts). */
  holdSeconds: number;
  outPath: string;
  language: UiLanguage | null;
  signal?: AbortSignal;
  onProgress?: OnProgress;
}

export interface VideoExportResult {
  path: string;
  frames: number;
  fps: number;
  durationSeconds: number;
  width: number;
  height: number;
}

const CAPTION_TEXT = {
  en: { frame: 'Frame', real: 'real time', speed: 'speed' },
  nl: { frame: 'Beeld', real: 'echte tijd', speed: 'snelheid' },
} as const;

export function captionLines(input: { index: number; captureSeconds: number; slow: number; language: UiLanguage }): string[] {
  const text = CAPTION_TEXT[input.language];
  const seconds = input.captureSeconds.toFixed(3);
  const time = input.language === 'nl' ? seconds.replace('.', ',') : seconds;
  return [`${text.frame} ${input.index} · ${time} s ${text.real}`, `1/${input.slow} ${text.speed}`];
}

/** Frames an even size: H.264 in yuv420p needs it (phone clips always are; odd crops lose one pixel row). */
const even = (n: number) => n - (n % 2);

/**
 * An in/out range of a clip, slowed, with the drawings (and optionally a frame/time caption) burnt in, as an
 * H.264 MP4 (yuv420p, BT.709, +faststart) that phones play. Frames are decoded at full resolution, painted by
 * the shared painter and piped raw into an ffmpeg encoder built with fluent-ffmpeg, whose progress drives the
 * progress bar. The file appears only complete: a cancelled or failed export leaves nothing (atomic write).
 */
export async function exportSlowVideo(project: ExportProject, input: VideoExportInput): Promise<VideoExportResult> {
  if (extname(input.outPath).toLowerCase() !== '.mp4') {
    throw new MidstanceError('invalid-request', `Give the video an .mp4 name, not "${basename(input.outPath)}".`, { path: input.outPath });
  }
  if (![2, 4, 8, 16].includes(input.slow)) {
    throw new MidstanceError('invalid-request', `Slow down by 2, 4, 8 or 16, not ${input.slow}.`, { slow: input.slow });
  }
  assertCanCreateBeside(input.outPath);
  input.onProgress?.({ stage: 'preparing', fraction: null, done: 0, total: 0 });
  const clip = await loadClipWithMedia(project, input.clipId, input.signal);
  checkRange(clip.probe, input.from, input.to);
  const { ffmpeg } = await project.tools();
  const drawings = annotationsByFrame(clip.annotations.filter((a) => a.frameIndex >= input.from && a.frameIndex <= input.to));
  const rates = { fileFps: clip.probe.info.fileFps, captureFps: clip.probe.info.captureFps };
  const plan = planSlowVideo({
    frames: clip.probe.table,
    rates,
    from: input.from,
    to: input.to,
    slow: input.slow,
    heldFrames: new Set(drawings.keys()),
    holdSeconds: input.holdSeconds,
  });
  const language = input.language ?? clip.settings.language;
  const size = rawFrameSize(clip.probe);
  const painter = createOverlayPainter(size, overlaySettings(clip, input.language));

  await produceFileAtomic(input.outPath, async (temporary) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    input.signal?.addEventListener('abort', stop, { once: true });
    const frames = new PassThrough({ highWaterMark: yuvFrameBytes(even(size.width), even(size.height)) * 2 });
    const encoding = encode({ ffmpegPath: ffmpeg.path, input: frames, size, plan, outPath: temporary, signal: controller.signal, onProgress: input.onProgress });
    // A failing encoder stops the decoder too, and the other way round.
    encoding.catch(() => controller.abort());
    try {
      for await (const { index, data: picture } of exportFrames({ ffmpeg, probe: clip.probe, from: input.from, to: input.to, signal: controller.signal, pixelFormat: 'yuv420p' })) {
        const copies = plan.copies[index - input.from] ?? 0;
        if (copies === 0) continue;
        painter.paintAnnotationsYuv(picture, drawings.get(index) ?? []);
        if (input.caption) {
          const captureSeconds = captureTimeAt(clip.probe.table, rates, index);
          painter.captionIntoYuv(picture, captionLines({ index, captureSeconds, slow: input.slow, language }));
        }
        for (let copy = 0; copy < copies; copy++) {
          if (!frames.write(picture)) await waitForDrain(frames, controller.signal);
        }
      }
      frames.end();
      await encoding;
    } catch (error) {
      frames.destroy();
      controller.abort();
      await encoding.catch(() => undefined);
      if (input.signal?.aborted) throw cancelledError();
      // The encoder's own failure says more than the decoder being stopped because of it.
      const encoderError = await encoding.then(() => null, (e: unknown) => e);
      throw encoderError ?? error;
    } finally {
      input.signal?.removeEventListener('abort', stop);
    }
  });
  input.onProgress?.({ stage: 'finishing', fraction: 1, done: plan.totalFrames, total: plan.totalFrames });
  return { path: input.outPath, frames: plan.totalFrames, fps: plan.fps, durationSeconds: plan.durationSeconds, width: even(size.width), height: even(size.height) };
}

function waitForDrain(stream: PassThrough, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      signal.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      stream.off('drain', done);
      stream.off('close', done);
      reject(cancelledError());
    };
    stream.once('drain', done);
    stream.once('close', done);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** The fluent-ffmpeg encoder: raw RGBA frames on stdin → H.264 MP4 at `path`. */
function encode(input: {
  ffmpegPath: string;
  input: PassThrough;
  size: { width: number; height: number };
  plan: VideoPlan;
  outPath: string;
  signal: AbortSignal;
  onProgress?: OnProgress;
}): Promise<void> {
  const { plan, size } = input;
  const fps = Number(plan.fps.toFixed(6)).toString();
  return new Promise<void>((resolve, reject) => {
    let reaped: Promise<void> = Promise.resolve();
    let failed: unknown = null;
    const command = ffmpegCommand({ stdoutLines: 0 })
      .setFfmpegPath(input.ffmpegPath)
      .input(input.input)
      .inputFormat('rawvideo')
      // Planar BT.709 limited-range YUV at even size, as the decoder hands it over: nothing to convert here.
      .inputOptions(['-pix_fmt', 'yuv420p', '-video_size', `${even(size.width)}x${even(size.height)}`, '-framerate', fps])
      .videoCodec('libx264')
      .outputOptions([
        '-preset', 'veryfast',
        '-crf', '18',
        '-profile:v', 'high',
        '-pix_fmt', 'yuv420p',
        '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
        '-movflags', '+faststart',
        '-an',
      ])
      .format('mp4')
      .output(input.outPath)
      .on('start', () => {
        const child = (command as unknown as { ffmpegProc?: import('node:child_process').ChildProcess }).ffmpegProc;
        if (child) reaped = adoptProcess(child);
        if (input.signal.aborted) command.kill('SIGKILL');
      })
      .on('progress', (progress: { frames?: number }) => {
        const done = Math.min(plan.totalFrames, progress.frames ?? 0);
        input.onProgress?.({ stage: 'encoding', fraction: plan.totalFrames > 0 ? done / plan.totalFrames : null, done, total: plan.totalFrames });
      })
      .on('end', () => void reaped.then(() => resolve()))
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
        failed = input.signal.aborted ? cancelledError() : encoderError(error, stderr ?? '', input.outPath);
        void reaped.then(() => reject(failed));
      });
    const kill = () => command.kill('SIGKILL');
    input.signal.addEventListener('abort', kill, { once: true });
    command.run();
  });
}

function encoderError(error: Error, stderr: string, path: string): unknown {
  const reason = (stderr || error.message).trim().split('\n').filter(Boolean).slice(-2).join(' ');
  if (/No space left/i.test(reason)) return Object.assign(new Error(reason), { code: 'ENOSPC', path });
  if (/Unknown encoder 'libx264'|Encoder not found|libx264/i.test(reason) && /not found|Unknown/i.test(reason)) {
    return new MidstanceError('media-unsupported', 'This ffmpeg has no H.264 encoder (libx264). Install a full ffmpeg build to export videos.', { ffmpeg: reason });
  }
  return new MidstanceError('internal', `The video could not be encoded: ${reason}`, { ffmpeg: reason });
}
