import { captureTimeAt, type RateInfo, type TimedFrames } from '../media-time.ts';

/**
 * How a slowed export shows a range of frames. Pure, so the rule is tested and documented in one place.
 *
 * - Speed comes from the capture rate (common/media-time): at 1/s of real speed a frame filmed 1/C s after the
 *   previous one appears s/C s after it. A 240 fps recording stored as a 30 fps file and a 240 fps file export
 *   alike: both are 240 frames per real second.
 * - The video runs at C/s frames per second, so every frame of the range appears once (240 fps at 1/8: 30 fps).
 *   Below 24 fps (240 fps at 1/16, 120 fps at 1/8) each frame is repeated a whole number of times to reach at
 *   least 24 fps, because players and phones handle very low rates badly; the pictures still change at C/s.
 * - Variable frame rate: each frame is shown for its real duration (its own timestamp to the next frame's),
 *   rounded to whole output frames; a frame is never dropped at either end of the range.
 * - Drawings belong to one frame and would flash by in 1/30 s. A frame that carries drawings is therefore held
 *   (frozen, drawings shown) for `holdSeconds` of video — what a coach does when showing a clip: stop at the
 *   measured moment, then carry on. holdSeconds 0 shows them for their frame's own time only.
 */
export const SLOW_FACTORS = [2, 4, 8, 16] as const;
export type SlowFactor = (typeof SLOW_FACTORS)[number];

/** Output rates below this get whole-number repeats of each frame. */
export const MIN_OUTPUT_FPS = 24;

export interface VideoPlanInput {
  frames: TimedFrames;
  rates: RateInfo;
  from: number;
  to: number;
  /** 8 = one eighth of real speed. */
  slow: number;
  /** Frames in the range that carry drawings. */
  heldFrames: ReadonlySet<number>;
  holdSeconds: number;
}

export interface VideoPlan {
  /** Output frames per second. */
  fps: number;
  /** Times each source frame appears, by index − from. */
  copies: number[];
  totalFrames: number;
  /** Length of the video, seconds. */
  durationSeconds: number;
}

export function planSlowVideo(input: VideoPlanInput): VideoPlan {
  const capture = input.rates.captureFps > 0 ? input.rates.captureFps : input.rates.fileFps;
  const base = capture / input.slow;
  const repeat = base >= MIN_OUTPUT_FPS ? 1 : Math.ceil(MIN_OUTPUT_FPS / base);
  const fps = base * repeat;
  // Output frame at which each source frame starts: its real time from the range's start × s × fps.
  const startOf = (index: number): number => {
    if (index > input.to) return startOf(input.to) + repeat;
    const seconds = captureTimeAt(input.frames, input.rates, index) - captureTimeAt(input.frames, input.rates, input.from);
    return Math.round(seconds * input.slow * fps);
  };
  const hold = Math.round(input.holdSeconds * fps);
  const copies: number[] = [];
  for (let index = input.from; index <= input.to; index++) {
    let count = startOf(index + 1) - startOf(index);
    if (index === input.from || index === input.to) count = Math.max(1, count);
    if (input.heldFrames.has(index)) count = Math.max(count, hold, 1);
    copies.push(Math.max(0, count));
  }
  const totalFrames = copies.reduce((sum, n) => sum + n, 0);
  return { fps, copies, totalFrames, durationSeconds: totalFrames / fps };
}
