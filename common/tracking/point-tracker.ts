/**
 * Following one point from frame to frame on raw pixels (pure; runs in a worker, the CLI and tests).
 *
 * Template mode: normalized cross-correlation of a square template around the point, searched around the
 * position predicted from the last motion (widened when the match is poor), refined to sub-pixel precision by a
 * parabola through the correlation peak and its neighbours. The template adapts slowly to the point's look
 * (skin folds, light) but only on confident frames, so one bad frame cannot teach it the background.
 *
 * Blob mode (coloured stickers): the pixels near the prediction whose colour is close to the sticker's, the
 * connected patch nearest the prediction, and its colour-weighted centroid.
 *
 * Coordinates here are continuous picture coordinates of the frame given: pixel (i, j) covers [i, i+1) × [j, j+1),
 * its centre is (i + 0.5, j + 0.5) — the convention of the canvas and of stored annotations.
 */

export interface PixelFrame {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB (row-major, no padding). */
  channels: 1 | 3;
  data: Uint8Array;
}

export interface TrackedPosition {
  x: number;
  y: number;
  /** 0 = lost … 1 = certain. */
  confidence: number;
}

export type TrackingMode = 'template' | 'blob';

export interface TrackerOptions {
  mode: TrackingMode;
  /** Half the template's edge in pixels (template mode). */
  templateRadius?: number;
  /** Search half-width around the prediction before widening. */
  searchRadius?: number;
  /** Search half-width when the near search found no good match. */
  wideSearchRadius?: number;
  /** Largest colour distance (sum of |ΔR|+|ΔG|+|ΔB|) still counted as the sticker (blob mode). */
  colourTolerance?: number;
}

export interface PointTracker {
  /** Finds the point in the next frame (in the direction of tracking). */
  next(frame: PixelFrame): TrackedPosition;
  /** Continue from a known position (an anchor reached on the way): resets the motion and re-takes the template. */
  reset(frame: PixelFrame, x: number, y: number): void;
}

const DEFAULTS = { templateRadius: 7, searchRadius: 12, wideSearchRadius: 36, colourTolerance: 90 };
/** Below this correlation the near search is not trusted and the wide search runs. */
const WIDEN_BELOW = 0.7;
/** Only frames matched at least this well teach the template. */
const ADAPT_ABOVE = 0.85;
/** How far (pixels) the original template may pull an adapted match back, and how well it must still match. */
const DRIFT_RADIUS = 3;
/** Correlation given up per squared pixel of distance from the predicted position (0.3 at 7 px). */
const MOTION_PENALTY = 0.006;
/** The predicted motion is damped and capped: a point that jumped once must not be thrown further. */
const MOTION_DAMPING = 0.8;
const REALIGN_ABOVE = 0.6;
const ADAPT_RATE = 0.1;

export function createPointTracker(first: PixelFrame, x: number, y: number, options: TrackerOptions): PointTracker {
  return options.mode === 'blob' ? createBlobTracker(first, x, y, options) : createTemplateTracker(first, x, y, options);
}

/** Grey value of pixel i of a frame (RGB → Rec.601 luma, integer maths). */
function greyAt(frame: PixelFrame, i: number): number {
  if (frame.channels === 1) return frame.data[i]!;
  const o = i * 3;
  return (frame.data[o]! * 77 + frame.data[o + 1]! * 150 + frame.data[o + 2]! * 29) >> 8;
}

function toGrey(frame: PixelFrame): Uint8Array {
  if (frame.channels === 1) return frame.data;
  const out = new Uint8Array(frame.width * frame.height);
  for (let i = 0; i < out.length; i++) out[i] = greyAt(frame, i);
  return out;
}

