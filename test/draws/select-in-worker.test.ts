import { loadSolver } from '../../src/draws/selection/highs-solver';
import { selectInWorker } from '../../src/draws/selection/select-in-worker';
import { selectPanels } from '../../src/draws/selection/select-panels';
import { problemOf, randomPool } from '../unit/draws/small-pools';

/**
 * The computation the web face runs off the serving thread: a real worker thread (the build's
 * compiled worker, as `parlons start` runs it) with its own solver, giving what the computation
 * in process gives.
 */
describe('a selection computed in a worker thread', () => {
  test('gives the same leximin probabilities as in process, with the solver named', async () => {
    const { problem } = problemOf(randomPool(11, 40, 6));
    const solver = await loadSolver();
    const here = selectPanels(solver, problem);
    const there = await selectInWorker(problem);
    if (!here.ok || !there.ok) throw new Error('the pool should have panels');
    expect(there.solver).toBe(solver.description);
    there.result.probabilities.forEach((p, g) => expect(p).toBeCloseTo(here.result.probabilities[g] ?? -1, 6));
  });

  test('explains quotas no panel meets, as in process', async () => {
    const { problem } = problemOf({ people: [[0, 0], [0, 1], [1, 0], [0, 1]], quotas: [[{ min: 0, max: 3 }, { min: 2, max: 3 }], [{ min: 0, max: 3 }, { min: 0, max: 3 }]], panelSize: 3 });
    const there = await selectInWorker(problem);
    expect(there).toEqual({ ok: false, explanation: { poolTooSmall: false, alone: [0], conflicts: [], relaxation: [{ category: 0, value: 1, from: { min: 2, max: 3 }, to: { min: 1, max: 3 } }] } });
  });

  test('a pool smaller than the panel is explained, not computed', async () => {
    const { problem } = problemOf({ people: [[0], [1]], quotas: [[{ min: 0, max: 3 }, { min: 0, max: 3 }]], panelSize: 3 });
    expect(await selectInWorker(problem)).toMatchObject({ ok: false, explanation: { poolTooSmall: true } });
  });
});
