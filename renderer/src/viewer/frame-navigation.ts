import { frameAtCaptureTime, frameAtFileTime, slowMotionFactor, type RateInfo, type TimedFrames } from '../../../common/media-time.ts';

/** What the "go to" field makes of the text typed so far. */
export type GoToReading =
  | { readonly type: 'empty' }
  /** Not a frame or a time; `negative` when it starts with a minus (frames and times start at 0). */
  | { readonly type: 'invalid'; readonly problem: 'negative' | 'not-understood' }
  /**
   * A frame to go to. `beyondEnd`: the text asks for a frame or time after the clip's end, so the target is
   * the last frame — the user is told, never silently moved.
   */
  | { readonly type: 'target'; readonly index: number; readonly beyondEnd: boolean; readonly kind: 'frame' | 'time' };

/**
 * Reads what a user types in "go to": a frame number ("1234"), a real-time ("1.25 s", "1250 ms")
 * or a file time ("f 4.2 s").
 */
export function readGoTo(text: string, frames: TimedFrames, rates: RateInfo): GoToReading {
  const input = text.trim().toLowerCase().replace(',', '.');
  if (input === '') return { type: 'empty' };
  if (/^[-−]/.test(input) || /^f(?:ile)?\s*[-−]/.test(input)) return { type: 'invalid', problem: 'negative' };
  const last = Math.max(frames.times.length - 1, 0);
  const frameMatch = /^#?(\d+)$/.exec(input);
  if (frameMatch) {
    const asked = Number(frameMatch[1]);
    return { type: 'target', index: Math.min(last, asked), beyondEnd: asked > last, kind: 'frame' };
  }
  const timeMatch = /^(f(?:ile)?\s*)?(\d+(?:\.\d+)?)\s*(ms|s)$/.exec(input);
  if (!timeMatch) return { type: 'invalid', problem: 'not-understood' };
  const seconds = Number(timeMatch[2]) / (timeMatch[3] === 'ms' ? 1000 : 1);
  const first = frames.times[0] ?? 0;
  const fileTime = timeMatch[1] ? first + seconds : first + seconds * slowMotionFactor(rates);
  const index = timeMatch[1] ? frameAtFileTime(frames, fileTime) : frameAtCaptureTime(frames, rates, seconds);
  // Past the last frame's own time by more than one frame's duration: beyond the end of the clip.
  const lastTime = frames.times[last] ?? first;
  const frameSeconds = 1 / (rates.fileFps > 0 ? rates.fileFps : 30);
  return { type: 'target', index, beyondEnd: fileTime > lastTime + frameSeconds + 1e-9, kind: 'time' };
}

/** The frame index the text asks for (the last frame when it asks for more), or null when it is not understood. */
export function parseGoTo(text: string, frames: TimedFrames, rates: RateInfo): number | null {
  const reading = readGoTo(text, frames, rates);
  return reading.type === 'target' ? reading.index : null;
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
