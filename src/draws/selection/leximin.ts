import type { Constraint, LinearModel, LinearProgram, SolveMethod, Solver, Term } from './linear-program';
import { groupCountVariables, panelConstraints, panelCovering } from './panel-search';
import { groupProbabilities, profileFromCounts, profileKey, type Distribution, type Profile, type SelectionProblem } from './selection-problem';

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
/** How far from the best panel a panel found while searching may be (see maximinStage). */
const QUICK_GAP = 0.02;
/** Weight of the stability centre in the duals the next panel is searched with (Wentges smoothing). */
const SMOOTHING = 0.8;
/** Probabilities below this in the final distribution are solver noise. */
const NEGLIGIBLE = 1e-12;

/** A panel profile with its coefficients `count / groupSize` (the share of each group it selects). */
interface Column {
  readonly key: string;
  readonly profile: Profile;
  readonly shares: readonly Term[];
}

/** A panel's total weight, `weights[g]` per person of group g. */
function weightOf(profile: Profile, weights: readonly number[]): number {
  return profile.reduce((sum, [g, c]) => sum + (weights[g] ?? 0) * c, 0);
}

function column(problem: SelectionProblem, profile: Profile): Column {
  return { key: profileKey(profile), profile, shares: profile.map(([g, c]) => ({ variable: g, coefficient: c / (problem.groupSizes[g] ?? 1) })) };
}

/** The panels found so far, without repeats. */
class Panels {
  readonly columns: Column[] = [];
  private readonly keys = new Set<string>();
  private master: Master | null = null;

  constructor(readonly problem: SelectionProblem) {}

  /** From now on, panels are also added to `master` (with those found before). */
  feed(master: Master): void {
    this.master = master;
    for (const col of this.columns) master.addPanel(col);
  }

