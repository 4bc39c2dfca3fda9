import type { PoseFrame, PosePoint } from '../contract/pose.ts';
import { ALL_LANDMARKS, bodyScale, cloneFrame } from './sequence.ts';

export interface SmoothingOptions {
  /** Gaussian width in frames (0: no smoothing). At 240 fps one frame is 4 ms; contacts stay sharp. */
  sigmaFrames?: number;
  /** A point further than this (body lengths) from the median of its neighbours is an outlier. */
  outlierDistance?: number;
}

/**
 * Temporal smoothing of each landmark: first single-frame outliers (a point that jumps away and back)
 * are replaced by the median of their neighbours and lose confidence, then a confidence-weighted
 * Gaussian evens out the frame-to-frame jitter. Only neighbouring frames that exist are used; a gap
 * in detection is never bridged.
 */
export function smoothPoses(input: readonly PoseFrame[], options: SmoothingOptions = {}): PoseFrame[] {
  const frames = [...input].sort((a, b) => a.index - b.index).map(cloneFrame);
  const sigma = options.sigmaFrames ?? 1;
  const outlierDistance = (options.outlierDistance ?? 0.15) * bodyScale(frames);
  const radius = Math.max(1, Math.ceil(sigma * 2.5));
  for (const landmark of ALL_LANDMARKS) {
    const series = frames.map((frame) => frame.landmarks[landmark]);
    const cleaned = series.map((point, at) => (point ? replaceOutlier(frames, series, at, outlierDistance) : undefined));
    frames.forEach((frame, at) => {
      const point = cleaned[at];
      if (!point) return;
      frame.landmarks[landmark] = sigma > 0 ? weightedMean(frames, cleaned, at, sigma, radius) : point;
    });
  }
  return frames;
}

function neighbours(frames: readonly PoseFrame[], series: readonly (PosePoint | undefined)[], at: number, radius: number): { point: PosePoint; offset: number }[] {
  const found: { point: PosePoint; offset: number }[] = [];
  const centre = frames[at]!.index;
  for (let other = Math.max(0, at - radius); other <= Math.min(frames.length - 1, at + radius); other += 1) {
    const point = series[other];
    const offset = frames[other]!.index - centre;
    if (point && Math.abs(offset) <= radius) found.push({ point, offset });
  }
  return found;
}

/**
 * A spike: the point lies far from the midpoint of its two neighbours while those two lie close to
 * each other. Judged against the neighbours' own spread, so a fast foot at a low frame rate (which
 * moves far between frames) is not mistaken for one.
 */
function replaceOutlier(frames: readonly PoseFrame[], series: readonly (PosePoint | undefined)[], at: number, limit: number): PosePoint {
  const point = series[at]!;
  const before = series[at - 1];
  const after = series[at + 1];
  const centre = frames[at]!.index;
  if (!before || !after || frames[at - 1]!.index !== centre - 1 || frames[at + 1]!.index !== centre + 1) return point;
  const mid = { x: (before.x + after.x) / 2, y: (before.y + after.y) / 2 };
  const deviation = Math.hypot(point.x - mid.x, point.y - mid.y);
  const spread = Math.hypot(after.x - before.x, after.y - before.y);
  if (deviation <= limit || deviation <= 1.5 * spread) return point;
  return { x: mid.x, y: mid.y, confidence: Math.min(point.confidence, before.confidence, after.confidence) * 0.5 };
}

function weightedMean(frames: readonly PoseFrame[], series: readonly (PosePoint | undefined)[], at: number, sigma: number, radius: number): PosePoint {
  const own = series[at]!;
  // A symmetric window only: at the ends of the clip or beside a gap a one-sided window would pull
  // a moving point back towards where it was (or will be).
  const reach = (step: 1 | -1) => {
    let count = 0;
    while (count < radius) {
      const other = at + step * (count + 1);
      if (!series[other] || frames[other]!.index !== frames[at]!.index + step * (count + 1)) break;
      count += 1;
    }
    return count;
  };
  const symmetric = Math.min(reach(-1), reach(1));
  let weights = 0;
  let x = 0;
  let y = 0;
  for (const { point, offset } of neighbours(frames, series, at, symmetric)) {
    const weight = Math.exp(-(offset * offset) / (2 * sigma * sigma)) * Math.max(point.confidence, 1e-3);
    weights += weight;
    x += weight * point.x;
    y += weight * point.y;
  }
  return { x: x / weights, y: y / weights, confidence: own.confidence };
}
