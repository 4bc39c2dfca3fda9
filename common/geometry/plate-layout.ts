import type { DrawPrimitive, LabelPlacement } from './drawing.ts';
import type { Vec2 } from './vector.ts';
import type { Rect, Size } from './view-transform.ts';

/**
 * Where the label plates of one frame go, so that no plate covers another and no drawn line runs through a
 * plate. Pure (screen px in, screen px out): the canvas and the PDF report lay plates out the same way.
 *
 * Greedy, in drawing order: each plate tries its preferred spot (beside its anchor, as drawing.ts chose it)
 * and then spots ever further around the anchor, and takes the first that covers no plate placed before it
 * and no drawn segment. If every spot collides, it takes the one that collides least. A plate that ends up
 * away from its anchor gets a leader line back to it. Notes are pinned where the user put them: they are
 * obstacles for the others but never move.
 */

export interface PlateRequest {
  /** Identifies the plate in the result (e.g. annotation id + plate number). */
  readonly key: string;
  readonly anchor: Vec2;
  readonly placement: LabelPlacement;
  readonly width: number;
  readonly height: number;
  /** A text note: pinned with its top-left corner at the anchor. */
  readonly note: boolean;
}

export interface Segment {
  readonly a: Vec2;
  readonly b: Vec2;
}

export interface PlacedPlate extends Rect {
  /** From the anchor to the nearest point of the plate, when the plate had to move away from its anchor. */
  readonly leader: Segment | null;
}

export interface PlateLayoutOptions {
  /** Plates are kept inside this area; a plate whose anchor is outside it is not shown (null = no limit). */
  readonly viewport: Size | null;
  /** Clear space kept around plates and between a plate and a line (px). */
  readonly clearancePx?: number;
  /** A plate further than this from its anchor gets a leader line (px). */
  readonly leaderFromPx?: number;
  /** Plates placed earlier (e.g. the rest of the frame while one shape is edited): avoided, not moved. */
  readonly occupied?: readonly Rect[];
}

const VIEWPORT_MARGIN = 2;
const DEFAULT_CLEARANCE = 2;
const DEFAULT_LEADER_FROM = 12;
/** How far the search steps out from the preferred spot (px) and in which directions (degrees off preferred). */
const DISTANCES = [0, 6, 14, 24, 36, 52, 72, 96, 128, 170];
const TURNS = [0, 30, -30, 60, -60, 90, -90, 135, -135, 180];
/** A plate pushed into another costs this much per px² of overlap, a line through it this much per px. */
const OVERLAP_COST = 40;
/**
 * Spots tried per frame at most. A frame so crowded that plates keep finding no clear spot (hundreds of plates
 * at a small zoom) would otherwise cost tens of ms per step; past this, plates take their preferred spot.
 */
const SEARCH_BUDGET = 1500;
const CROSSING_COST = 60;

/** Top-left corner of a plate of this size that touches `anchor` from direction `direction` (unit vector). */
export function plateOrigin(anchor: Vec2, direction: Vec2, width: number, height: number): Vec2 {
  // Distance from a rectangle's centre to its edge along the direction (support function of the box).
  const reach = Math.abs(direction.x) * (width / 2) + Math.abs(direction.y) * (height / 2);
  return { x: anchor.x + direction.x * reach - width / 2, y: anchor.y + direction.y * reach - height / 2 };
}

