import type { CategoryQuotas, Lottery, PoolEntry } from './lottery';

/** What a replacement round draws among, and for which quotas, before any distribution is computed. */
export interface ReplacementBasis {
  /** People of the pool never invited yet, with their values. */
  readonly candidates: readonly Pick<PoolEntry, 'pseudonym' | 'values'>[];
  /** Seats to fill: the panel size less the seats held. */
  readonly seats: number;
  /** The draw's quotas less what the people holding a seat already fill. */
  readonly categories: readonly CategoryQuotas[];
}

/**
 * The basis of a replacement round: the seats freed are filled from the people never invited, so
 * that the whole panel (people holding a seat, and the new ones) meets the draw's quotas. A
 * minimum already met by the people holding seats falls to 0.
 */
export function replacementBasis(draw: Pick<Lottery, 'panel_size' | 'categories' | 'pool'>, invited: ReadonlySet<string>, held: readonly string[]): ReplacementBasis {
  const valuesOf = new Map(draw.pool.map((entry) => [entry.pseudonym, entry.values]));
  const categories = draw.categories.map((category, c) => ({
    field: category.field,
    values: category.values.map((quota) => {
      const holding = held.filter((p) => valuesOf.get(p)?.[c] === quota.value).length;
      return { value: quota.value, min: Math.max(0, quota.min - holding), max: Math.max(0, quota.max - holding) };
    }),
  }));
  return {
    candidates: draw.pool.filter((entry) => !invited.has(entry.pseudonym)).map(({ pseudonym, values }) => ({ pseudonym, values })),
    seats: Math.max(0, draw.panel_size - held.length),
    categories,
  };
}

/** Whether `loose` allows at least what `strict` allows, value by value (an agent's relaxation). */
export function looserOrEqual(loose: readonly CategoryQuotas[], strict: readonly CategoryQuotas[]): boolean {
  return (
    loose.length === strict.length &&
    strict.every((category, c) => {
      const other = loose[c];
      return (
        other?.field === category.field &&
        other.values.length === category.values.length &&
        category.values.every((quota, v) => {
          const relaxed = other.values[v];
          return relaxed?.value === quota.value && relaxed.min <= quota.min && relaxed.max >= quota.max;
        })
      );
    })
  );
}
