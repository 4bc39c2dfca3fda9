import { basename } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { Rotation } from '../../common/contract/media.ts';
import type { ResolvedTool } from './ffmpeg-path.ts';
import { JpegStreamSplitter } from './jpeg-stream.ts';
import { PngStreamSplitter } from './png-stream.ts';
import { cancelledError, type RunningProcess, startProcess } from './processes.ts';
import { editListArgs } from './edit-lists.ts';
import type { ProbeResult } from './probe.ts';
import type { Orientation } from './probe-parse.ts';
import { LineSplitter, parseShowinfoFrame, parseShowinfoTimeBase } from './showinfo.ts';

/**
 * The decoder interface: turn a run of frames (by display index) into JPEG images.
 * One backend here: ffmpeg child processes piping MJPEG (see the report for why not node-av).
 */

export interface OutputSize {
  width: number;
  height: number;
}

export interface DecodeRequest {
  /** Display index to start decoding at: a keyframe, or 0. */
  fromIndex: number;
  /** Frames before this are decoded (they must be) but not scaled or encoded. */
  keepFromIndex: number;
  /** The job ends once this frame is delivered. */
  toIndex: number;
  size: OutputSize;
  /** JPEG quality scale of ffmpeg's -q:v (2 best … 31 worst). */
  quality: number;
  /** Warm-up: lower CPU priority, so frames someone is waiting for get the CPU first. */
  background: boolean;
  /**
   * `fromIndex` is the last keyframe at or before `keepFromIndex` (not an earlier one chosen by a
   * retry), so the decoder may let the demuxer find that keyframe itself (standby processes do).
   */
  fromTargetKeyframe?: boolean;
  /** Set by the caller while someone waits for this background job's frames (it is then never paused). */
  waited?: boolean;
  /**
   * Another process decodes alongside (warm-up runs two): one decoding thread each shares two cores
   * with less contention than frame threads in both (two halves of a 960-frame 1080p240 clip:
   * 2.32–2.45 s vs 2.41–2.62 s here).
   */
  singleThreaded?: boolean;
  /** The images delivered: JPEG (default; frames for the viewer) or lossless PNG (stills). */
  format?: ImageFormat;
  /**
   * Only these display indices (ascending, within keepFromIndex…toIndex) are scaled and encoded;
   * the frames between them are decoded and dropped (several stills from one process). Keep it
   * to a few dozen frames: ffmpeg 5.1 refuses a select expression of ~100 terms.
   */
  only?: readonly number[];
}

export type ImageFormat = 'jpeg' | 'png';

export interface DecodeOutcome {
  delivered: number;
  /** Last display index delivered, or null. */
  lastIndex: number | null;
  /**
   * A standby process did the work. Its demuxer picks the keyframe itself (by decode timestamp),
   * which with B-frames can be one after the wanted frame: a miss is then retried by a process of
   * its own from `fromIndex`.
   */
  viaStandby: boolean;
}

export interface FrameDecoder {
  readonly name: string;
  decode(request: DecodeRequest, onFrame: (index: number, jpeg: Uint8Array) => void, signal: AbortSignal): Promise<DecodeOutcome>;
  /** Starts the idle standby process for frames of this size and quality now, if there is none. */
  prepareStandby(request: Pick<DecodeRequest, 'size' | 'quality'>): void;
  /** Kills idle standby processes and keeps none from now on; resolves once they have exited. */
  dispose(): Promise<void>;
  /** Standby processes waiting for work (tests, diagnostics). */
  standbyCount(): number;
}

/** What the ffmpeg backend needs to know about a clip (from the probe). */
export interface DecodeSource {
  path: string;
  streamIndex: number;
  formatStartTime: number;
  rotation: Rotation;
  mirrored: boolean;
  timeBase: [number, number];
  /** Presentation timestamps (stream time base) in display order. */
  pts: readonly number[];
  times: readonly number[];
  /** The frame table was read with the edit list ignored (ProbeResult.ignoreEditList): so must every decode. */
  ignoreEditList: boolean;
}

