/**
 * The selection problem as plain arrays, the same for a draw, a replacement round, a test or the
 * benchmark: people who share a value in every category form a *group*; a panel is described by
 * how many people it takes from each group (its *profile*).
 *
 * NOTE: working on groups rather than on people is exact, not an approximation. People of one
 * group are interchangeable for the quotas, and the leximin vector of selection probabilities is
 * unique, so it gives them all the same probability; a profile drawn from the distribution, then
 * its members drawn uniformly within each group, gives each person exactly that probability. The
 * programs then have one variable per group (a few hundred) instead of one per person (thousands).
 */

/** Minimum and maximum seats for one value of a category. */
export interface Quota {
  readonly min: number;
  readonly max: number;
}

/** What the algorithms need to know. */
export interface SelectionProblem {
  /** How many people each group has (all at least 1). */
  readonly groupSizes: readonly number[];
  /** For each group, the index of its value in each category: `groupValues[g][c]`. */
  readonly groupValues: readonly (readonly number[])[];
  /** For each category, the quota of each value (by value index). */
  readonly quotas: readonly (readonly Quota[])[];
  readonly panelSize: number;
}

/** How many people a panel takes from each group: `[group, count]` pairs, groups in increasing order, counts ≥ 1. */
export type Profile = readonly (readonly [group: number, count: number])[];

/** A probability distribution over panel profiles; within a profile, members are drawn uniformly in each group. */
export interface Distribution {
  readonly panels: readonly { readonly profile: Profile; readonly probability: number }[];
}

/** Seats a profile gives each value of each category. */
export function seatsByValue(problem: SelectionProblem, profile: Profile): number[][] {
  const seats = problem.quotas.map((values) => values.map(() => 0));
  for (const [group, count] of profile) {
    const values = problem.groupValues[group] ?? [];
    values.forEach((value, category) => {
      const row = seats[category];
      if (row && row[value] !== undefined) row[value] += count;
    });
  }
  return seats;
}

/** Whether a profile is a valid panel: the right size, within each group's size, every quota met. */
export function profileMeetsQuotas(problem: SelectionProblem, profile: Profile): boolean {
  let size = 0;
  for (const [group, count] of profile) {
    const available = problem.groupSizes[group];
    if (available === undefined || !Number.isInteger(count) || count < 1 || count > available) return false;
    size += count;
  }
  if (size !== problem.panelSize) return false;
  const seats = seatsByValue(problem, profile);
  return problem.quotas.every((values, c) => values.every((quota, v) => (seats[c]?.[v] ?? 0) >= quota.min && (seats[c]?.[v] ?? 0) <= quota.max));
}

/** Each group's selection probability (per person) under a distribution. */
export function groupProbabilities(problem: SelectionProblem, distribution: Distribution): number[] {
  const probabilities = problem.groupSizes.map(() => 0);
  for (const { profile, probability } of distribution.panels) {
    for (const [group, count] of profile) {
      probabilities[group] = (probabilities[group] ?? 0) + (probability * count) / (problem.groupSizes[group] ?? 1);
    }
  }
  return probabilities;
}

/** A profile from per-group counts (zeros dropped). */
export function profileFromCounts(counts: readonly number[]): Profile {
  return counts.flatMap((count, group) => (count > 0 ? [[group, count] as const] : []));
}

/** A stable text key for a profile, to tell profiles apart. */
export function profileKey(profile: Profile): string {
  return profile.map(([g, c]) => `${g}:${c}`).join(',');
}

/**
 * Groups people by their values: `people[i][c]` is person i's value index in category c. Returns
 * the groups (values and size) and each person's group.
 */
export function groupPeople(people: readonly (readonly number[])[]): { groupValues: number[][]; groupSizes: number[]; groupOf: number[] } {
  const index = new Map<string, number>();
  const groupValues: number[][] = [];
  const groupSizes: number[] = [];
  const groupOf = people.map((values) => {
    const key = values.join(',');
    let group = index.get(key);
    if (group === undefined) {
      group = groupValues.length;
      index.set(key, group);
      groupValues.push([...values]);
      groupSizes.push(0);
    }
    groupSizes[group] = (groupSizes[group] ?? 0) + 1;
    return group;
  });
  return { groupValues, groupSizes, groupOf };
}
