import type { Vec2 } from './vector.ts';

/**
 * The one mapping between source-video pixels (of the upright full-resolution frame) and screen (CSS) pixels:
 *   screen = image × scale + (x, y)
 * Uniform scale plus translation, so angles measured on screen equal angles measured in the image.
 * A preview frame with fewer pixels is drawn stretched to the full-resolution size; it never changes this mapping.
 */
export interface ViewTransform {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ZoomLimits {
  readonly minScale: number;
  readonly maxScale: number;
}

/** 5 % to 4000 %: far enough out to see a 4K frame in a small window, far enough in to place a point on a sub-pixel. */
export const DEFAULT_ZOOM_LIMITS: ZoomLimits = { minScale: 0.05, maxScale: 40 };

export const IDENTITY_TRANSFORM: ViewTransform = { scale: 1, x: 0, y: 0 };

export function imageToScreen(t: ViewTransform, p: Vec2): Vec2 {
  return { x: p.x * t.scale + t.x, y: p.y * t.scale + t.y };
}

export function screenToImage(t: ViewTransform, p: Vec2): Vec2 {
  return { x: (p.x - t.x) / t.scale, y: (p.y - t.y) / t.scale };
}

export function imageLengthToScreen(t: ViewTransform, imageLength: number): number {
  return imageLength * t.scale;
}

export function screenLengthToImage(t: ViewTransform, screenLength: number): number {
  return screenLength / t.scale;
}

export function clampScale(scale: number, limits: ZoomLimits = DEFAULT_ZOOM_LIMITS): number {
  return Math.min(limits.maxScale, Math.max(limits.minScale, scale));
}

/** Set the scale while the image point under `anchor` (screen px, e.g. the cursor) stays where it is. */
export function zoomTo(
  t: ViewTransform,
  anchor: Vec2,
  scale: number,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): ViewTransform {
  const next = clampScale(scale, limits);
  const fixed = screenToImage(t, anchor);
  return { scale: next, x: anchor.x - fixed.x * next, y: anchor.y - fixed.y * next };
}

/** Multiply the scale by `factor`, zooming towards `anchor` (the cursor). */
export function zoomAt(
  t: ViewTransform,
  anchor: Vec2,
  factor: number,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): ViewTransform {
  return zoomTo(t, anchor, t.scale * factor, limits);
}

export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { scale: t.scale, x: t.x + dx, y: t.y + dy };
}

/** The whole frame, centred, as large as fits inside the viewport minus `padding` on every side. */
export function fitTransform(image: Size, viewport: Size, padding = 0): ViewTransform {
  const availableWidth = Math.max(1, viewport.width - 2 * padding);
  const availableHeight = Math.max(1, viewport.height - 2 * padding);
  const scale = Math.min(availableWidth / image.width, availableHeight / image.height);
  return {
    scale,
    x: (viewport.width - image.width * scale) / 2,
    y: (viewport.height - image.height * scale) / 2,
  };
}

/**
 * 100 %: one source pixel per device pixel. Zooms about `anchor` (default: the viewport centre) so the
 * detail the user is looking at stays in place.
 */
export function actualSizeTransform(
  t: ViewTransform,
  viewport: Size,
  devicePixelRatio = 1,
  anchor: Vec2 = { x: viewport.width / 2, y: viewport.height / 2 },
): ViewTransform {
  return zoomTo(t, anchor, 1 / devicePixelRatio, { minScale: 0, maxScale: Number.POSITIVE_INFINITY });
}

/** Zoom percentage as users know it: 100 % = one source pixel per device pixel. */
export function zoomPercent(t: ViewTransform, devicePixelRatio = 1): number {
  return t.scale * devicePixelRatio * 100;
}

/**
 * Wheel delta → zoom factor. Exponential, so equal wheel travel gives equal zoom steps in and out.
 * deltaMode: 0 = pixels, 1 = lines, 2 = pages (as in WheelEvent).
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const bounded = Math.max(-300, Math.min(300, pixels));
  return Math.exp(-bounded * 0.002);
}

/** The part of the image (source px) that the viewport shows, not clipped to the image. */
export function visibleImageRect(t: ViewTransform, viewport: Size): Rect {
  const topLeft = screenToImage(t, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, width: viewport.width / t.scale, height: viewport.height / t.scale };
}

/**
 * Keep at least `margin` screen px of the image inside the viewport on each axis, so a pan can never lose
 * the frame entirely.
 */
export function constrainPan(t: ViewTransform, image: Size, viewport: Size, margin = 48): ViewTransform {
  const width = image.width * t.scale;
  const height = image.height * t.scale;
  const minX = Math.min(margin, viewport.width) - width;
  const maxX = viewport.width - Math.min(margin, viewport.width);
  const minY = Math.min(margin, viewport.height) - height;
  const maxY = viewport.height - Math.min(margin, viewport.height);
  return {
    scale: t.scale,
    x: Math.min(maxX, Math.max(minX, t.x)),
    y: Math.min(maxY, Math.max(minY, t.y)),
  };
}

/**
 * Whether a preview frame `previewWidth` px wide would be shown enlarged at this zoom (more device pixels than
 * it has), i.e. the viewer should switch to the full-resolution frame.
 */
export function needsFullResolution(
  t: ViewTransform,
  sourceWidth: number,
  previewWidth: number,
  devicePixelRatio = 1,
): boolean {
  return t.scale * devicePixelRatio * sourceWidth > previewWidth * 1.001;
}

export function transformsEqual(a: ViewTransform, b: ViewTransform, epsilon = 1e-9): boolean {
  return Math.abs(a.scale - b.scale) <= epsilon && Math.abs(a.x - b.x) <= epsilon && Math.abs(a.y - b.y) <= epsilon;
}
