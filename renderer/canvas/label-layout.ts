import type { LabelPlacement } from '../../common/geometry/drawing.ts';
import type { Size } from '../../common/geometry/view-transform.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import { PLATE_STYLE } from './style.ts';

/** Measures a line of plate text in screen px (the canvas passes one backed by a 2-D context). */
export type MeasureText = (text: string, bold: boolean) => number;

export interface PlateLayout {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly { readonly text: string; readonly x: number; readonly y: number; readonly bold: boolean }[];
}

/**
 * Where a label plate goes: beside its anchor in the given direction (the plate's edge touches the anchor), or
 * with its top-left corner at the anchor (notes). A measurement plate is moved inside the viewport so it is
 * never cut off — unless its anchor is off screen (zoomed in elsewhere): then it is not shown at all (null),
 * rather than piling up along the edges. The last line of a measurement plate (the value) is bold.
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
  const lineHeight = style.fontSizePx * style.lineHeight;
  const bold = (i: number): boolean => !note && i === lines.length - 1;
  const textWidth = Math.max(0, ...lines.map((line, i) => measure(line, bold(i))));
  const width = Math.ceil(textWidth + 2 * style.paddingX + style.accentWidth);
  const height = Math.ceil(lines.length * lineHeight + 2 * style.paddingY);

  let x: number;
  let y: number;
  if (placement.type === 'top-left') {
    x = anchor.x;
    y = anchor.y;
  } else {
    const d = placement.direction;
    // Distance from a rectangle's centre to its edge along d (support function of the box).
    const reach = Math.abs(d.x) * (width / 2) + Math.abs(d.y) * (height / 2);
    x = anchor.x + d.x * reach - width / 2;
    y = anchor.y + d.y * reach - height / 2;
  }
  if (viewport && !note) {
    const margin = 2;
    x = Math.min(Math.max(x, margin), Math.max(margin, viewport.width - width - margin));
    y = Math.min(Math.max(y, margin), Math.max(margin, viewport.height - height - margin));
  }
  x = Math.round(x);
  y = Math.round(y);
  return {
    x,
    y,
    width,
    height,
    lines: lines.map((text, i) => ({
      text,
      x: x + style.accentWidth + style.paddingX,
      y: y + style.paddingY + i * lineHeight,
      bold: bold(i),
    })),
  };
}

/** A rough measurer for tests and for the first paint before fonts are ready. */
export const estimateTextWidth: MeasureText = (text, bold) => text.length * PLATE_STYLE.fontSizePx * (bold ? 0.6 : 0.56);
