/** Nearest-rank percentile, q from 0 to 1 (0.95 = p95); NaN for no samples. Shared by every bench. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
