import type { AnnotationGeometry } from '../contract/annotation.ts';
import type { AngleConvention, ConventionLabelKey, Measurement, UiLanguage } from '../geometry/conventions.ts';
import { formatMeasurement } from '../geometry/conventions.ts';

/** What a value is, for its heading in the details panel (and the report): an angle of some kind, a length, a position. */
export type ValueKind = ConventionLabelKey | 'position';

export interface ValueRow {
  readonly kind: ValueKind;
  readonly value: string;
  /** The convention this row shows, when the two conventions give different values (null: one value for both). */
  readonly convention: AngleConvention | null;
}

/**
 * The value rows of a drawing's details, each under a heading that says what it is. An angle the two
 * conventions read differently gets one row per convention (knee: interior angle and flexion; trunk: to the
 * horizontal and to the vertical); everything else gets one row — a length is a length, never an "interior angle".
 */
export function valueRows(geometry: AnnotationGeometry, measurement: Measurement | null, language: UiLanguage): ValueRow[] {
  if (geometry.kind === 'marker') {
    const [p] = geometry.points;
    const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 0, useGrouping: false });
    return [{ kind: 'position', value: `x ${format.format(p.x)} · y ${format.format(p.y)} px`, convention: null }];
  }
  if (!measurement) return [];
  const plain = (convention: AngleConvention) => formatMeasurement(measurement, convention, language, { withConvention: false });
  const labels = measurement.conventionLabel;
  if (measurement.unit === '°' && labels.interior !== labels.clinical) {
    return [
      { kind: labels.interior, value: plain('interior'), convention: 'interior' },
      { kind: labels.clinical, value: plain('clinical'), convention: 'clinical' },
    ];
  }
  return [{ kind: labels.interior, value: plain('interior'), convention: null }];
}
