/**
 * THE mapping between frames and horizontal position under the viewer: the timeline, the gait-event lane and
 * the angle-over-time plot all place frame f at `frameFraction(f)` of their width (frame 0 at the left edge,
 * the last frame at the right edge) and read a pointer back with `frameAtFraction`, so a tick, a plot sample
 * and the playhead of the same frame line up exactly.
 */

/** The last frame as a divisor: a one-frame clip still spans the width without dividing by zero. */
function span(frameCount: number): number {
  return Math.max(frameCount - 1, 1);
}

/** Where a frame sits, as a fraction of the width (0 = left edge, 1 = right edge). */
export function frameFraction(frame: number, frameCount: number): number {
  return frame / span(frameCount);
}

/** The same position as a CSS length, for absolutely positioned marks. */
export function framePercent(frame: number, frameCount: number): string {
  return `${frameFraction(frame, frameCount) * 100}%`;
}

/** The frame nearest to a fraction of the width, clamped to the clip. */
export function frameAtFraction(fraction: number, frameCount: number): number {
  // A one-frame clip spans 1 for drawing, but has only frame 0.
  return Math.min(Math.max(frameCount - 1, 0), Math.round(Math.min(1, Math.max(0, fraction)) * span(frameCount)));
}

/** The frame under a pointer at `clientX` over a box starting at `left` that is `width` wide; null when the box has no width. */
export function frameAtClientX(clientX: number, box: { left: number; width: number }, frameCount: number): number | null {
  if (box.width <= 0) return null;
  return frameAtFraction((clientX - box.left) / box.width, frameCount);
}

/** The x of a frame in a box `width` pixels wide (for drawing in pixels: SVG paths, canvas). */
export function frameX(frame: number, frameCount: number, width: number): number {
  return frameFraction(frame, frameCount) * width;
}

/**
 * The box frames are drawn over: inside the element's border (marks are positioned in its padding box), so a
 * pointer is read back over the very box its frame was drawn in. Borders are taken as equal left and right.
 */
export function innerBox(element: { getBoundingClientRect(): { left: number; width: number }; clientLeft: number }): { left: number; width: number } {
  const rect = element.getBoundingClientRect();
  return { left: rect.left + element.clientLeft, width: rect.width - 2 * element.clientLeft };
}
