import { basename } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { Rotation } from '../../common/contract/media.ts';
import type { ResolvedTool } from './ffmpeg-path.ts';
import { JpegStreamSplitter } from './jpeg-stream.ts';
import { cancelledError, startProcess } from './processes.ts';
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
  /** Warm-up: lower CPU priority, so frames someone waits for get the CPU first. */
  background: boolean;
}

export interface DecodeOutcome {
  delivered: number;
  /** Last display index delivered, or null. */
  lastIndex: number | null;
}

export interface FrameDecoder {
  readonly name: string;
  decode(request: DecodeRequest, onFrame: (index: number, jpeg: Uint8Array) => void, signal: AbortSignal): Promise<DecodeOutcome>;
}

/** What the ffmpeg backend needs to know about a clip (from the probe). */
export interface DecodeSource {
  path: string;
  streamIndex: number;
  formatStartTime: number;
  rotation: Rotation;
  timeBase: [number, number];
  /** Presentation timestamps (stream time base) in display order. */
  pts: readonly number[];
  times: readonly number[];
}

/** A job that produces nothing for this long is considered stuck and killed. */
const STALL_TIMEOUT_MS = 20_000;

export function createFfmpegDecoder(ffmpeg: ResolvedTool, source: DecodeSource): FrameDecoder {
  const indexByPts = new Map<number, number>();
  source.pts.forEach((pts, index) => indexByPts.set(pts, index));
  const modernFps = ffmpeg.parsed === null || ffmpeg.parsed.major >= 6 || (ffmpeg.parsed.major === 5 && ffmpeg.parsed.minor >= 1);
  const showinfoChecksum = ffmpeg.parsed === null || ffmpeg.parsed.major > 4 || ffmpeg.parsed.minor >= 4;

  function indexOf(pts: number, timeBase: [number, number]): number | undefined {
    if (timeBase[0] === source.timeBase[0] && timeBase[1] === source.timeBase[1]) return indexByPts.get(pts);
    const seconds = (pts * timeBase[0]) / timeBase[1];
    return nearestIndex(source.times, seconds);
  }

  return {
    name: `ffmpeg ${ffmpeg.version} (child processes, MJPEG pipe)`,
    async decode(request, onFrame, signal) {
      const args = buildDecodeArgs(source, request, { modernFps, showinfoChecksum });
      const running = startProcess(ffmpeg.path, args, { signal, background: request.background });
      const jpegs = new JpegStreamSplitter();
      const lines = new LineSplitter();
      const images: Uint8Array[] = [];
      const stamps: number[] = [];
      let timeBase: [number, number] = source.timeBase;
      let delivered = 0;
      let lastIndex: number | null = null;
      let reachedEnd = false;
      let errorText = '';
      let stallTimer: NodeJS.Timeout | undefined;
      const armStallTimer = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => running.kill(), STALL_TIMEOUT_MS);
      };
      armStallTimer();

      const pair = () => {
        while (images.length > 0 && stamps.length > 0 && !reachedEnd) {
          const image = images.shift()!;
          const index = indexOf(stamps.shift()!, timeBase);
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
        images.push(...jpegs.push(chunk));
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
      const exit = await running.exited;
      clearTimeout(stallTimer);
      for (const line of lines.flush()) {
        const frame = parseShowinfoFrame(line);
        if (frame) stamps.push(frame.pts);
      }
      pair();
      if (signal.aborted) throw cancelledError();
      if (!reachedEnd && delivered === 0 && exit.code !== 0) throw decodeError(source.path, errorText);
      return { delivered, lastIndex };
    },
  };
}

export function buildDecodeArgs(
  source: DecodeSource,
  request: DecodeRequest,
  features: { modernFps: boolean; showinfoChecksum: boolean },
): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];
  args.push(...inputArgs(source, request.fromIndex));
  const keepPts = request.keepFromIndex > request.fromIndex ? source.pts[request.keepFromIndex]! : null;
  const filters = frameFilters(source.rotation, request.size, keepPts, 'yuvj420p');
  filters.push(features.showinfoChecksum ? 'showinfo=checksum=0' : 'showinfo');
  args.push('-vf', filters.join(','));
  args.push(...(features.modernFps ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']));
  // The encoder keeps the stream's time base, or VFR frames that round to one tick would be refused.
  args.push('-enc_time_base', '-1', '-c:v', 'mjpeg', '-q:v', String(request.quality), '-f', 'image2pipe', 'pipe:1');
  return args;
}

/** Input options: seek to the keyframe group of `fromIndex`, keep the file's own timestamps. */
export function inputArgs(source: DecodeSource, fromIndex: number): string[] {
  const args = ['-noautorotate'];
  if (fromIndex > 0) {
    // Seek to a point just past the start frame: ffmpeg lands on the last keyframe at or before it.
    const at = source.times[fromIndex]!;
    const next = source.times[fromIndex + 1] ?? at + 0.001;
    args.push('-ss', Math.max(0, (at + next) / 2 - source.formatStartTime).toFixed(6), '-noaccurate_seek');
  }
  args.push('-copyts', '-i', source.path, '-map', `0:${source.streamIndex}`, '-an', '-sn', '-dn');
  return args;
}

/**
 * Filters shared by stepping frames and exported stills: drop frames before `keepPts` before any
 * costly work, turn the picture upright, scale, convert.
 */
export function frameFilters(rotation: Rotation, size: OutputSize, keepPts: number | null, pixelFormat: string): string[] {
  const filters: string[] = [];
  if (keepPts !== null) filters.push(`select='gte(pts\\,${keepPts})'`);
  filters.push(...rotationFilters(rotation));
  filters.push(`scale=${size.width}:${size.height}:flags=${pixelFormat === 'yuvj420p' ? 'bilinear' : 'bicubic'}`, `format=${pixelFormat}`);
  return filters;
}

export function rotationFilters(rotation: Rotation): string[] {
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
