/**
 * Where a decode for a frame starts, and where it starts again when the frame did not come: one
 * rule for the viewer's decoder (media-session.ts) and for stills (still-frame.ts).
 */

/** The last keyframe (display index) at or before `index`; 0 when there is none (decode from the start). */
export function keyframeAtOrBefore(keyframes: readonly number[], index: number): number {
  let low = 0;
  let high = keyframes.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (keyframes[mid]! <= index) {
      found = keyframes[mid]!;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * A decode from `fromIndex` ended without the wanted frame: a seek can land a frame late (an AVI
 * rounds the seek time to its nearest frame), or a keyframe cannot start decoding the frames
 * shown before it (open GOP). Start again from the keyframe before, or from the very start;
 * null when the decode already started there.
 */
export function earlierDecodeStart(keyframes: readonly number[], fromIndex: number): number | null {
  return fromIndex > 0 ? keyframeAtOrBefore(keyframes, fromIndex - 1) : null;
}
