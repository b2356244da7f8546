import { seededRandom } from '../../../src/lib/seeded-random';
import { groupPeople, type Quota, type SelectionProblem } from '../../../src/draws/selection/selection-problem';
import type { SmallPool } from './brute-force';

/** The algorithms' view of a pool of people, and each person's group. */
export function problemOf(pool: SmallPool): { problem: SelectionProblem; groupOf: number[] } {
  const { groupValues, groupSizes, groupOf } = groupPeople(pool.people);
  return { problem: { groupValues, groupSizes, quotas: pool.quotas, panelSize: pool.panelSize }, groupOf };
}

/**
 * A random small pool (`size` people, 2 or 3 categories of 2 or 3 values, some rare) with quotas
 * around a population's shares that differ from the pool's, as volunteers differ from the city:
 * quotas bite, so probabilities differ from person to person; some pools are infeasible.
 */
export function randomPool(seed: number, size: number, panelSize: number): SmallPool {
  const random = seededRandom(seed);
  const categories = 2 + Math.floor(random() * 2);
  const valueCounts = Array.from({ length: categories }, () => 2 + Math.floor(random() * 2));
  // Skewed shares, so that some values are rare and quotas bite.
  const people = Array.from({ length: size }, () => valueCounts.map((count) => Math.min(count - 1, Math.floor(random() ** 1.6 * count))));
  const populationShares = valueCounts.map((count) => {
    const weights = Array.from({ length: count }, () => 0.2 + random());
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / total);
  });
  const quotas: Quota[][] = valueCounts.map((count, c) =>
    Array.from({ length: count }, (_, v) => {
      const target = (populationShares[c]?.[v] ?? 0) * panelSize;
      const slack = random() < 0.5 ? 0 : 1;
      return { min: Math.max(0, Math.floor(target) - slack), max: Math.min(panelSize, Math.ceil(target) + slack) };
    }),
  );
  return { people, quotas, panelSize };
}
