import type { AnnotationGeometry } from '../contract/annotation.ts';
import { bisector, vertexArc } from './angle.ts';
import type { AngleConvention, Measurement } from './conventions.ts';
import { goniometerArcRadius } from './hit-test.ts';
import { add, distance, normalize, scale, sub, type Vec2 } from './vector.ts';
import { imageToScreen, type ViewTransform } from './view-transform.ts';

/**
 * How an annotation looks, as screen-space primitives: the canvas draws them with Konva, the PDF report with
 * its own vector calls, so both show the same lines, arcs, reference lines and label positions.
 * Sizes (arc radius, gaps, ticks) are in screen px and do not change with zoom.
 *
 * The reference drawn is the one the shown number is measured from: an angle to the vertical gets a vertical
 * reference line; a joint shown as flexion gets the dashed extension of its first arm.
 */

/** main = the user's strokes; reference = dashed guides (horizontal/vertical, arm extension, projections). */
export type PrimitiveRole = 'main' | 'reference';

export type LabelPlacement =
  /** The plate sits beside `anchor`, extending in `direction` (a unit vector). */
  | { readonly type: 'away'; readonly direction: Vec2 }
  /** The plate's top-left corner is `anchor` (text notes). */
  | { readonly type: 'top-left' };

export type DrawPrimitive =
  | { readonly type: 'path'; readonly role: PrimitiveRole; readonly points: readonly Vec2[] }
  | {
      readonly type: 'arc';
      readonly role: PrimitiveRole;
      readonly center: Vec2;
      readonly radius: number;
      /** Degrees clockwise from +x (screen). */
      readonly startDeg: number;
      readonly sweepDeg: number;
    }
  | { readonly type: 'ring'; readonly center: Vec2; readonly radius: number }
  | {
      readonly type: 'label';
      readonly anchor: Vec2;
      readonly placement: LabelPlacement;
      readonly lines: readonly string[];
      /** A text note (plain text) rather than a measurement plate. */
      readonly note: boolean;
    };

export interface DrawOptions {
  readonly transform: ViewTransform;
  readonly convention: AngleConvention;
  readonly arcRadiusPx?: number;
  readonly labelGapPx?: number;
  readonly tickPx?: number;
  readonly markerRadiusPx?: number;
}

const DEFAULTS = { arcRadiusPx: 28, labelGapPx: 10, tickPx: 7, markerRadiusPx: 6 };

const UP: Vec2 = { x: 0, y: -1 };

function label(anchor: Vec2, direction: Vec2, lines: readonly string[] | null): DrawPrimitive[] {
  return lines && lines.length > 0
    ? [{ type: 'label', anchor, placement: { type: 'away', direction: normalize(direction) }, lines, note: false }]
    : [];
}

/** Below this sweep the gap between the rays is too narrow for a plate: it goes beside the measured ray instead. */
const NARROW_ANGLE_DEG = 60;

/**
 * The plate of an angle at `vertex` between the reference ray (towards `from`) and the measured ray (towards
 * `to`): inside the angle on its bisector when there is room, else just beyond the measured ray, on the side
 * away from the reference, so it never covers either line.
 */
function angleLabel(
  vertex: Vec2,
  from: Vec2,
  to: Vec2,
  sweepDeg: number,
  radius: number,
  lines: readonly string[] | null,
  o: typeof DEFAULTS,
): DrawPrimitive[] {
  if (sweepDeg >= NARROW_ANGLE_DEG) {
    const direction = bisector(from, vertex, to);
    return label(add(vertex, scale(direction, radius + o.labelGapPx)), direction, lines);
  }
  const along = normalize(sub(to, vertex));
  const reference = normalize(sub(from, vertex));
  let side = { x: along.y, y: -along.x };
  if (side.x * reference.x + side.y * reference.y > 0) side = { x: -side.x, y: -side.y };
  const onRay = add(vertex, scale(along, Math.min(radius + o.labelGapPx, distance(vertex, to))));
  return label(add(onRay, scale(side, o.labelGapPx / 2)), side, lines);
}

/** Unit normal of a–b that points up the screen (labels above lines read naturally). */
function upwardNormal(a: Vec2, b: Vec2): Vec2 {
  const d = normalize(sub(b, a));
  if (d.x === 0 && d.y === 0) return UP;
  const n = { x: d.y, y: -d.x };
  return n.y < 0 || (n.y === 0 && n.x > 0) ? n : { x: -n.x, y: -n.y };
}

function drawJoint(
  a: Vec2,
  v: Vec2,
  b: Vec2,
  measurement: Measurement | null,
  lines: readonly string[] | null,
  convention: AngleConvention,
  o: typeof DEFAULTS,
): DrawPrimitive[] {
  const out: DrawPrimitive[] = [{ type: 'path', role: 'main', points: [a, v, b] }];
  if (!measurement) return out;
  const radius = goniometerArcRadius(a, v, b, o.arcRadiusPx);
  let from = a;
  if (convention === 'clinical') {
    // Flexion is measured from the first arm's straight continuation: draw it.
    const armB = distance(v, b);
    const extension = Math.max(radius * 2.2, Math.min(armB * 0.8, 120));
    from = add(v, scale(normalize(sub(v, a)), extension));
    out.push({ type: 'path', role: 'reference', points: [v, from] });
  }
  const arc = vertexArc(from, v, b);
  if (arc) out.push({ type: 'arc', role: 'main', center: v, radius, ...arc });
  out.push(...angleLabel(v, from, b, arc?.sweepDeg ?? 0, radius, lines, o));
  return out;
}

