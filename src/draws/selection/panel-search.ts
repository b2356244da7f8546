import type { Constraint, LinearProgram, Solver, Term, Variable } from './linear-program';
import { profileFromCounts, type Profile, type Quota, type SelectionProblem } from './selection-problem';

/** The integer program's constraints over per-group counts `x0…x(G-1)`: panel size and quotas (possibly relaxed). */
export function panelConstraints(problem: SelectionProblem, quotas: readonly (readonly Quota[])[] = problem.quotas): Constraint[] {
  const all: Term[] = problem.groupSizes.map((_, g) => ({ variable: g, coefficient: 1 }));
  const constraints: Constraint[] = [{ terms: all, lower: problem.panelSize, upper: problem.panelSize }];
  quotas.forEach((values, category) => {
    values.forEach((quota, value) => {
      // A quota that cannot bind (0 to the whole panel) only slows the solver down.
      if (quota.min <= 0 && quota.max >= problem.panelSize) return;
      const terms = problem.groupValues.flatMap((values, g) => (values[category] === value ? [{ variable: g, coefficient: 1 }] : []));
      constraints.push({ terms, lower: Math.max(0, quota.min), upper: quota.max });
    });
  });
  return constraints;
}

/** One integer count per group, between 0 and the group's size. */
export function groupCountVariables(problem: SelectionProblem): Variable[] {
  return problem.groupSizes.map((size) => ({ lower: 0, upper: size, integer: true }));
}

/** Reads per-group counts from a solution's first G values. */
function profileOf(problem: SelectionProblem, values: readonly number[]): Profile {
  return profileFromCounts(problem.groupSizes.map((_, g) => Math.round(values[g] ?? 0)));
}

/**
 * A valid panel that includes as many of the `wanted` groups as possible (at least one person of
 * each), or null when no panel meets the quotas. Used to start the column generation with every
 * group that can be on a panel present on at least one.
 */
export function panelCovering(solver: Solver, problem: SelectionProblem, wanted: readonly number[]): Profile | null {
  const groups = problem.groupSizes.length;
  const indicators: Variable[] = wanted.map(() => ({ lower: 0, upper: 1, integer: true }));
  // indicator ≤ count: a group counts as included only with one person on the panel.
  const links: Constraint[] = wanted.map((g, i) => ({
    terms: [
      { variable: groups + i, coefficient: 1 },
      { variable: g, coefficient: -1 },
    ],
    lower: Number.NEGATIVE_INFINITY,
    upper: 0,
  }));
  const program: LinearProgram = {
    sense: 'maximize',
    objective: wanted.map((_, i) => ({ variable: groups + i, coefficient: 1 })),
    variables: [...groupCountVariables(problem), ...indicators],
    constraints: [...panelConstraints(problem), ...links],
  };
  const result = solver.solve(program);
  return result.status === 'optimal' ? profileOf(problem, result.values) : null;
}

/** Whether some panel meets `quotas` (by default the problem's). */
export function someValidPanel(solver: Solver, problem: SelectionProblem, quotas: readonly (readonly Quota[])[] = problem.quotas): boolean {
  const program: LinearProgram = { sense: 'maximize', objective: [], variables: groupCountVariables(problem), constraints: panelConstraints(problem, quotas) };
  return solver.solve(program).status === 'optimal';
}
