import type { AnnotationGeometry } from '../contract/annotation.ts';
import { directionDifference, directionDeg, vertexArc, type VertexArc } from './angle.ts';
import { distance, dot, length, sub, type Vec2 } from './vector.ts';
import { imageToScreen, type Rect, type ViewTransform } from './view-transform.ts';

/**
 * Hit testing happens in screen pixels: a tolerance of 6 px feels the same at 25 % and at 800 % zoom.
 * Callers pass a screen point and the view transform; geometry stays in image pixels.
 */

export function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const ab = sub(b, a);
  const lengthSquared = dot(ab, ab);
  if (lengthSquared === 0) return distance(p, a);
  const t = Math.max(0, Math.min(1, dot(sub(p, a), ab) / lengthSquared));
  return distance(p, { x: a.x + ab.x * t, y: a.y + ab.y * t });
}

/** Distance from p to the circular arc around `center` with `radius`, spanning `arc` (clockwise sweep). */
export function distanceToArc(p: Vec2, center: Vec2, radius: number, arc: VertexArc): number {
  const fromCenter = distance(p, center);
  const endDirection = arc.startDeg + arc.sweepDeg;
  const midDirection = arc.startDeg + arc.sweepDeg / 2;
  if (fromCenter > 0 && directionDifference(directionDeg(center, p), midDirection) <= arc.sweepDeg / 2) {
    return Math.abs(fromCenter - radius);
  }
  const pointAt = (deg: number): Vec2 => ({
    x: center.x + radius * Math.cos((deg * Math.PI) / 180),
    y: center.y + radius * Math.sin((deg * Math.PI) / 180),
  });
  return Math.min(distance(p, pointAt(arc.startDeg)), distance(p, pointAt(endDirection)));
}

export function distanceToRect(p: Vec2, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

/** Screen radius of a goniometer's arc: a comfortable size, but never longer than 40 % of the shorter arm. */
export function goniometerArcRadius(aScreen: Vec2, vertexScreen: Vec2, bScreen: Vec2, preferredPx = 28): number {
  const shorterArm = Math.min(length(sub(aScreen, vertexScreen)), length(sub(bScreen, vertexScreen)));
  return Math.max(4, Math.min(preferredPx, shorterArm * 0.4));
}

export interface TextNoteLayout {
  readonly fontSizePx: number;
  readonly paddingPx: number;
  readonly lineHeight: number;
  /** Average glyph width as a fraction of the font size; generous so the box never under-covers. */
  readonly glyphWidth: number;
}

export const TEXT_NOTE_LAYOUT: TextNoteLayout = { fontSizePx: 14, paddingPx: 6, lineHeight: 1.25, glyphWidth: 0.58 };

/** Screen box of a text note's plate; its top-left corner is the note's anchor point. */
export function textNoteBox(anchorScreen: Vec2, text: string, layout: TextNoteLayout = TEXT_NOTE_LAYOUT): Rect {
  const lines = (text.length > 0 ? text : ' ').split('\n');
  const longest = Math.max(1, ...lines.map((line) => line.length));
  return {
    x: anchorScreen.x,
    y: anchorScreen.y,
    width: longest * layout.fontSizePx * layout.glyphWidth + 2 * layout.paddingPx,
    height: lines.length * layout.fontSizePx * layout.lineHeight + 2 * layout.paddingPx,
  };
}

export interface HitTestOptions {
  /** How far from a line or arc (screen px) a press still counts. */
  readonly tolerancePx: number;
  /** Radius of a drag handle (screen px); a handle is hit within radius + tolerance. */
  readonly handleRadiusPx: number;
  readonly markerRadiusPx: number;
  readonly arcRadiusPx: number;
  readonly textLayout: TextNoteLayout;
}

export const DEFAULT_HIT_OPTIONS: HitTestOptions = {
  tolerancePx: 6,
  handleRadiusPx: 6,
  markerRadiusPx: 6,
  arcRadiusPx: 28,
  textLayout: TEXT_NOTE_LAYOUT,
};

export type HitPart = { readonly part: 'handle'; readonly index: number } | { readonly part: 'body' };

export interface GeometryHit {
  readonly target: HitPart;
  /** Screen px from the press to the thing hit; smaller is better. */
  readonly distance: number;
}

/** What of `geometry` lies under `screenPoint`: a handle (point) first, else the body, else null. */
export function hitTestGeometry(
  geometry: AnnotationGeometry,
  screenPoint: Vec2,
  transform: ViewTransform,
  options: HitTestOptions = DEFAULT_HIT_OPTIONS,
): GeometryHit | null {
  const points = geometry.points.map((p) => imageToScreen(transform, p));

  let bestHandle: GeometryHit | null = null;
  for (const [index, p] of points.entries()) {
    const d = distance(screenPoint, p);
    if (d <= options.handleRadiusPx + options.tolerancePx && (bestHandle === null || d < bestHandle.distance)) {
      bestHandle = { target: { part: 'handle', index }, distance: d };
    }
  }
  if (bestHandle) return bestHandle;

  const body = bodyDistance(geometry, points, screenPoint, options);
  return body <= options.tolerancePx ? { target: { part: 'body' }, distance: body } : null;
}

function bodyDistance(geometry: AnnotationGeometry, points: readonly Vec2[], p: Vec2, options: HitTestOptions): number {
  const [a, b, c] = points;
  if (!a) return Number.POSITIVE_INFINITY;
  switch (geometry.kind) {
    case 'goniometer': {
      if (!b || !c) return Number.POSITIVE_INFINITY;
      const arms = Math.min(distanceToSegment(p, a, b), distanceToSegment(p, b, c));
      const arc = vertexArc(a, b, c);
      if (!arc) return arms;
      return Math.min(arms, distanceToArc(p, b, goniometerArcRadius(a, b, c, options.arcRadiusPx), arc));
    }
    case 'line':
    case 'ruler':
    case 'angle-horizontal':
    case 'angle-vertical':
      return b ? distanceToSegment(p, a, b) : Number.POSITIVE_INFINITY;
    case 'marker':
      return Math.max(0, distance(p, a) - options.markerRadiusPx);
    case 'text':
      return distanceToRect(p, textNoteBox(a, geometry.text, options.textLayout));
  }
}

export interface AnnotationHit {
  readonly id: string;
  readonly target: HitPart;
  readonly distance: number;
}

/**
 * The annotation under the pointer among `items` (drawn in order, last on top). Preference: a handle of the
 * selected annotation, any handle, the selected body, any body; then the nearest; then the topmost.
 */
export function hitTestAnnotations(
  items: readonly { readonly id: string; readonly geometry: AnnotationGeometry }[],
  screenPoint: Vec2,
  transform: ViewTransform,
  options: HitTestOptions = DEFAULT_HIT_OPTIONS,
  selectedId: string | null = null,
): AnnotationHit | null {
  let best: { hit: AnnotationHit; rank: number } | null = null;
  for (const item of items) {
    const hit = hitTestGeometry(item.geometry, screenPoint, transform, options);
    if (!hit) continue;
    const rank = (hit.target.part === 'handle' ? 0 : 2) + (item.id === selectedId ? 0 : 1);
    // `<=` on distance: a later (topmost) item wins a tie.
    if (best === null || rank < best.rank || (rank === best.rank && hit.distance <= best.hit.distance)) {
      best = { hit: { id: item.id, target: hit.target, distance: hit.distance }, rank };
    }
  }
  return best === null ? null : best.hit;
}