export interface FfmpegDecoderOptions {
  /**
   * Idle ffmpeg processes kept per output size for frames someone waits for. Starting ffmpeg costs
   * ~120 ms here; a standby process has already paid for it and waits on stdin for the file to read
   * (a concat script whose inpoint is the wanted frame). 0 turns standby off.
   */
  standby?: number;
}

/** What the decoder needs of a probed clip. */
export function decodeSourceOf(probe: ProbeResult): DecodeSource {
  return {
    path: probe.file.path,
    streamIndex: probe.facts.streamIndex,
    formatStartTime: probe.facts.formatStartTime,
    rotation: probe.facts.rotation,
    mirrored: probe.facts.mirrored,
    timeBase: probe.facts.timeBase,
    pts: probe.table.pts,
    times: probe.table.times,
    ignoreEditList: probe.ignoreEditList,
  };
}

/** A job that produces nothing for this long is considered stuck and killed. */
const STALL_TIMEOUT_MS = 20_000;

export interface Features {
  modernFps: boolean;
  showinfoChecksum: boolean;
  /** The concat demuxer takes per-file input options (`option` lines; FFmpeg 5.0+, 4.1 refuses the script). */
  concatFileOptions: boolean;
}

/** Maps a showinfo pts (in the filter's time base) to a display index. */
type IndexOf = (pts: number, timeBase: [number, number] | null) => number | undefined;

export function createFfmpegDecoder(ffmpeg: ResolvedTool, source: DecodeSource, options: FfmpegDecoderOptions = {}): FrameDecoder {
  const indexByPts = new Map<number, number>();
  source.pts.forEach((pts, index) => indexByPts.set(pts, index));
  const features: Features = {
    modernFps: ffmpeg.parsed === null || ffmpeg.parsed.major >= 6 || (ffmpeg.parsed.major === 5 && ffmpeg.parsed.minor >= 1),
    showinfoChecksum: ffmpeg.parsed === null || ffmpeg.parsed.major > 4 || ffmpeg.parsed.minor >= 4,
    concatFileOptions: ffmpeg.parsed === null || ffmpeg.parsed.major >= 5,
  };
  // No standby process is kept for a clip whose scripts this ffmpeg cannot read.
  const standbyPerSize = standbyCanRead(source, features) ? (options.standby ?? 1) : 0;
  const standby = new Map<string, RunningProcess[]>();
  let disposed = false;
  /** A standby died idle or failed its job (e.g. an ffmpeg without what it needs): stop using them. */
  let standbyBroken = false;

  /** Frames reach showinfo with their pts shifted by -shift (stream time base). */
  function indexMapper(shift: number): IndexOf {
    return (pts, configured) => {
      const timeBase = configured ?? source.timeBase;
      if (timeBase[0] === source.timeBase[0] && timeBase[1] === source.timeBase[1]) return indexByPts.get(pts + shift);
      const seconds = (pts * timeBase[0]) / timeBase[1] + (shift * source.timeBase[0]) / source.timeBase[1];
      return nearestIndex(source.times, seconds);
    };
  }

  const standbyKey = (request: Pick<DecodeRequest, 'size' | 'quality'>) => `${request.size.width}x${request.size.height}q${request.quality}`;

  function spawnStandby(request: Pick<DecodeRequest, 'size' | 'quality'>): void {
    if (disposed || standbyBroken || standbyPerSize <= 0) return;
    const key = standbyKey(request);
    const pool = standby.get(key) ?? [];
    standby.set(key, pool);
    while (pool.length < standbyPerSize) {
      let running: RunningProcess;
      try {
        running = startProcess(ffmpeg.path, buildStandbyArgs(source, request, features), { standby: true });
      } catch {
        return;
      }
      // A write to a process that died in the meantime must not crash the app.
      running.child.stdin?.on('error', () => undefined);
      // Nobody reads its output until it is used; drain so a chatty failure cannot block it.
      running.child.stderr.resume();
      pool.push(running);
      void running.exited.then(() => {
        const at = pool.indexOf(running);
        if (at < 0) return;
        pool.splice(at, 1);
        standbyBroken = true;
      });
    }
  }

  function takeStandby(request: DecodeRequest): RunningProcess | null {
    const pool = standby.get(standbyKey(request));
    while (pool && pool.length > 0) {
      const running = pool.shift()!;
      if (running.child.exitCode === null && running.child.signalCode === null) {
        running.claim();
        return running;
      }
    }
    return null;
  }

  return {
    name: `ffmpeg ${ffmpeg.version} (child processes, MJPEG pipe)`,
    async decode(request, onFrame, signal) {
      if (signal.aborted) throw cancelledError();
      const wantsStandby = !request.background && request.fromTargetKeyframe === true && standbyPerSize > 0 && !disposed && !standbyBroken;
      const script = wantsStandby ? standbyScript(source, request.keepFromIndex, features) : null;
      const running = script ? takeStandby(request) : null;
      // Replace the used (or missing) standby once the wanted frame is out: from then on the
      // job only decodes ahead, so the new process does not delay anyone waiting.
      let replenished = !wantsStandby;
      const replenish = () => {
        if (replenished) return;
        replenished = true;
        spawnStandby(request);
      };
      const deliver = (index: number, jpeg: Uint8Array) => {
        onFrame(index, jpeg);
        replenish();
      };
      let outcome: Promise<DecodeOutcome>;
      if (running && script) {
        running.child.stdin!.end(script.text);
        outcome = collectFrames(running, indexMapper(script.shift), request, deliver, signal, source.path, true).catch((error: unknown) => {
          if (signal.aborted) throw error;
          // Not the file's fault until a process of its own says so: the caller retries with one.
          standbyBroken = true;
          return { delivered: 0, lastIndex: null, viaStandby: true };
        });
      } else {
        const started = startProcess(ffmpeg.path, buildDecodeArgs(source, request, features), {
          signal,
          background: request.background,
          waitedFor: () => request.waited === true,
        });
        outcome = collectFrames(started, indexMapper(0), request, deliver, signal, source.path, false);
      }
      void outcome.then(replenish, replenish);
      return outcome;
    },
    prepareStandby(request) {
      spawnStandby(request);
    },
    async dispose() {
      disposed = true;
      const idle = [...standby.values()].flat();
      standby.clear();
      for (const running of idle) running.kill();
      await Promise.all(idle.map((running) => running.exited));
    },
    standbyCount() {
      let count = 0;
      for (const pool of standby.values()) count += pool.length;
      return count;
    },
  };
}

