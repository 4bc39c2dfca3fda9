import type { CaptureFpsSource, FrameTiming, MediaWarning, Rotation } from '../../common/contract/media.ts';
import { mediaWarningText } from '../../common/media-warning-text.ts';

/**
 * Pure parsers from ffprobe output to what Midstance needs. No I/O here: probe.ts runs ffprobe
 * and feeds these, tests feed them recorded output.
 */

export interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  bits_per_raw_sample?: string;
  sample_aspect_ratio?: string;
  time_base?: string;
  nb_frames?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  /** ffprobe prints a display matrix as `displaymatrix` (three rows of integers) and its `rotation`. */
  side_data_list?: { side_data_type?: string; displaymatrix?: string; rotation?: number | string }[];
}

export interface ProbeJson {
  streams?: ProbeStream[];
  format?: {
    format_name?: string;
    start_time?: string;
    duration?: string;
    size?: string;
    tags?: Record<string, string>;
  };
}

export interface StreamFacts {
  /** Absolute stream index in the file (for -map 0:N). */
  streamIndex: number;
  /** Position among the file's video streams (for -select_streams v:N). */
  videoOrdinal: number;
  container: string;
  codec: string;
  profile: string | null;
  pixelFormat: string;
  bitDepth: number | null;
  codedWidth: number;
  codedHeight: number;
  /** Width after applying non-square pixels, before rotation. */
  squareWidth: number;
  rotation: Rotation;
  /** Shown mirrored left–right after the turn (see orientationOf). */
  mirrored: boolean;
  timeBase: [number, number];
  /** Frames the container says the stream has, when it says (for progress only). */
  declaredFrames: number | null;
  declaredDuration: number | null;
  declaredFps: number | null;
  /** ffmpeg's -ss counts from this (format start time). */
  formatStartTime: number;
  hasAudio: boolean;
  androidCaptureFps: number | null;
  /** Apple's com.apple.quicktime.full-frame-rate-playback-intent: 0 = play in slow motion, 1 = at full rate. */
  applePlaybackIntent: 'slow-motion' | 'full-frame-rate' | null;
  /** Recorded by an Apple device (com.apple.quicktime.make). */
  appleDevice: boolean;
}

export type StreamProblem = 'no-streams' | 'no-video' | 'unknown-codec';

export function parseStreamFacts(json: ProbeJson): StreamFacts | StreamProblem {
  const streams = json.streams ?? [];
  if (streams.length === 0) return 'no-streams';
  const videos = streams.filter((stream) => stream.codec_type === 'video');
  const chosen = videos.findIndex((stream) => stream.disposition?.attached_pic !== 1);
  const video = videos[chosen];
  if (!video) return 'no-video';
  if (!video.codec_name || video.codec_name === 'none' || !video.width || !video.height) return 'unknown-codec';
  const [sarNum, sarDen] = parseRatio(video.sample_aspect_ratio) ?? [1, 1];
  const squareWidth = sarNum > 0 && sarDen > 0 && sarNum !== sarDen ? evenRound((video.width * sarNum) / sarDen) : video.width;
  const timeBase = parseRatio(video.time_base) ?? [1, 90000];
  const declaredFrames = Number(video.nb_frames);
  const declaredDuration = Number(video.duration ?? json.format?.duration);
  const tags = { ...json.format?.tags, ...video.tags };
  const capture = Number(tags['com.android.capture.fps']);
  return {
    streamIndex: video.index,
    videoOrdinal: chosen,
    container: json.format?.format_name ?? 'unknown',
    codec: video.codec_name,
    profile: video.profile ?? null,
    pixelFormat: video.pix_fmt ?? 'unknown',
    bitDepth: bitDepthOf(video),
    codedWidth: video.width,
    codedHeight: video.height,
    squareWidth,
    ...orientationOf(video),
    timeBase,
    declaredFrames: Number.isFinite(declaredFrames) && declaredFrames > 0 ? declaredFrames : null,
    declaredDuration: Number.isFinite(declaredDuration) && declaredDuration > 0 ? declaredDuration : null,
    declaredFps: rateOf(video.avg_frame_rate) ?? rateOf(video.r_frame_rate),
    formatStartTime: Number(json.format?.start_time) || 0,
    hasAudio: streams.some((stream) => stream.codec_type === 'audio'),
    androidCaptureFps: Number.isFinite(capture) && capture > 0 ? capture : null,
    applePlaybackIntent: applePlaybackIntentOf(tags['com.apple.quicktime.full-frame-rate-playback-intent']),
    appleDevice: tags['com.apple.quicktime.make']?.trim() === 'Apple',
  };
}

