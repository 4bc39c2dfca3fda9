import { basename } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import { nearestFrame } from '../../common/media-time.ts';
import { type DecodeSource, type OutputSize, inputArgs, rotationFilters } from './decoder.ts';
import type { ResolvedTool } from './ffmpeg-path.ts';
import { keyframeAtOrBefore } from './keyframes.ts';
import { cancelledError, startProcess } from './processes.ts';
import { LineSplitter, parseShowinfoFrame, parseShowinfoTimeBase } from './showinfo.ts';

/**
 * Raw pixels of a range of frames, upright: what tracking (grey or RGB preview frames), pose (RGB at the
 * model's size) and the exports (full-size RGBA, or BT.709 limited-range yuv420p for the slowed video)
 * work on. One ffmpeg process per range, with the viewer's seek (inputArgs) and turn (rotationFilters),
 * ended and reaped on abort, when the range is done or when the consumer stops early. Every picture is
 * identified by the pts showinfo reports for it, never by counting. Reading is pulled: ffmpeg's pipe is
 * paused while a few pictures (at most ~32 MB) wait, so a slow consumer never makes frames pile up.
 */
export type RawPixelFormat = 'gray' | 'rgb24' | 'rgba' | 'yuv420p';

export interface RawFrameRequest {
  ffmpeg: ResolvedTool;
  source: DecodeSource;
  keyframes: readonly number[];
  /** First and last frame delivered (display indices, fromIndex ≤ toIndex). */
  fromIndex: number;
  toIndex: number;
  /** Upright size of the pictures: with `scaling` 'none' the frame's own (yuv420p: cut to even edges). */
  size: OutputSize;
  pixelFormat: RawPixelFormat;
  /** How the frame is brought to `size`: bilinear (default), bicubic (sharper), or none (it is the frame's own size). */
  scaling?: 'bilinear' | 'bicubic' | 'none';
  signal?: AbortSignal;
  /** Lower CPU priority (a job the user did not wait on). */
  background?: boolean;
  /**
   * Every frame of the range is needed (exports): ending before toIndex is a 'media-unreadable' error.
   * Otherwise a range that ends early just ends, and only a range with no frame at all is an error.
   */
  complete?: boolean;
}

export interface RawFrame {
  index: number;
  /** Pixels, rows top to bottom; a fresh buffer per frame, the consumer's to keep or change. */
  data: Buffer;
}

export const yuv420pBytes = (width: number, height: number): number => width * height + 2 * ((width >> 1) * (height >> 1));

/** The size of the pictures a request delivers. */
export function rawOutputSize(request: Pick<RawFrameRequest, 'size' | 'pixelFormat'>): OutputSize {
  const { width, height } = request.size;
  return request.pixelFormat === 'yuv420p' ? { width: width - (width % 2), height: height - (height % 2) } : { width, height };
}

export function rawFrameBytes(size: OutputSize, format: RawPixelFormat): number {
  switch (format) {
    case 'gray':
      return size.width * size.height;
    case 'rgb24':
      return size.width * size.height * 3;
    case 'rgba':
      return size.width * size.height * 4;
    case 'yuv420p':
      return yuv420pBytes(size.width, size.height);
  }
}

/** The filter chain: keep from the first frame, scale (before turning: fewer pixels to turn), convert, turn. */
export function rawFrameFilters(request: Pick<RawFrameRequest, 'size' | 'pixelFormat' | 'scaling'>, source: Pick<DecodeSource, 'rotation' | 'mirrored'>, keepPts: number | null): string[] {
  const filters: string[] = [];
  if (keepPts !== null) filters.push(`select='gte(pts\\,${keepPts})'`);
  const turn = rotationFilters(source.rotation, source.mirrored);
  if (request.pixelFormat === 'yuv420p') {
    filters.push(...turn, 'crop=trunc(iw/2)*2:trunc(ih/2)*2', 'scale=out_color_matrix=bt709:out_range=tv', 'format=yuv420p');
  } else {
    if (request.scaling !== 'none') {
      const turned = source.rotation === 90 || source.rotation === 270;
      const { width, height } = request.size;
      filters.push(`scale=${turned ? `${height}:${width}` : `${width}:${height}`}:flags=${request.scaling ?? 'bilinear'}`);
    }
    filters.push(`format=${request.pixelFormat}`, ...turn);
  }
  filters.push('showinfo');
  return filters;
}

const MAX_WAITING_BYTES = 32 * 1024 * 1024;

