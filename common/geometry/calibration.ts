import type { Annotation, AnnotationGeometry } from '../contract/annotation.ts';
import { distance } from './vector.ts';

type RulerGeometry = Extract<AnnotationGeometry, { kind: 'ruler' }>;

/** Scale of a clip: how many centimetres one source pixel spans, and which ruler said so. */
export interface Calibration {
  readonly cmPerPx: number;
  readonly rulerId: string | null;
}

/** cm per source pixel from a ruler of known real length; null when the ruler has no length on screen. */
export function cmPerPxFromRuler(ruler: RulerGeometry): number | null {
  const px = distance(ruler.points[0], ruler.points[1]);
  if (!(px > 0) || !(ruler.realLengthCm > 0)) return null;
  return ruler.realLengthCm / px;
}

/**
 * The calibration of a clip from its annotations: the most recently edited ruler wins (a user who draws a
 * second ruler means to replace the first). Pass the annotations of one clip, all frames.
 */
export function calibrationFromAnnotations(annotations: readonly Annotation[]): Calibration | null {
  let best: { annotation: Annotation; cmPerPx: number } | null = null;
  for (const annotation of annotations) {
    if (annotation.geometry.kind !== 'ruler') continue;
    const cmPerPx = cmPerPxFromRuler(annotation.geometry);
    if (cmPerPx === null) continue;
    if (best === null || annotation.updatedAt >= best.annotation.updatedAt) best = { annotation, cmPerPx };
  }
  return best ? { cmPerPx: best.cmPerPx, rulerId: best.annotation.id } : null;
}

export type LengthUnit = 'cm' | 'px';

/** A length in source pixels expressed in cm when the clip is calibrated, else in px. */
export function calibratedLength(lengthPx: number, cmPerPx: number | null): { value: number; unit: LengthUnit } {
  return cmPerPx !== null && cmPerPx > 0 ? { value: lengthPx * cmPerPx, unit: 'cm' } : { value: lengthPx, unit: 'px' };
}