function applePlaybackIntentOf(value: string | undefined): StreamFacts['applePlaybackIntent'] {
  if (value?.trim() === '0') return 'slow-motion';
  if (value?.trim() === '1') return 'full-frame-rate';
  return null;
}

export interface Orientation {
  /** Clockwise turn applied to stored pictures to show them upright. */
  rotation: Rotation;
  /** After the turn, the picture is mirrored left–right (e.g. some front-camera recordings). */
  mirrored: boolean;
}

/**
 * How stored pictures are shown: from the display matrix when the stream has one, else from the
 * legacy `rotate` tag (clockwise, never mirrored). ffprobe's `rotation` of a display matrix is
 * counter-clockwise (iPhone portrait: tag 90, matrix -90) and reads a mirror as a turn (a pure
 * left–right mirror says -180), so the matrix itself is read whenever ffprobe prints it.
 */
export function orientationOf(stream: Pick<ProbeStream, 'tags' | 'side_data_list'>): Orientation {
  const side = stream.side_data_list?.find((entry) => entry.side_data_type === 'Display Matrix');
  if (side) {
    const fromMatrix = orientationFromMatrix(parseDisplayMatrix(side.displaymatrix));
    if (fromMatrix) return fromMatrix;
    if (side.rotation !== undefined && Number.isFinite(Number(side.rotation))) {
      return { rotation: quarterTurn(-Number(side.rotation)), mirrored: false };
    }
  }
  if (stream.tags?.rotate !== undefined && Number.isFinite(Number(stream.tags.rotate))) {
    return { rotation: quarterTurn(Number(stream.tags.rotate)), mirrored: false };
  }
  return { rotation: 0, mirrored: false };
}

/**
 * The nine integers of ffprobe's `displaymatrix` text, row by row: each row is a hex row number,
 * a colon and three values ("00000001:       -65536           0           0").
 */
export function parseDisplayMatrix(text: string | undefined): number[] | null {
  if (!text) return null;
  const values: number[] = [];
  for (const line of text.split('\n')) {
    const row = /^\s*[0-9a-f]+:((?:\s+-?\d+){3})\s*$/i.exec(line);
    if (row) values.push(...row[1]!.trim().split(/\s+/).map(Number));
  }
  return values.length === 9 ? values : null;
}

/**
 * Turn and mirror of a display matrix [a b u; c d v; x y w]. It maps a stored point (p, q), y
 * downwards, to the shown point p' = a·p + c·q + x, q' = b·p + d·q + y (libavutil/display.h, the
 * tkhd matrix of ISO/IEC 14496-12). A negative determinant is a mirror. FFmpeg writes a mirror
 * as a left–right flip after the turn (av_display_matrix_flip negates a and c); negating them
 * back leaves the turn, read as av_display_rotation_get does. Null for a singular matrix.
 */
export function orientationFromMatrix(matrix: readonly number[] | null): Orientation | null {
  if (!matrix || matrix.length !== 9) return null;
  const [a, b, , c, d] = matrix as [number, number, number, number, number];
  const determinant = a * d - b * c;
  if (!Number.isFinite(determinant) || determinant === 0) return null;
  const mirrored = determinant < 0;
  const turnA = mirrored ? -a : a;
  const clockwise = (Math.atan2(b / Math.hypot(b, d), turnA / Math.hypot(a, c)) * 180) / Math.PI;
  return { rotation: quarterTurn(clockwise), mirrored };
}

/** Nearest quarter turn, as 0, 90, 180 or 270 degrees. */
function quarterTurn(degrees: number): Rotation {
  return ((((Math.round(degrees / 90) * 90) % 360) + 360) % 360) as Rotation;
}

function bitDepthOf(stream: ProbeStream): number | null {
  const raw = Number(stream.bits_per_raw_sample);
  if (Number.isInteger(raw) && raw > 0) return raw;
  const match = /p(9|10|12|14|16)(le|be)?$/.exec(stream.pix_fmt ?? '');
  if (match) return Number(match[1]);
  return stream.pix_fmt ? 8 : null;
}

function rateOf(text: string | undefined): number | null {
  const ratio = parseRatio(text);
  return ratio && ratio[0] > 0 ? ratio[0] / ratio[1] : null;
}

