import { openSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import { statReadableFile } from '../platform/regular-file.ts';
import type { MediaInfo, MediaWarning } from '../../common/contract/media.ts';
import {
  type BuiltFrameTable,
  type PacketRecord,
  type ProbeJson,
  type StreamFacts,
  analyseTiming,
  buildFrameTable,
  chooseCaptureRate,
  mediaWarnings,
  parsePacketLine,
  parseStreamFacts,
} from './probe-parse.ts';
import { cancelledError, runToCompletion } from './processes.ts';
import { editListArgs, misreadTimeScaledEdits, readMovieTracks } from './edit-lists.ts';

/**
 * Opens a video with ffprobe: stream facts from its header, and a frame table from its packet
 * index (no decoding, so a 10-minute 240 fps clip indexes in seconds). Two ffprobe runs go in
 * parallel; the packet listing streams line by line for progress and can be cancelled. A file
 * whose edit list changes speed (see edit-lists.ts) is read with the edit list ignored.
 */

export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ProbeResult {
  file: FileStamp;
  facts: StreamFacts;
  table: BuiltFrameTable;
  timing: ReturnType<typeof analyseTiming>;
  /** The video track's edit list changes speed in a way ffmpeg's frame index does not follow. */
  timeScaledEdits: boolean;
  /**
   * The frame table lists every stored frame once at its media time, the edit list ignored (done
   * for time-scaled edits): every ffmpeg that reads this clip's frames must ignore it too.
   */
  ignoreEditList: boolean;
  /** Info and warnings for the detected capture rate; media-session recomputes on user change. */
  info: MediaInfo;
  warnings: MediaWarning[];
}

export interface ProbeProgress {
  stage: 'probing' | 'indexing';
  fraction: number | null;
  framesIndexed: number;
}

export interface ProbeOptions {
  ffprobe: string;
  signal?: AbortSignal;
  userCaptureFps?: number | null;
  onProgress?: (progress: ProbeProgress) => void;
}

export async function probeMedia(path: string, options: ProbeOptions): Promise<ProbeResult> {
  const file = stampFile(path);
  options.onProgress?.({ stage: 'probing', fraction: null, framesIndexed: 0 });

  let expectedFrames: number | null = null;
  let lastReport = 0;
  const packets: PacketRecord[] = [];
  const onPacketLine = (line: string) => {
    const packet = parsePacketLine(line);
    if (!packet) return;
    packets.push(packet);
    const now = Date.now();
    if (options.onProgress && now - lastReport > 100) {
      lastReport = now;
      options.onProgress({
        stage: 'indexing',
        fraction: expectedFrames ? Math.min(1, packets.length / expectedFrames) : null,
        framesIndexed: packets.length,
      });
    }
  };

  // Both runs stop together: on the caller's cancel, or when the header shows the file is unusable.
  const local = new AbortController();
  const stop = () => local.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    // ffprobe does not show edit-list speeds; the movie box is read directly (about 1 ms, before
    // ffprobe starts, so both runs read the file the way the decoder will).
    const tracks = await readMovieTracks(path).catch(() => null);
    const timeScaledAt = (streamIndex: number) => {
      const track = tracks?.[streamIndex];
      return track?.handler === 'vide' && misreadTimeScaledEdits(track);
    };
    // Guess: the first video track is the one shown (ffmpeg makes one stream per track, in file order).
    const guessedIgnore = timeScaledAt(tracks?.findIndex((track) => track.handler === 'vide') ?? -1);
    const headerRun = runHeader(options.ffprobe, path, guessedIgnore, local.signal);
    // Optimistically index the first video stream while the header is read; redone if another wins.
    const optimistic = new AbortController();
    local.signal.addEventListener('abort', () => optimistic.abort(), { once: true });
    const packetsRun = runPackets(options.ffprobe, path, 0, guessedIgnore, onPacketLine, optimistic.signal);
    packetsRun.catch(() => {});
    let facts = interpretHeader(await headerRun, path);
    const timeScaledEdits = timeScaledAt(facts.streamIndex);
    // Edits ffmpeg would misread are ignored: every stored frame once, at its own media time.
    const ignoreEditList = timeScaledEdits;
    if (ignoreEditList !== guessedIgnore) facts = interpretHeader(await runHeader(options.ffprobe, path, ignoreEditList, local.signal), path);
    expectedFrames = facts.declaredFrames ?? (facts.declaredDuration && facts.declaredFps ? Math.round(facts.declaredDuration * facts.declaredFps) : null);
    let packetResult: { code: number | null; stderr: string };
    if (facts.videoOrdinal === 0 && ignoreEditList === guessedIgnore) {
      packetResult = await packetsRun;
    } else {
      optimistic.abort();
      await packetsRun.catch(() => undefined);
      if (local.signal.aborted) throw cancelledError();
      packets.length = 0;
      packetResult = await runPackets(options.ffprobe, path, facts.videoOrdinal, ignoreEditList, onPacketLine, local.signal);
    }
    return finish(path, file, facts, packets, packetResult, { timeScaledEdits, ignoreEditList }, options);
  } finally {
    local.abort();
    options.signal?.removeEventListener('abort', stop);
  }
}