/** Bilinear sample of a grey picture at pixel-index coordinates (centre of pixel i = i). */
function sample(grey: Uint8Array, width: number, height: number, px: number, py: number): number {
  const x = Math.min(Math.max(px, 0), width - 1.001);
  const y = Math.min(Math.max(py, 0), height - 1.001);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * width + x0;
  const top = grey[i]! * (1 - fx) + grey[i + 1]! * fx;
  const bottom = grey[i + width]! * (1 - fx) + grey[i + width + 1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

function createTemplateTracker(first: PixelFrame, x: number, y: number, options: TrackerOptions): PointTracker {
  const r = options.templateRadius ?? DEFAULTS.templateRadius;
  const near = options.searchRadius ?? DEFAULTS.searchRadius;
  const wide = options.wideSearchRadius ?? DEFAULTS.wideSearchRadius;
  const side = 2 * r + 1;
  const n = side * side;
  const adaptive = new Float32Array(n);
  const normalized = new Float32Array(n);
  /** The template as picked (or as on the last anchor): every match is re-aligned with it, so adapting cannot drift. */
  const original = new Float32Array(n);
  // Positions in pixel-index coordinates (pixel centre = integer).
  let px = x - 0.5;
  let py = y - 0.5;
  let vx = 0;
  let vy = 0;

  const takeTemplate = (grey: Uint8Array, width: number, height: number, cx: number, cy: number, rate: number) => {
    let k = 0;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const value = sample(grey, width, height, cx + dx, cy + dy);
        adaptive[k] = rate >= 1 ? value : adaptive[k]! * (1 - rate) + value * rate;
        k++;
      }
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += adaptive[i]!;
    mean /= n;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const v = adaptive[i]! - mean;
      normalized[i] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) normalized[i] = normalized[i]! / norm;
  };

  /** Correlation of the template with the picture centred on integer pixel (cx, cy); -1 outside the picture. */
  const correlate = (grey: Uint8Array, width: number, height: number, cx: number, cy: number, template = normalized): number => {
    if (cx - r < 0 || cy - r < 0 || cx + r >= width || cy + r >= height) return -1;
    let sum = 0;
    let sumSq = 0;
    let cross = 0;
    let k = 0;
    for (let dy = -r; dy <= r; dy++) {
      let i = (cy + dy) * width + cx - r;
      for (let dx = 0; dx < side; dx++, i++, k++) {
        const v = grey[i]!;
        sum += v;
        sumSq += v * v;
        cross += v * template[k]!;
      }
    }
    const variance = sumSq - (sum * sum) / n;
    // A flat window (no texture at all) matches nothing.
    return variance > 1e-6 ? cross / Math.sqrt(variance) : 0;
  };

  const search = (grey: Uint8Array, width: number, height: number, centreX: number, centreY: number, radius: number, template = normalized) => {
    const ox = Math.round(centreX);
    const oy = Math.round(centreY);
    const span = 2 * radius + 1;
    const scores = new Float32Array(span * span);
    let best = -2;
    let bestRanked = -Infinity;
    let bx = ox;
    let by = oy;
    for (let j = 0; j < span; j++) {
      for (let i = 0; i < span; i++) {
        const score = correlate(grey, width, height, ox - radius + i, oy - radius + j, template);
        scores[j * span + i] = score;
        // A look-alike farther from where the point should be (a neighbouring sticker) must match clearly better.
        const dx = ox - radius + i - centreX;
        const dy = oy - radius + j - centreY;
        const ranked = score - MOTION_PENALTY * (dx * dx + dy * dy);
        if (ranked > bestRanked) {
          bestRanked = ranked;
          best = score;
          bx = ox - radius + i;
          by = oy - radius + j;
        }
      }
    }
    const at = (cx: number, cy: number) => {
      const i = cx - (ox - radius);
      const j = cy - (oy - radius);
      return i >= 0 && j >= 0 && i < span && j < span ? scores[j * span + i]! : correlate(grey, width, height, cx, cy, template);
    };
    return { best, x: bx + peakOffset(at(bx - 1, by), best, at(bx + 1, by)), y: by + peakOffset(at(bx, by - 1), best, at(bx, by + 1)) };
  };

  const restart = (grey: Uint8Array, width: number, height: number) => {
    takeTemplate(grey, width, height, px, py, 1);
    original.set(normalized);
  };
  restart(toGrey(first), first.width, first.height);

  return {
    next(frame) {
      const grey = toGrey(frame);
      const { width, height } = frame;
      let found = search(grey, width, height, px + vx, py + vy, near);
      if (found.best < WIDEN_BELOW) {
        const wider = search(grey, width, height, px, py, wide);
        if (wider.best > found.best) found = wider;
      }
      // Drift correction: re-align with the original template near the adapted match.
      const aligned = search(grey, width, height, found.x, found.y, DRIFT_RADIUS, original);
      if (aligned.best >= REALIGN_ABOVE) found = { ...aligned, best: Math.max(found.best, aligned.best) };
      const confidence = Math.max(0, Math.min(1, found.best));
      vx = clampMotion((found.x - px) * MOTION_DAMPING, near / 2);
      vy = clampMotion((found.y - py) * MOTION_DAMPING, near / 2);
      px = found.x;
      py = found.y;
      if (confidence >= ADAPT_ABOVE) takeTemplate(grey, width, height, px, py, ADAPT_RATE);
      return { x: px + 0.5, y: py + 0.5, confidence };
    },
    reset(frame, x2, y2) {
      px = x2 - 0.5;
      py = y2 - 0.5;
      vx = 0;
      vy = 0;
      restart(toGrey(frame), frame.width, frame.height);
    },
  };
}

const clampMotion = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));

/** Vertex of the parabola through three equally spaced samples, as an offset from the middle one (−0.5…0.5). */
export function peakOffset(left: number, middle: number, right: number): number {
  const denominator = left - 2 * middle + right;
  if (!(denominator < 0)) return 0;
  const offset = (0.5 * (left - right)) / denominator;
  return Math.max(-0.5, Math.min(0.5, offset));
}