/** Reads one job's JPEGs from stdout and pairs them, in order, with the pts showinfo logs on stderr. */
async function collectFrames(
  running: RunningProcess,
  indexOf: IndexOf,
  request: DecodeRequest,
  onFrame: (index: number, jpeg: Uint8Array) => void,
  signal: AbortSignal,
  path: string,
  viaStandby: boolean,
): Promise<DecodeOutcome> {
  const splitter = request.format === 'png' ? new PngStreamSplitter() : new JpegStreamSplitter();
  const lines = new LineSplitter();
  const images: Uint8Array[] = [];
  const stamps: number[] = [];
  let timeBase: [number, number] | null = null;
  let delivered = 0;
  let lastIndex: number | null = null;
  let reachedEnd = false;
  let errorText = '';
  let stallTimer: NodeJS.Timeout | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    // A paused warm-up process is waiting for its turn, not stuck.
    stallTimer = setTimeout(() => (running.paused() ? armStallTimer() : running.kill()), STALL_TIMEOUT_MS);
  };
  armStallTimer();
  // Standby processes were started before this job existed: tie them to its signal here.
  const onAbort = () => running.kill();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) running.kill();

  const pair = () => {
    while (images.length > 0 && stamps.length > 0 && !reachedEnd) {
      const image = images.shift()!;
      const stamp = stamps.shift()!;
      const index = indexOf(stamp, timeBase);
      if (index === undefined || index < request.keepFromIndex) continue;
      delivered += 1;
      lastIndex = index;
      onFrame(index, image);
      if (index >= request.toIndex) {
        reachedEnd = true;
        running.kill();
      }
    }
  };
  running.child.stdout.on('data', (chunk: Buffer) => {
    armStallTimer();
    images.push(...splitter.push(chunk));
    pair();
  });
  running.child.stderr.setEncoding('utf8');
  running.child.stderr.on('data', (text: string) => {
    for (const line of lines.push(text)) {
      const frame = parseShowinfoFrame(line);
      if (frame) {
        stamps.push(frame.pts);
        continue;
      }
      const configured = parseShowinfoTimeBase(line);
      if (configured) timeBase = configured;
      else if (line.trim() && errorText.length < 4000) errorText += `${line}\n`;
    }
    pair();
  });
  running.child.stderr.resume();
  const exit = await running.exited;
  clearTimeout(stallTimer);
  signal.removeEventListener('abort', onAbort);
  for (const line of lines.flush()) {
    const frame = parseShowinfoFrame(line);
    if (frame) stamps.push(frame.pts);
  }
  pair();
  if (signal.aborted) throw cancelledError();
  if (!reachedEnd && delivered === 0 && exit.code !== 0) throw decodeError(path, errorText);
  return { delivered, lastIndex, viaStandby };
}

