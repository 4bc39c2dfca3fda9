import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { angleAtVertex, directionDeg, directionDifference } from '../../../common/geometry/angle.ts';
import { measureGeometry } from '../../../common/geometry/conventions.ts';
import { drawAnnotation, drawPartial, type DrawPrimitive } from '../../../common/geometry/drawing.ts';
import { imageToScreen } from '../../../common/geometry/view-transform.ts';

const transform = { scale: 0.5, x: 20, y: 10 };

function only<T extends DrawPrimitive['type']>(primitives: DrawPrimitive[], type: T): Extract<DrawPrimitive, { type: T }>[] {
  return primitives.filter((p): p is Extract<DrawPrimitive, { type: T }> => p.type === type);
}

const knee: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 400, y: 100 }, { x: 400, y: 500 }, { x: 600, y: 800 }] };

describe('drawAnnotation', () => {
  it('goniometer (interior): arms, an arc spanning the interior angle, a label inside the angle', () => {
    const m = measureGeometry(knee, 'joint-flexion');
    const primitives = drawAnnotation(knee, m, ['Knee MS L', '146.3° int.'], { transform, convention: 'interior' });
    const [path] = only(primitives, 'path');
    expect(path?.points).toEqual(knee.points.map((p) => imageToScreen(transform, p)));
    const [arc] = only(primitives, 'arc');
    expect(arc?.sweepDeg).toBeCloseTo(m?.interior ?? 0, 9);
    expect(arc?.radius).toBe(28);
    const [plate] = only(primitives, 'label');
    expect(plate?.lines).toEqual(['Knee MS L', '146.3° int.']);
    expect(only(primitives, 'path').filter((p) => p.role === 'reference')).toHaveLength(0);
  });

  it('goniometer (clinical): dashed extension of the first arm and an arc of the flexion angle', () => {
    const m = measureGeometry(knee, 'joint-flexion');
    const primitives = drawAnnotation(knee, m, ['33.7° flex.'], { transform, convention: 'clinical' });
    const [reference] = only(primitives, 'path').filter((p) => p.role === 'reference');
    const v = imageToScreen(transform, knee.points[1]);
    const a = imageToScreen(transform, knee.points[0]);
    if (!reference) throw new Error('reference line');
    const end = reference.points[1];
    if (!end) throw new Error('end');
    // The extension continues hip → knee straight on.
    expect(directionDifference(directionDeg(a, v), directionDeg(v, end))).toBeLessThan(1e-9);
    const [arc] = only(primitives, 'arc');
    expect(arc?.sweepDeg).toBeCloseTo(m?.clinical ?? 0, 9);
  });

  it('trunk under each convention: reference line horizontal for interior, vertical for clinical', () => {
    const trunk: AnnotationGeometry = { kind: 'angle-horizontal', points: [{ x: 100, y: 600 }, { x: 150, y: 300 }] };
    const m = measureGeometry(trunk, 'inclination');
    const interior = only(drawAnnotation(trunk, m, ['80°'], { transform, convention: 'interior' }), 'path').find((p) => p.role === 'reference');
    const clinical = only(drawAnnotation(trunk, m, ['10°'], { transform, convention: 'clinical' }), 'path').find((p) => p.role === 'reference');
    const [i0, i1] = interior?.points ?? [];
    const [c0, c1] = clinical?.points ?? [];
    if (!i0 || !i1 || !c0 || !c1) throw new Error('reference lines');
    expect(i0.y).toBe(i1.y);
    expect(i1.x).toBeGreaterThan(i0.x); // towards the tip's side
    expect(c0.x).toBe(c1.x);
    expect(c1.y).toBeLessThan(c0.y); // up, towards the shoulder
    const arc = only(drawAnnotation(trunk, m, null, { transform, convention: 'clinical' }), 'arc')[0];
    expect(arc?.sweepDeg).toBeCloseTo(m?.clinical ?? 0, 9);
    expect(only(drawAnnotation(trunk, m, null, { transform, convention: 'clinical' }), 'label')).toEqual([]);
  });

  it('ruler gets end ticks; overstride gets its horizontal projection', () => {
    const ruler: AnnotationGeometry = { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 200, y: 0 }], realLengthCm: 50 };
    const rulerPrims = drawAnnotation(ruler, measureGeometry(ruler, 'length'), ['50.0 cm'], { transform, convention: 'interior' });
    expect(only(rulerPrims, 'path')).toHaveLength(3);
    const [rulerLabel] = only(rulerPrims, 'label');
    expect(rulerLabel?.placement).toEqual({ type: 'away', direction: { x: 0, y: -1 } });

    const stride: AnnotationGeometry = { kind: 'line', points: [{ x: 900, y: 1000 }, { x: 700, y: 560 }] };
    const prims = drawAnnotation(stride, measureGeometry(stride, 'horizontal-distance', 0.1), ['20.0 cm'], { transform, convention: 'interior' });
    const projection = only(prims, 'path').find((p) => p.role === 'reference');
    expect(projection?.points.map((p) => p.y)).toEqual([510, 510, 290]);
  });

  it('marker ring with its label to the right; text note plate at its anchor', () => {
    const marker = drawAnnotation({ kind: 'marker', points: [{ x: 10, y: 10 }] }, null, ['Heel'], { transform, convention: 'interior' });
    expect(marker[0]).toEqual({ type: 'ring', center: { x: 25, y: 15 }, radius: 6 });
    expect(marker[1]).toMatchObject({ type: 'label', placement: { type: 'away', direction: { x: 1, y: 0 } } });
    const note = drawAnnotation({ kind: 'text', points: [{ x: 10, y: 10 }], text: 'x' }, null, ['x'], { transform, convention: 'interior' });
    expect(note).toEqual([{ type: 'label', anchor: { x: 25, y: 15 }, placement: { type: 'top-left' }, lines: ['x'], note: true }]);
  });

  it('a narrow angle puts its plate beyond the measured ray, away from the reference', () => {
    // Trunk 8.5° from vertical, leaning right, clinical: the plate must sit right of the trunk line.
    const trunk: AnnotationGeometry = { kind: 'angle-horizontal', points: [{ x: 500, y: 800 }, { x: 530, y: 600 }] };
    const m = measureGeometry(trunk, 'inclination');
    const [plate] = only(drawAnnotation(trunk, m, ['8.5°'], { transform: { scale: 1, x: 0, y: 0 }, convention: 'clinical' }), 'label');
    if (plate?.placement.type !== 'away') throw new Error('plate');
    expect(plate.placement.direction.x).toBeGreaterThan(0.9);
    // The anchor lies right of the trunk line, so the whole plate does.
    const t = (plate.anchor.y - 800) / (600 - 800);
    expect(plate.anchor.x).toBeGreaterThan(500 + 30 * t);
    // Wide angle: inside, on the bisector.
    const [wide] = only(drawAnnotation(trunk, m, ['81.5°'], { transform: { scale: 1, x: 0, y: 0 }, convention: 'interior' }), 'label');
    if (wide?.placement.type !== 'away') throw new Error('plate');
    expect(wide.placement.direction.y).toBeLessThan(0);
    expect(wide.placement.direction.x).toBeGreaterThan(0);
  });

  it('degenerate shapes draw their strokes but no arc or label', () => {
    const collapsed: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 5, y: 5 }] };
    const prims = drawAnnotation(collapsed, measureGeometry(collapsed, 'joint-flexion'), ['?'], { transform, convention: 'interior' });
    expect(prims.map((p) => p.type)).toEqual(['path']);
  });

  it('the drawn interior arc equals the image angle at any zoom', () => {
    const zoomed = { scale: 7.3, x: -900, y: 55 };
    const m = measureGeometry(knee, 'joint-flexion');
    const [arc] = only(drawAnnotation(knee, m, null, { transform: zoomed, convention: 'interior' }), 'arc');
    expect(arc?.sweepDeg).toBeCloseTo(angleAtVertex(knee.points[0], knee.points[1], knee.points[2]), 9);
  });

  it('drawPartial draws the placed points as one path', () => {
    expect(drawPartial([{ x: 0, y: 0 }], transform)).toEqual([]);
    expect(drawPartial([{ x: 0, y: 0 }, { x: 10, y: 0 }], transform)).toEqual([
      { type: 'path', role: 'main', points: [{ x: 20, y: 10 }, { x: 25, y: 10 }] },
    ]);
  });
});
