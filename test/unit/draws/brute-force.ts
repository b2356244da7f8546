import type { LinearProgram, Solver } from '../../../src/draws/selection/linear-program';
import type { Quota } from '../../../src/draws/selection/selection-problem';

/** A small pool for exhaustive checks: each person's value index in each category. */
export interface SmallPool {
  readonly people: readonly (readonly number[])[];
  readonly quotas: readonly (readonly Quota[])[];
  readonly panelSize: number;
}

/** Every set of `size` people among `n`, as index lists. */
function subsets(n: number, size: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === size) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i < n; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return out;
}

/** Every panel of people (not groups) that meets the quotas, found by enumeration. */
export function feasiblePanels(pool: SmallPool): number[][] {
  return subsets(pool.people.length, pool.panelSize).filter((panel) =>
    pool.quotas.every((values, c) =>
      values.every((quota, v) => {
        const seats = panel.filter((i) => pool.people[i]?.[c] === v).length;
        return seats >= quota.min && seats <= quota.max;
      }),
    ),
  );
}

/**
 * Leximin selection probabilities of each person, computed without column generation, duals or
 * groups: over all enumerated panels, maximise the smallest unfixed probability; then a person is
 * fixed when, keeping everyone at least where they are, their own probability cannot go higher.
 */
export function bruteForceLeximin(solver: Solver, pool: SmallPool): number[] {
  const panels = feasiblePanels(pool);
  const n = pool.people.length;
  const memberOf = (i: number) => panels.flatMap((panel, p) => (panel.includes(i) ? [{ variable: p, coefficient: 1 }] : []));
  const fixed = new Map<number, number>();
  const z = panels.length;
  const base = (floor: number, objective: LinearProgram['objective'], withZ: boolean): LinearProgram => ({
    sense: 'maximize',
    objective,
    variables: [...panels.map(() => ({ lower: 0, upper: 1, integer: false })), { lower: 0, upper: 1, integer: false }],
    constraints: [
      { terms: panels.map((_, p) => ({ variable: p, coefficient: 1 })), lower: 1, upper: 1 },
      ...Array.from({ length: n }, (_, i) => {
        const f = fixed.get(i);
        if (f !== undefined) return { terms: memberOf(i), lower: f - 1e-9, upper: Number.POSITIVE_INFINITY };
        return withZ
          ? { terms: [...memberOf(i), { variable: z, coefficient: -1 }], lower: 0, upper: Number.POSITIVE_INFINITY }
          : { terms: memberOf(i), lower: floor - 1e-9, upper: Number.POSITIVE_INFINITY };
      }),
    ],
  });
  while (fixed.size < n) {
    const stage = solver.solve(base(0, [{ variable: z, coefficient: 1 }], true));
    if (stage.status !== 'optimal') throw new Error(`brute force stage: ${stage.detail}`);
    const value = stage.objective;
    const newly: number[] = [];
    for (let i = 0; i < n; i++) {
      if (fixed.has(i)) continue;
      const best = solver.solve(base(value, memberOf(i), false));
      if (best.status !== 'optimal') throw new Error(`brute force check: ${best.detail}`);
      if (best.objective <= value + 1e-7) newly.push(i);
    }
    if (newly.length === 0) throw new Error('brute force fixed nobody');
    for (const i of newly) fixed.set(i, value);
  }
  return Array.from({ length: n }, (_, i) => fixed.get(i) ?? 0);
}