export function parseRatio(text: string | undefined): [number, number] | null {
  const match = /^(-?\d+)[/:](\d+)$/.exec(text ?? '');
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return den === 0 ? null : [num, den];
}

const evenRound = (value: number): number => Math.max(2, 2 * Math.round(value / 2));

// ---------------------------------------------------------------------------------------------
// Packets → frame table

export interface PacketRecord {
  pts: number | null;
  dts: number | null;
  keyframe: boolean;
  /** Outside the edit list: stored but never shown. */
  discard: boolean;
  pos: number | null;
  size: number | null;
}

/** One line of `ffprobe -show_entries packet=pts,dts,size,pos,flags -of compact=p=0`. */
export function parsePacketLine(line: string): PacketRecord | null {
  if (!line.includes('flags=')) return null;
  const fields = new Map<string, string>();
  for (const part of line.trim().split('|')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const flags = fields.get('flags') ?? '';
  return {
    pts: intOrNull(fields.get('pts')),
    dts: intOrNull(fields.get('dts')),
    keyframe: flags.startsWith('K'),
    discard: flags.slice(1).includes('D'),
    pos: intOrNull(fields.get('pos')),
    size: intOrNull(fields.get('size')),
  };
}

function intOrNull(text: string | undefined): number | null {
  if (text === undefined || text === 'N/A' || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export interface BuiltFrameTable {
  /** Presentation timestamps in stream time-base units, display order. */
  pts: number[];
  /** The same in seconds. */
  times: number[];
  keyframes: number[];
  /** Stored frames hidden by an edit list. */
  hiddenByEditList: number;
  /** Frames listed by the container whose data lies past the end of the file. */
  missingAtEnd: number;
  /** Packets without a usable timestamp (dropped). */
  untimed: number;
}

/**
 * Display-order frame table from the file's own packets: hidden (edit list) and missing
 * (truncated file) packets are dropped, the rest sorted by presentation time, which puts
 * B-frames in display order whatever the storage order.
 */
export function buildFrameTable(packets: readonly PacketRecord[], timeBase: [number, number], fileSize: number | null): BuiltFrameTable {
  const shown: { pts: number; keyframe: boolean }[] = [];
  let hiddenByEditList = 0;
  let missingAtEnd = 0;
  let untimed = 0;
  for (const packet of packets) {
    if (packet.discard) {
      hiddenByEditList += 1;
      continue;
    }
    if (fileSize !== null && packet.pos !== null && packet.size !== null && packet.pos + packet.size > fileSize) {
      missingAtEnd += 1;
      continue;
    }
    const pts = packet.pts ?? packet.dts;
    if (pts === null) {
      untimed += 1;
      continue;
    }
    shown.push({ pts, keyframe: packet.keyframe });
  }
  shown.sort((a, b) => a.pts - b.pts);
  const pts: number[] = [];
  const keyframes: number[] = [];
  for (const frame of shown) {
    if (pts.length > 0 && pts[pts.length - 1] === frame.pts) continue;
    if (frame.keyframe) keyframes.push(pts.length);
    pts.push(frame.pts);
  }
  const [num, den] = timeBase;
  return {
    pts,
    times: pts.map((value) => roundMicro((value * num) / den)),
    keyframes,
    hiddenByEditList,
    missingAtEnd,
    untimed,
  };
}

const roundMicro = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;

// ---------------------------------------------------------------------------------------------
// Timing

const COMMON_RATES = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, 90, 100, 119.88, 120, 180, 200, 239.76, 240, 300, 480, 960];

export function analyseTiming(times: readonly number[], tickSeconds: number): FrameTiming & { fileFps: number; deviating: number } {
  const intervals: number[] = [];
  for (let i = 1; i < times.length; i += 1) intervals.push(times[i]! - times[i - 1]!);
  if (intervals.length === 0) {
    return { medianIntervalMs: 0, minIntervalMs: 0, maxIntervalMs: 0, sdIntervalMs: 0, irregular: false, fileFps: 0, deviating: 0 };
  }
  const sorted = [...intervals].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const mean = intervals.reduce((sum, value) => sum + value, 0) / intervals.length;
  const sd = Math.sqrt(intervals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / intervals.length);
  // Time-stamp rounding (e.g. 1 ms ticks at 240 fps) is not irregularity; 10 % of a frame is.
  const tolerance = Math.max(1.5 * tickSeconds, 0.1 * median);
  const deviating = intervals.filter((value) => Math.abs(value - median) > tolerance).length;
  const irregular = deviating > 0;
  const rawFps = irregular ? 1 / median : intervals.length / (times[times.length - 1]! - times[0]!);
  return {
    medianIntervalMs: round3(median * 1000),
    minIntervalMs: round3(sorted[0]! * 1000),
    maxIntervalMs: round3(sorted[sorted.length - 1]! * 1000),
    sdIntervalMs: round3(sd * 1000),
    irregular,
    fileFps: snapRate(rawFps),
    deviating,
  };
}

export function snapRate(fps: number): number {
  if (!Number.isFinite(fps) || fps <= 0) return 0;
  let best = fps;
  let bestError = Number.POSITIVE_INFINITY;
  for (const rate of COMMON_RATES) {
    const error = Math.abs(rate - fps) / rate;
    if (error < bestError) {
      best = rate;
      bestError = error;
    }
  }
  // NTSC rates sit 0.1 % below the round ones, so only a closer match than that snaps.
  return bestError < 0.0004 ? best : round3(fps);
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export interface CaptureRate {
  captureFps: number;
  source: CaptureFpsSource;
}

/**
 * Apple documents its playback intent for movies recorded at 120 fps or more; below that the key
 * says nothing about slow motion (iPhones also write 0 on 30 fps video, including slow motion
 * that was re-rendered at 30 fps when shared).
 */
const APPLE_HIGH_FRAME_RATE = 119;

/**
 * User choice first, then camera metadata, else the file's own rate. Android stores slow motion
 * at a playback rate and tags the capture rate. An iPhone keeps the original at its capture
 * rate (the slow-motion stretch is a playback setting), so when Apple marks a high-frame-rate
 * file as meant for slow-motion playback, its own rate is the capture rate.
 */
export function chooseCaptureRate(
  fileFps: number,
  metadata: Pick<StreamFacts, 'androidCaptureFps' | 'applePlaybackIntent'>,
  userFps: number | null,
): CaptureRate {
  if (userFps !== null && userFps > 0) return { captureFps: userFps, source: 'user' };
  if (metadata.androidCaptureFps !== null && metadata.androidCaptureFps > 0) {
    return { captureFps: snapRate(metadata.androidCaptureFps), source: 'android-metadata' };
  }
  if (metadata.applePlaybackIntent === 'slow-motion' && fileFps >= APPLE_HIGH_FRAME_RATE) {
    return { captureFps: fileFps, source: 'apple-metadata' };
  }
  return { captureFps: fileFps, source: 'file' };
}

/** Below this capture rate contact and flight times are too coarse to trust. */
export const MIN_TIMING_FPS = 119;

export function mediaWarnings(input: {
  timing: FrameTiming & { deviating: number };
  captureFps: number;
  captureSource: CaptureFpsSource;
  missingAtEnd: number;
  /** Shown frames: a single frame has no rate at all (said in words, not as 0 fps). */
  frameCount?: number;
  /** Recorded by an Apple device: a slow-motion copy shared from an iPhone is re-rendered at 30 fps. */
  appleDevice?: boolean;
  /**
   * The video track's edit list changes the speed of a stretch in a way ffmpeg does not follow
   * (see edit-lists.ts), so the edit list was ignored: an informational note.
   */
  timeScaledEdits?: boolean;
  /** The display matrix mirrors the picture (see orientationOf). */
  mirrored?: boolean;
}): MediaWarning[] {
  const found: Omit<MediaWarning, 'message'>[] = [];
  const { timing } = input;
  // Left and right are what a physio judges most: say it plainly, once, next to the frame.
  if (input.mirrored) found.push({ code: 'mirrored' });
  if (input.timeScaledEdits) found.push({ code: 'time-scaled-edits' });
  // With speed edits ignored, the times are the stored ones: irregular intervals are real.
  if (timing.irregular) found.push({ code: 'irregular-timing', details: { ...timing } });
  if (input.captureFps < MIN_TIMING_FPS) {
    found.push({
      code: 'low-capture-rate',
      details: {
        captureFps: input.captureFps,
        captureSource: input.captureSource,
        appleDevice: input.appleDevice === true,
        frameCount: input.frameCount,
      },
    });
  }
  if (input.missingAtEnd > 0) found.push({ code: 'truncated', details: { missingFrames: input.missingAtEnd } });
  return found.map((warning) => ({ ...warning, message: mediaWarningText(warning, 'en') }));
}
