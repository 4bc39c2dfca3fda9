import type { PoseLandmark } from '../contract/pose.ts';

/** Names of the pose landmarks as a physio reads them: labels of the pose tracks, in the project's language. */
export const POSE_LANDMARK_NAMES: Record<'en' | 'nl', Record<PoseLandmark, string>> = {
  en: {
    leftShoulder: 'Left shoulder',
    rightShoulder: 'Right shoulder',
    leftHip: 'Left hip',
    rightHip: 'Right hip',
    leftKnee: 'Left knee',
    rightKnee: 'Right knee',
    leftAnkle: 'Left ankle',
    rightAnkle: 'Right ankle',
    leftHeel: 'Left heel',
    rightHeel: 'Right heel',
    leftToe: 'Left toe',
    rightToe: 'Right toe',
  },
  nl: {
    leftShoulder: 'Linkerschouder',
    rightShoulder: 'Rechterschouder',
    leftHip: 'Linkerheup',
    rightHip: 'Rechterheup',
    leftKnee: 'Linkerknie',
    rightKnee: 'Rechterknie',
    leftAnkle: 'Linkerenkel',
    rightAnkle: 'Rechterenkel',
    leftHeel: 'Linkerhiel',
    rightHeel: 'Rechterhiel',
    leftToe: 'Linkerteen',
    rightToe: 'Rechterteen',
  },
};
