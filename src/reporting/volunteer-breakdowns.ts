import { POPULATION_FIELDS, populationShares, type City, type PopulationField } from '../domain/city';
import { AGE_BRACKETS, EQUIPMENTS, GENDERS, OTHER_NEIGHBOURHOOD } from '../domain/profile';
import type { VolunteersBy } from './collect-stats';

/** Below this many people, a cell of a published breakdown is not shown (it could single someone out). */
export const SMALLEST_PUBLISHED_CELL = 5;

/** One value of a breakdown: volunteers with it, their share, and the city's. */
export interface BreakdownRow {
  readonly value: string;
  /** Null when hidden: fewer than five people, or the cell that would let a hidden one be worked out. */
  readonly count: number | null;
  /** Share of the volunteers (0..1); null when hidden. */
  readonly share: number | null;
  /** The city's population share for this value (0..1), when the city file gives it. */
  readonly populationShare: number | null;
}

/** Volunteers by one profile field. */
export interface Breakdown {
  readonly field: PopulationField;
  readonly total: number;
  readonly rows: readonly BreakdownRow[];
}

/** Every value a field can take, in the order people are asked. */
function valuesOf(field: PopulationField, city: City): readonly string[] {
  switch (field) {
    case 'neighbourhood':
      return [...city.neighbourhoods.map((n) => n.id), OTHER_NEIGHBOURHOOD];
    case 'age_bracket':
      return AGE_BRACKETS;
    case 'gender':
      return GENDERS;
    case 'equipment':
      return EQUIPMENTS;
  }
}

/**
 * Which cells to hide so that none below `SMALLEST_PUBLISHED_CELL` can be read, or worked out from
 * the total and the others: the small ones, then, while the hidden ones add up to fewer than five
 * people (one person alone could be told apart), the smallest of the cells still shown.
 */
export function hiddenCells(counts: readonly number[]): Set<number> {
  const hidden = new Set(counts.flatMap((count, i) => (count < SMALLEST_PUBLISHED_CELL ? [i] : [])));
  const hiddenSum = () => [...hidden].reduce((sum, i) => sum + (counts[i] ?? 0), 0);
  while (hiddenSum() > 0 && hiddenSum() < SMALLEST_PUBLISHED_CELL && hidden.size < counts.length) {
    const next = counts
      .map((count, i) => ({ count, i }))
      .filter(({ i }) => !hidden.has(i))
      .sort((a, b) => a.count - b.count)[0];
    if (!next) break;
    hidden.add(next.i);
  }
  return hidden;
}

/**
 * Volunteers by neighbourhood, age bracket, gender and equipment, beside the city's population
 * shares. `published`: for the public pages, with small cells hidden; agents see every count.
 */
export function volunteerBreakdowns(byField: VolunteersBy, city: City, published: boolean): Breakdown[] {
  return POPULATION_FIELDS.map((field) => {
    const values = valuesOf(field, city);
    const counts = values.map((value) => byField[field]?.[value] ?? 0);
    const total = counts.reduce((sum, n) => sum + n, 0);
    const population = populationShares(city, field);
    const hidden = published ? hiddenCells(counts) : new Set<number>();
    return {
      field,
      total,
      rows: values.map((value, i) => {
        const count = counts[i] ?? 0;
        const shown = !hidden.has(i);
        return {
          value,
          count: shown ? count : null,
          share: shown && total > 0 ? count / total : null,
          populationShare: population ? (population[value] ?? 0) : null,
        };
      }),
    };
  });
}