export async function* readFrames(request: RawFrameRequest): AsyncGenerator<RawFrame> {
  const { source, signal, fromIndex, toIndex } = request;
  if (signal?.aborted) throw cancelledError();
  const start = keyframeAtOrBefore(request.keyframes, fromIndex);
  const keepPts = fromIndex > start ? source.pts[fromIndex]! : null;
  const modernFps = request.ffmpeg.parsed === null || request.ffmpeg.parsed.major >= 6 || (request.ffmpeg.parsed.major === 5 && request.ffmpeg.parsed.minor >= 1);
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    ...inputArgs(source, start),
    '-vf', rawFrameFilters(request, source, keepPts).join(','),
    ...(modernFps ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-f', 'rawvideo', '-pix_fmt', request.pixelFormat, 'pipe:1',
  ];
  // Our own controller: the process also ends when the consumer stops early (return() on the generator).
  const controller = new AbortController();
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  const running = startProcess(request.ffmpeg.path, args, { signal: controller.signal, background: request.background });
  const frameBytes = rawFrameBytes(rawOutputSize(request), request.pixelFormat);
  const ahead = Math.max(1, Math.min(4, Math.floor(MAX_WAITING_BYTES / frameBytes)));
  const indexByPts = new Map<number, number>();
  source.pts.forEach((pts, index) => indexByPts.set(pts, index));
  let timeBase: [number, number] = source.timeBase;
  const indexOf = (pts: number): number | undefined => {
    if (timeBase[0] === source.timeBase[0] && timeBase[1] === source.timeBase[1]) return indexByPts.get(pts);
    // The filter graph chose another time base: match by time (within half a millisecond).
    const seconds = (pts * timeBase[0]) / timeBase[1];
    const near = nearestFrame(source, seconds);
    return Math.abs(source.times[near]! - seconds) < 5e-4 ? near : undefined;
  };

  const pictures: Buffer[] = [];
  const stamps: number[] = [];
  // Never from the shared pool: a picture may be transferred to a worker thread whole.
  let partial = Buffer.allocUnsafeSlow(frameBytes);
  let filled = 0;
  let errorText = '';
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  running.child.stdout.on('data', (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(partial, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        pictures.push(partial);
        partial = Buffer.allocUnsafeSlow(frameBytes);
        filled = 0;
      }
    }
    if (pictures.length >= ahead) running.child.stdout.pause();
    notify();
  });
  const lines = new LineSplitter();
  const readLine = (line: string) => {
    const frame = parseShowinfoFrame(line);
    if (frame) {
      stamps.push(frame.pts);
      return;
    }
    const configured = parseShowinfoTimeBase(line);
    if (configured) timeBase = configured;
    else if (line.trim() && !line.includes('Parsed_showinfo') && errorText.length < 4000) errorText += `${line}\n`;
  };
  running.child.stderr.setEncoding('utf8');
  running.child.stderr.on('data', (text: string) => {
    for (const line of lines.push(text)) readLine(line);
    notify();
  });
  void running.exited.then(() => {
    for (const line of lines.flush()) readLine(line);
    exited = true;
    notify();
  });

  let delivered = 0;
  let last = -1;
  try {
    while (last < toIndex) {
      if (signal?.aborted) throw cancelledError();
      // A picture waits for its stamp (stderr and stdout are read independently).
      if (pictures.length > 0 && stamps.length > 0) {
        const data = pictures.shift()!;
        const index = indexOf(stamps.shift()!);
        if (pictures.length < ahead) running.child.stdout.resume();
        if (index === undefined || index < fromIndex || index > toIndex) continue;
        delivered += 1;
        last = index;
        yield { index, data };
        continue;
      }
      if (exited && (pictures.length === 0 || stamps.length === 0)) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (signal?.aborted) throw cancelledError();
    const reason = errorText.trim().split('\n').slice(-2).join(' ');
    const name = basename(source.path);
    if (request.complete && last < toIndex) {
      throw new MidstanceError('media-unreadable', `Frames ${fromIndex}–${toIndex} of "${name}" could not all be decoded (${delivered} read). ${reason}`.trim(), {
        path: source.path,
        from: fromIndex,
        to: toIndex,
        delivered,
      });
    }
    if (delivered === 0) {
      throw new MidstanceError('media-unreadable', `The frames of "${name}" could not be read: ${reason || 'ffmpeg stopped'}`, { path: source.path });
    }
  } finally {
    signal?.removeEventListener('abort', forward);
    running.kill();
    // A paused pipe with unread data would keep the process from ever counting as closed.
    running.child.stdout.removeAllListeners('data');
    running.child.stdout.resume();
    await running.exited;
  }
}

/**
 * Frames from `fromIndex` down to `toIndex` (fromIndex ≥ toIndex), newest first: decoded forward in chunks of at
 * most `chunk` frames, each chunk handed out backwards, so memory stays bounded whatever the clip's length.
 */
export async function* readFramesBackward(request: RawFrameRequest & { chunk?: number }): AsyncGenerator<RawFrame> {
  const chunk = request.chunk ?? 128;
  let end = request.fromIndex;
  while (end >= request.toIndex) {
    const start = Math.max(request.toIndex, end - chunk + 1);
    const frames: RawFrame[] = [];
    for await (const frame of readFrames({ ...request, fromIndex: start, toIndex: end })) frames.push(frame);
    frames.sort((a, b) => b.index - a.index);
    for (const frame of frames) {
      if (request.signal?.aborted) throw cancelledError();
      yield frame;
    }
    end = start - 1;
  }
}
