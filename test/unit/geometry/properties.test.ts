import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { angleAtVertex, angleToHorizontal, angleToVertical } from '../../../common/geometry/angle.ts';
import { rotate, add, type Vec2 } from '../../../common/geometry/vector.ts';
import { imageToScreen, screenToImage, zoomAt, panBy, type ViewTransform } from '../../../common/geometry/view-transform.ts';
import { snapDirection } from '../../../common/geometry/edit.ts';

const coordinate = fc.double({ min: -5000, max: 5000, noNaN: true, noDefaultInfinity: true });
const point = fc.record({ x: coordinate, y: coordinate });
const transform = fc.record({
  scale: fc.double({ min: 0.05, max: 40, noNaN: true }),
  x: fc.double({ min: -10_000, max: 10_000, noNaN: true }),
  y: fc.double({ min: -10_000, max: 10_000, noNaN: true }),
});

/** Arms at least 1 px long: shorter arms are not something a user can place, and make angles ill-conditioned. */
const threePoints = fc
  .tuple(point, point, point)
  .filter(([a, v, b]) => Math.hypot(a.x - v.x, a.y - v.y) > 1 && Math.hypot(b.x - v.x, b.y - v.y) > 1);

const TOLERANCE_DEG = 1e-6;

describe('angle invariants', () => {
  it('angle at vertex is invariant under translation', () => {
    fc.assert(
      fc.property(threePoints, point, ([a, v, b], shift) => {
        const moved = [a, v, b].map((p) => add(p, shift)) as [Vec2, Vec2, Vec2];
        expect(Math.abs(angleAtVertex(...moved) - angleAtVertex(a, v, b))).toBeLessThan(TOLERANCE_DEG);
      }),
    );
  });

  it('angle at vertex is invariant under rotation', () => {
    fc.assert(
      fc.property(threePoints, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), point, ([a, v, b], radians, centre) => {
        const turned = [a, v, b].map((p) => rotate(p, radians, centre)) as [Vec2, Vec2, Vec2];
        expect(Math.abs(angleAtVertex(...turned) - angleAtVertex(a, v, b))).toBeLessThan(TOLERANCE_DEG);
      }),
    );
  });

  it('every angle measured on screen equals the image angle at any zoom and pan', () => {
    fc.assert(
      fc.property(threePoints, transform, ([a, v, b], t) => {
        const [sa, sv, sb] = [a, v, b].map((p) => imageToScreen(t, p)) as [Vec2, Vec2, Vec2];
        expect(Math.abs(angleAtVertex(sa, sv, sb) - angleAtVertex(a, v, b))).toBeLessThan(TOLERANCE_DEG);
        expect(Math.abs(angleToHorizontal(sa, sv) - angleToHorizontal(a, v))).toBeLessThan(TOLERANCE_DEG);
        expect(Math.abs(angleToVertical(sv, sb) - angleToVertical(v, b))).toBeLessThan(TOLERANCE_DEG);
      }),
    );
  });

  it('angle to horizontal and to vertical are complementary', () => {
    fc.assert(
      fc.property(point, point, (p, q) => {
        fc.pre(Math.hypot(p.x - q.x, p.y - q.y) > 1e-3);
        expect(angleToHorizontal(p, q) + angleToVertical(p, q)).toBeCloseTo(90, 9);
      }),
    );
  });
});

describe('view transform properties', () => {
  it('image → screen → image round-trips', () => {
    fc.assert(
      fc.property(transform, point, (t, p) => {
        const back = screenToImage(t, imageToScreen(t, p));
        expect(Math.abs(back.x - p.x)).toBeLessThan(1e-6);
        expect(Math.abs(back.y - p.y)).toBeLessThan(1e-6);
      }),
    );
  });

  it('zooming at the cursor keeps the image point under the cursor', () => {
    fc.assert(
      fc.property(
        transform,
        fc.record({ x: fc.double({ min: 0, max: 3000, noNaN: true }), y: fc.double({ min: 0, max: 2000, noNaN: true }) }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (t, cursor, factor) => {
          const before = screenToImage(t, cursor);
          const zoomed: ViewTransform = zoomAt(t, cursor, factor);
          const after = screenToImage(zoomed, cursor);
          expect(Math.abs(after.x - before.x)).toBeLessThan(1e-6 * Math.max(1, Math.abs(before.x)));
          expect(Math.abs(after.y - before.y)).toBeLessThan(1e-6 * Math.max(1, Math.abs(before.y)));
        },
      ),
    );
  });

  it('panning never changes the image point distances (only offsets)', () => {
    fc.assert(
      fc.property(transform, point, point, coordinate, coordinate, (t, p, q, dx, dy) => {
        const moved = panBy(t, dx, dy);
        const a = imageToScreen(moved, p);
        const b = imageToScreen(moved, q);
        const expected = Math.hypot(p.x - q.x, p.y - q.y) * t.scale;
        expect(Math.abs(Math.hypot(a.x - b.x, a.y - b.y) - expected)).toBeLessThan(1e-6 * Math.max(1, expected));
      }),
    );
  });
});

describe('snapping properties', () => {
  it('a snapped direction is a multiple of 15° and never further from the anchor', () => {
    fc.assert(
      fc.property(point, point, (anchor, p) => {
        fc.pre(Math.hypot(p.x - anchor.x, p.y - anchor.y) > 1e-3);
        const s = snapDirection(anchor, p);
        const along = Math.hypot(s.x - anchor.x, s.y - anchor.y);
        expect(along).toBeLessThanOrEqual(Math.hypot(p.x - anchor.x, p.y - anchor.y) + 1e-9);
        if (along > 1e-6) {
          const a = angleToHorizontal(anchor, s);
          expect(Math.abs(a / 15 - Math.round(a / 15))).toBeLessThan(1e-6);
        }
      }),
    );
  });
});
