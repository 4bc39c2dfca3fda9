import { MidstanceError } from '../../common/contract/errors.ts';
import { type DecodeSource, type OutputSize, inputArgs, rotationFilters } from '../media/decoder.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import { cancelledError, startProcess } from '../media/processes.ts';
import { keyframeAtOrBefore } from '../media/keyframes.ts';
import { LineSplitter, parseShowinfoFrame, parseShowinfoTimeBase } from '../media/showinfo.ts';

/**
 * Raw pixels of a run of frames, upright, at a given size: what tracking and pose work on (they need pixels,
 * not JPEG). One ffmpeg process per run with the caller's AbortSignal (killed and reaped on abort); each
 * picture is identified by the pts showinfo reports for it, never by counting.
 */
export interface RawFrameRequest {
  ffmpeg: ResolvedTool;
  source: DecodeSource;
  keyframes: readonly number[];
  /** First and last frame delivered (display indices, fromIndex ≤ toIndex). */
  fromIndex: number;
  toIndex: number;
  /** Upright output size. */
  size: OutputSize;
  channels: 1 | 3;
  signal: AbortSignal;
  /** Lower CPU priority (a job the user did not wait on). */
  background?: boolean;
}

export interface RawFrame {
  index: number;
  data: Uint8Array;
}

const modernFps = (ffmpeg: ResolvedTool) =>
  ffmpeg.parsed === null || ffmpeg.parsed.major >= 6 || (ffmpeg.parsed.major === 5 && ffmpeg.parsed.minor >= 1);

/** Frames fromIndex…toIndex in display order. */
export async function readRawFrames(request: RawFrameRequest, onFrame: (frame: RawFrame) => void): Promise<number> {
  const { source, signal, size } = request;
  if (signal.aborted) throw cancelledError();
  const start = keyframeAtOrBefore(request.keyframes, request.fromIndex);
  const keepPts = request.fromIndex > start ? source.pts[request.fromIndex]! : null;
  const turned = source.rotation === 90 || source.rotation === 270;
  const filters: string[] = [];
  if (keepPts !== null) filters.push(`select='gte(pts\\,${keepPts})'`);
  filters.push(`scale=${turned ? `${size.height}:${size.width}` : `${size.width}:${size.height}`}:flags=bilinear`);
  filters.push(request.channels === 1 ? 'format=gray' : 'format=rgb24');
  filters.push(...rotationFilters(source.rotation, source.mirrored), 'showinfo');
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    ...inputArgs(source, start),
    '-vf', filters.join(','),
    ...(modernFps(request.ffmpeg) ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-f', 'rawvideo', 'pipe:1',
  ];
  const running = startProcess(request.ffmpeg.path, args, { signal, background: request.background });
  const indexByPts = new Map<number, number>();
  source.pts.forEach((pts, index) => indexByPts.set(pts, index));
  const frameBytes = size.width * size.height * request.channels;
  const pictures: Uint8Array[] = [];
  const stamps: number[] = [];
  let partial = new Uint8Array(frameBytes);
  let filled = 0;
  let timeBase: [number, number] | null = null;
  let delivered = 0;
  let done = false;
  let errorText = '';
  const lines = new LineSplitter();

  const indexOf = (pts: number): number | undefined => {
    if (!timeBase || (timeBase[0] === source.timeBase[0] && timeBase[1] === source.timeBase[1])) return indexByPts.get(pts);
    const seconds = (pts * timeBase[0]) / timeBase[1];
    let best: number | undefined;
    let bestGap = Infinity;
    for (let i = request.fromIndex; i <= request.toIndex; i++) {
      const gap = Math.abs(source.times[i]! - seconds);
      if (gap < bestGap) (bestGap = gap), (best = i);
    }
    return best;
  };
  const pair = () => {
    while (!done && pictures.length > 0 && stamps.length > 0) {
      const data = pictures.shift()!;
      const index = indexOf(stamps.shift()!);
      if (index === undefined || index < request.fromIndex) continue;
      delivered += 1;
      onFrame({ index, data });
      if (index >= request.toIndex) {
        done = true;
        running.kill();
      }
    }
  };
  running.child.stdout.on('data', (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      partial.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        pictures.push(partial);
        partial = new Uint8Array(frameBytes);
        filled = 0;
      }
    }
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
  for (const line of lines.flush()) {
    const frame = parseShowinfoFrame(line);
    if (frame) stamps.push(frame.pts);
  }
  pair();
  if (signal.aborted) throw cancelledError();
  if (!done && delivered === 0 && exit.code !== 0) {
    const reason = errorText.trim().split('\n').pop() ?? 'ffmpeg stopped';
    throw new MidstanceError('media-unreadable', `The frames of this clip could not be read for tracking: ${reason}`, {
      path: source.path,
    });
  }
  return delivered;
}

/**
 * Frames from `fromIndex` down to `toIndex` (fromIndex ≥ toIndex), newest first: decoded forward in chunks of at
 * most `chunk` frames, each chunk handed out backwards, so memory stays bounded whatever the clip's length.
 */
export async function readRawFramesBackward(
  request: Omit<RawFrameRequest, 'fromIndex' | 'toIndex'> & { fromIndex: number; toIndex: number; chunk?: number },
  onFrame: (frame: RawFrame) => void | Promise<void>,
): Promise<number> {
  const chunk = request.chunk ?? 128;
  let end = request.fromIndex;
  let delivered = 0;
  while (end >= request.toIndex) {
    const start = Math.max(request.toIndex, end - chunk + 1);
    const frames: RawFrame[] = [];
    await readRawFrames({ ...request, fromIndex: start, toIndex: end }, (frame) => frames.push(frame));
    frames.sort((a, b) => b.index - a.index);
    for (const frame of frames) {
      if (request.signal.aborted) throw cancelledError();
      await onFrame(frame);
      delivered += 1;
    }
    end = start - 1;
  }
  return delivered;
}
