import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import {
  convertValue,
  defaultRuleForKind,
  formatMeasurement,
  measureGeometry,
  ruleFitsKind,
  valueIn,
} from '../../../common/geometry/conventions.ts';
import { calibratedLength, calibrationFromAnnotations, cmPerPxFromRuler } from '../../../common/geometry/calibration.ts';
import type { Annotation } from '../../../common/contract/annotation.ts';

const deg = (d: number): number => (d * Math.PI) / 180;

function knee(interiorDeg: number): AnnotationGeometry {
  const vertex = { x: 400, y: 500 };
  const hip = { x: 400, y: 300 };
  const ankle = { x: 400 + 200 * Math.sin(deg(180 - interiorDeg)), y: 500 + 200 * Math.cos(deg(180 - interiorDeg)) };
  return { kind: 'goniometer', points: [hip, vertex, ankle] };
}

function trunk(toHorizontalDeg: number): AnnotationGeometry {
  const hip = { x: 300, y: 600 };
  return {
    kind: 'angle-horizontal',
    points: [hip, { x: 300 + 250 * Math.cos(deg(toHorizontalDeg)), y: 600 - 250 * Math.sin(deg(toHorizontalDeg)) }],
  };
}

describe('interior ↔ clinical', () => {
  it('knee interior 140° is 40° flexion', () => {
    const m = measureGeometry(knee(140), 'joint-flexion');
    expect(m?.interior).toBeCloseTo(140, 9);
    expect(m?.clinical).toBeCloseTo(40, 9);
    expect(m?.unit).toBe('°');
    expect(m?.conventionLabel).toEqual({ interior: 'interior-angle', clinical: 'flexion' });
  });

  it('trunk 80° to horizontal is 10° from vertical, drawn with either angle tool', () => {
    const drawnToHorizontal = measureGeometry(trunk(80), 'inclination');
    expect(drawnToHorizontal?.interior).toBeCloseTo(80, 9);
    expect(drawnToHorizontal?.clinical).toBeCloseTo(10, 9);
    const g = trunk(80);
    const drawnToVertical: AnnotationGeometry = { kind: 'angle-vertical', points: g.points as [never, never] };
    const m = measureGeometry(drawnToVertical, 'inclination');
    expect(m?.interior).toBeCloseTo(80, 9);
    expect(m?.clinical).toBeCloseTo(10, 9);
    expect(m?.conventionLabel).toEqual({ interior: 'to-horizontal', clinical: 'to-vertical' });
    // Forward lean to the image's right: upper end right of the hip.
    expect(m?.signed?.toVertical).toBeCloseTo(10, 9);
  });

  it('convertValue maps norms both ways and is its own inverse', () => {
    expect(convertValue('joint-flexion', 140, 'interior', 'clinical')).toBe(40);
    expect(convertValue('joint-flexion', 40, 'clinical', 'interior')).toBe(140);
    expect(convertValue('inclination', 80, 'interior', 'clinical')).toBe(10);
    expect(convertValue('to-horizontal', 4, 'interior', 'clinical')).toBe(4);
    expect(convertValue('inclination', 80, 'interior', 'interior')).toBe(80);
  });

  it('unlabelled tools keep their own reference in both conventions', () => {
    expect(defaultRuleForKind('angle-vertical')).toBe('to-vertical');
    const m = measureGeometry(trunk(80), 'to-horizontal');
    expect(m?.interior).toBeCloseTo(80, 9);
    expect(m?.clinical).toBeCloseTo(80, 9);
    expect(defaultRuleForKind('marker')).toBeNull();
  });

  it('refuses rules that do not fit the geometry and degenerate geometry', () => {
    expect(ruleFitsKind('joint-flexion', 'line')).toBe(false);
    expect(ruleFitsKind('inclination', 'goniometer')).toBe(false);
    expect(measureGeometry(trunk(80), 'joint-flexion')).toBeNull();
    const collapsed: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 5, y: 1 }] };
    expect(measureGeometry(collapsed, 'joint-flexion')).toBeNull();
    expect(measureGeometry({ kind: 'marker', points: [{ x: 0, y: 0 }] }, 'length')).toBeNull();
  });
});

describe('lengths and calibration', () => {
  const ruler: AnnotationGeometry = { kind: 'ruler', points: [{ x: 100, y: 100 }, { x: 400, y: 500 }], realLengthCm: 50 };

  it('cm per px from a ruler; a line in cm once calibrated, in px before', () => {
    if (ruler.kind !== 'ruler') throw new Error('ruler');
    const cmPerPx = cmPerPxFromRuler(ruler);
    expect(cmPerPx).toBeCloseTo(0.1, 12);
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 0, y: 250 }] };
    expect(measureGeometry(line, 'length')).toMatchObject({ interior: 250, unit: 'px' });
    const calibrated = measureGeometry(line, 'length', cmPerPx);
    expect(calibrated?.unit).toBe('cm');
    expect(calibrated?.interior).toBeCloseTo(25, 9);
    expect(measureGeometry(ruler, 'length', 0.5)).toMatchObject({ interior: 50, unit: 'cm' });
    expect(calibratedLength(10, null)).toEqual({ value: 10, unit: 'px' });
  });

  it('horizontal distance ignores the vertical offset (overstride)', () => {
    const foot: AnnotationGeometry = { kind: 'line', points: [{ x: 700, y: 900 }, { x: 520, y: 480 }] };
    expect(measureGeometry(foot, 'horizontal-distance', 0.2)?.interior).toBeCloseTo(36, 9);
  });

  it('the most recently edited ruler calibrates the clip', () => {
    const base = { clipId: 'c', frameIndex: 0, frameTime: 0, label: null, style: { color: '#ffd400', strokeWidth: 2 }, createdAt: '2025-01-01T00:00:00.000Z' };
    const older: Annotation = { ...base, id: 'a', geometry: ruler, updatedAt: '2025-01-01T00:00:00.000Z' };
    const newer: Annotation = {
      ...base,
      id: 'b',
      geometry: { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }], realLengthCm: 100 },
      updatedAt: '2025-02-01T00:00:00.000Z',
    };
    expect(calibrationFromAnnotations([newer, older])).toEqual({ cmPerPx: 1, rulerId: 'b' });
    expect(calibrationFromAnnotations([])).toBeNull();
  });
});

describe('formatMeasurement', () => {
  it('formats per language and convention', () => {
    const m = measureGeometry(knee(140), 'joint-flexion');
    if (!m) throw new Error('measurement');
    expect(valueIn(m, 'clinical')).toBeCloseTo(40, 9);
    expect(formatMeasurement(m, 'interior', 'en')).toBe('140.0° int.');
    expect(formatMeasurement(m, 'clinical', 'nl')).toBe('40,0° flexie');
    expect(formatMeasurement(m, 'clinical', 'en', { withConvention: false })).toBe('40.0°');
  });

  it('never prints minus zero, and px are whole', () => {
    const flat = measureGeometry({ kind: 'angle-horizontal', points: [{ x: 0, y: 0 }, { x: 100, y: -0.00001 }] }, 'to-horizontal');
    if (!flat) throw new Error('measurement');
    expect(formatMeasurement(flat, 'clinical', 'en')).toBe('0.0° to horiz.');
    const line = measureGeometry({ kind: 'line', points: [{ x: 0, y: 0 }, { x: 3, y: 4 }] }, 'length');
    if (!line) throw new Error('measurement');
    expect(formatMeasurement(line, 'interior', 'nl')).toBe('5 px');
  });
});
