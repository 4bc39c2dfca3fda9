import type { Annotation } from '../contract/annotation.ts';
import { formatMeasurement, type AngleConvention, type Measurement, type UiLanguage } from '../geometry/conventions.ts';
import { labelText } from '../measurements/presets.ts';

const RULER_TITLE = { en: 'Ruler', nl: 'Lat' } as const;
const EMPTY_NOTE = { en: '(empty note)', nl: '(lege notitie)' } as const;

/**
 * The text lines on an annotation's plate: its label (preset short name or free text) and its value in the
 * chosen convention. Null = no plate.
 */
export function annotationLabelLines(
  annotation: Pick<Annotation, 'geometry' | 'label'>,
  measurement: Measurement | null,
  convention: AngleConvention,
  language: UiLanguage,
): string[] | null {
  const geometry = annotation.geometry;
  if (geometry.kind === 'text') {
    return geometry.text.trim() === '' ? [EMPTY_NOTE[language]] : geometry.text.split('\n');
  }
  const title = labelText(annotation.label, language, 'shortName') ?? (geometry.kind === 'ruler' ? RULER_TITLE[language] : null);
  const value = measurement ? formatMeasurement(measurement, convention, language) : null;
  const lines = [title, value].filter((line): line is string => line !== null);
  return lines.length > 0 ? lines : null;
}
