import type { PoseFrame } from '../contract/pose.ts';
import { landmarkOf, SWAP_GROUPS } from './landmarks.ts';
import { bodyScale, distance, median } from './sequence.ts';

export interface LegAgreement {
  /** Frames both runs have. */
  frames: number;
  medianPx: number;
  maxPx: number;
  /** Frames where a leg landmark lies further than `limit` body lengths from the reference's (or is missing in one). */
  differentFrames: number[];
}

/** How closely one run's leg landmarks (knee, ankle, heel, toe per side) follow a reference run's, frame by frame. */
export function legAgreement(candidate: readonly PoseFrame[], reference: readonly PoseFrame[], limit = 0.1): LegAgreement {
  const byIndex = new Map(candidate.map((frame) => [frame.index, frame]));
  const allowed = limit * bodyScale(reference);
  const distances: number[] = [];
  const differentFrames: number[] = [];
  let frames = 0;
  for (const expected of reference) {
    const actual = byIndex.get(expected.index);
    if (!actual) continue;
    frames += 1;
    let different = false;
    for (const side of ['left', 'right'] as const) {
      for (const part of SWAP_GROUPS.legs) {
        const name = landmarkOf(side, part);
        const a = actual.landmarks[name];
        const b = expected.landmarks[name];
        if (!a || !b) {
          if (a || b) different = true;
          continue;
        }
        const gap = distance(a, b);
        distances.push(gap);
        if (gap > allowed) different = true;
      }
    }
    if (different) differentFrames.push(expected.index);
  }
  return { frames, medianPx: median(distances), maxPx: distances.length > 0 ? Math.max(...distances) : Number.NaN, differentFrames };
}
