import type { Constraint, LinearProgram, Solver, Term } from './linear-program';
import { bestPanel, panelCovering } from './panel-search';
import { groupProbabilities, profileKey, type Distribution, type Profile, type SelectionProblem } from './selection-problem';

/** The quotas cannot all be met by any panel of this pool. */
export class InfeasibleQuotasError extends Error {
  constructor() {
    super('no panel of the pool meets every quota');
    this.name = 'InfeasibleQuotasError';
  }
}

/** The solver failed on a program it should have solved (a numerical breakdown). */
export class SolverFailedError extends Error {
  constructor(what: string, detail: string) {
    super(`the solver failed on ${what}: ${detail}`);
    this.name = 'SolverFailedError';
  }
}

/** What the leximin computation gives. */
export interface LeximinResult {
  readonly distribution: Distribution;
  /** Each group's selection probability (per person) under `distribution`. */
  readonly probabilities: readonly number[];
  /** Each group's leximin value as fixed stage by stage (the distribution meets them within `TOLERANCE`). */
  readonly leximinValues: readonly number[];
  /** How many maximin stages and how many panels the column generation produced. */
  readonly stages: number;
  readonly panelsGenerated: number;
}

/**
 * How far a selection probability may be from its leximin value, in absolute terms, stated in
 * every public record: the solver's tolerances are 1e-9, so this leaves room for rounding only.
 */
export const TOLERANCE = 1e-6;

/** A panel is worth adding when it beats the current bound by more than this (dual weights sum to 1). */
const IMPROVEMENT = 1e-9;
/** A group whose dual weight is above this is at its leximin value (see `fixFromDuals`). */
const FIXING_WEIGHT = 1e-6;
/** Probabilities below this in the final distribution are solver noise. */
const NEGLIGIBLE = 1e-12;

/** A panel profile with its coefficients `count / groupSize` (the share of each group it selects). */
interface Column {
  readonly profile: Profile;
  readonly shares: readonly Term[];
}

function column(problem: SelectionProblem, profile: Profile): Column {
  return { profile, shares: profile.map(([g, c]) => ({ variable: g, coefficient: c / (problem.groupSizes[g] ?? 1) })) };
}

/** The panels found so far, without repeats. */
class Panels {
  readonly columns: Column[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly problem: SelectionProblem) {}

  /** Adds a profile; false if it was already there. */
  add(profile: Profile): boolean {
    const key = profileKey(profile);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.columns.push(column(this.problem, profile));
    return true;
  }
}

/**
 * Starts the column generation with panels that include every group that can be on a panel, and
 * returns the groups that cannot (their probability is 0 whatever the distribution).
 */
function coverGroups(solver: Solver, problem: SelectionProblem, panels: Panels): Set<number> {
  const uncovered = new Set(problem.groupSizes.map((_, g) => g));
  for (;;) {
    const wanted = [...uncovered];
    if (wanted.length === 0) return uncovered;
    const profile = panelCovering(solver, problem, wanted);
    if (!profile) throw new InfeasibleQuotasError();
    const covered = profile.filter(([g]) => uncovered.has(g));
    // The covering program maximises how many wanted groups a panel includes: none means no
    // panel can include any of them.
    if (covered.length === 0) return uncovered;
    panels.add(profile);
    for (const [g] of covered) uncovered.delete(g);
  }
}

/**
 * The dual of "maximise the smallest probability z of the groups not fixed yet, keeping fixed
 * groups at their values, over the panels found so far":
 *
 *   minimise  ŷ − Σ_fixed f_g·y_g
 *   s.t.      Σ_g (c_g(P)/n_g)·y_g ≤ ŷ   for every panel P
 *             Σ_unfixed y_g = 1,  y ≥ 0, ŷ ≥ 0
 *
 * Variables: y_g for each possible group (index g), then ŷ (index G).
 */
