import { describe, expect, it } from 'vitest';
import {
  angleAtVertex,
  angleToHorizontal,
  angleToVertical,
  bisector,
  directionDeg,
  directionDifference,
  signedAngleToHorizontal,
  signedAngleToVertical,
  vertexArc,
} from '../../../common/geometry/angle.ts';
import { distance, normalize, rotate } from '../../../common/geometry/vector.ts';

describe('angleAtVertex', () => {
  it('measures a right angle, a straight angle and a closed angle', () => {
    expect(angleAtVertex({ x: 10, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(90, 12);
    expect(angleAtVertex({ x: -5, y: 0 }, { x: 0, y: 0 }, { x: 7, y: 0 })).toBeCloseTo(180, 12);
    expect(angleAtVertex({ x: 3, y: 0 }, { x: 0, y: 0 }, { x: 9, y: 0 })).toBe(0);
  });

  it('gives a knee of 140° for arms 140° apart, whichever arm comes first', () => {
    const vertex = { x: 500, y: 400 };
    const hip = { x: 500, y: 200 }; // straight up on screen
    const ankle = rotate(hip, (140 * Math.PI) / 180, vertex);
    expect(angleAtVertex(hip, vertex, ankle)).toBeCloseTo(140, 10);
    expect(angleAtVertex(ankle, vertex, hip)).toBeCloseTo(140, 10);
  });

  it('keeps near-straight angles exact (atan2, not acos)', () => {
    const a = { x: -1000, y: 0 };
    const b = { x: 1000, y: 0.001 };
    const expected = 180 - (Math.atan2(0.001, 1000) * 180) / Math.PI;
    expect(angleAtVertex(a, { x: 0, y: 0 }, b)).toBeCloseTo(expected, 9);
    expect(angleAtVertex(a, { x: 0, y: 0 }, b)).toBeLessThan(180);
  });

  it('is NaN when an arm has no length', () => {
    expect(angleAtVertex({ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 5, y: 2 })).toBeNaN();
  });
});

describe('angles to horizontal and vertical', () => {
  it('trunk at 80° to horizontal is 10° to vertical, regardless of point order', () => {
    const hip = { x: 100, y: 300 };
    const shoulder = { x: 100 + 100 * Math.cos((80 * Math.PI) / 180), y: 300 - 100 * Math.sin((80 * Math.PI) / 180) };
    expect(angleToHorizontal(hip, shoulder)).toBeCloseTo(80, 10);
    expect(angleToHorizontal(shoulder, hip)).toBeCloseTo(80, 10);
    expect(angleToVertical(hip, shoulder)).toBeCloseTo(10, 10);
  });

  it('stays within 0–90°', () => {
    expect(angleToHorizontal({ x: 0, y: 0 }, { x: -10, y: 10 })).toBeCloseTo(45, 12);
    expect(angleToHorizontal({ x: 0, y: 0 }, { x: -10, y: 0 })).toBe(0);
    expect(angleToVertical({ x: 0, y: 0 }, { x: 0, y: -3 })).toBe(0);
  });

  it('signed variants tell the direction of tilt and lean', () => {
    // Right end higher (smaller y) → positive tilt.
    expect(signedAngleToHorizontal({ x: 0, y: 0 }, { x: 10, y: -10 })).toBeCloseTo(45, 12);
    expect(signedAngleToHorizontal({ x: 10, y: -10 }, { x: 0, y: 0 })).toBeCloseTo(45, 12);
    expect(signedAngleToHorizontal({ x: 0, y: 0 }, { x: 10, y: 10 })).toBeCloseTo(-45, 12);
    // Upper end to the right → positive lean.
    expect(signedAngleToVertical({ x: 0, y: 100 }, { x: 10, y: 0 })).toBeCloseTo((Math.atan2(10, 100) * 180) / Math.PI, 12);
    expect(signedAngleToVertical({ x: 10, y: 100 }, { x: 0, y: 0 })).toBeLessThan(0);
    expect(signedAngleToHorizontal({ x: 5, y: 0 }, { x: 5, y: 9 })).toBe(90);
    expect(signedAngleToVertical({ x: 0, y: 5 }, { x: 9, y: 5 })).toBe(90);
    expect(signedAngleToVertical({ x: 1, y: 1 }, { x: 1, y: 1 })).toBeNaN();
  });
});

describe('vertexArc and bisector', () => {
  it('sweeps clockwise from the arm that makes the sweep equal to the angle', () => {
    const v = { x: 0, y: 0 };
    const right = { x: 10, y: 0 };
    const down = { x: 0, y: 10 };
    expect(vertexArc(right, v, down)).toEqual({ startDeg: 0, sweepDeg: 90 });
    expect(vertexArc(down, v, right)).toEqual({ startDeg: 0, sweepDeg: 90 });
    const up = { x: 0, y: -10 };
    const arc = vertexArc(right, v, up);
    expect(arc?.startDeg).toBeCloseTo(-90, 12);
    expect(arc?.sweepDeg).toBeCloseTo(90, 12);
  });

  it('the arc ends on the other arm', () => {
    const v = { x: 3, y: 4 };
    const a = { x: 50, y: -20 };
    const b = { x: -30, y: 60 };
    const arc = vertexArc(a, v, b);
    if (!arc) throw new Error('expected an arc');
    const endDirection = arc.startDeg + arc.sweepDeg;
    const onArms = [directionDeg(v, a), directionDeg(v, b)];
    expect(onArms.some((d) => directionDifference(d, arc.startDeg) < 1e-9)).toBe(true);
    expect(onArms.some((d) => directionDifference(d, endDirection) < 1e-9)).toBe(true);
  });

  it('bisector points into the angle, and up for a straight angle', () => {
    const b = bisector({ x: 10, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 10 });
    expect(b.x).toBeCloseTo(Math.SQRT1_2, 12);
    expect(b.y).toBeCloseTo(Math.SQRT1_2, 12);
    const straight = bisector({ x: -10, y: 0 }, { x: 0, y: 0 }, { x: 10, y: 0 });
    expect(straight.y).toBeCloseTo(-1, 12);
    expect(distance(normalize(straight), straight)).toBeLessThan(1e-12);
  });

  it('directionDifference wraps around ±180°', () => {
    expect(directionDifference(170, -170)).toBeCloseTo(20, 12);
    expect(directionDifference(0, 180)).toBeCloseTo(180, 12);
    expect(directionDifference(-90, 270)).toBeCloseTo(0, 12);
  });
});
