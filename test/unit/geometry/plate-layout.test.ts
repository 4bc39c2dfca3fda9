import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  layoutPlates,
  lengthInside,
  platesOverlap,
  primitiveSegments,
  type PlacedPlate,
  type PlateRequest,
  type Segment,
} from '../../../common/geometry/plate-layout.ts';

const viewport = { width: 1200, height: 800 };
const right = { type: 'away' as const, direction: { x: 1, y: 0 } };

function plate(key: string, x: number, y: number, width = 90, height = 40): PlateRequest {
  return { key, anchor: { x, y }, placement: right, width, height, note: false };
}

function placedOnly(list: readonly (PlacedPlate | null)[]): PlacedPlate[] {
  return list.filter((p): p is PlacedPlate => p !== null);
}

function expectApart(list: readonly PlacedPlate[]): void {
  for (let i = 0; i < list.length; i += 1) {
    for (let j = i + 1; j < list.length; j += 1) expect(platesOverlap(list[i]!, list[j]!), `plates ${i} and ${j}`).toBe(false);
  }
}

describe('plate layout', () => {
  it('keeps its preferred spot beside the anchor when that spot is free (no leader)', () => {
    const [only] = layoutPlates([plate('a', 100, 100)], [], { viewport });
    expect(only).toMatchObject({ x: 100, y: 80, leader: null });
  });

  it('puts plates that want the same spot side by side instead of on top of each other', () => {
    const requests = [plate('a', 300, 300), plate('b', 302, 304), plate('c', 298, 296), plate('d', 305, 300)];
    const placed = placedOnly(layoutPlates(requests, [], { viewport }));
    expect(placed).toHaveLength(4);
    expectApart(placed);
    // The first one keeps its spot; the others stay close (the search does not wander off).
    expect(placed[0]).toMatchObject({ x: 300, y: 280 });
    for (const p of placed) expect(Math.hypot(p.x - 300, p.y - 300)).toBeLessThan(200);
  });

  it('moves a plate off a line that runs through its preferred spot', () => {
    const line: Segment = { a: { x: 120, y: 0 }, b: { x: 140, y: 400 } };
    const [moved] = layoutPlates([plate('a', 100, 200)], [line], { viewport });
    expect(moved).not.toBeNull();
    expect(lengthInside(line, moved!)).toBe(0);
  });

  it('ties a plate that had to move far from its anchor back to it with a leader line', () => {
    // Upright lines all around the anchor: the only clear spots are above or below them.
    const wall = Array.from({ length: 20 }, (_, i): Segment => ({ a: { x: 4 + i * 12, y: 150 }, b: { x: 4 + i * 12, y: 250 } }));
    const [moved] = layoutPlates([plate('a', 100, 200)], wall, { viewport });
    for (const line of wall) expect(lengthInside(line, moved!)).toBe(0);
    expect(moved!.leader).not.toBeNull();
    expect(moved!.leader!.a).toEqual({ x: 100, y: 200 });
    const end = moved!.leader!.b;
    // The leader ends on the plate's edge.
    expect(end.x).toBeGreaterThanOrEqual(moved!.x);
    expect(end.x).toBeLessThanOrEqual(moved!.x + moved!.width);
    expect(end.y).toBeGreaterThanOrEqual(moved!.y);
    expect(end.y).toBeLessThanOrEqual(moved!.y + moved!.height);
  });

  it('pins notes where the user put them and makes the other plates avoid them', () => {
    const note: PlateRequest = { key: 'n', anchor: { x: 300, y: 280 }, placement: { type: 'top-left' }, width: 120, height: 60, note: true };
    const [value, pinned] = layoutPlates([plate('a', 300, 300), note], [], { viewport });
    expect(pinned).toMatchObject({ x: 300, y: 280, leader: null });
    expect(platesOverlap(value!, pinned!)).toBe(false);
  });

  it('avoids plates laid out before (the rest of the frame while one drawing is edited)', () => {
    const occupied = [{ x: 300, y: 280, width: 90, height: 40 }];
    const [placed] = layoutPlates([plate('a', 300, 300)], [], { viewport, occupied });
    expect(platesOverlap(placed!, occupied[0]!)).toBe(false);
  });

  it('shows no plate whose anchor is off screen and keeps the others inside the viewport', () => {
    const [gone, edge] = layoutPlates([plate('a', 1300, 100), plate('b', 1190, 790)], [], { viewport });
    expect(gone).toBeNull();
    expect(edge!.x + edge!.width).toBeLessThanOrEqual(viewport.width);
    expect(edge!.y + edge!.height).toBeLessThanOrEqual(viewport.height);
  });

  it('never overlaps plates in a crowded cluster (random clusters of up to 14 plates)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 400, max: 700 }), y: fc.integer({ min: 250, max: 500 }), w: fc.integer({ min: 40, max: 140 }), dir: fc.integer({ min: 0, max: 7 }) }), {
          minLength: 2,
          maxLength: 14,
        }),
        (specs) => {
          const requests = specs.map((s, i): PlateRequest => {
            const angle = (s.dir * Math.PI) / 4;
            return { key: String(i), anchor: { x: s.x, y: s.y }, placement: { type: 'away', direction: { x: Math.cos(angle), y: Math.sin(angle) } }, width: s.w, height: 38, note: false };
          });
          const placed = placedOnly(layoutPlates(requests, [], { viewport }));
          expect(placed).toHaveLength(requests.length);
          expectApart(placed);
        },
      ),
      { numRuns: 150, seed: 17 },
    );
  });

  it('turns drawn primitives into the segments plates must avoid', () => {
    const segments = primitiveSegments([
      { type: 'path', role: 'main', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }] },
      { type: 'arc', role: 'main', center: { x: 0, y: 0 }, radius: 10, startDeg: 0, sweepDeg: 90 },
      { type: 'ring', center: { x: 50, y: 50 }, radius: 6 },
      { type: 'label', anchor: { x: 0, y: 0 }, placement: right, lines: ['x'], note: false },
    ]);
    expect(segments.length).toBe(2 + 3 + 4);
    expect(lengthInside({ a: { x: -10, y: 5 }, b: { x: 30, y: 5 } }, { x: 0, y: 0, width: 20, height: 10 })).toBeCloseTo(20);
    expect(lengthInside({ a: { x: -10, y: 50 }, b: { x: 30, y: 50 } }, { x: 0, y: 0, width: 20, height: 10 })).toBe(0);
  });
});