function dualProgram(problem: SelectionProblem, panels: Panels, fixed: ReadonlyMap<number, number>, possible: readonly number[]): LinearProgram {
  const cap = problem.groupSizes.length;
  const constraints: Constraint[] = panels.columns.map((col) => ({
    terms: [...col.shares, { variable: cap, coefficient: -1 }],
    lower: Number.NEGATIVE_INFINITY,
    upper: 0,
  }));
  const unfixed = possible.filter((g) => !fixed.has(g));
  constraints.push({ terms: unfixed.map((g) => ({ variable: g, coefficient: 1 })), lower: 1, upper: 1 });
  const objective: Term[] = [{ variable: cap, coefficient: 1 }, ...[...fixed].filter(([, f]) => f > 0).map(([g, f]) => ({ variable: g, coefficient: -f }))];
  const possibleSet = new Set(possible);
  // Groups that can be on no panel take no part: their variables are pinned to 0.
  const variables = [...problem.groupSizes.map((_, g) => ({ lower: 0, upper: possibleSet.has(g) ? Number.POSITIVE_INFINITY : 0, integer: false })), { lower: 0, upper: Number.POSITIVE_INFINITY, integer: false }];
  return { sense: 'minimize', objective, variables, constraints };
}

/**
 * One maximin stage by column generation: solves the dual over the panels found so far, asks the
 * integer program for the panel that most violates it, adds it, and repeats until no panel does.
 * Returns the stage's value (the smallest probability among unfixed groups, at best) and the
 * dual weights.
 */
function maximinStage(solver: Solver, problem: SelectionProblem, panels: Panels, fixed: Map<number, number>, possible: readonly number[]): { value: number; weights: readonly number[] } {
  const cap = problem.groupSizes.length;
  for (let relaxations = 0; ; ) {
    const program = dualProgram(problem, panels, fixed, possible);
    let dual = solver.solve(program, 'interior');
    if (dual.status === 'failed') dual = solver.solve(program, 'vertex');
    if (dual.status !== 'optimal') {
      // The fixed values, rounded by the solver, may be a hair too high to be met together (the
      // dual is then unbounded): lower them all by a hair and try again.
      if (relaxations++ >= 10) throw new SolverFailedError('a leximin stage', dual.detail);
      for (const [g, f] of fixed) fixed.set(g, Math.max(0, f - 1e-9));
      continue;
    }
    const weights = problem.groupSizes.map((size, g) => Math.max(0, dual.values[g] ?? 0) / size);
    const bound = dual.values[cap] ?? 0;
    const best = bestPanel(solver, problem, weights);
    if (!best) throw new InfeasibleQuotasError();
    if (best.value <= bound + IMPROVEMENT || !panels.add(best.profile)) {
      return { value: Math.max(0, dual.objective), weights: problem.groupSizes.map((_, g) => Math.max(0, dual.values[g] ?? 0)) };
    }
  }
}

/**
 * Fixes the groups whose dual weight is positive at the stage's value: complementary slackness
 * says their constraint "probability ≥ z" is tight in every optimal distribution, so they can go
 * no higher. The interior-point solution puts weight on every group it can, so most groups that
 * are done are fixed in one stage. When the seats left are exactly enough to give every unfixed
 * group the stage's value, they are all fixed too (none can rise without another falling).
 */
function fixFromDuals(problem: SelectionProblem, fixed: Map<number, number>, possible: readonly number[], value: number, weights: readonly number[]): void {
  const unfixed = possible.filter((g) => !fixed.has(g));
  const heavy = unfixed.filter((g) => (weights[g] ?? 0) > FIXING_WEIGHT);
  // The weights sum to 1 over unfixed groups: at least one is above 1/G, so each stage fixes one.
  const chosen = heavy.length > 0 ? heavy : unfixed.filter((g) => (weights[g] ?? 0) === Math.max(...unfixed.map((u) => weights[u] ?? 0)));
  for (const g of chosen) fixed.set(g, value);
  const rest = unfixed.filter((g) => !fixed.has(g));
  const seatsUsed = [...fixed].reduce((sum, [g, f]) => sum + f * (problem.groupSizes[g] ?? 0), 0);
  const people = rest.reduce((sum, g) => sum + (problem.groupSizes[g] ?? 0), 0);
  if (rest.length > 0 && Math.abs(problem.panelSize - seatsUsed - value * people) <= 1e-9 * problem.panelSize) {
    for (const g of rest) fixed.set(g, value);
  }
}