function createBlobTracker(first: PixelFrame, x: number, y: number, options: TrackerOptions): PointTracker {
  if (first.channels !== 3) throw new Error('Blob tracking needs colour frames.');
  const near = Math.max(options.searchRadius ?? DEFAULTS.searchRadius, 16);
  const wide = options.wideSearchRadius ?? DEFAULTS.wideSearchRadius;
  const tolerance = options.colourTolerance ?? DEFAULTS.colourTolerance;
  let colour: [number, number, number] = [0, 0, 0];
  let area = 0;
  let cx = x;
  let cy = y;
  let vx = 0;
  let vy = 0;

  const sampleColour = (frame: PixelFrame, px: number, py: number) => {
    let r = 0;
    let g = 0;
    let b = 0;
    let count = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const i = Math.floor(py) + dy;
        const j = Math.floor(px) + dx;
        if (i < 0 || j < 0 || i >= frame.height || j >= frame.width) continue;
        const o = (i * frame.width + j) * 3;
        r += frame.data[o]!;
        g += frame.data[o + 1]!;
        b += frame.data[o + 2]!;
        count++;
      }
    }
    colour = [r / count, g / count, b / count];
  };

  /** The sticker's patch nearest (px, py) within `radius`, as weighted centroid and pixel count. */
  const findBlob = (frame: PixelFrame, px: number, py: number, radius: number) => {
    const x0 = Math.max(0, Math.floor(px - radius));
    const y0 = Math.max(0, Math.floor(py - radius));
    const x1 = Math.min(frame.width - 1, Math.floor(px + radius));
    const y1 = Math.min(frame.height - 1, Math.floor(py + radius));
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (w <= 0 || h <= 0) return null;
    const weight = new Float32Array(w * h);
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < w; i++) {
        const o = ((y0 + j) * frame.width + x0 + i) * 3;
        const d =
          Math.abs(frame.data[o]! - colour[0]) + Math.abs(frame.data[o + 1]! - colour[1]) + Math.abs(frame.data[o + 2]! - colour[2]);
        if (d < tolerance) weight[j * w + i] = 1 - d / tolerance;
      }
    }
    const label = new Int32Array(w * h);
    let best: { x: number; y: number; count: number; distance: number } | null = null;
    let next = 1;
    const stack: number[] = [];
    for (let start = 0; start < w * h; start++) {
      if (weight[start] === 0 || label[start] !== 0) continue;
      const id = next++;
      label[start] = id;
      stack.push(start);
      let sw = 0;
      let sx = 0;
      let sy = 0;
      let count = 0;
      while (stack.length > 0) {
        const k = stack.pop()!;
        const i = k % w;
        const j = (k - i) / w;
        const wk = weight[k]!;
        sw += wk;
        sx += wk * (x0 + i + 0.5);
        sy += wk * (y0 + j + 0.5);
        count++;
        if (i > 0 && weight[k - 1]! > 0 && label[k - 1] === 0) (label[k - 1] = id), stack.push(k - 1);
        if (i < w - 1 && weight[k + 1]! > 0 && label[k + 1] === 0) (label[k + 1] = id), stack.push(k + 1);
        if (j > 0 && weight[k - w]! > 0 && label[k - w] === 0) (label[k - w] = id), stack.push(k - w);
        if (j < h - 1 && weight[k + w]! > 0 && label[k + w] === 0) (label[k + w] = id), stack.push(k + w);
      }
      if (count < 3) continue;
      const bx = sx / sw;
      const by = sy / sw;
      const distance = Math.hypot(bx - px, by - py);
      if (!best || distance < best.distance) best = { x: bx, y: by, count, distance };
    }
    return best;
  };

  const takeReference = (frame: PixelFrame, px: number, py: number) => {
    sampleColour(frame, px, py);
    const blob = findBlob(frame, px, py, near);
    area = blob?.count ?? 0;
    if (blob && blob.distance < Math.sqrt(blob.count / Math.PI) + 2) {
      cx = blob.x;
      cy = blob.y;
    } else {
      cx = px;
      cy = py;
    }
  };

  takeReference(first, x, y);

  return {
    next(frame) {
      let blob = findBlob(frame, cx + vx, cy + vy, near);
      if (!blob) blob = findBlob(frame, cx, cy, wide);
      if (!blob) return { x: cx, y: cy, confidence: 0 };
      const ratio = area > 0 ? Math.min(blob.count / area, area / blob.count) : 0.5;
      const confidence = Math.max(0, Math.min(1, ratio));
      vx = blob.x - cx;
      vy = blob.y - cy;
      cx = blob.x;
      cy = blob.y;
      return { x: cx, y: cy, confidence };
    },
    reset(frame, x2, y2) {
      vx = 0;
      vy = 0;
      takeReference(frame, x2, y2);
    },
  };
}