/**
 * Whether a file is a video this ffmpeg can show, checked before it becomes a clip: the header (a video
 * stream with a known codec) and the first picture actually decoded, without indexing the whole file.
 * Throws the same typed errors as opening (media-unreadable, media-unsupported, media-missing).
 */
export async function checkVideo(path: string, options: { ffprobe: string; signal?: AbortSignal }): Promise<void> {
  stampFile(path);
  const facts = interpretHeader(await runHeader(options.ffprobe, path, false, options.signal ?? new AbortController().signal), path);
  let frames = 0;
  const result = await runToCompletion(
    options.ffprobe,
    ['-v', 'error', '-select_streams', `v:${facts.videoOrdinal}`, '-read_intervals', '%+#8', '-show_entries', 'frame=pts', '-of', 'compact=p=0', '--', path],
    { signal: options.signal, onStdoutLine: (line) => void (line.startsWith('pts=') && frames++) },
  );
  if (options.signal?.aborted) throw cancelledError();
  if (frames > 0) return;
  if (result.code !== 0) throw unreadable(path, result.stderr);
  throw new MidstanceError(
    'media-unreadable',
    `"${basename(path)}" contains no video frames that can be shown. The file may be damaged or incomplete.`,
    { path, reason: 'no-frames' },
  );
}

function finish(
  path: string,
  file: FileStamp,
  facts: StreamFacts,
  packets: PacketRecord[],
  packetResult: { code: number | null; stderr: string },
  editLists: Pick<ProbeResult, 'timeScaledEdits' | 'ignoreEditList'>,
  options: ProbeOptions,
): ProbeResult {
  if (packetResult.code !== 0 && packets.length === 0) {
    throw unreadable(path, packetResult.stderr);
  }
  const table = buildFrameTable(packets, facts.timeBase, file.size);
  if (table.pts.length === 0) {
    throw new MidstanceError(
      'media-unreadable',
      `"${basename(path)}" contains no video frames that can be shown. The file may be damaged or incomplete.`,
      { path, reason: 'no-frames' },
    );
  }
  options.onProgress?.({ stage: 'indexing', fraction: 1, framesIndexed: table.pts.length });
  const timing = analyseTiming(table.times, facts.timeBase[0] / facts.timeBase[1]);
  const { info, warnings } = describeMedia({ file, facts, table, timing, ...editLists }, options.userCaptureFps ?? null);
  return { file, facts, table, timing, ...editLists, info, warnings };
}

function runHeader(ffprobe: string, path: string, ignoreEditList: boolean, signal: AbortSignal) {
  return runToCompletion(
    ffprobe,
    ['-v', 'error', ...editListArgs(ignoreEditList), '-show_format', '-show_streams', '-of', 'json', '--', path],
    { signal },
  );
}

function runPackets(ffprobe: string, path: string, ordinal: number, ignoreEditList: boolean, onLine: (line: string) => void, signal: AbortSignal) {
  return runToCompletion(
    ffprobe,
    ['-v', 'error', ...editListArgs(ignoreEditList), '-select_streams', `v:${ordinal}`, '-show_entries', 'packet=pts,dts,size,pos,flags', '-of', 'compact=p=0', '--', path],
    { signal, onStdoutLine: onLine },
  );
}

