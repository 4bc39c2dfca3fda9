/** Mean ± SD with n: how every gait figure and measurement summary is reported. */
export interface Stat {
  mean: number;
  /** Sample standard deviation (n − 1); null for a single value. */
  sd: number | null;
  n: number;
}

export interface RangeStat extends Stat {
  min: number;
  max: number;
}

export function describe(values: readonly number[]): Stat | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) return { mean, sd: null, n };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance), n };
}

export function describeRange(values: readonly number[]): RangeStat | null {
  const stat = describe(values);
  if (!stat) return null;
  return { ...stat, min: Math.min(...values), max: Math.max(...values) };
}

/** Left/right asymmetry: |L − R| / mean(L, R) × 100; null when a side is missing or both are zero. */
export function asymmetryPercent(left: number | null | undefined, right: number | null | undefined): number | null {
  if (left == null || right == null) return null;
  const mean = (left + right) / 2;
  if (mean === 0) return null;
  return (Math.abs(left - right) / mean) * 100;
}