export function buildDecodeArgs(source: DecodeSource, request: DecodeRequest, features: Features): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];
  if (request.singleThreaded) args.push('-threads', '1');
  args.push(...inputArgs(source, request.fromIndex));
  args.push(...outputArgs(source, request, keptFrames(source, request), features));
  return args;
}

/**
 * A standby process: ffmpeg already started, blocked reading a concat script from stdin. The
 * script (see standbyScript) names the file and, as inpoint, the wanted frame: the concat demuxer
 * seeks to the keyframe at or before it and shifts every timestamp by the inpoint, so the wanted
 * frame arrives with pts 0 and a fixed `select` drops the frames before it before any scaling.
 */
export function buildStandbyArgs(source: DecodeSource, request: Pick<DecodeRequest, 'size' | 'quality'>, features: Features): string[] {
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-noautorotate',
    '-protocol_whitelist', 'file,pipe', '-f', 'concat', '-safe', '0', '-auto_convert', '0',
    '-copyts', '-i', 'pipe:0', '-map', `0:${source.streamIndex}`, '-an', '-sn', '-dn',
    ...outputArgs(source, request, 0, features),
  ];
}

/** Which decoded frames go on to be scaled and encoded (see frameFilters). */
function keptFrames(source: DecodeSource, request: DecodeRequest): FrameSelection {
  if (request.only) {
    // Neighbouring frames make one window: fewer terms for select's expression.
    const windows: [number, number][] = [];
    for (const index of request.only) {
      const window = ptsWindow(source.pts, index);
      const last = windows[windows.length - 1];
      if (last && window[0] <= last[1] + 1) last[1] = Math.max(last[1], window[1]);
      else windows.push(window);
    }
    return windows;
  }
  return request.keepFromIndex > request.fromIndex ? source.pts[request.keepFromIndex]! : null;
}

/**
 * The pts range that is frame `index` and no other: half-way to its neighbours, so a filter
 * timestamp a tick off still selects it (showinfo then identifies it exactly).
 */
function ptsWindow(pts: readonly number[], index: number): [number, number] {
  const own = pts[index]!;
  const before = index > 0 ? Math.floor((pts[index - 1]! + own) / 2) + 1 : own;
  const after = index + 1 < pts.length ? Math.ceil((own + pts[index + 1]!) / 2) - 1 : own;
  return [Math.min(before, own), Math.max(after, own)];
}

