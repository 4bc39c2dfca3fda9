import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { measureAnnotation } from '../../../common/measurements/measure.ts';
import { valueRows } from '../../../common/measurements/value-rows.ts';

function rows(geometry: AnnotationGeometry, label: string | null = null, cmPerPx: number | null = null) {
  return valueRows(geometry, measureAnnotation(geometry, label, cmPerPx)?.measurement ?? null, 'en');
}

describe('value rows of the details panel', () => {
  it('show a line and a ruler as a length, never under an angle heading', () => {
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 300, y: 400 }] };
    expect(rows(line)).toEqual([{ kind: 'length', value: '500 px', convention: null }]);
    expect(rows(line, null, 0.1)).toEqual([{ kind: 'length', value: '50.0 cm', convention: null }]);
    const ruler: AnnotationGeometry = { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 300, y: 400 }], realLengthCm: 80 };
    expect(rows(ruler)).toEqual([{ kind: 'length', value: '80.0 cm', convention: null }]);
    const overstride: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 300, y: 400 }] };
    expect(rows(overstride, 'overstride-left')).toEqual([{ kind: 'horizontal-distance', value: '300 px', convention: null }]);
  });

  it('show a joint in both conventions, each under its own name', () => {
    const knee: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 0, y: -100 }, { x: 0, y: 0 }, { x: 100, y: 0 }] };
    expect(rows(knee, 'knee-midstance-left')).toEqual([
      { kind: 'interior-angle', value: '90.0°', convention: 'interior' },
      { kind: 'flexion', value: '90.0°', convention: 'clinical' },
    ]);
  });

  it('show a trunk angle to the horizontal and to the vertical, and a plain horizontal angle once', () => {
    const trunk: AnnotationGeometry = { kind: 'angle-horizontal', points: [{ x: 0, y: 100 }, { x: 100, y: 0 }] };
    expect(rows(trunk, 'trunk-midstance').map((r) => r.kind)).toEqual(['to-horizontal', 'to-vertical']);
    expect(rows(trunk)).toEqual([{ kind: 'to-horizontal', value: '45.0°', convention: null }]);
  });

  it('show where a marker is', () => {
    expect(rows({ kind: 'marker', points: [{ x: 812.4, y: 440 }] })).toEqual([{ kind: 'position', value: 'x 812 · y 440 px', convention: null }]);
  });
});
