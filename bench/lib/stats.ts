/**
 * Figures of a benchmark: percentiles and summaries of samples (PURE).
 * Percentiles are nearest-rank (the smallest sample with at least p % of the samples at or below
 * it), so every reported figure is a value that was actually measured.
 */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of `samples` (any order), p in [0, 100]. Throws on an empty list. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is not within 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** n, min, p50, p95, max and mean of the samples. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summary of no samples');
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const s of samples) {
    if (s < min) min = s;
    if (s > max) max = s;
    sum += s;
  }
  return {
    n: samples.length,
    min,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max,
    mean: sum / samples.length,
  };
}

/** The median (nearest-rank p50). */
export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** a / b, or NaN when b is not a positive number. */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}
