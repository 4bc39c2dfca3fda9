import type { PoseFrame } from '../contract/pose.ts';
import { markCoincidentLegs } from './coincidence.ts';
import { landmarkOf, SWAP_GROUPS } from './landmarks.ts';

export interface HeavyChoiceOptions {
  /** A leg landmark below this confidence (or missing) marks its frame as unsure. */
  minLegConfidence?: number;
  /** Frames before and after an unsure frame that get the heavy model too. */
  margin?: number;
}

/**
 * "Full first, heavy where needed": the frames of a full-model pass that the heavy model should read
 * again — where a leg landmark is unsure or missing, or the legs lie on top of each other (full's typical
 * failure in side view: both legs drawn onto the stance leg), each with `margin` frames around it.
 * Indices ascending, within the frames given.
 */
export function framesNeedingHeavy(full: readonly PoseFrame[], options: HeavyChoiceOptions = {}): number[] {
  const minConfidence = options.minLegConfidence ?? 0.5;
  const margin = options.margin ?? 4;
  const present = new Set(full.map((frame) => frame.index));
  const unsure = new Set(markCoincidentLegs(full).coincident);
  for (const frame of full) {
    for (const side of ['left', 'right'] as const) {
      for (const part of SWAP_GROUPS.legs) {
        const point = frame.landmarks[landmarkOf(side, part)];
        if (!point || point.confidence < minConfidence) unsure.add(frame.index);
      }
    }
  }
  const chosen = new Set<number>();
  for (const index of unsure) {
    for (let near = index - margin; near <= index + margin; near += 1) if (present.has(near)) chosen.add(near);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Ascending indices → inclusive ranges; ranges less than `joinGap` frames apart become one. */
export function rangesOf(indices: readonly number[], joinGap = 1): [number, number][] {
  const ranges: [number, number][] = [];
  for (const index of indices) {
    const last = ranges[ranges.length - 1];
    if (last && index - last[1] <= joinGap) last[1] = Math.max(last[1], index);
    else ranges.push([index, index]);
  }
  return ranges;
}
