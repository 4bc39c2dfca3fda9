import { frameAtFileTime } from '../../../common/media-time.ts';

/**
 * Playback speeds. "file" plays the file as stored (a 30 fps slow-motion file stays slow);
 * the others are fractions of real (capture) speed, which is what a coach reasons in.
 */
export const PLAYBACK_SPEEDS = ['file', 1, 0.5, 0.25, 0.125, 0.0625] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

export function speedLabel(speed: PlaybackSpeed): string {
  if (speed === 'file') return 'file';
  return speed === 1 ? '1×' : `1/${Math.round(1 / speed)}×`;
}

export function adjacentSpeed(speed: PlaybackSpeed, direction: 'slower' | 'faster'): PlaybackSpeed {
  const index = PLAYBACK_SPEEDS.indexOf(speed);
  const next = direction === 'slower' ? index + 1 : index - 1;
  return PLAYBACK_SPEEDS[Math.min(PLAYBACK_SPEEDS.length - 1, Math.max(0, next))]!;
}

export interface PlaybackPlan {
  /** File-timeline seconds of the frame playback started on. */
  startFileTime: number;
  /** File seconds that pass per wall-clock second. */
  fileSecondsPerSecond: number;
  range: { first: number; last: number };
  loop: boolean;
}

/**
 * Seconds of file timeline per wall-clock second. A slow-motion file whose capture rate is
 * `slowdown` times its playback rate needs `slowdown` file seconds for one real second.
 */
export function fileRate(speed: PlaybackSpeed, slowdown: number): number {
  return speed === 'file' ? 1 : speed * slowdown;
}

/** Which frame to show `elapsedSeconds` after play started; null once a non-looping range ends. */
export function frameForElapsed(times: readonly number[], plan: PlaybackPlan, elapsedSeconds: number): number | null {
  const first = times[plan.range.first] ?? 0;
  const last = times[plan.range.last] ?? first;
  let t = plan.startFileTime + elapsedSeconds * plan.fileSecondsPerSecond;
  if (t > last) {
    if (!plan.loop) return null;
    const span = Math.max(last - first, 1e-9);
    t = first + ((t - first) % span);
  }
  return Math.min(plan.range.last, Math.max(plan.range.first, frameAtFileTime({ times }, t)));
}

/** Display frames per second playback plans for; a faster screen only shows the same frames more often. */
const DISPLAY_HZ = 60;

/**
 * How many file frames pass per display frame while playing (at least 1). A 240 fps file at file speed moves
 * four frames per 60 Hz display frame: fetching the three in between would only cost time no one sees.
 */
export function playbackStride(fileFps: number, fileSecondsPerSecond: number): number {
  return Math.max(1, Math.round((fileFps * fileSecondsPerSecond) / DISPLAY_HZ));
}

/** The frames playback will ask for next, `stride` apart and ahead of `current` (wrapping when looping). */
export function playbackLookahead(current: number, stride: number, range: { first: number; last: number }, loop: boolean, count: number): number[] {
  const result: number[] = [];
  const span = range.last - range.first + 1;
  for (let k = 1; k <= count; k += 1) {
    let index = current + k * stride;
    if (index > range.last) {
      if (!loop || span <= 0) break;
      index = range.first + ((index - range.first) % span);
    }
    if (!result.includes(index)) result.push(index);
  }
  return result;
}

/** How far behind the clock a late frame is still worth painting (beyond that, the frame on screen stays). */
const MAX_LOOK_BACK = 240;

/**
 * While playing, the frame to paint for the clock's `target`: the latest ready frame after `shown` (the frame on
 * screen) up to the target. A frame still on its way is not waited for (the clock does not wait), and one that
 * arrives late is still painted, so slow delivery shows fewer frames rather than none; the readout names the frame
 * painted, so nothing shown is misnamed. Null when nothing newer than `shown` is ready.
 */
export function latestReadyFrame(target: number, shown: number | null, first: number, isReady: (index: number) => boolean): number | null {
  // After a wrap (looping) the frame on screen is ahead of the target: anything from the range start counts.
  const floor = shown !== null && shown < target ? shown + 1 : first;
  for (let index = target; index >= Math.max(floor, target - MAX_LOOK_BACK); index -= 1) if (isReady(index)) return index;
  return null;
}
