import { z } from 'zod';

/**
 * Body landmarks Midstance detects automatically (BlazePose), per side. Coordinates are in source
 * pixels of the upright picture, like every other point in a clip. "Toe" is BlazePose's foot index
 * (the tip of the foot near the second toe).
 */
export const PoseLandmark = z.enum([
  'leftShoulder',
  'rightShoulder',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
  'leftHeel',
  'rightHeel',
  'leftToe',
  'rightToe',
]);
export type PoseLandmark = z.infer<typeof PoseLandmark>;

/** heavy: slower, places crossing legs correctly; full: ~4× faster, puts both legs on the stance leg more often. */
export const PoseModel = z.enum(['heavy', 'full']);
export type PoseModel = z.infer<typeof PoseModel>;

export const PosePoint = z.object({
  x: z.number(),
  y: z.number(),
  /** 0–1: the model's score, lowered where the left and right counterparts coincide or the point was an outlier. */
  confidence: z.number().min(0).max(1),
});
export type PosePoint = z.infer<typeof PosePoint>;

/** One frame's landmarks; a landmark is absent where no body was found on that frame. */
export const PoseFrame = z.object({
  index: z.number().int().nonnegative(),
  landmarks: z.partialRecord(PoseLandmark, PosePoint),
});
export type PoseFrame = z.infer<typeof PoseFrame>;
