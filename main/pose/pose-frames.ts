import { MidstanceError } from '../../common/contract/errors.ts';
import { type DecodeSource, type OutputSize, frameFilters, inputArgs } from '../media/decoder.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import { cancelledError, startProcess } from '../media/processes.ts';
import { LineSplitter, parseShowinfoFrame, parseShowinfoTimeBase } from '../media/showinfo.ts';
import { keyframeAtOrBefore } from '../media/keyframes.ts';

/**
 * RGB pictures of frames fromIndex…toIndex, upright, at `size`, for the pose model. One ffmpeg
 * process per run (killed and reaped on abort); each picture is identified by the pts showinfo
 * reports for it. The reader is pulled: ffmpeg's pipe is paused while more than a few pictures wait,
 * so a model at 300 ms per frame never lets decoded frames pile up in memory.
 */
export interface RgbFrame {
  index: number;
  pixels: Uint8Array;
}

export interface RgbFrameRequest {
  ffmpeg: ResolvedTool;
  source: DecodeSource;
  keyframes: readonly number[];
  fromIndex: number;
  toIndex: number;
  size: OutputSize;
  signal: AbortSignal;
}

const AHEAD = 4;

export async function* readRgbFrames(request: RgbFrameRequest): AsyncGenerator<RgbFrame> {
  const { source, signal, size, ffmpeg } = request;
  if (signal.aborted) throw cancelledError();
  const start = keyframeAtOrBefore(request.keyframes, request.fromIndex);
  const keepPts = request.fromIndex > start ? source.pts[request.fromIndex]! : null;
  const modernFps = ffmpeg.parsed === null || ffmpeg.parsed.major >= 6 || (ffmpeg.parsed.major === 5 && ffmpeg.parsed.minor >= 1);
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    ...inputArgs(source, start),
    '-vf', [...frameFilters(source, size, keepPts, 'rgb24'), 'showinfo'].join(','),
    ...(modernFps ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-f', 'rawvideo', 'pipe:1',
  ];
  const running = startProcess(ffmpeg.path, args, { signal });
  const indexByPts = new Map<number, number>();
  source.pts.forEach((pts, index) => indexByPts.set(pts, index));
  const frameBytes = size.width * size.height * 3;
  const pictures: Uint8Array[] = [];
  const stamps: number[] = [];
  let partial = new Uint8Array(frameBytes);
  let filled = 0;
  let timeBase: [number, number] | null = null;
  let errorText = '';
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const lines = new LineSplitter();
  const indexOf = (pts: number): number | undefined => {
    if (!timeBase || (timeBase[0] === source.timeBase[0] && timeBase[1] === source.timeBase[1])) return indexByPts.get(pts);
    const seconds = (pts * timeBase[0]) / timeBase[1];
    let best: number | undefined;
    let bestGap = Number.POSITIVE_INFINITY;
    for (let i = Math.max(0, start); i <= request.toIndex; i += 1) {
      const gap = Math.abs(source.times[i]! - seconds);
      if (gap < bestGap) [bestGap, best] = [gap, i];
    }
    return bestGap < 5e-4 ? best : undefined;
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
    if (pictures.length >= AHEAD) running.child.stdout.pause();
    notify();
  });
  running.child.stderr.setEncoding('utf8');
  const readStderr = (text: string) => {
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
    notify();
  };
  running.child.stderr.on('data', readStderr);
  void running.exited.then(() => {
    for (const line of lines.flush()) {
      const frame = parseShowinfoFrame(line);
      if (frame) stamps.push(frame.pts);
    }
    exited = true;
    notify();
  });
  let delivered = 0;
  try {
    while (true) {
      if (signal.aborted) throw cancelledError();
      if (pictures.length > 0 && stamps.length > 0) {
        const pixels = pictures.shift()!;
        const index = indexOf(stamps.shift()!);
        if (pictures.length < AHEAD) running.child.stdout.resume();
        if (index === undefined || index < request.fromIndex) continue;
        delivered += 1;
        yield { index, pixels };
        if (index >= request.toIndex) return;
        continue;
      }
      if (exited) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (signal.aborted) throw cancelledError();
    if (delivered === 0) {
      const reason = errorText.trim().split('\n').pop() ?? 'ffmpeg stopped';
      throw new MidstanceError('media-unreadable', `The frames of this clip could not be read for landmark detection: ${reason}`, {
        path: source.path,
      });
    }
  } finally {
    running.kill();
    // A paused pipe with unread data would keep the process from ever counting as closed.
    running.child.stdout.removeAllListeners('data');
    running.child.stdout.resume();
    await running.exited;
  }
}