function outputArgs(
  source: DecodeSource,
  request: Pick<DecodeRequest, 'size' | 'quality' | 'format'>,
  keep: FrameSelection,
  features: Features,
): string[] {
  const png = request.format === 'png';
  const filters = frameFilters(source, request.size, keep, png ? 'rgb24' : 'jpeg');
  filters.push(features.showinfoChecksum ? 'showinfo=checksum=0' : 'showinfo');
  return [
    '-vf', filters.join(','),
    ...(features.modernFps ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    // The encoder keeps the stream's time base, or VFR frames that round to one tick would be refused.
    '-enc_time_base', '-1',
    ...(png
      ? ['-c:v', 'png']
      : [
          ...jpegEncoderArgs(request.quality),
          // Standard tables instead of per-frame optimal ones: ~10 % less CPU per frame, ~3 % larger files.
          '-huffman', 'default',
        ]),
    '-f', 'image2pipe', 'pipe:1',
  ];
}

/**
 * JPEG from the full-range yuv420p that frameFilters(…, 'jpeg') makes. Without these flags ffmpeg
 * picks the encoder's yuvj420p and lets swscale convert the range, which costs more CPU than the
 * JPEG encoding itself (measured: 4.9 s vs 4.2 s of CPU for 960 frames at 960 px). `-color_range
 * pc` keeps the encoder from marking the file "CS=ITU601" (limited range) for ffmpeg readers.
 */
export function jpegEncoderArgs(quality: number): string[] {
  return ['-c:v', 'mjpeg', '-q:v', String(quality), '-strict', '-1', '-pix_fmt', 'yuv420p', '-color_range', 'pc'];
}

/**
 * The concat script that hands frame `keepIndex` to a standby process, and the shift (stream time
 * base) the concat demuxer subtracts from every pts: av_rescale_q(inpoint µs → time base), rounded
 * to nearest. The inpoint is chosen so that the shift lands on the wanted frame's pts or just
 * below it, above the previous frame's — then pts ≥ 0 is exactly "this frame or later", and every
 * frame is still identified by its own pts (showinfo pts + shift). Null when no inpoint does that
 * (or the path cannot be written into a script): the request then starts its own process.
 */
export function standbyScript(
  source: Pick<DecodeSource, 'path' | 'pts' | 'timeBase' | 'ignoreEditList'>,
  keepIndex: number,
  features: Pick<Features, 'concatFileOptions'>,
): { text: string; shift: number } | null {
  if (/[\r\n]/.test(source.path) || !standbyCanRead(source, features)) return null;
  const target = source.pts[keepIndex];
  if (target === undefined || !Number.isSafeInteger(target)) return null;
  const previous = keepIndex > 0 ? source.pts[keepIndex - 1]! : Number.NEGATIVE_INFINITY;
  const num = BigInt(source.timeBase[0]);
  const den = BigInt(source.timeBase[1]);
  const scaled = BigInt(target) * num * 1_000_000n;
  const floor = scaled / den;
  for (const micros of [scaled % den === 0n ? floor : floor + 1n, floor]) {
    if (micros <= 0n) continue;
    const shift = rescaleMicros(micros, num, den);
    if (shift > target || shift <= previous) continue;
    const seconds = `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`;
    const file = `file:${source.path}`.replaceAll("'", "'\\''");
    // Options apply to the file line above them: the file is opened (and seeked) as the probe read it.
    const options = source.ignoreEditList ? 'option ignore_editlist 1\n' : '';
    return { text: `ffconcat version 1.0\nfile '${file}'\n${options}inpoint ${seconds}\n`, shift };
  }
  return null;
}

/** A standby's concat script can open this clip the way it was indexed. */
function standbyCanRead(source: Pick<DecodeSource, 'ignoreEditList'>, features: Pick<Features, 'concatFileOptions'>): boolean {
  return !source.ignoreEditList || features.concatFileOptions;
}

/** av_rescale_q(micros, 1/1000000, num/den) with FFmpeg's default rounding (nearest, halves away from 0). */
function rescaleMicros(micros: bigint, num: bigint, den: bigint): number {
  const divisor = 1_000_000n * num;
  return Number((micros * den + divisor / 2n) / divisor);
}

/** Input options: seek to the keyframe group of `fromIndex`, keep the file's own timestamps. */
export function inputArgs(source: DecodeSource, fromIndex: number): string[] {
  const args = ['-noautorotate'];
  if (fromIndex > 0) {
    // Seek to a point just past the start frame: ffmpeg lands on the last keyframe at or before it.
    // A quarter of the way to the next frame, not half: the AVI demuxer rounds the seek time to
    // the nearest frame, so from half-way an all-intra AVI started one frame late.
    const at = source.times[fromIndex]!;
    const next = source.times[fromIndex + 1] ?? at + 0.001;
    args.push('-ss', Math.max(0, at + (next - at) / 4 - source.formatStartTime).toFixed(6), '-noaccurate_seek');
  }
  args.push(...editListArgs(source.ignoreEditList), '-copyts', '-i', source.path, '-map', `0:${source.streamIndex}`, '-an', '-sn', '-dn');
  return args;
}

/** Limited (video) range → full (JPEG) range, as a lookup table: far cheaper than swscale's conversion. */
const EXPAND_RANGE =
  "lutyuv=y='clip((val-16)*255/219,0,255)':u='clip((val-128)*255/224+128,0,255)':v='clip((val-128)*255/224+128,0,255)'";

/** A first pts to keep (every later frame too), pts windows of the only frames to keep, or all (null). */
export type FrameSelection = number | null | readonly (readonly [number, number])[];

/**
 * Filters shared by stepping frames and exported stills: drop the frames not kept before any
 * costly work, scale, turn the picture upright (after scaling, so the transpose moves fewer
 * pixels), convert. For 'jpeg' the picture leaves as full-range yuv420p (see jpegEncoderArgs):
 * swscale scales into limited range whatever the source (a no-op for phone video), then a
 * lookup table expands it.
 */
export function frameFilters(orientation: Orientation, size: OutputSize, keep: FrameSelection, output: 'jpeg' | 'rgb24'): string[] {
  const filters: string[] = [];
  if (typeof keep === 'number') filters.push(`select='gte(pts\\,${keep})'`);
  else if (keep !== null) filters.push(`select='${keep.map(([low, high]) => `between(pts\\,${low}\\,${high})`).join('+')}'`);
  const turned = orientation.rotation === 90 || orientation.rotation === 270;
  const scaleTo = turned ? `${size.height}:${size.width}` : `${size.width}:${size.height}`;
  if (output === 'jpeg') filters.push(`scale=${scaleTo}:flags=bilinear:out_range=tv`, 'format=yuv420p', EXPAND_RANGE);
  else filters.push(`scale=${scaleTo}:flags=bicubic`, 'format=rgb24');
  filters.push(...rotationFilters(orientation.rotation, orientation.mirrored));
  return filters;
}

/**
 * The turn, then (when mirrored) a left–right flip, as one filter where possible: a mirrored
 * quarter turn is a transpose with a flip built in, and a mirrored half turn is a vertical flip
 * (the same filters ffmpeg's own autorotate picks for such display matrices).
 */
export function rotationFilters(rotation: Rotation, mirrored = false): string[] {
  if (mirrored) return [...MIRRORED_TURN_FILTERS[rotation]];
  switch (rotation) {
    case 90:
      return ['transpose=clock'];
    case 180:
      return ['hflip', 'vflip'];
    case 270:
      return ['transpose=cclock'];
    default:
      return [];
  }
}

const MIRRORED_TURN_FILTERS: Record<Rotation, readonly string[]> = {
  0: ['hflip'],
  90: ['transpose=cclock_flip'],
  180: ['vflip'],
  270: ['transpose=clock_flip'],
};

function nearestIndex(times: readonly number[], seconds: number): number | undefined {
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid]! < seconds) low = mid + 1;
    else high = mid;
  }
  const candidates = [low - 1, low].filter((i) => i >= 0 && i < times.length);
  let best: number | undefined;
  for (const i of candidates) {
    if (best === undefined || Math.abs(times[i]! - seconds) < Math.abs(times[best]! - seconds)) best = i;
  }
  // More than half a millisecond away is not this frame.
  return best !== undefined && Math.abs(times[best]! - seconds) < 5e-4 ? best : undefined;
}

function decodeError(path: string, stderr: string): MidstanceError {
  const name = basename(path);
  if (/Decoder \(codec [^)]*\) not found|Unsupported codec|No decoder/i.test(stderr)) {
    return new MidstanceError(
      'media-unsupported',
      `"${name}" uses a video format that this ffmpeg cannot decode. Convert it to H.264 MP4 or install a fuller ffmpeg build.`,
      { path, ffmpeg: stderr.trim().split('\n').slice(-3).join('\n') },
    );
  }
  return new MidstanceError(
    'media-unreadable',
    `Frames of "${name}" could not be decoded; the file may be damaged.`,
    { path, ffmpeg: stderr.trim().split('\n').slice(-3).join('\n') },
  );
}
