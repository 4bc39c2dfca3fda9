import type { AnnotationStyle } from '../contract/annotation.ts';
import type { DrawPrimitive } from '../geometry/drawing.ts';
import type { PlateLayout } from './label-layout.ts';
import { HALO_EXTRA_PX, haloColor, PLATE_STYLE, strokeSpecs, type StrokeSpec } from './style.ts';

/**
 * Paints one annotation straight onto a 2-D context: all halos first, then the strokes, the marker's centre dot,
 * then its label plates. One Konva shape per annotation calls this instead of a dozen Konva nodes (halo and stroke
 * per primitive, two rects and a text per plate): with hundreds of labelled annotations on a frame, creating,
 * updating and destroying those nodes and Konva's per-text measuring on every draw cost tens of ms per step.
 * The result matches what those nodes drew (same specs, same text placement as Konva.Text).
 */

/** The part of CanvasRenderingContext2D this painter uses (a recording fake implements it in tests). */
export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | 'globalAlpha'
  | 'strokeStyle'
  | 'fillStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
  | 'font'
  | 'textBaseline'
  | 'textAlign'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'arc'
  | 'roundRect'
  | 'stroke'
  | 'fill'
  | 'fillText'
  | 'setLineDash'
  | 'measureText'
>;

type StrokePrimitive = Exclude<DrawPrimitive, { type: 'label' }>;

const rad = (deg: number): number => (deg * Math.PI) / 180;
const NO_DASH: number[] = [];
const MARKER_DOT_RADIUS = 1.6;
const LEADER_WIDTH = 1.25;

function specsFor(primitive: StrokePrimitive, style: AnnotationStyle) {
  return strokeSpecs(style, primitive.type === 'ring' ? 'main' : primitive.role);
}

function strokePrimitive(context: PaintContext, primitive: StrokePrimitive, spec: StrokeSpec, alpha: number): void {
  context.beginPath();
  switch (primitive.type) {
    case 'path': {
      const [first, ...rest] = primitive.points;
      if (!first) return;
      context.moveTo(first.x, first.y);
      for (const p of rest) context.lineTo(p.x, p.y);
      break;
    }
    case 'arc':
      context.arc(primitive.center.x, primitive.center.y, primitive.radius, rad(primitive.startDeg), rad(primitive.startDeg + primitive.sweepDeg), false);
      break;
    case 'ring':
      context.arc(primitive.center.x, primitive.center.y, primitive.radius, 0, Math.PI * 2, false);
      context.closePath();
      break;
  }
  context.globalAlpha = alpha * spec.opacity;
  context.strokeStyle = spec.stroke;
  context.lineWidth = spec.strokeWidth;
  context.setLineDash(spec.dash ?? NO_DASH);
  context.stroke();
}

/** Konva.Text's font string and vertical placement (alphabetic baseline from the font's 'M' box). */
const textMetrics = new Map<string, number>();
function plateFont(bold: boolean): string {
  return `${bold ? 'bold' : 'normal'} ${PLATE_STYLE.fontSizePx}px ${PLATE_STYLE.fontFamily}`;
}
function baselineOffset(context: PaintContext, font: string): number {
  let offset = textMetrics.get(font);
  if (offset === undefined) {
    const m = context.measureText('M');
    const ascent = m.fontBoundingBoxAscent ?? m.actualBoundingBoxAscent;
    const descent = m.fontBoundingBoxDescent ?? m.actualBoundingBoxDescent;
    offset = (ascent - descent) / 2 + (PLATE_STYLE.fontSizePx * PLATE_STYLE.lineHeight) / 2;
    textMetrics.set(font, offset);
  }
  return offset;
}

/** A plate moved away from its anchor is tied back to it by a thin line in the drawing's colour, over a halo. */
function paintLeader(context: PaintContext, plate: PlateLayout, accent: string, alpha: number): void {
  const leader = plate.leader;
  if (!leader) return;
  context.globalAlpha = alpha;
  context.setLineDash(NO_DASH);
  for (const [stroke, width] of [
    [haloColor(accent), LEADER_WIDTH + HALO_EXTRA_PX],
    [accent, LEADER_WIDTH],
  ] as const) {
    context.beginPath();
    context.moveTo(leader.a.x, leader.a.y);
    context.lineTo(leader.b.x, leader.b.y);
    context.strokeStyle = stroke;
    context.lineWidth = width;
    context.stroke();
  }
}

export function paintPlate(context: PaintContext, plate: PlateLayout, accent: string, alpha: number): void {
  paintLeader(context, plate, accent, alpha);
  context.globalAlpha = alpha;
  context.setLineDash(NO_DASH);
  context.beginPath();
  context.roundRect(plate.x, plate.y, plate.width, plate.height, PLATE_STYLE.cornerRadius);
  context.fillStyle = PLATE_STYLE.fill;
  context.fill();
  context.strokeStyle = PLATE_STYLE.border;
  context.lineWidth = 1;
  context.stroke();
  context.beginPath();
  context.roundRect(plate.x, plate.y, PLATE_STYLE.accentWidth, plate.height, [PLATE_STYLE.cornerRadius, 0, 0, PLATE_STYLE.cornerRadius]);
  context.fillStyle = accent;
  context.fill();
  context.textBaseline = 'alphabetic';
  context.textAlign = 'left';
  context.fillStyle = PLATE_STYLE.text;
  for (const line of plate.lines) {
    const font = plateFont(line.bold);
    context.font = font;
    context.fillText(line.text, line.x, line.y + baselineOffset(context, font));
  }
}

/**
 * `alpha` is the context's alpha on entry (Konva sets it from the shape's opacity); per-primitive opacities
 * multiply into it.
 */
export function paintAnnotation(
  context: PaintContext,
  primitives: readonly DrawPrimitive[],
  style: AnnotationStyle,
  plates: readonly PlateLayout[],
  alpha: number,
): void {
  context.lineCap = 'round';
  context.lineJoin = 'round';
  const strokes = primitives.filter((p): p is StrokePrimitive => p.type !== 'label');
  for (const p of strokes) strokePrimitive(context, p, specsFor(p, style).halo, alpha);
  for (const p of strokes) strokePrimitive(context, p, specsFor(p, style).stroke, alpha);
  const marker = strokes.find((p) => p.type === 'ring');
  if (marker) {
    context.globalAlpha = alpha;
    context.setLineDash(NO_DASH);
    context.beginPath();
    context.arc(marker.center.x, marker.center.y, MARKER_DOT_RADIUS, 0, Math.PI * 2, false);
    context.closePath();
    context.fillStyle = style.color;
    context.fill();
    context.strokeStyle = haloColor(style.color);
    context.lineWidth = 1;
    context.stroke();
  }
  for (const plate of plates) paintPlate(context, plate, style.color, alpha);
}
