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

/**
 * Top-left corner of the loupe: above-left of the pointer (so the hand and the cursor do not cover it),
 * flipped to the other side of the pointer when that would leave the viewport.
 */
export function loupePosition(pointer: Vec2, viewport: Size, diameter: number, gap: number): Vec2 {
  const fitsLeft = pointer.x - gap - diameter >= 0;
  const fitsAbove = pointer.y - gap - diameter >= 0;
  const x = fitsLeft ? pointer.x - gap - diameter : pointer.x + gap;
  const y = fitsAbove ? pointer.y - gap - diameter : pointer.y + gap;
  return {
    x: Math.min(Math.max(0, x), Math.max(0, viewport.width - diameter)),
    y: Math.min(Math.max(0, y), Math.max(0, viewport.height - diameter)),
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
