import type { AnnotationGeometry } from '../contract/annotation.ts';
import { defaultRuleForKind, measureGeometry, ruleFitsKind, type Measurement } from '../geometry/conventions.ts';
import { presetByKey, type MeasurementPreset } from './presets.ts';

export interface LabelledMeasurement {
  readonly measurement: Measurement;
  /** The preset whose rule was applied; null when the label is free text or missing. */
  readonly preset: MeasurementPreset | null;
}

/**
 * The value of an annotation: the preset's rule when its label names a preset that fits the geometry, else
 * the tool's own rule. Null for markers, text notes and degenerate geometry.
 */
export function measureAnnotation(
  geometry: AnnotationGeometry,
  label: string | null,
  cmPerPx: number | null = null,
): LabelledMeasurement | null {
  const preset = presetByKey(label);
  const usePreset = preset !== null && ruleFitsKind(preset.rule, geometry.kind);
  const rule = usePreset ? preset.rule : defaultRuleForKind(geometry.kind);
  if (rule === null) return null;
  const measurement = measureGeometry(geometry, rule, cmPerPx);
  return measurement ? { measurement, preset: usePreset ? preset : null } : null;
}
