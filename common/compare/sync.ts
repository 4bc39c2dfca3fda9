import { type RateInfo, type TimedFrames, captureTimeAt } from '../media-time.ts';

/**
 * Two clips linked in real (capture) time: `offsetSeconds` is the second clip's capture time minus the first's
 * at the moment they were linked, so frame a of the first and frame b of the second show the same instant when
 * captureTime(b) = captureTime(a) + offsetSeconds. Pure; the viewers and the tests share it.
 */
export interface ClipTiming {
  frames: TimedFrames;
  rates: RateInfo;
}

/**
 * Ties (a 240 fps frame exactly between two 120 fps frames) go to the earlier frame, the one still on screen.
 * Frame times come from ffprobe with microsecond digits, so "exactly between" is within a few microseconds.
 */
const TIE_SECONDS = 5e-6;

/** The frame of `clip` nearest to capture time `seconds` (clamped to the clip). */
export function nearestFrameAtCaptureTime(clip: ClipTiming, seconds: number): number {
  const count = clip.frames.times.length;
  if (count === 0) return 0;
  let low = 0;
  let high = count - 1;
  // Last frame at or before `seconds`.
  if (seconds <= captureTimeAt(clip.frames, clip.rates, 0)) return 0;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (captureTimeAt(clip.frames, clip.rates, mid) <= seconds + TIE_SECONDS) low = mid;
    else high = mid - 1;
  }
  const next = low + 1;
  if (next >= count) return low;
  const before = seconds - captureTimeAt(clip.frames, clip.rates, low);
  const after = captureTimeAt(clip.frames, clip.rates, next) - seconds;
  return after < before - TIE_SECONDS ? next : low;
}

/** The offset that makes frame `a` of the first clip and frame `b` of the second the same instant. */
export function offsetFromFramePair(first: ClipTiming, a: number, second: ClipTiming, b: number): number {
  return captureTimeAt(second.frames, second.rates, b) - captureTimeAt(first.frames, first.rates, a);
}

export interface FollowedFrame {
  /** The follower's frame nearest to the leader's instant. */
  index: number;
  /** How far that frame is from the leader's instant, ms (positive: the follower's frame is later). */
  gapMs: number;
}

/**
 * Where the follower goes when the leader shows frame `leaderIndex`. `leaderIsFirst` says which side of the
 * offset the leader is on (either viewer may lead: the one the user steps).
 */
export function followFrame(leader: ClipTiming, leaderIndex: number, follower: ClipTiming, offsetSeconds: number, leaderIsFirst: boolean): FollowedFrame {
  const instant = captureTimeAt(leader.frames, leader.rates, leaderIndex) + (leaderIsFirst ? offsetSeconds : -offsetSeconds);
  const index = nearestFrameAtCaptureTime(follower, instant);
  return { index, gapMs: (captureTimeAt(follower.frames, follower.rates, index) - instant) * 1000 };
}

/** The event of a kind and side nearest to `around` (ties: the earlier one), or null when the clip has none. */
export function nearestEventFrame<E extends { frameIndex: number; kind: string; side: string }>(
  events: readonly E[],
  kind: string,
  side: string,
  around: number,
): number | null {
  let best: number | null = null;
  for (const event of events) {
    if (event.kind !== kind || event.side !== side) continue;
    const distance = Math.abs(event.frameIndex - around);
    if (best === null || distance < Math.abs(best - around) || (distance === Math.abs(best - around) && event.frameIndex < best)) best = event.frameIndex;
  }
  return best;
}
