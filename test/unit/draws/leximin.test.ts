import { loadSolver } from '../../../src/draws/selection/highs-solver';
import { InfeasibleQuotasError, leximin, TOLERANCE } from '../../../src/draws/selection/leximin';
import type { Solver } from '../../../src/draws/selection/linear-program';
import { groupProbabilities, profileMeetsQuotas } from '../../../src/draws/selection/selection-problem';
import { bruteForceLeximin, feasiblePanels, type SmallPool } from './brute-force';
import { problemOf, randomPool } from './small-pools';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

/** Seeds of random small pools whose quotas some panel meets (found by enumeration). */
function feasibleSeeds(count: number, size: number, panelSize: number): number[] {
  const seeds: number[] = [];
  for (let seed = 1; seeds.length < count; seed++) if (feasiblePanels(randomPool(seed, size, panelSize)).length > 0) seeds.push(seed);
  return seeds;
}

describe('leximin', () => {
  test.each(feasibleSeeds(12, 10, 4))('pool %i of 10 people, panel of 4: every person gets the probability computed by brute force', (seed) => {
    const pool = randomPool(seed, 10, 4);
    const { problem, groupOf } = problemOf(pool);
    const result = leximin(solver, problem);
    const expected = bruteForceLeximin(solver, pool);
    const got = groupOf.map((g) => result.probabilities[g] ?? -1);
    got.forEach((p, i) => expect(Math.abs(p - (expected[i] ?? 0))).toBeLessThanOrEqual(TOLERANCE));
    for (const panel of result.distribution.panels) expect(profileMeetsQuotas(problem, panel.profile)).toBe(true);
    expect(result.distribution.panels.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 12);
  });

  test.each(feasibleSeeds(4, 13, 5))('pool %i of 13 people, panel of 5: the same against brute force', (seed) => {
    const pool = randomPool(seed, 13, 5);
    const { problem, groupOf } = problemOf(pool);
    const result = leximin(solver, problem);
    const expected = bruteForceLeximin(solver, pool);
    groupOf.forEach((g, i) => expect(Math.abs((result.probabilities[g] ?? -1) - (expected[i] ?? 0))).toBeLessThanOrEqual(TOLERANCE));
  });

  test('the pools checked are not trivial: in most, quotas give people different probabilities', () => {
    const seeds = feasibleSeeds(12, 10, 4);
    const uneven = seeds.filter((seed) => {
      const { problem } = problemOf(randomPool(seed, 10, 4));
      const { probabilities } = leximin(solver, problem);
      return Math.max(...probabilities) - Math.min(...probabilities) > 0.01;
    });
    expect(uneven.length).toBeGreaterThanOrEqual(seeds.length / 2);
  });

  test('the probabilities are the marginals of the distribution, and they add up to the panel size', () => {
    const pool = randomPool(feasibleSeeds(1, 12, 5)[0] ?? 1, 12, 5);
    const { problem } = problemOf(pool);
    const result = leximin(solver, problem);
    expect(groupProbabilities(problem, result.distribution)).toEqual(result.probabilities);
    const seats = result.probabilities.reduce((sum, p, g) => sum + p * (problem.groupSizes[g] ?? 0), 0);
    expect(seats).toBeCloseTo(problem.panelSize, 9);
  });

  test('someone no panel can include gets 0, and the others share the seats', () => {
    // Category 0: value 1 is capped at 0 seats, so person 3 can never sit.
    const pool: SmallPool = {
      people: [[0], [0], [0], [1]],
      quotas: [[{ min: 0, max: 2 }, { min: 0, max: 0 }]],
      panelSize: 2,
    };
    const { problem, groupOf } = problemOf(pool);
    const result = leximin(solver, problem);
    expect(result.probabilities[groupOf[3] ?? -1]).toBe(0);
    expect(result.probabilities[groupOf[0] ?? -1]).toBeCloseTo(2 / 3, 9);
  });

  test('quotas no panel meets throw InfeasibleQuotasError', () => {
    const pool: SmallPool = { people: [[0], [0], [1]], quotas: [[{ min: 0, max: 3 }, { min: 2, max: 3 }]], panelSize: 2 };
    expect(() => leximin(solver, problemOf(pool).problem)).toThrow(InfeasibleQuotasError);
  });
});
