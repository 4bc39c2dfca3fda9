import type { PoseFrame } from '../contract/pose.ts';
import { landmarkOf } from './landmarks.ts';
import { bodyScale, cloneFrame, distance } from './sequence.ts';

/**
 * Frames where the left and right leg lie on top of each other (knees and ankles within
 * `limit` body lengths). In side view that is true for a few frames while the swing leg passes the
 * stance leg; it is also how a model fails when it draws both legs onto the stance leg. Either way
 * which leg is which is uncertain there, so those points get lower confidence and the frames are
 * reported — the physio checks them.
 */
export function markCoincidentLegs(input: readonly PoseFrame[], limit = 0.06): { frames: PoseFrame[]; coincident: number[] } {
  const frames = input.map(cloneFrame);
  const scale = bodyScale(frames);
  const coincident: number[] = [];
  for (const frame of frames) {
    const knees = pair(frame, 'Knee');
    const ankles = pair(frame, 'Ankle');
    if (!knees || !ankles) continue;
    if (distance(...knees) > limit * scale || distance(...ankles) > limit * scale) continue;
    coincident.push(frame.index);
    for (const part of ['Knee', 'Ankle', 'Heel', 'Toe'] as const) {
      for (const side of ['left', 'right'] as const) {
        const point = frame.landmarks[landmarkOf(side, part)];
        if (point) point.confidence *= 0.5;
      }
    }
  }
  return { frames, coincident };
}

function pair(frame: PoseFrame, part: 'Knee' | 'Ankle') {
  const left = frame.landmarks[landmarkOf('left', part)];
  const right = frame.landmarks[landmarkOf('right', part)];
  return left && right ? ([left, right] as const) : null;
}
