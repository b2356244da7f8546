import type { Constraint, LinearProgram, Solver, Variable } from './linear-program';
import { groupCountVariables, someValidPanel } from './panel-search';
import type { Quota, SelectionProblem } from './selection-problem';

/** One quota to loosen: category and value (indices), as set and as it would have to be. */
export interface QuotaChange {
  readonly category: number;
  readonly value: number;
  readonly from: Quota;
  readonly to: Quota;
}

/** Why no panel meets the quotas. */
export interface InfeasibilityExplanation {
  /** The pool is smaller than the panel: no quota can help. */
  readonly poolTooSmall: boolean;
  /** Categories whose quotas no panel meets even on their own. */
  readonly alone: readonly number[];
  /** Pairs of categories each possible alone, impossible together. */
  readonly conflicts: readonly (readonly [number, number])[];
  /** The smallest change to the quotas (fewest seats moved) after which a panel exists; empty when the pool is too small. */
  readonly relaxation: readonly QuotaChange[];
}

/** The problem's quotas with only `kept` categories binding (the others allow anything). */
function only(problem: SelectionProblem, kept: readonly number[]): Quota[][] {
  return problem.quotas.map((values, c) => values.map((quota) => (kept.includes(c) ? quota : { min: 0, max: problem.panelSize })));
}

/**
 * The smallest relaxation: per-group counts as in a panel, plus for each quota how many seats its
 * minimum is lowered (`below`) and its maximum raised (`above`); the total is minimised.
 */
function smallestRelaxation(solver: Solver, problem: SelectionProblem): QuotaChange[] {
  const groups = problem.groupSizes.length;
  const cells = problem.quotas.flatMap((values, category) => values.map((quota, value) => ({ category, value, quota })));
  const slack = (i: number, side: 0 | 1) => groups + 2 * i + side;
  const variables: Variable[] = [
    ...groupCountVariables(problem),
    ...cells.flatMap((cell) => [
      { lower: 0, upper: Math.max(0, cell.quota.min), integer: true },
      { lower: 0, upper: problem.panelSize, integer: true },
    ]),
  ];
  const constraints: Constraint[] = [{ terms: problem.groupSizes.map((_, g) => ({ variable: g, coefficient: 1 })), lower: problem.panelSize, upper: problem.panelSize }];
  cells.forEach((cell, i) => {
    const members = problem.groupValues.flatMap((values, g) => (values[cell.category] === cell.value ? [{ variable: g, coefficient: 1 }] : []));
    constraints.push({ terms: [...members, { variable: slack(i, 0), coefficient: 1 }], lower: cell.quota.min, upper: Number.POSITIVE_INFINITY });
    constraints.push({ terms: [...members, { variable: slack(i, 1), coefficient: -1 }], lower: Number.NEGATIVE_INFINITY, upper: cell.quota.max });
  });
  const program: LinearProgram = {
    sense: 'minimize',
    objective: cells.flatMap((_, i) => [
      { variable: slack(i, 0), coefficient: 1 },
      { variable: slack(i, 1), coefficient: 1 },
    ]),
    variables,
    constraints,
  };
  const result = solver.solve(program);
  if (result.status !== 'optimal') return [];
  return cells.flatMap((cell, i) => {
    const below = Math.round(result.values[slack(i, 0)] ?? 0);
    const above = Math.round(result.values[slack(i, 1)] ?? 0);
    if (below === 0 && above === 0) return [];
    return [{ category: cell.category, value: cell.value, from: cell.quota, to: { min: cell.quota.min - below, max: cell.quota.max + above } }];
  });
}

/**
 * Explains quotas no panel meets: categories impossible on their own (a minimum larger than the
 * people who have the value, minimums adding up to more than the panel…), pairs of categories
 * that conflict, and the smallest change to the quotas that makes a panel possible.
 */
export function explainInfeasibility(solver: Solver, problem: SelectionProblem): InfeasibilityExplanation {
  const poolSize = problem.groupSizes.reduce((a, b) => a + b, 0);
  if (poolSize < problem.panelSize) return { poolTooSmall: true, alone: [], conflicts: [], relaxation: [] };
  const categories = problem.quotas.map((_, c) => c);
  const alone = categories.filter((c) => !someValidPanel(solver, problem, only(problem, [c])));
  const possible = categories.filter((c) => !alone.includes(c));
  const conflicts = possible.flatMap((a, i) => possible.slice(i + 1).flatMap((b) => (someValidPanel(solver, problem, only(problem, [a, b])) ? [] : [[a, b] as const])));
  return { poolTooSmall: false, alone, conflicts, relaxation: smallestRelaxation(solver, problem) };
}
