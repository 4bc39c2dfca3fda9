import type { PoseFrame } from '../contract/pose.ts';
import { markCoincidentLegs } from './coincidence.ts';
import { smoothPoses, type SmoothingOptions } from './smoothing.ts';
import { repairSwaps, type SwapRepairOptions } from './swap-repair.ts';

export interface RefinedPoses {
  frames: PoseFrame[];
  /** Frame indices whose left/right labels were exchanged, per group. */
  swapped: { legs: number[]; trunk: number[] };
  /** Frame indices where both legs lie on one another (labels uncertain). */
  coincident: number[];
}

/**
 * The model's raw landmarks → what Midstance offers: left/right swaps repaired over the whole clip,
 * coinciding legs marked with lower confidence, then smoothed over time. Pure; the CLI and the app
 * call the same function.
 */
export function refinePoses(raw: readonly PoseFrame[], options: SwapRepairOptions & SmoothingOptions = {}): RefinedPoses {
  const repaired = repairSwaps(raw, options);
  const marked = markCoincidentLegs(repaired.frames);
  return { frames: smoothPoses(marked.frames, options), swapped: repaired.swapped, coincident: marked.coincident };
}
