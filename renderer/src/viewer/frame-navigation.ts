import { frameAtCaptureTime, frameAtFileTime, type RateInfo, type TimedFrames } from '../../../common/media-time.ts';

/**
 * Reads what a user types in "go to": a frame number ("1234"), a real-time ("1.25 s", "1250 ms")
 * or a file time ("f 4.2 s"). Returns the frame index, or null when the text is not understood.
 */
export function parseGoTo(text: string, frames: TimedFrames, rates: RateInfo): number | null {
  const input = text.trim().toLowerCase().replace(',', '.');
  if (input === '') return null;
  const last = Math.max(frames.times.length - 1, 0);
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  const frameMatch = /^#?(\d+)$/.exec(input);
  if (frameMatch) return clamp(Number(frameMatch[1]));
  const timeMatch = /^(f(?:ile)?\s*)?(\d+(?:\.\d+)?)\s*(ms|s)$/.exec(input);
  if (!timeMatch) return null;
  const seconds = Number(timeMatch[2]) / (timeMatch[3] === 'ms' ? 1000 : 1);
  if (timeMatch[1]) return clamp(frameAtFileTime(frames, (frames.times[0] ?? 0) + seconds));
  return clamp(frameAtCaptureTime(frames, rates, seconds));
}

/** Indices to warm around the current frame, nearest first, in the direction of travel first. */
export function neighbourhood(current: number, count: number, frameCount: number, direction: 1 | -1, reach: number): number[] {
  const result: number[] = [];
  for (let step = 1; step <= reach && result.length < count; step += 1) {
    for (const candidate of [current + step * direction, current - step * direction]) {
      if (candidate >= 0 && candidate < frameCount && result.length < count) result.push(candidate);
    }
  }
  return result;
}
