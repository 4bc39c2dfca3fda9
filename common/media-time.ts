/**
 * The one place that maps frames to times. Pure, shared by main (metrics, CLI) and renderer.
 *
 * Frame times come from the file's own timestamps (never index / fps), so variable frame rate
 * is exact. Slow-motion files play back slower than they were filmed: a clip filmed at 240 fps
 * and stored at 30 fps stretches 1 real second over 8 file seconds. Real-world (capture) time
 * divides file-time differences by that stretch.
 */

export interface TimedFrames {
  /** Presentation time of each shown frame, seconds on the file's timeline, ascending. */
  times: readonly number[];
}

export interface RateInfo {
  fileFps: number;
  captureFps: number;
}

/** How many file seconds one real second takes (1 for normal video, 8 for 240 fps stored at 30). */
export function slowMotionFactor(rates: RateInfo): number {
  if (!(rates.fileFps > 0) || !(rates.captureFps > 0)) return 1;
  return rates.captureFps / rates.fileFps;
}

/** Real-world seconds from the first frame to frame `index`. */
export function captureTimeAt(frames: TimedFrames, rates: RateInfo, index: number): number {
  const first = frames.times[0];
  const at = frames.times[clampIndex(frames, index)];
  if (first === undefined || at === undefined) return 0;
  return (at - first) / slowMotionFactor(rates);
}

/** Real-world seconds between two frames (positive when b is later), e.g. contact time IC→TO. */
export function captureSecondsBetween(frames: TimedFrames, rates: RateInfo, a: number, b: number): number {
  return captureTimeAt(frames, rates, b) - captureTimeAt(frames, rates, a);
}

/** File-timeline seconds of frame `index` (clamped to the clip). */
export function fileTimeAt(frames: TimedFrames, index: number): number {
  return frames.times[clampIndex(frames, index)] ?? 0;
}

/**
 * The frame shown at file time `t`: the last frame whose time is ≤ t (a frame stays on screen
 * until the next one starts). Times before the first frame give 0.
 */
export function frameAtFileTime(frames: TimedFrames, t: number): number {
  const times = frames.times;
  if (times.length === 0) return 0;
  let low = 0;
  let high = times.length - 1;
  if (t <= times[0]!) return 0;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (times[mid]! <= t + 1e-9) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The frame shown at real-world time `seconds` after the first frame. */
export function frameAtCaptureTime(frames: TimedFrames, rates: RateInfo, seconds: number): number {
  const first = frames.times[0] ?? 0;
  return frameAtFileTime(frames, first + seconds * slowMotionFactor(rates));
}

/** The frame whose time is nearest to `t` (for re-anchoring a stored frame time). */
export function nearestFrame(frames: TimedFrames, t: number): number {
  const before = frameAtFileTime(frames, t);
  const next = before + 1;
  if (next >= frames.times.length) return before;
  return Math.abs(frames.times[next]! - t) < Math.abs(t - frames.times[before]!) ? next : before;
}

/** Real-world duration of one frame at the capture rate, ms (±1 frame = ± this). */
export function frameDurationMs(rates: RateInfo): number {
  return 1000 / (rates.captureFps > 0 ? rates.captureFps : rates.fileFps);
}

/** "1:02.345" style label of a real-world time. */
export function formatCaptureTime(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const totalMs = Math.round(Math.abs(seconds) * 1000);
  const minutes = Math.floor(totalMs / 60000);
  const rest = (totalMs % 60000) / 1000;
  return `${sign}${minutes}:${rest.toFixed(3).padStart(6, '0')}`;
}

function clampIndex(frames: TimedFrames, index: number): number {
  return Math.max(0, Math.min(frames.times.length - 1, Math.round(index)));
}
