import type { Rect, Size, ViewTransform } from '../../common/geometry/view-transform.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';

/**
 * The loupe magnifies the frame around the point being placed. Its scale is a multiple of the view's, so it
 * always shows more detail than the view, but stops growing at `maxScale` source px → screen px (beyond that
 * one only sees blur) unless the view itself is already zoomed further.
 */
export function loupeScale(viewScale: number, magnification = 4, maxScale = 12): number {
  return Math.min(viewScale * magnification, Math.max(maxScale, viewScale * 1.5));
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Top-left corner of the loupe: beside the pointer, never under it. Tries above-left first (the hand and the
 * cursor do not cover it there), then above-right, below-left, below-right, taking the first that fits the
 * viewport without covering any of `avoid` (e.g. the value plate of the shape being drawn); if none does, the
 * first that fits; if none fits, the nearest position inside the viewport.
 */
export function loupePosition(pointer: Vec2, viewport: Size, diameter: number, gap: number, avoid: readonly Rect[] = []): Vec2 {
  const left = pointer.x - gap - diameter;
  const right = pointer.x + gap;
  const above = pointer.y - gap - diameter;
  const below = pointer.y + gap;
  const candidates: Vec2[] = [
    { x: left, y: above },
    { x: right, y: above },
    { x: left, y: below },
    { x: right, y: below },
  ];
  const fits = (p: Vec2): boolean => p.x >= 0 && p.y >= 0 && p.x + diameter <= viewport.width && p.y + diameter <= viewport.height;
  const clear = (p: Vec2): boolean => !avoid.some((r) => overlaps({ x: p.x, y: p.y, width: diameter, height: diameter }, r));
  const chosen = candidates.find((p) => fits(p) && clear(p)) ?? candidates.find(fits);
  if (chosen) return chosen;
  const fallback = { x: left >= 0 ? left : right, y: above >= 0 ? above : below };
  return {
    x: Math.min(Math.max(0, fallback.x), Math.max(0, viewport.width - diameter)),
    y: Math.min(Math.max(0, fallback.y), Math.max(0, viewport.height - diameter)),
  };
}

/** Maps source pixels into loupe-local pixels so that `center` lands in the middle of the loupe. */
export function loupeTransform(center: Vec2, diameter: number, scale: number): ViewTransform {
  return { scale, x: diameter / 2 - center.x * scale, y: diameter / 2 - center.y * scale };
}

/**
 * Which part of the bitmap to draw, and where inside the loupe. The bitmap may be a preview smaller than the
 * source frame (`bitmapSize` ≠ `sourceSize`); it is stretched to source pixels as in the viewer. Null when the
 * loupe shows no part of the frame.
 */
export function loupeImageCrop(
  transform: ViewTransform,
  diameter: number,
  sourceSize: Size,
  bitmapSize: Size,
): { crop: Rect; dest: Rect } | null {
  const left = Math.max(0, -transform.x / transform.scale);
  const top = Math.max(0, -transform.y / transform.scale);
  const right = Math.min(sourceSize.width, (diameter - transform.x) / transform.scale);
  const bottom = Math.min(sourceSize.height, (diameter - transform.y) / transform.scale);
  if (right <= left || bottom <= top) return null;
  const sx = bitmapSize.width / sourceSize.width;
  const sy = bitmapSize.height / sourceSize.height;
  return {
    crop: { x: left * sx, y: top * sy, width: (right - left) * sx, height: (bottom - top) * sy },
    dest: {
      x: left * transform.scale + transform.x,
      y: top * transform.scale + transform.y,
      width: (right - left) * transform.scale,
      height: (bottom - top) * transform.scale,
    },
  };
}
