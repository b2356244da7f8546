import { loadSolver } from '../../../src/draws/selection/highs-solver';
import { explainInfeasibility, type QuotaChange } from '../../../src/draws/selection/infeasibility';
import type { Solver } from '../../../src/draws/selection/linear-program';
import { someValidPanel } from '../../../src/draws/selection/panel-search';
import type { Quota, SelectionProblem } from '../../../src/draws/selection/selection-problem';
import { feasiblePanels } from './brute-force';
import { problemOf, randomPool } from './small-pools';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

function relaxed(problem: SelectionProblem, changes: readonly QuotaChange[]): Quota[][] {
  return problem.quotas.map((values, c) => values.map((quota, v) => changes.find((x) => x.category === c && x.value === v)?.to ?? quota));
}

const seatsMoved = (changes: readonly QuotaChange[]) => changes.reduce((sum, x) => sum + (x.from.min - x.to.min) + (x.to.max - x.from.max), 0);

describe('explaining quotas no panel meets', () => {
  test('a minimum larger than the people who have the value: that category, alone, and the minimum lowered to what the pool holds', () => {
    const { problem } = problemOf({ people: [[0, 0], [0, 1], [1, 0], [0, 1]], quotas: [[{ min: 0, max: 3 }, { min: 2, max: 3 }], [{ min: 0, max: 3 }, { min: 0, max: 3 }]], panelSize: 3 });
    const why = explainInfeasibility(solver, problem);
    expect(why).toEqual({ poolTooSmall: false, alone: [0], conflicts: [], relaxation: [{ category: 0, value: 1, from: { min: 2, max: 3 }, to: { min: 1, max: 3 } }] });
  });

  test('two categories possible alone but not together: the conflict, and a relaxation of two seats', () => {
    // Everyone with value 0 of the first category has value 0 of the second, and the reverse.
    const people = [[0, 0], [0, 0], [0, 0], [1, 1], [1, 1], [1, 1]];
    const quotas = [
      [{ min: 2, max: 2 }, { min: 0, max: 2 }],
      [{ min: 0, max: 2 }, { min: 2, max: 2 }],
    ];
    const { problem } = problemOf({ people, quotas, panelSize: 2 });
    const why = explainInfeasibility(solver, problem);
    expect(why.alone).toEqual([]);
    expect(why.conflicts).toEqual([[0, 1]]);
    expect(seatsMoved(why.relaxation)).toBe(2);
    expect(someValidPanel(solver, problem, relaxed(problem, why.relaxation))).toBe(true);
  });

  test('a pool smaller than the panel is said so, with no relaxation', () => {
    const { problem } = problemOf({ people: [[0], [1]], quotas: [[{ min: 0, max: 3 }, { min: 0, max: 3 }]], panelSize: 3 });
    expect(explainInfeasibility(solver, problem)).toEqual({ poolTooSmall: true, alone: [], conflicts: [], relaxation: [] });
  });

  test('on random infeasible pools, the relaxation is the smallest: it makes a panel possible, and one seat less never does', () => {
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const pool = randomPool(seed, 9, 4);
      if (feasiblePanels(pool).length > 0) continue;
      const { problem } = problemOf(pool);
      const why = explainInfeasibility(solver, problem);
      expect(why.relaxation.length).toBeGreaterThan(0);
      const quotas = relaxed(problem, why.relaxation);
      expect(feasiblePanels({ ...pool, quotas }).length).toBeGreaterThan(0);
      // Undo one seat of any change: no panel then.
      for (const change of why.relaxation) {
        const tighter = change.to.min < change.from.min ? { ...change.to, min: change.to.min + 1 } : { ...change.to, max: change.to.max - 1 };
        const undone = quotas.map((values, c) => values.map((q, v) => (c === change.category && v === change.value ? tighter : q)));
        expect(feasiblePanels({ ...pool, quotas: undone })).toEqual([]);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(3);
  });
});