/**
 * The final distribution: over the panels found, probabilities that meet every fixed value, as
 * closely as the solver allows (the largest shortfall is minimised). A vertex solution keeps few
 * panels (at most one more than the number of groups).
 */
function finalDistribution(solver: Solver, panels: Panels, fixed: ReadonlyMap<number, number>): Distribution {
  const shortfall = panels.columns.length;
  const constraints: Constraint[] = [{ terms: panels.columns.map((_, p) => ({ variable: p, coefficient: 1 })), lower: 1, upper: 1 }];
  const byGroup = new Map<number, Term[]>();
  panels.columns.forEach((col, p) => {
    for (const share of col.shares) {
      const terms = byGroup.get(share.variable) ?? [];
      terms.push({ variable: p, coefficient: share.coefficient });
      byGroup.set(share.variable, terms);
    }
  });
  for (const [g, f] of fixed) {
    if (f <= 0) continue;
    constraints.push({ terms: [...(byGroup.get(g) ?? []), { variable: shortfall, coefficient: 1 }], lower: f, upper: Number.POSITIVE_INFINITY });
  }
  const program: LinearProgram = {
    sense: 'minimize',
    objective: [{ variable: shortfall, coefficient: 1 }],
    variables: [...panels.columns.map(() => ({ lower: 0, upper: 1, integer: false })), { lower: 0, upper: Number.POSITIVE_INFINITY, integer: false }],
    constraints,
  };
  const result = solver.solve(program, 'vertex');
  if (result.status !== 'optimal') throw new SolverFailedError('the final distribution', result.detail);
  const kept = panels.columns.flatMap((col, p) => {
    const probability = result.values[p] ?? 0;
    return probability > NEGLIGIBLE ? [{ profile: col.profile, probability }] : [];
  });
  const total = kept.reduce((sum, panel) => sum + panel.probability, 0);
  return { panels: kept.map((panel) => ({ profile: panel.profile, probability: panel.probability / total })) };
}

/**
 * The leximin distribution over the panels that meet the quotas (Flanigan, Gölz, Gupta, Hennig
 * and Procaccia, Nature 2021): the smallest selection probability as large as possible, then the
 * second smallest, and so on. Stage by stage, a maximin linear program over a growing set of
 * panels (column generation, new panels found by an integer program) fixes the groups that
 * cannot go higher, until every group is fixed; then a distribution meeting all the values is
 * chosen. Throws InfeasibleQuotasError when no panel meets the quotas.
 */
export function leximin(solver: Solver, problem: SelectionProblem): LeximinResult {
  const panels = new Panels(problem);
  const impossible = coverGroups(solver, problem, panels);
  const fixed = new Map<number, number>([...impossible].map((g) => [g, 0]));
  const possible = problem.groupSizes.map((_, g) => g).filter((g) => !impossible.has(g));
  let stages = 0;
  while (possible.some((g) => !fixed.has(g))) {
    const { value, weights } = maximinStage(solver, problem, panels, fixed, possible);
    fixFromDuals(problem, fixed, possible, value, weights);
    stages += 1;
  }
  const distribution = finalDistribution(solver, panels, fixed);
  return {
    distribution,
    probabilities: groupProbabilities(problem, distribution),
    leximinValues: problem.groupSizes.map((_, g) => fixed.get(g) ?? 0),
    stages,
    panelsGenerated: panels.columns.length,
  };
}
