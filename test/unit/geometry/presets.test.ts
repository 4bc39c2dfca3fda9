import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { measureAnnotation } from '../../../common/measurements/measure.ts';
import {
  MEASUREMENT_PRESETS,
  checkAgainstNorm,
  labelText,
  normIn,
  presetByKey,
  presetsForKind,
} from '../../../common/measurements/presets.ts';
import { ruleFitsKind } from '../../../common/geometry/conventions.ts';
import { BodySide, ClipView, GaitEventKind } from '../../../common/contract/project.ts';

const REQUIRED_KEYS = [
  'knee-midstance-left',
  'knee-midstance-right',
  'trunk-midstance',
  'shin-initial-contact-left',
  'shin-initial-contact-right',
  'pelvic-drop-left',
  'pelvic-drop-right',
  'knee-in-left',
  'knee-in-right',
  'overstride-left',
  'overstride-right',
  'swing-knee-min-left',
  'swing-knee-min-right',
];

describe('measurement presets', () => {
  it('has every required key once, with both languages and a tool that fits the rule', () => {
    const keys = MEASUREMENT_PRESETS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of REQUIRED_KEYS) expect(keys).toContain(key);
    for (const p of MEASUREMENT_PRESETS) {
      expect(ruleFitsKind(p.rule, p.tool), p.key).toBe(true);
      for (const text of [p.name, p.shortName, p.placement]) {
        expect(text.en.length).toBeGreaterThan(0);
        expect(text.nl.length).toBeGreaterThan(0);
      }
      if (p.side) expect(p.key.endsWith(`-${p.side}`)).toBe(true);
    }
  });

  it('defaults the e-book norms: knee 140° and trunk 80°, interior, with a tolerance', () => {
    const knee = presetByKey('knee-midstance-left');
    const trunk = presetByKey('trunk-midstance');
    expect(knee?.defaultNorm).toEqual({ target: 140, tolerance: 5 });
    expect(trunk?.defaultNorm).toEqual({ target: 80, tolerance: 5 });
    if (!knee?.defaultNorm || !trunk?.defaultNorm) throw new Error('norms');
    expect(normIn(knee, knee.defaultNorm, 'clinical')).toEqual({ target: 40, min: 35, max: 45 });
    expect(normIn(trunk, trunk.defaultNorm, 'clinical')).toEqual({ target: 10, min: 5, max: 15 });
    expect(checkAgainstNorm(130, knee.defaultNorm)).toBe('below');
    expect(checkAgainstNorm(144, knee.defaultNorm)).toBe('within');
    expect(checkAgainstNorm(86, trunk.defaultNorm)).toBe('above');
  });

  it('names labels in the UI language; free text stays as typed', () => {
    expect(labelText('knee-midstance-right', 'en')).toBe('Knee angle at midstance — right');
    expect(labelText('pelvic-drop-left', 'nl')).toBe('Bekkenkanteling halverwege de steunfase — linker standbeen');
    expect(labelText('knee-midstance-left', 'nl', 'shortName')).toBe('Knie mid-steunfase L');
    expect(labelText('Elbow angle', 'nl')).toBe('Elbow angle');
    expect(labelText(null, 'en')).toBeNull();
    expect(labelText('  ', 'en')).toBeNull();
  });

  it('names every preset in real Dutch on label plates and in lists: no English words or shorthand (MS, IC)', () => {
    const english = /\b(MS|IC|midstance|initial contact|Knee|Trunk|Shin|Overstride|Pelvic|swing|left|right)\b/i;
    for (const preset of MEASUREMENT_PRESETS) {
      for (const form of ['name', 'shortName'] as const) expect(labelText(preset.key, 'nl', form)).not.toMatch(english);
    }
    expect(labelText('trunk-midstance', 'nl', 'shortName')).toBe('Romp mid-steunfase');
    expect(labelText('shin-initial-contact-right', 'nl', 'shortName')).toBe('Onderbeen bij landing R');
  });

  it('offers only presets a tool can measure', () => {
    const forGoniometer = presetsForKind('goniometer').map((p) => p.key);
    expect(forGoniometer).toContain('knee-midstance-left');
    expect(forGoniometer).not.toContain('trunk-midstance');
    expect(presetsForKind('angle-vertical').map((p) => p.key)).toContain('trunk-midstance');
    expect(presetsForKind('angle-horizontal').map((p) => p.key)).toContain('shin-initial-contact-left');
    expect(presetsForKind('marker')).toEqual([]);
  });

  it('offers no angle on a line or a ruler: a line offers distances only, a ruler nothing', () => {
    expect(presetsForKind('line').map((p) => p.key)).toEqual(['overstride-left', 'overstride-right']);
    expect(presetsForKind('ruler')).toEqual([]);
    for (const kind of ['goniometer', 'angle-horizontal', 'angle-vertical'] as const) {
      expect(presetsForKind(kind).every((p) => p.rule !== 'length' && p.rule !== 'horizontal-distance')).toBe(true);
    }
    // Every preset is offered on its own tool.
    for (const preset of MEASUREMENT_PRESETS) expect(presetsForKind(preset.tool)).toContain(preset);
  });
});

describe('measureAnnotation', () => {
  const trunkLine: AnnotationGeometry = { kind: 'angle-vertical', points: [{ x: 0, y: 100 }, { x: 0 + 100 / Math.tan((80 * Math.PI) / 180), y: 0 }] };

  it('applies the preset rule: a trunk drawn with angle-to-vertical reads 80° interior, 10° clinical', () => {
    const result = measureAnnotation(trunkLine, 'trunk-midstance');
    expect(result?.preset?.key).toBe('trunk-midstance');
    expect(result?.measurement.interior).toBeCloseTo(80, 9);
    expect(result?.measurement.clinical).toBeCloseTo(10, 9);
  });

  it('falls back to the tool rule for free text and for presets that do not fit', () => {
    const free = measureAnnotation(trunkLine, 'my trunk');
    expect(free?.preset).toBeNull();
    expect(free?.measurement.rule).toBe('to-vertical');
    expect(free?.measurement.interior).toBeCloseTo(10, 9);
    const misfit = measureAnnotation(trunkLine, 'knee-midstance-left');
    expect(misfit?.preset).toBeNull();
    expect(measureAnnotation({ kind: 'marker', points: [{ x: 0, y: 0 }] }, 'knee-midstance-left')).toBeNull();
  });

  it('measures overstride as a horizontal distance in cm once calibrated', () => {
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 900, y: 1000 }, { x: 700, y: 560 }] };
    const result = measureAnnotation(line, 'overstride-left', 0.1);
    expect(result?.measurement).toMatchObject({ unit: 'cm', rule: 'horizontal-distance' });
    expect(result?.measurement.interior).toBeCloseTo(20, 9);
  });
});

describe('one vocabulary with the contract', () => {
  it('every preset names its views, event and side in the contract\'s terms', () => {
    for (const preset of MEASUREMENT_PRESETS) {
      expect(preset.views.length, preset.key).toBeGreaterThan(0);
      for (const view of preset.views) expect(ClipView.safeParse(view).success, `${preset.key} ${view}`).toBe(true);
      expect(GaitEventKind.safeParse(preset.phase).success, preset.key).toBe(true);
      if (preset.side !== null) expect(BodySide.safeParse(preset.side).success, preset.key).toBe(true);
    }
    expect(presetByKey('swing-knee-min-left')?.phase).toBe('toe-off');
    expect(presetByKey('pelvic-drop-right')?.views).toEqual(['front', 'rear']);
  });
});
