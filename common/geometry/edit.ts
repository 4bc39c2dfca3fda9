import type { AnnotationGeometry } from '../contract/annotation.ts';
import { toRadians, toDegrees } from './angle.ts';
import { replacePoint, translateGeometry } from './points.ts';
import { sub, type Vec2 } from './vector.ts';

/** Shift-drag snaps directions to multiples of this; 15° includes horizontal, vertical and 45°. */
export const DEFAULT_SNAP_STEP_DEG = 15;

/**
 * Constrain `point` to the nearest direction from `anchor` that is a multiple of `stepDeg` (0° = horizontal),
 * by projecting onto that ray: the cursor's position along the ray is kept, its sideways offset dropped.
 */
export function snapDirection(anchor: Vec2, point: Vec2, stepDeg = DEFAULT_SNAP_STEP_DEG): Vec2 {
  const d = sub(point, anchor);
  if (d.x === 0 && d.y === 0) return { x: point.x, y: point.y };
  const snappedDeg = Math.round(toDegrees(Math.atan2(d.y, d.x)) / stepDeg) * stepDeg;
  const ux = Math.cos(toRadians(snappedDeg));
  const uy = Math.sin(toRadians(snappedDeg));
  // Exact zeros keep horizontal and vertical snaps exactly horizontal and vertical.
  const cleanX = Math.abs(ux) < 1e-12 ? 0 : ux;
  const cleanY = Math.abs(uy) < 1e-12 ? 0 : uy;
  const along = d.x * cleanX + d.y * cleanY;
  return { x: anchor.x + cleanX * along, y: anchor.y + cleanY * along };
}

/** Keep only the larger of the horizontal and vertical offsets from `origin` (Shift while moving). */
export function constrainToAxis(origin: Vec2, point: Vec2): Vec2 {
  const dx = point.x - origin.x;
  const dy = point.y - origin.y;
  return Math.abs(dx) >= Math.abs(dy) ? { x: point.x, y: origin.y } : { x: origin.x, y: point.y };
}

/**
 * The point a dragged handle snaps around: a goniometer's arms turn about the vertex and its vertex about the
 * first arm's end; a two-point tool's end about the other end. Single points have none.
 */
export function snapAnchorIndex(kind: AnnotationGeometry['kind'], index: number): number | null {
  switch (kind) {
    case 'goniometer':
      return index === 1 ? 0 : 1;
    case 'line':
    case 'ruler':
    case 'angle-horizontal':
    case 'angle-vertical':
      return index === 0 ? 1 : 0;
    case 'marker':
    case 'text':
      return null;
  }
}

export interface DragOptions {
  /** Shift held: snap the direction (or, for single points, the axis of movement). */
  readonly snap?: boolean;
  readonly stepDeg?: number;
  /** Where a single-point handle started, for axis constraint. */
  readonly origin?: Vec2;
}

/** Geometry with handle `index` moved to `target` (image px), snapped when asked. */
export function dragHandle(
  geometry: AnnotationGeometry,
  index: number,
  target: Vec2,
  options: DragOptions = {},
): AnnotationGeometry {
  if (index < 0 || index >= geometry.points.length) return geometry;
  let point = target;
  if (options.snap) {
    const anchorIndex = snapAnchorIndex(geometry.kind, index);
    const anchor = anchorIndex === null ? undefined : geometry.points[anchorIndex];
    if (anchor) point = snapDirection(anchor, target, options.stepDeg);
    else if (options.origin) point = constrainToAxis(options.origin, target);
  }
  return replacePoint(geometry, index, point);
}

/** Geometry moved by `delta` (image px); with `constrainAxis` only along the dominant axis. */
export function moveGeometry(
  geometry: AnnotationGeometry,
  delta: Vec2,
  options: { readonly constrainAxis?: boolean } = {},
): AnnotationGeometry {
  const d = options.constrainAxis ? constrainToAxis({ x: 0, y: 0 }, delta) : delta;
  return translateGeometry(geometry, d);
}
