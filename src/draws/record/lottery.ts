import type { LeximinResult } from '../selection/leximin';
import { type Profile, type Quota, type SelectionProblem } from '../selection/selection-problem';
import { randomStream, uniformFromText } from './seed';

/** One value of a category and its seats: at least `min`, at most `max`. */
export interface ValueQuota {
  readonly value: string;
  readonly min: number;
  readonly max: number;
}

/** A category (a profile field) and the quota of each of its values. */
export interface CategoryQuotas {
  readonly field: string;
  readonly values: readonly ValueQuota[];
}

/** A person of the pool as published: a pseudonym, a value per category (in category order), their chance. */
export interface PoolEntry {
  readonly pseudonym: string;
  readonly values: readonly string[];
  readonly probability: number;
}

/** A panel of the distribution: how many people of each group (named by its values, see groupKey), and its probability. */
export interface PanelShare {
  readonly probability: number;
  readonly panel: Readonly<Record<string, number>>;
}

/**
 * What a seed draws from, as published: the panel size, the quotas, the pool and the
 * distribution over panels. The draw and each replacement round are one each.
 */
export interface Lottery {
  readonly panel_size: number;
  readonly categories: readonly CategoryQuotas[];
  readonly pool: readonly PoolEntry[];
  readonly distribution: readonly PanelShare[];
}

/** What a seed drew: the number it gave, the panel of the distribution it fell on, and who. */
export interface DrawOutcome {
  readonly seed: string;
  readonly uniform: number;
  readonly panel_index: number;
  /** Pseudonyms, in the order they were drawn. */
  readonly panel: readonly string[];
}

/** The name of a group: its values, in category order, joined by `|`. */
export function groupKey(values: readonly string[]): string {
  return values.join('|');
}

/** A lottery as the algorithms see it, with its groups' names and members. */
export interface LotteryProblem {
  readonly problem: SelectionProblem;
  readonly groupKeys: readonly string[];
  /** Each group's pseudonyms, in code-unit order (the order members are drawn in). */
  readonly members: readonly (readonly string[])[];
}

/**
 * Reads the selection problem a lottery describes; throws on values outside the categories'
 * lists (a record altered by hand).
 */
export function lotteryProblem(lottery: Pick<Lottery, 'panel_size' | 'categories' | 'pool'>): LotteryProblem {
  const valueIndex = lottery.categories.map((c) => new Map(c.values.map((v, i) => [v.value, i])));
  const groups = new Map<string, { values: number[]; members: string[] }>();
  for (const entry of lottery.pool) {
    if (entry.values.length !== lottery.categories.length) throw new Error(`${entry.pseudonym} has ${entry.values.length} values for ${lottery.categories.length} categories`);
    const indices = entry.values.map((value, c) => {
      const index = valueIndex[c]?.get(value);
      if (index === undefined) throw new Error(`${entry.pseudonym} has value ${value}, not in the quotas of ${lottery.categories[c]?.field ?? '?'}`);
      return index;
    });
    const key = groupKey(entry.values);
    const group = groups.get(key) ?? { values: indices, members: [] };
    group.members.push(entry.pseudonym);
    groups.set(key, group);
  }
  // Groups in key order, members in pseudonym order: the same problem whatever order the pool was listed in.
  const keys = [...groups.keys()].sort();
  const list = keys.map((key) => groups.get(key) as { values: number[]; members: string[] });
  const members = list.map((g) => [...g.members].sort());
  const quotas: Quota[][] = lottery.categories.map((c) => c.values.map((v) => ({ min: v.min, max: v.max })));
  return {
    problem: { groupValues: list.map((g) => g.values), groupSizes: members.map((m) => m.length), quotas, panelSize: lottery.panel_size },
    groupKeys: keys,
    members,
  };
}

/** A profile as published (group name → count). */
export function panelOf(profile: Profile, groupKeys: readonly string[]): Record<string, number> {
  return Object.fromEntries(profile.map(([g, c]) => [groupKeys[g] ?? String(g), c]));
}

/** A published panel back as a profile; null when it names a group the lottery does not have. */
export function profileOfPanel(panel: Readonly<Record<string, number>>, groupKeys: readonly string[]): Profile | null {
  const index = new Map(groupKeys.map((k, i) => [k, i]));
  const pairs: [number, number][] = [];
  for (const [key, count] of Object.entries(panel)) {
    const g = index.get(key);
    if (g === undefined) return null;
    pairs.push([g, count]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** The published lottery for a leximin result over `entries` (pseudonyms and values). */
export function lotteryFrom(
  base: Pick<Lottery, 'panel_size' | 'categories'>,
  entries: readonly { readonly pseudonym: string; readonly values: readonly string[] }[],
  result: LeximinResult,
): Lottery {
  const { groupKeys } = lotteryProblem({ ...base, pool: entries.map((e) => ({ ...e, probability: 0 })) });
  const probabilityOf = new Map(groupKeys.map((key, g) => [key, result.probabilities[g] ?? 0]));
  return {
    ...base,
    pool: [...entries]
      .sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0))
      .map((e) => ({ pseudonym: e.pseudonym, values: [...e.values], probability: probabilityOf.get(groupKey(e.values)) ?? 0 })),
    distribution: result.distribution.panels.map((p) => ({ probability: p.probability, panel: panelOf(p.profile, groupKeys) })),
  };
}

/**
 * Draws from a lottery with a seed: the seed's number picks a panel of the distribution (the
 * first whose running total of probabilities passes it), then, group by group in name order, a
 * shuffle driven by the seed picks that panel's members among the group's people.
 */
export function drawFromLottery(lottery: Lottery, seed: string): DrawOutcome {
  const { groupKeys, members } = lotteryProblem(lottery);
  const uniform = uniformFromText(seed);
  let running = 0;
  let index = lottery.distribution.findIndex((share) => (running += share.probability) > uniform);
  // Rounding may leave the total a hair under 1: the number then falls on the last panel.
  if (index < 0) index = lottery.distribution.length - 1;
  const share = lottery.distribution[index];
  const profile = share ? profileOfPanel(share.panel, groupKeys) : null;
  if (!profile) throw new Error('the distribution names a group that is not in the pool');
  const panel = profile.flatMap(([g, count]) => {
    const people = [...(members[g] ?? [])];
    const next = randomStream(seed, `group/${groupKeys[g] ?? g}`);
    // The first `count` steps of a Fisher-Yates shuffle: each person equally likely.
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(next() * (people.length - i));
      [people[i], people[j]] = [people[j] as string, people[i] as string];
    }
    return people.slice(0, count);
  });
  return { seed, uniform, panel_index: index, panel };
}
