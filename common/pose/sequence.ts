import type { PoseFrame, PoseLandmark, PosePoint } from '../contract/pose.ts';
import { PoseLandmark as PoseLandmarkEnum } from '../contract/pose.ts';

export const ALL_LANDMARKS: readonly PoseLandmark[] = PoseLandmarkEnum.options;

export const distance = (a: PosePoint, b: PosePoint): number => Math.hypot(a.x - b.x, a.y - b.y);

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A length that scales with the runner in the picture: the median hip–ankle distance over the
 * clip (both sides), so thresholds hold for a runner filling the frame and for one far away.
 */
export function bodyScale(frames: readonly PoseFrame[]): number {
  const lengths: number[] = [];
  for (const frame of frames) {
    for (const side of ['left', 'right'] as const) {
      const hip = frame.landmarks[`${side}Hip`];
      const ankle = frame.landmarks[`${side}Ankle`];
      if (hip && ankle) lengths.push(distance(hip, ankle));
    }
  }
  const found = median(lengths);
  return Number.isFinite(found) && found > 0 ? found : 100;
}

export const cloneFrame = (frame: PoseFrame): PoseFrame => ({
  index: frame.index,
  landmarks: Object.fromEntries(Object.entries(frame.landmarks).map(([key, point]) => [key, { ...point }])),
});
