import { cross, dot, length, normalize, sub, add, type Vec2 } from './vector.ts';

/**
 * Angles in degrees. Image space has y pointing down, so a positive screen direction turns clockwise.
 * Degenerate input (a zero-length arm or segment) yields NaN: there is no angle to show, and callers
 * that present values (measure.ts) turn NaN into "no value".
 */

export function toDegrees(radians: number): number {
  return (radians * 180) / Math.PI;
}

export function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Direction of from→to, degrees in (−180, 180], measured clockwise on screen from the +x axis. */
export function directionDeg(from: Vec2, to: Vec2): number {
  const d = sub(to, from);
  if (d.x === 0 && d.y === 0) return Number.NaN;
  return toDegrees(Math.atan2(d.y, d.x));
}

/** The angle a–vertex–b between the two arms, 0–180°. atan2 keeps small and near-straight angles exact. */
export function angleAtVertex(a: Vec2, vertex: Vec2, b: Vec2): number {
  const u = sub(a, vertex);
  const v = sub(b, vertex);
  if (length(u) === 0 || length(v) === 0) return Number.NaN;
  return toDegrees(Math.atan2(Math.abs(cross(u, v)), dot(u, v)));
}

/** Acute angle between the segment p–q and the horizontal, 0–90°. */
export function angleToHorizontal(p: Vec2, q: Vec2): number {
  const dx = Math.abs(q.x - p.x);
  const dy = Math.abs(q.y - p.y);
  if (dx === 0 && dy === 0) return Number.NaN;
  return toDegrees(Math.atan2(dy, dx));
}

/** Acute angle between the segment p–q and the vertical, 0–90°. */
export function angleToVertical(p: Vec2, q: Vec2): number {
  const dx = Math.abs(q.x - p.x);
  const dy = Math.abs(q.y - p.y);
  if (dx === 0 && dy === 0) return Number.NaN;
  return toDegrees(Math.atan2(dx, dy));
}

/**
 * Signed tilt of the (undirected) segment against the horizontal, in (−90, 90]:
 * positive when the segment rises towards the right edge of the image (right end higher), negative when it
 * falls. A vertical segment gives +90. Whether "image right" is the runner's left or right depends on the
 * camera view; that mapping belongs to the caller.
 */
export function signedAngleToHorizontal(p: Vec2, q: Vec2): number {
  if (p.x === q.x && p.y === q.y) return Number.NaN;
  if (p.x === q.x) return 90;
  const [left, right] = p.x < q.x ? [p, q] : [q, p];
  return toDegrees(Math.atan2(left.y - right.y, right.x - left.x));
}

/**
 * Signed lean of the (undirected) segment against the vertical, in (−90, 90]:
 * positive when the upper end leans towards the right edge of the image, negative towards the left.
 * A horizontal segment gives +90.
 */
export function signedAngleToVertical(p: Vec2, q: Vec2): number {
  if (p.x === q.x && p.y === q.y) return Number.NaN;
  if (p.y === q.y) return 90;
  const [upper, lower] = p.y < q.y ? [p, q] : [q, p];
  return toDegrees(Math.atan2(upper.x - lower.x, lower.y - upper.y));
}

/** The arc that marks an angle at a vertex: start direction and clockwise sweep (what Konva's Arc wants). */
export interface VertexArc {
  /** Direction of the arm the arc starts at, degrees clockwise from +x (screen convention). */
  readonly startDeg: number;
  /** Clockwise sweep to the other arm, 0–180°. */
  readonly sweepDeg: number;
}

export function vertexArc(a: Vec2, vertex: Vec2, b: Vec2): VertexArc | null {
  const sweep = angleAtVertex(a, vertex, b);
  if (Number.isNaN(sweep)) return null;
  // Positive cross product (y down) means b lies clockwise of a, so the clockwise sweep starts at a.
  const clockwiseFromA = cross(sub(a, vertex), sub(b, vertex)) >= 0;
  const startDeg = clockwiseFromA ? directionDeg(vertex, a) : directionDeg(vertex, b);
  return { startDeg, sweepDeg: sweep };
}

/** Unit vector halfway between the two arms (points into the measured angle); used to place labels. */
export function bisector(a: Vec2, vertex: Vec2, b: Vec2): Vec2 {
  const u = normalize(sub(a, vertex));
  const v = normalize(sub(b, vertex));
  const sum = add(u, v);
  if (length(sum) > 1e-9) return normalize(sum);
  // Straight angle: the bisector is perpendicular to the arms; pick the side that points up on screen.
  const perp = { x: u.y, y: -u.x };
  return perp.y <= 0 ? perp : { x: -perp.x, y: -perp.y };
}

/** Smallest absolute difference between two directions, 0–180°. */
export function directionDifference(aDeg: number, bDeg: number): number {
  const d = Math.abs((((aDeg - bDeg) % 360) + 540) % 360 - 180);
  return d;
}
