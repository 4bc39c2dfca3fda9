import type { Annotation } from '../../common/contract/annotation.ts';

export interface FadedAnnotation {
  readonly annotation: Annotation;
  readonly opacity: number;
}

/**
 * Opacity of an annotation `frameDistance` frames away from the one shown, when fading over `fadeFrames`
 * neighbours is on: 1 on its own frame, fading from 0.55 next door to nothing beyond `fadeFrames`.
 */
export function fadeOpacity(frameDistance: number, fadeFrames: number): number {
  const d = Math.abs(frameDistance);
  if (d === 0) return 1;
  if (fadeFrames <= 0 || d > fadeFrames) return 0;
  return 0.55 * (1 - (d - 1) / fadeFrames);
}

/** Annotations of neighbouring frames to draw faded under the current frame's own. */
export function fadedNeighbours(annotations: readonly Annotation[], frameIndex: number, fadeFrames: number): FadedAnnotation[] {
  const out: FadedAnnotation[] = [];
  for (const annotation of annotations) {
    if (annotation.frameIndex === frameIndex) continue;
    const opacity = fadeOpacity(annotation.frameIndex - frameIndex, fadeFrames);
    if (opacity > 0) out.push({ annotation, opacity });
  }
  return out;
}
