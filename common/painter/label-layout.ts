import type { DrawPrimitive, LabelPlacement } from '../geometry/drawing.ts';
import { layoutPlates, plateOrigin, primitiveSegments, type PlateRequest, type Segment } from '../geometry/plate-layout.ts';
import type { Rect, Size } from '../geometry/view-transform.ts';
import type { Vec2 } from '../geometry/vector.ts';
import { PLATE_STYLE } from './style.ts';

/** Measures a line of plate text in screen px (the canvas passes one backed by a 2-D context). */
export type MeasureText = (text: string, bold: boolean) => number;

export interface PlateLayout {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly { readonly text: string; readonly x: number; readonly y: number; readonly bold: boolean }[];
  /** Drawn from the anchor to the plate when the plate had to move away from its anchor to stay clear. */
  readonly leader: Segment | null;
}

type LabelPrimitive = Extract<DrawPrimitive, { type: 'label' }>;

/** Width and height of a plate for these lines. The last line of a measurement plate (the value) is bold. */
function plateSize(lines: readonly string[], note: boolean, measure: MeasureText, style: typeof PLATE_STYLE): Size {
  const lineHeight = style.fontSizePx * style.lineHeight;
  const textWidth = Math.max(0, ...lines.map((line, i) => measure(line, !note && i === lines.length - 1)));
  return {
    width: Math.ceil(textWidth + 2 * style.paddingX + style.accentWidth),
    height: Math.ceil(lines.length * lineHeight + 2 * style.paddingY),
  };
}

function withText(box: Rect, lines: readonly string[], note: boolean, leader: Segment | null, style: typeof PLATE_STYLE): PlateLayout {
  const lineHeight = style.fontSizePx * style.lineHeight;
  return {
    x: box.x,
    y: box.y,
    width: box.width,
    height: box.height,
    leader,
    lines: lines.map((text, i) => ({
      text,
      x: box.x + style.accentWidth + style.paddingX,
      y: box.y + style.paddingY + i * lineHeight,
      bold: !note && i === lines.length - 1,
    })),
  };
}

/**
 * One plate on its own, where its primitive asks for it: beside its anchor in the given direction (the plate's
 * edge touches the anchor), or with its top-left corner at the anchor (notes). A measurement plate is moved
 * inside the viewport so it is never cut off — unless its anchor is off screen: then it is not shown (null).
 * Plates of a whole frame are laid out together by layoutFramePlates, which also keeps them apart.
 */
export function layoutPlate(
  anchor: Vec2,
  placement: LabelPlacement,
  lines: readonly string[],
  note: boolean,
  measure: MeasureText,
  viewport: Size | null = null,
  style: typeof PLATE_STYLE = PLATE_STYLE,
): PlateLayout | null {
  if (viewport && !note && (anchor.x < 0 || anchor.y < 0 || anchor.x > viewport.width || anchor.y > viewport.height)) {
    return null;
  }
  const { width, height } = plateSize(lines, note, measure, style);
  let origin = placement.type === 'top-left' ? anchor : plateOrigin(anchor, placement.direction, width, height);
  if (viewport && !note) {
    const margin = 2;
    origin = {
      x: Math.min(Math.max(origin.x, margin), Math.max(margin, viewport.width - width - margin)),
      y: Math.min(Math.max(origin.y, margin), Math.max(margin, viewport.height - height - margin)),
    };
  }
  return withText({ x: Math.round(origin.x), y: Math.round(origin.y), width, height }, lines, note, null, style);
}

/** One drawing's primitives, under the key its plates come back under. */
export interface PlateSource {
  readonly id: string;
  readonly primitives: readonly DrawPrimitive[];
}

export interface FramePlates {
  /** Each drawing's plates, by its id (drawings without a visible plate are absent). */
  readonly byId: ReadonlyMap<string, readonly PlateLayout[]>;
  /** Every placed plate, for laying out one more drawing later against this frame (see `occupied`). */
  readonly rects: readonly (Rect & { readonly id: string })[];
  /** Every drawn segment, with the drawing it belongs to. */
  readonly segments: readonly (Segment & { readonly id: string })[];
}

/**
 * The plates of every drawing on a frame, laid out together so none covers another or a drawn line (see
 * common/geometry/plate-layout.ts). `occupied`: a frame laid out before; its plates and lines are avoided
 * except those of `replacing` (the drawing being edited, laid out again here).
 */
export function layoutFramePlates(
  sources: readonly PlateSource[],
  measure: MeasureText,
  viewport: Size | null,
  occupied: { frame: FramePlates; replacing: string | null } | null = null,
  style: typeof PLATE_STYLE = PLATE_STYLE,
): FramePlates {
  const requests: PlateRequest[] = [];
  const owners: { id: string; label: LabelPrimitive }[] = [];
  const segments: (Segment & { id: string })[] = [];
  for (const source of sources) {
    for (const segment of primitiveSegments(source.primitives)) segments.push({ ...segment, id: source.id });
    for (const p of source.primitives) {
      if (p.type !== 'label' || p.lines.length === 0) continue;
      const size = plateSize(p.lines, p.note, measure, style);
      requests.push({ key: `${source.id}#${owners.length}`, anchor: p.anchor, placement: p.placement, note: p.note, ...size });
      owners.push({ id: source.id, label: p });
    }
  }
  const keep = <T extends { id: string }>(list: readonly T[]): T[] => list.filter((item) => item.id !== occupied?.replacing);
  const otherSegments = occupied ? keep(occupied.frame.segments) : [];
  const otherRects = occupied ? keep(occupied.frame.rects) : [];
  const placed = layoutPlates(requests, [...segments, ...otherSegments], { viewport, occupied: otherRects });

  const byId = new Map<string, PlateLayout[]>();
  const rects: (Rect & { id: string })[] = [];
  placed.forEach((box, i) => {
    const owner = owners[i]!;
    if (!box) return;
    rects.push({ x: box.x, y: box.y, width: box.width, height: box.height, id: owner.id });
    const list = byId.get(owner.id) ?? [];
    list.push(withText(box, owner.label.lines, owner.label.note, box.leader, style));
    byId.set(owner.id, list);
  });
  return { byId, rects, segments };
}

/** A rough measurer for tests and for the first paint before fonts are ready. */
export const estimateTextWidth: MeasureText = (text, bold) => text.length * PLATE_STYLE.fontSizePx * (bold ? 0.6 : 0.56);
