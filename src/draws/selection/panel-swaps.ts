import { profileFromCounts, seatsByValue, type Profile, type SelectionProblem } from './selection-problem';

/**
 * Improves a valid panel's total weight by swaps: one person out, one person of another group in,
 * as long as every quota still holds, taking the best swap each time until none improves. A fast
 * way (no solver) to find a better panel while the column generation runs; it can stop short of
 * the best panel, so "no panel improves" is still decided by the integer program.
 */
export function improveBySwaps(problem: SelectionProblem, start: Profile, weights: readonly number[]): { profile: Profile; value: number } {
  const counts = problem.groupSizes.map(() => 0);
  for (const [g, c] of start) counts[g] = c;
  const seats = seatsByValue(problem, start);
  // Candidates to bring in, heaviest first: for each person out, the first one that fits is the best.
  const byWeight = problem.groupSizes.map((_, g) => g).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0));
  const fits = (out: number, into: number): boolean => {
    const a = problem.groupValues[out] ?? [];
    const b = problem.groupValues[into] ?? [];
    return a.every((va, c) => {
      const vb = b[c] ?? -1;
      if (va === vb) return true;
      const quotas = problem.quotas[c] ?? [];
      return (seats[c]?.[va] ?? 0) - 1 >= (quotas[va]?.min ?? 0) && (seats[c]?.[vb] ?? 0) + 1 <= (quotas[vb]?.max ?? 0);
    });
  };
  for (;;) {
    let bestGain = 1e-12;
    let out = -1;
    let into = -1;
    counts.forEach((count, a) => {
      if (count === 0) return;
      const weightOut = weights[a] ?? 0;
      for (const b of byWeight) {
        const gain = (weights[b] ?? 0) - weightOut;
        if (gain <= bestGain) break;
        if (b === a || (counts[b] ?? 0) >= (problem.groupSizes[b] ?? 0) || !fits(a, b)) continue;
        [bestGain, out, into] = [gain, a, b];
        break;
      }
    });
    if (out < 0) break;
    counts[out] = (counts[out] ?? 0) - 1;
    counts[into] = (counts[into] ?? 0) + 1;
    (problem.groupValues[out] ?? []).forEach((v, c) => (seats[c] as number[])[v] = (seats[c]?.[v] ?? 0) - 1);
    (problem.groupValues[into] ?? []).forEach((v, c) => (seats[c] as number[])[v] = (seats[c]?.[v] ?? 0) + 1);
  }
  const profile = profileFromCounts(counts);
  return { profile, value: profile.reduce((sum, [g, c]) => sum + (weights[g] ?? 0) * c, 0) };
}