/** The segments a frame's drawings put on screen (paths, arcs as chords, marker rings as boxes): plates avoid them. */
export function primitiveSegments(primitives: readonly DrawPrimitive[]): Segment[] {
  const out: Segment[] = [];
  for (const p of primitives) {
    if (p.type === 'path') {
      for (let i = 1; i < p.points.length; i += 1) out.push({ a: p.points[i - 1]!, b: p.points[i]! });
    } else if (p.type === 'arc') {
      const steps = Math.max(2, Math.ceil(Math.abs(p.sweepDeg) / 30));
      let previous: Vec2 | null = null;
      for (let i = 0; i <= steps; i += 1) {
        const rad = ((p.startDeg + (p.sweepDeg * i) / steps) * Math.PI) / 180;
        const point = { x: p.center.x + p.radius * Math.cos(rad), y: p.center.y + p.radius * Math.sin(rad) };
        if (previous) out.push({ a: previous, b: point });
        previous = point;
      }
    } else if (p.type === 'ring') {
      const { x, y } = p.center;
      const r = p.radius;
      const corners = [
        { x: x - r, y: y - r },
        { x: x + r, y: y - r },
        { x: x + r, y: y + r },
        { x: x - r, y: y + r },
      ];
      for (let i = 0; i < 4; i += 1) out.push({ a: corners[i]!, b: corners[(i + 1) % 4]! });
    }
  }
  return out;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Length of the part of segment a–b inside rect r (Liang–Barsky clipping). */
export function lengthInside(segment: Segment, r: Rect): number {
  const { a, b } = segment;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  if (!clip(-dx, a.x - r.x) || !clip(dx, r.x + r.width - a.x) || !clip(-dy, a.y - r.y) || !clip(dy, r.y + r.height - a.y)) return 0;
  return t1 > t0 ? (t1 - t0) * Math.hypot(dx, dy) : 0;
}

function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

/** The point of `r` nearest to `p`. */
function nearestPoint(r: Rect, p: Vec2): Vec2 {
  return { x: Math.min(Math.max(p.x, r.x), r.x + r.width), y: Math.min(Math.max(p.y, r.y), r.y + r.height) };
}

/** A uniform grid over screen space, so each candidate spot is checked only against what lies near it. */
class SpatialGrid<T> {
  private readonly cells = new Map<number, number[]>();
  private readonly items: T[] = [];
  /** Per item, the query that saw it last: an item spanning several cells is visited once per query. */
  private seen = new Uint32Array(64);
  private query = 0;
  private readonly cellSize: number;
  constructor(cellSize = 64) {
    this.cellSize = cellSize;
  }

  private key(cx: number, cy: number): number {
    return (cx + 4096) * 8192 + (cy + 4096);
  }

  private range(r: Rect): [number, number, number, number] {
    const s = this.cellSize;
    const clampCell = (v: number): number => Math.max(-4000, Math.min(4000, Math.floor(v / s)));
    return [clampCell(r.x), clampCell(r.y), clampCell(r.x + r.width), clampCell(r.y + r.height)];
  }

  insert(box: Rect, item: T): void {
    const index = this.items.length;
    this.items.push(item);
    if (index >= this.seen.length) {
      const grown = new Uint32Array(this.seen.length * 2);
      grown.set(this.seen);
      this.seen = grown;
    }
    const [x0, y0, x1, y1] = this.range(box);
    for (let cx = x0; cx <= x1; cx += 1) {
      for (let cy = y0; cy <= y1; cy += 1) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(index);
        else this.cells.set(k, [index]);
      }
    }
  }

  /** Visits the items whose boxes may meet `box`, each once, until `visit` returns false. */
  near(box: Rect, visit: (item: T) => boolean): void {
    const [x0, y0, x1, y1] = this.range(box);
    this.query += 1;
    const stamp = this.query;
    for (let cx = x0; cx <= x1; cx += 1) {
      for (let cy = y0; cy <= y1; cy += 1) {
        const list = this.cells.get(this.key(cx, cy));
        if (!list) continue;
        for (const index of list) {
          if (this.seen[index] === stamp) continue;
          this.seen[index] = stamp;
          if (!visit(this.items[index]!)) return;
        }
      }
    }
  }
}

function segmentBox(s: Segment): Rect {
  const x = Math.min(s.a.x, s.b.x);
  const y = Math.min(s.a.y, s.b.y);
  return { x, y, width: Math.abs(s.a.x - s.b.x), height: Math.abs(s.a.y - s.b.y) };
}

function inViewport(anchor: Vec2, viewport: Size | null): boolean {
  return !viewport || (anchor.x >= 0 && anchor.y >= 0 && anchor.x <= viewport.width && anchor.y <= viewport.height);
}

function clampInto(origin: Vec2, width: number, height: number, viewport: Size | null): Vec2 {
  if (!viewport) return origin;
  const m = VIEWPORT_MARGIN;
  return {
    x: Math.min(Math.max(origin.x, m), Math.max(m, viewport.width - width - m)),
    y: Math.min(Math.max(origin.y, m), Math.max(m, viewport.height - height - m)),
  };
}

