import type { AnnotationGeometry, ImagePoint } from '../contract/annotation.ts';
import { add, type Vec2 } from './vector.ts';

/** Number of points each tool places, in placement order. */
export const POINT_COUNT: Readonly<Record<AnnotationGeometry['kind'], 1 | 2 | 3>> = {
  goniometer: 3,
  line: 2,
  'angle-horizontal': 2,
  'angle-vertical': 2,
  ruler: 2,
  marker: 1,
  text: 1,
};

export function geometryPoints(g: AnnotationGeometry): readonly ImagePoint[] {
  return g.points;
}

function plain(p: Vec2): ImagePoint {
  return { x: p.x, y: p.y };
}

/** A copy of `g` with its points replaced (same count, same order); everything else is kept. */
export function withPoints(g: AnnotationGeometry, points: readonly Vec2[]): AnnotationGeometry {
  const at = (i: number): ImagePoint => {
    const p = points[i];
    if (!p) throw new RangeError(`geometry of kind ${g.kind} needs ${POINT_COUNT[g.kind]} points, got ${points.length}`);
    return plain(p);
  };
  switch (g.kind) {
    case 'goniometer':
      return { ...g, points: [at(0), at(1), at(2)] };
    case 'line':
    case 'angle-horizontal':
    case 'angle-vertical':
      return { ...g, points: [at(0), at(1)] };
    case 'ruler':
      return { ...g, points: [at(0), at(1)] };
    case 'marker':
      return { ...g, points: [at(0)] };
    case 'text':
      return { ...g, points: [at(0)] };
  }
}

export function replacePoint(g: AnnotationGeometry, index: number, p: Vec2): AnnotationGeometry {
  const points = g.points.map((q, i) => (i === index ? p : q));
  return withPoints(g, points);
}

export function translateGeometry(g: AnnotationGeometry, delta: Vec2): AnnotationGeometry {
  return withPoints(
    g,
    g.points.map((p) => add(p, delta)),
  );
}

export function geometriesEqual(a: AnnotationGeometry, b: AnnotationGeometry): boolean {
  if (a.kind !== b.kind || a.points.length !== b.points.length) return false;
  if (a.kind === 'ruler' && b.kind === 'ruler' && a.realLengthCm !== b.realLengthCm) return false;
  if (a.kind === 'text' && b.kind === 'text' && a.text !== b.text) return false;
  return a.points.every((p, i) => {
    const q = b.points[i];
    return q !== undefined && p.x === q.x && p.y === q.y;
  });
}

/** Axis-aligned bounds of the geometry's points (image px). */
export function geometryBounds(g: AnnotationGeometry): { x: number; y: number; width: number; height: number } {
  const xs = g.points.map((p) => p.x);
  const ys = g.points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
