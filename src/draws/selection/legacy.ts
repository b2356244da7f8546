import { profileFromCounts, profileMeetsQuotas, type Profile, type SelectionProblem } from './selection-problem';

/** Adds `amount` to `table[row][column]`. */
function add(table: number[][], row: number, column: number, amount: number): void {
  const cells = table[row];
  if (cells) cells[column] = (cells[column] ?? 0) + amount;
}

/**
 * One run of the legacy greedy method (the Sortition Foundation's original algorithm), as a state
 * that moves one seat at a time: the value whose minimum is furthest from being met, relative to
 * the people left who have it, is served first, by a person drawn uniformly among them; a value
 * that reaches its maximum removes everyone else who has it. It may dead-end (a minimum can no
 * longer be met): the run fails and the method starts again.
 *
 * Kept for comparison with leximin only: it is what cities used before, and its smallest
 * selection probability is what leximin improves on.
 */
export class LegacyRun {
  private constructor(
    private readonly problem: SelectionProblem,
    /** People left in each group. */
    private readonly left: number[],
    /** People taken from each group. */
    private readonly taken: number[],
    /** Seats taken by each value of each category. */
    private readonly seats: number[][],
    /** People left with each value of each category. */
    private readonly leftByValue: number[][],
    private failed: boolean,
  ) {}

  /** A new run: nobody taken; people whose value allows no seat are set aside. */
  static start(problem: SelectionProblem): LegacyRun {
    const left = [...problem.groupSizes];
    const leftByValue = problem.quotas.map((values) => values.map(() => 0));
    problem.groupValues.forEach((values, g) => values.forEach((v, c) => add(leftByValue, c, v, left[g] ?? 0)));
    const run = new LegacyRun(problem, left, problem.groupSizes.map(() => 0), problem.quotas.map((values) => values.map(() => 0)), leftByValue, false);
    problem.quotas.forEach((values, c) => values.forEach((quota, v) => quota.max <= 0 && run.setAside(c, v)));
    run.checkMinimums();
    return run;
  }

  /** A copy to explore another branch from here. */
  clone(): LegacyRun {
    return new LegacyRun(this.problem, [...this.left], [...this.taken], this.seats.map((r) => [...r]), this.leftByValue.map((r) => [...r]), this.failed);
  }

  /** The panel taken so far, once complete; null while seats remain or after a failure. */
  get panel(): Profile | null {
    if (this.failed || this.seatsTaken() !== this.problem.panelSize) return null;
    const profile = profileFromCounts(this.taken);
    return profileMeetsQuotas(this.problem, profile) ? profile : null;
  }

  /** True when the run dead-ended, or ended with a panel that misses a quota. */
  get dead(): boolean {
    return this.failed || (this.seatsTaken() === this.problem.panelSize && this.panel === null);
  }

  /**
   * The groups the next seat may go to, each with how many of its people are candidates (the
   * person is drawn uniformly among all of them); empty when the run is over.
   */
  candidates(): { group: number; people: number }[] {
    if (this.failed || this.seatsTaken() >= this.problem.panelSize) return [];
    let category = -1;
    let value = -1;
    let bestRatio = Number.NEGATIVE_INFINITY;
    this.problem.quotas.forEach((values, c) =>
      values.forEach((quota, v) => {
        const left = this.leftByValue[c]?.[v] ?? 0;
        if (left === 0 || quota.max <= 0) return;
        const ratio = (quota.min - (this.seats[c]?.[v] ?? 0)) / left;
        if (ratio > bestRatio) [category, value, bestRatio] = [c, v, ratio];
      }),
    );
    if (category < 0) {
      this.failed = true;
      return [];
    }
    return this.problem.groupValues.flatMap((values, g) => ((this.left[g] ?? 0) > 0 && values[category] === value ? [{ group: g, people: this.left[g] ?? 0 }] : []));
  }

  /** Gives the next seat to a person of `group` (one of the candidates). */
  take(group: number): void {
    this.left[group] = (this.left[group] ?? 0) - 1;
    this.taken[group] = (this.taken[group] ?? 0) + 1;
    const values = this.problem.groupValues[group] ?? [];
    values.forEach((v, c) => {
      add(this.seats, c, v, 1);
      add(this.leftByValue, c, v, -1);
    });
    values.forEach((v, c) => {
      if ((this.seats[c]?.[v] ?? 0) >= (this.problem.quotas[c]?.[v]?.max ?? 0)) this.setAside(c, v);
    });
    this.checkMinimums();
    if (!this.failed && this.seatsTaken() < this.problem.panelSize && this.left.every((n) => n === 0)) this.failed = true;
  }

  private seatsTaken(): number {
    return this.taken.reduce((a, b) => a + b, 0);
  }

  /** Everyone left with value `v` of category `c` can no longer be taken. */
  private setAside(c: number, v: number): void {
    this.problem.groupValues.forEach((values, g) => {
      const n = this.left[g] ?? 0;
      if (values[c] !== v || n === 0) return;
      this.left[g] = 0;
      values.forEach((value, category) => add(this.leftByValue, category, value, -n));
    });
  }

  /** Fails when some minimum can no longer be met with the people left. */
  private checkMinimums(): void {
    const short = this.problem.quotas.some((values, c) => values.some((quota, v) => (this.seats[c]?.[v] ?? 0) + (this.leftByValue[c]?.[v] ?? 0) < quota.min));
    if (short) this.failed = true;
  }
}

/** One panel by the legacy method, restarting after dead ends; null after `attempts` failures. */
export function legacyPanel(problem: SelectionProblem, random: () => number, attempts = 100): Profile | null {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const run = LegacyRun.start(problem);
    for (let candidates = run.candidates(); candidates.length > 0; candidates = run.candidates()) {
      const total = candidates.reduce((sum, c) => sum + c.people, 0);
      let draw = random() * total;
      const chosen = candidates.find((c) => (draw -= c.people) < 0) ?? candidates[candidates.length - 1];
      if (!chosen) break;
      run.take(chosen.group);
    }
    if (run.panel) return run.panel;
  }
  return null;
}

/** Selection probabilities of the legacy method, estimated over many runs. */
export interface LegacyEstimate {
  /** Each group's estimated probability (per person). */
  readonly probabilities: readonly number[];
  /** Panels drawn, and runs that ended without one after every attempt. */
  readonly runs: number;
  readonly failures: number;
}

/**
 * Estimates each group's selection probability under the legacy method by running it `runs`
 * times. People of a group are interchangeable, so a group's estimate pools its members' draws:
 * far more precise than one person's.
 */
export function estimateLegacy(problem: SelectionProblem, runs: number, random: () => number): LegacyEstimate {
  const seats = problem.groupSizes.map(() => 0);
  let drawn = 0;
  let failures = 0;
  for (let i = 0; i < runs; i++) {
    const panel = legacyPanel(problem, random);
    if (!panel) {
      failures += 1;
      continue;
    }
    drawn += 1;
    for (const [g, c] of panel) seats[g] = (seats[g] ?? 0) + c;
  }
  return {
    probabilities: seats.map((s, g) => (drawn === 0 ? 0 : s / (drawn * (problem.groupSizes[g] ?? 1)))),
    runs: drawn,
    failures,
  };
}