function drawSegmentAngle(
  base: Vec2,
  tip: Vec2,
  measurement: Measurement | null,
  lines: readonly string[] | null,
  convention: AngleConvention,
  o: typeof DEFAULTS,
): DrawPrimitive[] {
  const out: DrawPrimitive[] = [{ type: 'path', role: 'main', points: [base, tip] }];
  if (!measurement) return out;
  const segment = distance(base, tip);
  const referenceLength = Math.max(30, segment);
  const toVertical = measurement.conventionLabel[convention] === 'to-vertical';
  const d = sub(tip, base);
  const reference = toVertical
    ? { x: base.x, y: base.y + (d.y > 0 ? referenceLength : -referenceLength) }
    : { x: base.x + (d.x < 0 ? -referenceLength : referenceLength), y: base.y };
  out.push({ type: 'path', role: 'reference', points: [base, reference] });
  const radius = goniometerArcRadius(reference, base, tip, o.arcRadiusPx);
  const arc = vertexArc(reference, base, tip);
  if (arc && arc.sweepDeg > 0) out.push({ type: 'arc', role: 'main', center: base, radius, ...arc });
  out.push(...angleLabel(base, reference, tip, arc?.sweepDeg ?? 0, radius, lines, o));
  return out;
}

function drawLength(
  geometry: AnnotationGeometry,
  a: Vec2,
  b: Vec2,
  measurement: Measurement | null,
  lines: readonly string[] | null,
  o: typeof DEFAULTS,
): DrawPrimitive[] {
  const out: DrawPrimitive[] = [{ type: 'path', role: 'main', points: [a, b] }];
  const normal = upwardNormal(a, b);
  if (geometry.kind === 'ruler') {
    for (const end of [a, b]) {
      out.push({ type: 'path', role: 'main', points: [add(end, scale(normal, o.tickPx)), add(end, scale(normal, -o.tickPx))] });
    }
  }
  if (!measurement) return out;
  if (measurement.rule === 'horizontal-distance') {
    const corner = { x: b.x, y: a.y };
    out.push({ type: 'path', role: 'reference', points: [a, corner, b] });
    const below = { x: 0, y: 1 };
    return [...out, ...label(add({ x: (a.x + b.x) / 2, y: a.y }, scale(below, o.labelGapPx)), below, lines)];
  }
  const gap = o.labelGapPx + (geometry.kind === 'ruler' ? o.tickPx : 0);
  return [...out, ...label(add(scale(add(a, b), 0.5), scale(normal, gap)), normal, lines)];
}

/**
 * Primitives for a complete annotation. `measurement` comes from measureAnnotation (null for markers, notes and
 * degenerate shapes); `labelLines` are the plate's text lines, already formatted by the caller (null = no plate).
 */
export function drawAnnotation(
  geometry: AnnotationGeometry,
  measurement: Measurement | null,
  labelLines: readonly string[] | null,
  options: DrawOptions,
): DrawPrimitive[] {
  const o = { ...DEFAULTS, ...definedOnly(options) };
  const [a, b, c] = geometry.points.map((p) => imageToScreen(options.transform, p));
  if (!a) return [];
  switch (geometry.kind) {
    case 'marker':
      return [
        { type: 'ring', center: a, radius: o.markerRadiusPx },
        ...label(add(a, { x: o.markerRadiusPx + o.labelGapPx / 2, y: 0 }), { x: 1, y: 0 }, labelLines),
      ];
    case 'text':
      return [{ type: 'label', anchor: a, placement: { type: 'top-left' }, lines: labelLines ?? [], note: true }];
    default:
      break;
  }
  if (!b) return [];
  const rule = measurement?.rule;
  if (rule === 'joint-flexion' || rule === 'joint-from-straight') {
    return c ? drawJoint(a, b, c, measurement, labelLines, options.convention, o) : [];
  }
  if (rule === 'inclination' || rule === 'to-horizontal' || rule === 'to-vertical') {
    return drawSegmentAngle(a, b, measurement, labelLines, options.convention, o);
  }
  if (geometry.kind === 'goniometer') return c ? drawJoint(a, b, c, measurement, labelLines, options.convention, o) : [];
  return drawLength(geometry, a, b, measurement, labelLines, o);
}

/** An unfinished shape (e.g. the first arm of a goniometer while its third point is not yet placed). */
export function drawPartial(points: readonly Vec2[], transform: ViewTransform): DrawPrimitive[] {
  if (points.length < 2) return [];
  return [{ type: 'path', role: 'main', points: points.map((p) => imageToScreen(transform, p)) }];
}

function definedOnly(options: DrawOptions): Partial<typeof DEFAULTS> {
  const out: Partial<Record<keyof typeof DEFAULTS, number>> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
