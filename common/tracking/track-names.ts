import type { Track } from '../contract/track.ts';
import { POSE_LANDMARK_NAMES } from '../pose/landmark-names.ts';

export type NameLanguage = keyof typeof POSE_LANDMARK_NAMES;

/** Default names stored by earlier versions ("Point 3" / "Punt 3"): shown as the default of the UI's language. */
const OLD_DEFAULT = /^(?:Point|Punt) (\d+)$/;

/** Landmarks a sticker track can be named after: the foot points proposals read, the hips, and the joints. */
export const NAMEABLE_LANDMARKS = [
  'leftHeel',
  'leftAnkle',
  'leftToe',
  'rightHeel',
  'rightAnkle',
  'rightToe',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftShoulder',
  'rightShoulder',
] as const;

export function landmarkName(landmark: string, language: NameLanguage): string | null {
  const names = POSE_LANDMARK_NAMES[language] as Record<string, string>;
  return Object.hasOwn(names, landmark) ? names[landmark]! : null;
}

/**
 * What a track is called on screen, in the UI's language: a name the user typed as typed; a pose track, or a
 * sticker named after a body point, by that point; otherwise "Point n" numbered among the clip's unnamed point
 * tracks in creation order (`tracks` as tracks.list gives them).
 */
export function trackDisplayName(track: Track, tracks: readonly Track[], language: NameLanguage, defaultName: (n: number) => string): string {
  const typed = track.label.trim();
  const isDefault = typed === '' || OLD_DEFAULT.test(typed);
  if (track.source === 'pose' || isDefault) {
    const named = track.landmark ? landmarkName(track.landmark, language) : null;
    if (named) return named;
  }
  if (!isDefault) return typed;
  const unnamed = tracks.filter((t) => t.source !== 'pose' && (t.label.trim() === '' || OLD_DEFAULT.test(t.label.trim())) && !(t.landmark && landmarkName(t.landmark, language)));
  const n = unnamed.findIndex((t) => t.id === track.id);
  return defaultName(n >= 0 ? n + 1 : unnamed.length + 1);
}
