import { formatNumber } from '../report/report-text.ts';
import { frameX } from './frame-scale.ts';

/**
 * The angle-over-time plot as numbers (pure): the value range and its ticks, the value↔y mapping, and the
 * line as an SVG path. x always comes from frame-scale.ts, the timeline's own mapping, so the plot lines up
 * with the timeline, the gait-event lane and the playhead above it.
 */

/** A measurement's value on consecutive frames from `fromFrame`; null where it cannot be measured (track lost). */
export interface PlotSeries {
  readonly fromFrame: number;
  readonly values: ArrayLike<number | null>;
}

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

/** The lowest and highest value of the series (and of a norm band, so the band is always in view); null when none has a value. */
export function valueExtent(series: readonly PlotSeries[], band: ValueRange | null = null): ValueRange | null {
  let min = Infinity;
  let max = -Infinity;
  for (const { values } of series) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  if (min > max) return null;
  if (band) {
    min = Math.min(min, band.min);
    max = Math.max(max, band.max);
  }
  return { min, max };
}

/** Degrees read best in steps a goniometer user thinks in. */
const DEGREE_STEPS = [0.5, 1, 2, 5, 10, 15, 20, 30, 45, 90];

export interface AxisTicks {
  /** The axis's range: the extent widened to whole steps (and to at least `minSpan`). */
  readonly domain: ValueRange;
  readonly step: number;
  readonly ticks: readonly number[];
}

/**
 * Ticks for the value axis: the smallest step from DEGREE_STEPS that keeps labels `minSpacing` pixels apart over
 * `height` pixels; the domain is widened to whole steps so the top and bottom ticks sit on the edges. A flat
 * series (a straight knee on every frame) still gets a `minSpan`-wide axis around its value.
 */
export function axisTicks(extent: ValueRange, height: number, options: { minSpacing?: number; minSpan?: number } = {}): AxisTicks {
  const minSpacing = options.minSpacing ?? 22;
  const minSpan = options.minSpan ?? 4;
  let { min, max } = extent;
  if (max - min < minSpan) {
    const middle = (min + max) / 2;
    min = middle - minSpan / 2;
    max = middle + minSpan / 2;
  }
  const fit = Math.max(1, Math.floor(height / minSpacing));
  let step = DEGREE_STEPS[DEGREE_STEPS.length - 1]!;
  let low = Math.floor(min / step) * step;
  let high = Math.ceil(max / step) * step;
  for (const candidate of DEGREE_STEPS) {
    const lo = Math.floor(min / candidate) * candidate;
    const hi = Math.ceil(max / candidate) * candidate;
    if ((hi - lo) / candidate <= fit) {
      step = candidate;
      low = lo;
      high = hi;
      break;
    }
  }
  // Past 90° steps (not for angles, but a length in px may be plotted): keep doubling.
  while ((high - low) / step > fit) {
    step *= 2;
    low = Math.floor(min / step) * step;
    high = Math.ceil(max / step) * step;
  }
  const ticks: number[] = [];
  for (let value = low; value <= high + step / 1e6; value += step) ticks.push(Number(value.toFixed(6)));
  return { domain: { min: low, max: high }, step, ticks };
}

/** Value → y in a box `height` pixels high with `inset` pixels kept free at top and bottom (higher values up). */
export function valueToY(value: number, domain: ValueRange, height: number, inset = 0): number {
  const span = domain.max - domain.min || 1;
  return inset + (1 - (value - domain.min) / span) * (height - 2 * inset);
}

/** The series' value on a frame; null outside the series or where it has none. */
export function valueAt(series: PlotSeries, frame: number): number | null {
  const value = series.values[frame - series.fromFrame];
  return value === undefined || value === null || !Number.isFinite(value) ? null : value;
}

function round(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/**
 * The series as an SVG path over a `width` × `height` box: one sub-path per run of frames with a value, so a
 * lost track leaves a gap (nothing is drawn across a null). A run of a single frame is a zero-length segment,
 * shown as a dot by a round line cap. With more frames than pixel columns, each column keeps its first, lowest,
 * highest and last value in frame order, so peaks survive and a 10,000-frame series stays a few thousand points.
 */
export function seriesPath(
  series: PlotSeries,
  frameCount: number,
  width: number,
  yOf: (value: number) => number,
): string {
  const parts: string[] = [];
  const { values, fromFrame } = series;
  const n = values.length;
  const decimate = n > 2 * width;
  let penDown = false;
  let i = 0;
  while (i < n) {
    const value = values[i];
    if (value === null || value === undefined || !Number.isFinite(value)) {
      penDown = false;
      i++;
      continue;
    }
    const frame = fromFrame + i;
    if (!decimate) {
      const x = round(frameX(frame, frameCount, width));
      const y = round(yOf(value));
      if (!penDown) {
        // A lone value between gaps would be invisible as a bare move: make it a dot.
        const next = values[i + 1];
        const lone = next === null || next === undefined || !Number.isFinite(next);
        parts.push(lone ? `M${x} ${y}h0` : `M${x} ${y}`);
        penDown = true;
      } else parts.push(`L${x} ${y}`);
      i++;
      continue;
    }
    // One pixel column: the frames whose x rounds down to the same pixel, up to a gap.
    const column = Math.floor(frameX(frame, frameCount, width));
    let first = i;
    let last = i;
    let low = i;
    let high = i;
    let j = i + 1;
    for (; j < n; j++) {
      const v = values[j];
      if (v === null || v === undefined || !Number.isFinite(v)) break;
      if (Math.floor(frameX(fromFrame + j, frameCount, width)) !== column) break;
      last = j;
      if (v < (values[low] as number)) low = j;
      if (v > (values[high] as number)) high = j;
    }
    const picks = [...new Set([first, low, high, last])].sort((a, b) => a - b);
    for (const k of picks) {
      const x = round(frameX(fromFrame + k, frameCount, width));
      const y = round(yOf(values[k] as number));
      if (!penDown) {
        const lone = picks.length === 1 && (j >= n || values[j] === null || values[j] === undefined);
        parts.push(lone ? `M${x} ${y}h0` : `M${x} ${y}`);
        penDown = true;
      } else parts.push(`L${x} ${y}`);
    }
    first = j;
    i = j;
  }
  return parts.join('');
}

/** The runs of frames without a value inside the series (where the track was lost), for shading. */
export function gaps(series: PlotSeries): { fromFrame: number; toFrame: number }[] {
  const out: { fromFrame: number; toFrame: number }[] = [];
  let start: number | null = null;
  const { values, fromFrame } = series;
  for (let i = 0; i <= values.length; i++) {
    const value = i < values.length ? values[i] : 0;
    const missing = value === null || value === undefined || !Number.isFinite(value);
    if (missing && start === null) start = i;
    if (!missing && start !== null) {
      out.push({ fromFrame: fromFrame + start, toFrame: fromFrame + i - 1 });
      start = null;
    }
  }
  return out;
}

/** "141.2°" / "141,2°"; whole degrees for axis labels ("140°"), one decimal where the step needs it ("2,5°"). */
export function formatDegrees(value: number, language: 'en' | 'nl', decimals = 1): string {
  return `${formatNumber(value, language, decimals)}°`;
}
