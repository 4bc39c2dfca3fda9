import type { GaitEvent } from '../contract/project.ts';
import { MEASUREMENT_PRESETS, type MeasurementPreset } from '../measurements/presets.ts';

/**
 * "Measure at events": the presets that belong to a marked event (initial contact or midstance), and the
 * frames to visit for one of them — every frame carrying that event on the preset's foot (either foot for
 * presets without a side, e.g. the trunk).
 */
export function presetsAtEvents(): readonly MeasurementPreset[] {
  return MEASUREMENT_PRESETS.filter((preset) => preset.phase === 'initial-contact' || preset.phase === 'midstance');
}

export function framesForPreset(preset: MeasurementPreset, events: readonly Pick<GaitEvent, 'frameIndex' | 'kind' | 'side'>[]): number[] {
  const frames = new Set<number>();
  for (const event of events) {
    if (event.kind !== preset.phase) continue;
    if (preset.side !== null && event.side !== preset.side) continue;
    frames.add(event.frameIndex);
  }
  return [...frames].sort((a, b) => a - b);
}
