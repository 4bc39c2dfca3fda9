import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { angleToHorizontal, angleAtVertex } from '../../../common/geometry/angle.ts';
import { constrainToAxis, dragHandle, moveGeometry, snapDirection } from '../../../common/geometry/edit.ts';
import { geometriesEqual, replacePoint, withPoints } from '../../../common/geometry/points.ts';

describe('snapping', () => {
  it('snaps to horizontal and vertical exactly', () => {
    expect(snapDirection({ x: 10, y: 10 }, { x: 110, y: 13 })).toEqual({ x: 110, y: 10 });
    expect(snapDirection({ x: 10, y: 10 }, { x: 12, y: -90 })).toEqual({ x: 10, y: -90 });
  });

  it('snaps to 15° steps, keeping the position along the ray', () => {
    const anchor = { x: 0, y: 0 };
    const p = snapDirection(anchor, { x: 100, y: -52 });
    expect(angleToHorizontal(anchor, p)).toBeCloseTo(30, 9);
    const custom = snapDirection(anchor, { x: 100, y: 80 }, 45);
    expect(custom.x).toBeCloseTo(custom.y, 9);
  });

  it('axis constraint keeps the dominant offset', () => {
    expect(constrainToAxis({ x: 0, y: 0 }, { x: 5, y: -2 })).toEqual({ x: 5, y: 0 });
    expect(constrainToAxis({ x: 0, y: 0 }, { x: 1, y: -2 })).toEqual({ x: 0, y: -2 });
  });
});

describe('dragHandle', () => {
  const gonio: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 0, y: 0 }, { x: 0, y: 100 }, { x: 80, y: 160 }] };

  it('moves just the handle', () => {
    const moved = dragHandle(gonio, 2, { x: 90, y: 170 });
    expect(moved.points).toEqual([{ x: 0, y: 0 }, { x: 0, y: 100 }, { x: 90, y: 170 }]);
    expect(gonio.points[2]).toEqual({ x: 80, y: 160 });
  });

  it('snaps an arm around the vertex and the vertex around the first arm end', () => {
    const arm = dragHandle(gonio, 2, { x: 100, y: 103 }, { snap: true });
    expect(arm.points[2]).toEqual({ x: 100, y: 100 });
    expect(angleAtVertex(arm.points[0]!, arm.points[1]!, arm.points[2]!)).toBeCloseTo(90, 9);
    const vertex = dragHandle(gonio, 1, { x: 4, y: 100 }, { snap: true });
    expect(vertex.points[1]).toEqual({ x: 0, y: 100 });
  });

  it('a two-point end snaps around the other end; a marker keeps to an axis', () => {
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 50, y: 50 }] };
    expect(dragHandle(line, 0, { x: -3, y: 52 }, { snap: true }).points[0]).toEqual({ x: -3, y: 50 });
    expect(dragHandle(line, 0, { x: 47, y: -40 }, { snap: true }).points[0]).toEqual({ x: 50, y: -40 });
    const marker: AnnotationGeometry = { kind: 'marker', points: [{ x: 10, y: 10 }] };
    expect(dragHandle(marker, 0, { x: 40, y: 12 }, { snap: true, origin: { x: 10, y: 10 } }).points[0]).toEqual({ x: 40, y: 10 });
    expect(dragHandle(marker, 3, { x: 40, y: 12 })).toBe(marker);
  });

  it('keeps kind-specific fields', () => {
    const ruler: AnnotationGeometry = { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 50, y: 0 }], realLengthCm: 42 };
    const moved = moveGeometry(ruler, { x: 5, y: 7 });
    expect(moved).toEqual({ kind: 'ruler', points: [{ x: 5, y: 7 }, { x: 55, y: 7 }], realLengthCm: 42 });
    const note: AnnotationGeometry = { kind: 'text', points: [{ x: 0, y: 0 }], text: 'hi' };
    expect(moveGeometry(note, { x: 5, y: 2 }, { constrainAxis: true })).toEqual({ kind: 'text', points: [{ x: 5, y: 0 }], text: 'hi' });
  });
});

describe('points helpers', () => {
  it('withPoints refuses too few points; geometriesEqual compares everything stored', () => {
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] };
    expect(() => withPoints(line, [{ x: 0, y: 0 }])).toThrow(RangeError);
    expect(geometriesEqual(line, replacePoint(line, 1, { x: 1, y: 1 }))).toBe(true);
    expect(geometriesEqual(line, replacePoint(line, 1, { x: 1, y: 2 }))).toBe(false);
    const r1: AnnotationGeometry = { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], realLengthCm: 1 };
    expect(geometriesEqual(r1, { ...r1, realLengthCm: 2 })).toBe(false);
  });
});