function rotateDeg(d: Vec2, degrees: number): Vec2 {
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return { x: d.x * cos - d.y * sin, y: d.x * sin + d.y * cos };
}

/**
 * Lays out the plates of one frame. Returns one entry per request, in request order: where the plate goes,
 * or null when its anchor is off screen (zoomed in elsewhere) — such plates are not shown rather than piled
 * along the edges.
 */
export function layoutPlates(
  requests: readonly PlateRequest[],
  segments: readonly Segment[],
  options: PlateLayoutOptions,
): (PlacedPlate | null)[] {
  const clearance = options.clearancePx ?? DEFAULT_CLEARANCE;
  const leaderFrom = options.leaderFromPx ?? DEFAULT_LEADER_FROM;
  const viewport = options.viewport;

  const lines = new SpatialGrid<Segment>();
  for (const s of segments) lines.insert(segmentBox(s), s);
  const plates = new SpatialGrid<Rect>();
  for (const r of options.occupied ?? []) plates.insert(r, r);

  const result: (PlacedPlate | null)[] = requests.map(() => null);
  // Notes first: they are pinned, so every other plate must make way for them.
  const order = requests.map((_, i) => i).sort((i, j) => Number(requests[j]!.note) - Number(requests[i]!.note));

  let budget = SEARCH_BUDGET;
  for (const index of order) {
    const request = requests[index]!;
    const { anchor, width, height } = request;
    if (request.note || request.placement.type === 'top-left') {
      const pinned: PlacedPlate = { x: Math.round(anchor.x), y: Math.round(anchor.y), width, height, leader: null };
      result[index] = pinned;
      plates.insert(pinned, pinned);
      continue;
    }
    if (!inViewport(anchor, viewport)) continue;
    const preferred = request.placement.direction;
    const home = clampInto(plateOrigin(anchor, preferred, width, height), width, height, viewport);

    /** Collision cost plus distance from home; counting stops once it exceeds `limit` (a better spot is known). */
    const cost = (box: Rect, limit: number): { collision: number; total: number } => {
      const padded = inflate(box, clearance);
      const away = Math.hypot(box.x - home.x, box.y - home.y);
      if (away > limit) return { collision: Number.POSITIVE_INFINITY, total: Number.POSITIVE_INFINITY };
      let collision = 0;
      plates.near(padded, (other) => {
        collision += OVERLAP_COST * overlapArea(padded, other);
        return collision + away <= limit;
      });
      if (collision + away <= limit) {
        lines.near(padded, (segment) => {
          collision += CROSSING_COST * lengthInside(segment, padded);
          return collision + away <= limit;
        });
      }
      return { collision, total: collision + away };
    };

    let best: { box: Rect; total: number } | null = null;
    search: for (const distance of DISTANCES) {
      for (const turn of TURNS) {
        if (distance === 0 && turn !== 0) continue;
        if (best && budget <= 0) break search;
        budget -= 1;
        const direction = rotateDeg(preferred, turn);
        const touching = plateOrigin(anchor, direction, width, height);
        const origin = clampInto({ x: touching.x + direction.x * distance, y: touching.y + direction.y * distance }, width, height, viewport);
        const box = { x: origin.x, y: origin.y, width, height };
        const { collision, total } = cost(box, best ? best.total : Number.POSITIVE_INFINITY);
        if (collision === 0) {
          // Spots are tried from near to far, so the first clear one is (about) the nearest clear one.
          best = { box, total };
          break search;
        }
        if (!best || total < best.total) best = { box, total };
      }
    }
    const box = best!.box;
    const x = Math.round(box.x);
    const y = Math.round(box.y);
    const placed: Rect = { x, y, width, height };
    const near = nearestPoint(placed, anchor);
    const gap = Math.hypot(near.x - anchor.x, near.y - anchor.y);
    const plate: PlacedPlate = { ...placed, leader: gap > leaderFrom ? { a: anchor, b: near } : null };
    result[index] = plate;
    plates.insert(plate, plate);
  }
  return result;
}

/** Whether two plates overlap (for tests and callers checking a layout). */
export function platesOverlap(a: Rect, b: Rect): boolean {
  return overlapArea(a, b) > 0;
}