  /** Adds a profile (back to the master, if it had been pruned from it); false if it was there. */
  add(profile: Profile): boolean {
    const key = profileKey(profile);
    if (this.keys.has(key)) {
      const known = this.columns.find((c) => c.key === key);
      return known !== undefined && this.master !== null && this.master.restore(known);
    }
    this.keys.add(key);
    const col = column(this.problem, profile);
    this.columns.push(col);
    this.master?.addPanel(col);
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
 * The restricted master program, kept in the solver's memory: over the panels found so far
 * (columns x_P), maximise z, the smallest probability of the groups not fixed yet, keeping fixed
 * groups at their values:
 *
 *   maximise  z
 *   s.t.      Σ_P (c_g(P)/n_g)·x_P − z ≥ 0     for each unfixed group g   (row g)
 *             Σ_P (c_g(P)/n_g)·x_P ≥ f_g       for each fixed group g     (row g)
 *             Σ_P x_P ≤ 1                                                  (row G)
 *
 * Its dual values are the weights y_g of the groups and the bound ŷ: a panel whose weight
 * Σ_g (c_g(P)/n_g)·y_g exceeds ŷ would raise z (Flanigan et al., appendix). Column 0 is z.
 */
class Master {
  private readonly model: LinearModel;
  private readonly sumRow: number;
  /** The panels in the model, in column order (column i + 1). */
  private held: Column[] = [];
  private readonly heldKeys = new Set<string>();

  constructor(solver: Solver, private readonly problem: SelectionProblem, possible: ReadonlySet<number>) {
    this.model = solver.createModel('maximize');
    this.model.addColumn(1, { lower: 0, upper: 1, integer: false }, []);
    problem.groupSizes.forEach((_, g) =>
      this.model.addRow(
        possible.has(g)
          ? { terms: [{ variable: 0, coefficient: -1 }], lower: 0, upper: Number.POSITIVE_INFINITY }
          : { terms: [], lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY },
      ),
    );
    this.sumRow = this.model.addRow({ terms: [], lower: Number.NEGATIVE_INFINITY, upper: 1 });
  }

  addPanel(col: Column): void {
    this.model.addColumn(0, { lower: 0, upper: Number.POSITIVE_INFINITY, integer: false }, [
      ...col.shares.map((share) => ({ variable: share.variable, coefficient: share.coefficient })),
      { variable: this.sumRow, coefficient: 1 },
    ]);
    this.held.push(col);
    this.heldKeys.add(col.key);
  }

  /** Puts back a panel pruned earlier; false if the model holds it already. */
  restore(col: Column): boolean {
    if (this.heldKeys.has(col.key)) return false;
    this.addPanel(col);
    return true;
  }

  /**
   * Keeps the program small: each solve costs time with its columns, and most panels found along
   * the way end up unused. Past `limit` panels, those out of the basis (not in the solution) are
   * removed, except the latest; the basis stays valid, so the next solve starts from it.
   */
  prune(basic: readonly boolean[], limit: number): void {
    if (this.held.length <= limit || basic.length !== this.held.length + 1) return;
    const keepLatest = this.held.length - Math.floor(limit / 4);
    const drop = this.held.flatMap((_, i) => (!basic[i + 1] && i < keepLatest ? [i] : []));
    this.model.deleteColumns(drop.map((i) => i + 1));
    const dropped = new Set(drop);
    for (const i of drop) this.heldKeys.delete(this.held[i]?.key ?? '');
    this.held = this.held.filter((_, i) => !dropped.has(i));
  }

  /** Group g no longer takes part in z: its probability stays at least `value`. */
  fix(g: number, value: number): void {
    this.model.setCoefficient(g, 0, 0);
    this.model.setRowBounds(g, value, Number.POSITIVE_INFINITY);
  }

  /** z, each group's weight y_g, and the bound ŷ; null when the fixed values cannot all be met. */
  solve(method: SolveMethod): { value: number; weights: number[]; bound: number; basic: readonly boolean[] } | null {
    const result = this.model.solve(method);
    if (result.status !== 'optimal') return null;
    return { value: Math.max(0, result.objective), weights: this.problem.groupSizes.map((_, g) => result.rowDuals[g] ?? 0), bound: result.rowDuals[this.sumRow] ?? 0, basic: result.basic };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * The integer program that finds the panel of largest weight, kept in memory: only its costs
 * change from one search to the next.
 */
class Pricer {
  private readonly model: LinearModel;

  constructor(solver: Solver, private readonly problem: SelectionProblem) {
    this.model = solver.createModel('maximize');
    groupCountVariables(problem).forEach((variable) => this.model.addColumn(0, variable, []));
    for (const constraint of panelConstraints(problem)) this.model.addRow(constraint);
  }

  /**
   * A valid panel of large total weight (`weights[g]` per person of group g), and that weight:
   * the largest, or one within `gap` of it.
   */
  best(weights: readonly number[], gap?: number): { profile: Profile; value: number; bound: number } {
    // Scaled so that the largest weight is 1: the solver's tolerances are absolute.
    const scale = Math.max(...weights, 1e-300);
    this.model.setCosts(weights.map((w) => w / scale));
    const result = this.model.solve('vertex', gap);
    if (result.status !== 'optimal') throw new InfeasibleQuotasError();
    const profile = profileFromCounts(this.problem.groupSizes.map((_, g) => Math.round(result.values[g] ?? 0)));
    const value = weightOf(profile, weights);
    return { profile, value, bound: Math.max(value, (result.bound ?? Number.POSITIVE_INFINITY) * scale) };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * One maximin stage by column generation: solves the master over the panels found so far, asks
 * the integer program for the panel that most violates its dual, adds it, and repeats until no
 * panel does. Vertex solutions while panels are added (the simplex method restarts from its last
 * basis); once no panel improves, one interior solution, whose weights fix as many groups as
 * possible. Returns the stage's value and the groups' weights.
 */
function maximinStage(master: Master, pricer: Pricer, panels: Panels, fixed: Map<number, number>): { value: number; weights: readonly number[] } {
  const sizes = panels.problem.groupSizes;
  const perPerson = (duals: readonly number[]) => duals.map((y, g) => y / (sizes[g] ?? 1));
  // The stability centre: the duals with the lowest upper bound on the stage's value seen so far.
  const centre: { duals: readonly number[] | null; bound: number } = { duals: null, bound: Number.POSITIVE_INFINITY };
  const learn = (duals: readonly number[], found: { bound: number }) => {
    const bound = found.bound - [...fixed].reduce((sum, [g, f]) => sum + f * (duals[g] ?? 0), 0);
    if (bound < centre.bound) Object.assign(centre, { duals, bound });
  };
  for (let relaxations = 0; ; ) {
    const solved = master.solve('vertex');
    if (!solved) {
      // The fixed values, rounded by the solver, may be a hair too high to be met together:
      // lower them all by a hair and try again.
      if (relaxations++ >= 10) throw new SolverFailedError('a leximin stage', 'the fixed probabilities cannot be met');
      for (const [g, f] of fixed) {
        fixed.set(g, Math.max(0, f - 1e-9));
        master.fix(g, Math.max(0, f - 1e-9));
      }
      continue;
    }
    master.prune(solved.basic, 3 * panels.problem.groupSizes.length + 100);
    const weights = perPerson(solved.weights);
    const improves = (found: { profile: Profile }) => weightOf(found.profile, weights) > solved.bound + IMPROVEMENT && panels.add(found.profile);
    const stable = centre.duals;
    if (stable && centre.bound - solved.value > IMPROVEMENT) {
      const smoothed = solved.weights.map((y, g) => SMOOTHING * (stable[g] ?? 0) + (1 - SMOOTHING) * y);
      const found = pricer.best(perPerson(smoothed), QUICK_GAP);
      learn(smoothed, found);
      if (improves(found)) continue;
    }
    // A near-best panel from the integer program is much faster to find than the best, and
    // enough while panels are added; only "no panel improves" needs the exact search.
    const quick = pricer.best(weights, QUICK_GAP);
    learn(solved.weights, quick);
    if (improves(quick)) continue;
    const exact = pricer.best(weights);
    learn(solved.weights, exact);
    if (improves(exact)) continue;
    // The interior weights fix groups only if no panel violates them either: they are another
    // optimal solution of the restricted program, not yet checked against every panel.
    const interior = master.solve('interior');
    if (!interior) return { value: solved.value, weights: solved.weights };
    const interiorWeights = interior.weights.map((y, g) => y / (panels.problem.groupSizes[g] ?? 1));
    const check = pricer.best(interiorWeights);
    if (check.value > interior.bound + IMPROVEMENT && panels.add(check.profile)) continue;
    return { value: solved.value, weights: interior.weights };
  }
}

/**
 * Fixes the groups whose dual weight is positive at the stage's value: complementary slackness
 * says their constraint "probability ≥ z" is tight in every optimal distribution, so they can go
 * no higher. The interior-point solution puts weight on every group it can, so most groups that
 * are done are fixed in one stage. When the seats left are exactly enough to give every unfixed
 * group the stage's value, they are all fixed too (none can rise without another falling).
 * Returns the groups fixed, with their values.
 */
function fixFromDuals(problem: SelectionProblem, fixed: Map<number, number>, possible: readonly number[], value: number, weights: readonly number[]): [number, number][] {
  const unfixed = possible.filter((g) => !fixed.has(g));
  const heavy = unfixed.filter((g) => (weights[g] ?? 0) > FIXING_WEIGHT);
  // The weights sum to at least 1 over unfixed groups: one is at least 1/G, so each stage fixes one.
  const top = Math.max(...unfixed.map((g) => weights[g] ?? 0));
  const chosen = heavy.length > 0 ? heavy : unfixed.filter((g) => (weights[g] ?? 0) === top);
  const rest = unfixed.filter((g) => !chosen.includes(g));
  const seatsUsed = [...fixed].reduce((sum, [g, f]) => sum + f * (problem.groupSizes[g] ?? 0), 0) + chosen.reduce((sum, g) => sum + value * (problem.groupSizes[g] ?? 0), 0);
  const people = rest.reduce((sum, g) => sum + (problem.groupSizes[g] ?? 0), 0);
  const allDone = rest.length > 0 && Math.abs(problem.panelSize - seatsUsed - value * people) <= 1e-9 * problem.panelSize;
  const newly = allDone ? unfixed : chosen;
  for (const g of newly) fixed.set(g, value);
  return newly.map((g) => [g, value]);
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
  const master = new Master(solver, problem, new Set(possible));
  const pricer = new Pricer(solver, problem);
  let stages = 0;
  try {
    panels.feed(master);
    while (possible.some((g) => !fixed.has(g))) {
      const { value, weights } = maximinStage(master, pricer, panels, fixed);
      for (const [g, f] of fixFromDuals(problem, fixed, possible, value, weights)) master.fix(g, f);
      stages += 1;
    }
  } finally {
    master.dispose();
    pricer.dispose();
  }
  const distribution = finalDistribution(solver, panels, fixed);
  return {
    distribution,
    probabilities: groupProbabilities(problem, distribution),
    stages,
    panelsGenerated: panels.columns.length,
  };
}
