/** Latency figures in milliseconds. */
export interface LatencySummary {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/**
 * Nearest-rank percentile of an ascending array: the smallest value such that at least `p`% of
 * the values are at or below it (no interpolation, so it is always a latency that was observed).
 */
export function nearestRank(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** p50 / p99 / max / mean of latencies given in nanoseconds. */
export function summariseNs(latenciesNs: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latenciesNs).sort();
  const total = sorted.reduce((sum, ns) => sum + ns, 0);
  const ms = (ns: number) => ns / 1e6;
  return {
    p50Ms: ms(nearestRank(sorted, 50)),
    p99Ms: ms(nearestRank(sorted, 99)),
    maxMs: ms(nearestRank(sorted, 100)),
    meanMs: ms(total / sorted.length),
  };
}

/** p50, p99 and max, as the report shows them. */
export function formatLatency(l: LatencySummary): string {
  return `p50 ${l.p50Ms.toFixed(2)} ms   p99 ${l.p99Ms.toFixed(2)} ms   max ${l.maxMs.toFixed(2)} ms`;
}
