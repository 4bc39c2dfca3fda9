import type { PoseLandmark } from '../contract/pose.ts';

export type Side = 'left' | 'right';

/** The body parts Midstance keeps, each present once per side. */
export const POSE_PARTS = ['Shoulder', 'Hip', 'Knee', 'Ankle', 'Heel', 'Toe'] as const;
export type PosePart = (typeof POSE_PARTS)[number];

export const landmarkOf = (side: Side, part: PosePart): PoseLandmark => `${side}${part}` as PoseLandmark;

export const sideOf = (landmark: PoseLandmark): Side => (landmark.startsWith('left') ? 'left' : 'right');

export const partOf = (landmark: PoseLandmark): PosePart => landmark.replace(/^(left|right)/, '') as PosePart;

export const counterpartOf = (landmark: PoseLandmark): PoseLandmark =>
  landmarkOf(sideOf(landmark) === 'left' ? 'right' : 'left', partOf(landmark));

/**
 * The keypoint names our BlazePose pipeline (main/pose/blazepose.ts) gives our landmarks; BlazePose calls the
 * toe its "foot index", the pipeline "foot". The one place that knows the mapping.
 */
export const BLAZEPOSE_PART: Record<PoseLandmark, string> = {
  leftShoulder: 'leftShoulder',
  rightShoulder: 'rightShoulder',
  leftHip: 'leftHip',
  rightHip: 'rightHip',
  leftKnee: 'leftKnee',
  rightKnee: 'rightKnee',
  leftAnkle: 'leftAnkle',
  rightAnkle: 'rightAnkle',
  leftHeel: 'leftHeel',
  rightHeel: 'rightHeel',
  leftToe: 'leftFoot',
  rightToe: 'rightFoot',
};

/**
 * Groups whose left and right labels the model may swap together, repaired together: in side view
 * BlazePose most often swaps the legs alone (the trunk is seen edge-on and stays put), so legs and
 * trunk are decided separately.
 */
export const SWAP_GROUPS: Record<'legs' | 'trunk', readonly PosePart[]> = {
  legs: ['Knee', 'Ankle', 'Heel', 'Toe'],
  trunk: ['Shoulder', 'Hip'],
};
