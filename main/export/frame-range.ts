import { MidstanceError } from '../../common/contract/errors.ts';
import { decodeSourceOf } from '../media/decoder.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import type { ProbeResult } from '../media/probe.ts';
import { type RawFrame, readFrames } from '../media/raw-frames.ts';

/**
 * The exports' frames: full-size, upright pictures of a range (RGBA, or BT.709 limited-range yuv420p for the
 * slowed video, see yuv.ts), every one of them or an error — read by main/media's one raw-frame reader.
 */
export interface RawFrameSize {
  width: number;
  height: number;
}

export function rawFrameSize(probe: ProbeResult): RawFrameSize {
  return { width: probe.info.width, height: probe.info.height };
}

export function checkRange(probe: ProbeResult, from: number, to: number): void {
  const count = probe.table.pts.length;
  const bad = !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= count || from > to;
  if (bad) {
    throw new MidstanceError(
      'invalid-request',
      `Frames ${from}–${to} are not a range of this clip: it has ${count} frames (0–${count - 1}), and the first frame must not come after the last.`,
      { from, to, frameCount: count },
    );
  }
}

export function exportFrames(range: { ffmpeg: ResolvedTool; probe: ProbeResult; from: number; to: number; signal?: AbortSignal; pixelFormat: 'rgba' | 'yuv420p' }): AsyncGenerator<RawFrame> {
  checkRange(range.probe, range.from, range.to);
  return readFrames({
    ffmpeg: range.ffmpeg,
    source: decodeSourceOf(range.probe),
    keyframes: range.probe.table.keyframes,
    fromIndex: range.from,
    toIndex: range.to,
    size: rawFrameSize(range.probe),
    scaling: 'none',
    pixelFormat: range.pixelFormat,
    signal: range.signal,
    complete: true,
  });
}