/** Info + warnings from probe results and a capture rate choice (pure given its inputs). */
export function describeMedia(
  probe: Pick<ProbeResult, 'file' | 'facts' | 'table' | 'timing' | 'timeScaledEdits'>,
  userCaptureFps: number | null,
): { info: MediaInfo; warnings: MediaWarning[] } {
  const { facts, table, timing, file } = probe;
  const capture = chooseCaptureRate(timing.fileFps, facts, userCaptureFps);
  const quarterTurn = facts.rotation % 180 !== 0;
  const lastInterval = timing.medianIntervalMs / 1000 || (timing.fileFps > 0 ? 1 / timing.fileFps : 0);
  const info: MediaInfo = {
    fileName: basename(file.path),
    sizeBytes: file.size,
    container: facts.container,
    codec: facts.codec,
    profile: facts.profile,
    pixelFormat: facts.pixelFormat,
    bitDepth: facts.bitDepth,
    codedWidth: facts.codedWidth,
    codedHeight: facts.codedHeight,
    width: quarterTurn ? facts.codedHeight : facts.squareWidth,
    height: quarterTurn ? facts.squareWidth : facts.codedHeight,
    rotation: facts.rotation,
    mirrored: facts.mirrored,
    duration: round6(table.times[table.times.length - 1]! - table.times[0]! + lastInterval),
    startTime: table.times[0]!,
    frameCount: table.times.length,
    fileFps: timing.fileFps,
    captureFps: capture.captureFps,
    captureFpsSource: capture.source,
    timing: {
      medianIntervalMs: timing.medianIntervalMs,
      minIntervalMs: timing.minIntervalMs,
      maxIntervalMs: timing.maxIntervalMs,
      sdIntervalMs: timing.sdIntervalMs,
      irregular: timing.irregular,
    },
    hasAudio: facts.hasAudio,
    editList: table.hiddenByEditList > 0,
  };
  const warnings = mediaWarnings({
    timing,
    captureFps: capture.captureFps,
    captureSource: capture.source,
    missingAtEnd: table.missingAtEnd,
    frameCount: table.times.length,
    appleDevice: facts.appleDevice,
    timeScaledEdits: probe.timeScaledEdits,
    mirrored: facts.mirrored,
  });
  return { info, warnings };
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

export function stampFile(path: string): FileStamp {
  const stats = statReadableFile(path, {
    code: 'media-unreadable',
    noun: 'video',
    missing: () =>
      new MidstanceError(
        'media-missing',
        `The video "${basename(path)}" was not found. It may have been moved, renamed or deleted; locate it again.`,
        { path },
      ),
  });
  if (stats.size === 0) {
    throw new MidstanceError('media-unreadable', `The file "${basename(path)}" is empty (0 bytes). Copy the video again from the camera or phone.`, { path, reason: 'empty' });
  }
  return { path, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** True when the file on disk is no longer the one that was indexed. */
export function fileChanged(stamp: FileStamp): MidstanceError | null {
  let current: FileStamp;
  try {
    current = stampFile(stamp.path);
  } catch (error) {
    return error instanceof MidstanceError ? error : null;
  }
  if (current.size === stamp.size && current.mtimeMs === stamp.mtimeMs) return null;
  return new MidstanceError(
    'media-unreadable',
    `The video "${basename(stamp.path)}" was changed on disk while it was open. Close it and open it again.`,
    { path: stamp.path, reason: 'changed' },
  );
}

function interpretHeader(result: { code: number | null; stdout: string; stderr: string }, path: string): StreamFacts {
  if (result.code !== 0) throw unreadable(path, result.stderr);
  let json: ProbeJson;
  try {
    json = JSON.parse(result.stdout) as ProbeJson;
  } catch {
    throw unreadable(path, result.stderr);
  }
  const facts = parseStreamFacts(json);
  const name = basename(path);
  switch (facts) {
    case 'no-streams':
      throw unreadable(path, result.stderr);
    case 'no-video':
      throw new MidstanceError('media-unsupported', `"${name}" has no video picture (it may be an audio-only recording).`, { path, reason: 'audio-only' });
    case 'unknown-codec':
      throw new MidstanceError(
        'media-unsupported',
        `"${name}" uses a video format that this ffmpeg cannot decode. Convert it to H.264 MP4 or install a fuller ffmpeg build.`,
        { path, reason: 'codec' },
      );
    default:
      return facts;
  }
}

function unreadable(path: string, stderr: string): MidstanceError {
  const name = basename(path);
  if (looksLikeIncompleteMp4(path, stderr)) {
    return new MidstanceError(
      'media-unreadable',
      `"${name}" is incomplete: the recording or the copy was interrupted before the end. Copy it again from the camera or phone.`,
      { path, reason: 'incomplete', ffprobe: lastLine(stderr) },
    );
  }
  return new MidstanceError(
    'media-unreadable',
    `"${name}" is not a video Midstance can read, or it is damaged.`,
    { path, reason: 'not-video', ffprobe: lastLine(stderr) },
  );
}

/** An MP4/MOV that starts like one but lacks its index ("moov") was cut short. */
function looksLikeIncompleteMp4(path: string, stderr: string): boolean {
  if (!stderr.includes('moov atom not found')) return false;
  const head = Buffer.alloc(12);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, head, 0, 12, 0);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const box = head.toString('latin1', 4, 8);
  return box === 'ftyp' || box === 'mdat' || box === 'wide' || box === 'free';
}

const lastLine = (text: string): string => text.trim().split('\n').pop() ?? '';
