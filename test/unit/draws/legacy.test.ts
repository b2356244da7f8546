import { loadSolver } from '../../../src/draws/selection/highs-solver';
import { estimateLegacy, LegacyRun, legacyPanel } from '../../../src/draws/selection/legacy';
import { leximin } from '../../../src/draws/selection/leximin';
import type { Solver } from '../../../src/draws/selection/linear-program';
import { profileMeetsQuotas, type SelectionProblem } from '../../../src/draws/selection/selection-problem';
import { seededRandom } from '../../../src/lib/seeded-random';
import { feasiblePanels } from './brute-force';
import { problemOf, randomPool } from './small-pools';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

/**
 * The legacy method's exact selection probabilities, by following every branch of a run (each
 * candidate person with its chance) and keeping the runs that end with a panel: the method starts
 * again after a dead end, so its panels are the successful runs, reweighted. Null when no run
 * succeeds.
 */
function exactLegacy(problem: SelectionProblem): number[] | null {
  const seats = problem.groupSizes.map(() => 0);
  let success = 0;
  const explore = (run: LegacyRun, chance: number): void => {
    const candidates = run.candidates();
    if (candidates.length === 0) {
      const panel = run.panel;
      if (!panel) return;
      success += chance;
      for (const [g, c] of panel) seats[g] = (seats[g] ?? 0) + chance * c;
      return;
    }
    const total = candidates.reduce((sum, c) => sum + c.people, 0);
    for (const candidate of candidates) {
      const next = run.clone();
      next.take(candidate.group);
      explore(next, (chance * candidate.people) / total);
    }
  };
  explore(LegacyRun.start(problem), 1);
  return success === 0 ? null : seats.map((s, g) => s / success / (problem.groupSizes[g] ?? 1));
}

const seeds = Array.from({ length: 40 }, (_, i) => i + 1).filter((seed) => feasiblePanels(randomPool(seed, 10, 4)).length > 0);

describe('the legacy method', () => {
  test('its panels always meet the quotas', () => {
    const random = seededRandom(7);
    let panels = 0;
    for (const seed of seeds) {
      const { problem } = problemOf(randomPool(seed, 10, 4));
      for (let i = 0; i < 20; i++) {
        const panel = legacyPanel(problem, random);
        if (!panel) continue;
        panels += 1;
        expect(profileMeetsQuotas(problem, panel)).toBe(true);
      }
    }
    expect(panels).toBeGreaterThan(200);
  });

  test("leximin's smallest probability is never below the legacy method's on the same pool", () => {
    let compared = 0;
    let strictlyBetter = 0;
    for (const seed of seeds) {
      const { problem } = problemOf(randomPool(seed, 10, 4));
      const legacy = exactLegacy(problem);
      if (!legacy) continue;
      const fair = leximin(solver, problem).probabilities;
      const legacyMin = Math.min(...legacy);
      const leximinMin = Math.min(...fair);
      expect(leximinMin).toBeGreaterThanOrEqual(legacyMin - 1e-9);
      compared += 1;
      if (leximinMin > legacyMin + 1e-6) strictlyBetter += 1;
    }
    expect(compared).toBeGreaterThan(20);
    // Not a tautology: on some pools leximin does strictly better.
    expect(strictlyBetter).toBeGreaterThan(0);
  });

  test('the estimate over many runs is close to the exact probabilities, and the same for the same seed', () => {
    const { problem } = problemOf(randomPool(seeds[0] ?? 1, 10, 4));
    const exact = exactLegacy(problem);
    if (!exact) throw new Error('expected a pool the legacy method can draw from');
    const estimate = estimateLegacy(problem, 4000, seededRandom(3));
    estimate.probabilities.forEach((p, g) => expect(Math.abs(p - (exact[g] ?? 0))).toBeLessThan(0.05));
    expect(estimateLegacy(problem, 4000, seededRandom(3))).toEqual(estimate);
  });
});
