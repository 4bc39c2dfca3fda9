import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import {
  distanceToArc,
  distanceToSegment,
  goniometerArcRadius,
  hitTestAnnotations,
  hitTestGeometry,
  textNoteBox,
} from '../../../common/geometry/hit-test.ts';
import { IDENTITY_TRANSFORM } from '../../../common/geometry/view-transform.ts';

describe('distances', () => {
  it('to a segment: perpendicular inside, to the nearer end outside', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });

  it('to an arc: radial inside the sweep, to the nearer end outside it', () => {
    const arc = { startDeg: 0, sweepDeg: 90 };
    expect(distanceToArc({ x: 7, y: 7 }, { x: 0, y: 0 }, 10, arc)).toBeCloseTo(10 - Math.hypot(7, 7), 12);
    // Opposite side: nearest is an end of the arc, not the circle.
    expect(distanceToArc({ x: -10, y: 0 }, { x: 0, y: 0 }, 10, arc)).toBeCloseTo(Math.hypot(10, 10), 12);
  });

  it('the arc is never longer than 40 % of the shorter arm', () => {
    expect(goniometerArcRadius({ x: 0, y: 0 }, { x: 0, y: 20 }, { x: 100, y: 20 })).toBe(8);
    expect(goniometerArcRadius({ x: 0, y: 0 }, { x: 0, y: 200 }, { x: 300, y: 200 })).toBe(28);
  });
});

describe('hitTestGeometry', () => {
  const gonio: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 100, y: 0 }, { x: 100, y: 100 }, { x: 200, y: 100 }] };

  it('prefers a handle over the body', () => {
    expect(hitTestGeometry(gonio, { x: 103, y: 98 }, IDENTITY_TRANSFORM)?.target).toEqual({ part: 'handle', index: 1 });
    expect(hitTestGeometry(gonio, { x: 104, y: 50 }, IDENTITY_TRANSFORM)?.target).toEqual({ part: 'body' });
    expect(hitTestGeometry(gonio, { x: 130, y: 50 }, IDENTITY_TRANSFORM)).toBeNull();
  });

  it('hits the arc between the arms', () => {
    const onArc = { x: 100 + 28 * Math.SQRT1_2, y: 100 - 28 * Math.SQRT1_2 };
    expect(hitTestGeometry(gonio, onArc, IDENTITY_TRANSFORM)?.target).toEqual({ part: 'body' });
  });

  it('tolerance is in screen px, independent of zoom', () => {
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }] };
    const zoomed = { scale: 8, x: 0, y: 0 };
    // 5 screen px off the line at 8×: a hit. 2 image px off = 16 screen px: a miss.
    expect(hitTestGeometry(line, { x: 400, y: 5 }, zoomed)?.target).toEqual({ part: 'body' });
    expect(hitTestGeometry(line, { x: 400, y: 16 }, zoomed)).toBeNull();
  });

  it('hits a text note anywhere on its plate', () => {
    const note: AnnotationGeometry = { kind: 'text', points: [{ x: 50, y: 50 }], text: 'Heel strike\nfar ahead' };
    const box = textNoteBox({ x: 50, y: 50 }, note.text);
    expect(box.height).toBeGreaterThan(2 * 14);
    expect(hitTestGeometry(note, { x: 50 + box.width - 2, y: 50 + box.height - 2 }, IDENTITY_TRANSFORM)?.target).toEqual({ part: 'body' });
    expect(hitTestGeometry(note, { x: 50 + box.width + 20, y: 50 }, IDENTITY_TRANSFORM)).toBeNull();
  });
});

describe('hitTestAnnotations', () => {
  const a = { id: 'a', geometry: { kind: 'line', points: [{ x: 0, y: 50 }, { x: 200, y: 50 }] } as AnnotationGeometry };
  const b = { id: 'b', geometry: { kind: 'line', points: [{ x: 0, y: 52 }, { x: 200, y: 52 }] } as AnnotationGeometry };
  const c = { id: 'c', geometry: { kind: 'marker', points: [{ x: 100, y: 55 }] } as AnnotationGeometry };

  it('picks the nearest, then the topmost', () => {
    expect(hitTestAnnotations([a, b], { x: 50, y: 50 }, IDENTITY_TRANSFORM)?.id).toBe('a');
    expect(hitTestAnnotations([a, b], { x: 50, y: 51 }, IDENTITY_TRANSFORM)?.id).toBe('b');
  });

  it('handles beat bodies; the selected annotation beats others of the same rank', () => {
    expect(hitTestAnnotations([a, b, c], { x: 100, y: 53 }, IDENTITY_TRANSFORM)).toMatchObject({ id: 'c', target: { part: 'handle', index: 0 } });
    expect(hitTestAnnotations([a, b], { x: 50, y: 51 }, IDENTITY_TRANSFORM, undefined, 'a')?.id).toBe('a');
    expect(hitTestAnnotations([a, b], { x: 500, y: 500 }, IDENTITY_TRANSFORM)).toBeNull();
  });
});
