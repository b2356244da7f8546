/** A neighbourhood of the city, as listed in `data/cities/<city>.json`. */
export interface Neighbourhood {
  /** snake_case id, persisted in profiles: never renamed without a migration. */
  readonly id: string;
  /** Proper name, the same in every language. */
  readonly name: string;
  /** Other ways residents write it (`3 Cités`, `TC`). */
  readonly aliases: readonly string[];
}

/** A text from the city file, in each language it gives (the default language at least). */
export type CityText = Readonly<Partial<Record<string, string>>>;

/**
 * An optional profile question of the city's own (family situation, say), asked after the
 * standard ones at registration, which draws may set quotas on. Its id and option ids are
 * persisted in answers: never renamed.
 */
export interface ProfileQuestion {
  readonly id: string;
  /** The field's name in summaries ("Family situation"). */
  readonly field: CityText;
  /** The question ("What is your family situation?"). */
  readonly ask: CityText;
  readonly options: readonly { readonly id: string; readonly label: CityText }[];
}

/** The city a deployment serves: its neighbourhoods, its country for phone numbers, its help desk. */
export interface City {
  readonly id: string;
  readonly name: string;
  /** ISO 3166 country code, the region for national phone numbers. */
  readonly country: string;
  /** IANA time zone, for dates shown to people. */
  readonly timeZone: string;
  readonly neighbourhoods: readonly Neighbourhood[];
  /** How to reach a person at the city, used unless the deployment sets its own. */
  readonly humanContact: string;
  /** The city's own optional profile questions (none by default). */
  readonly profileQuestions?: readonly ProfileQuestion[];
  /**
   * The population by profile field (a standard one or one of the city's questions) and value
   * (census figures, as counts or shares), so that volunteers can be compared with the city and
   * draws' quotas can follow it; absent when the city file gives none.
   */
  readonly population?: Readonly<Partial<Record<string, Readonly<Record<string, number>>>>>;
}

/** Profile fields a city may give its population for. */
export const POPULATION_FIELDS = ['neighbourhood', 'age_bracket', 'gender', 'equipment'] as const;
/** One of them. */
export type PopulationField = (typeof POPULATION_FIELDS)[number];

/**
 * Each value's share of the city's population for `field` (its figure over the field's total),
 * or null when the city file gives no figures for it.
 */
export function populationShares(city: City, field: string): Readonly<Record<string, number>> | null {
  const figures = city.population?.[field];
  const total = Object.values(figures ?? {}).reduce((sum, n) => sum + n, 0);
  if (!figures || total <= 0) return null;
  return Object.fromEntries(Object.entries(figures).map(([value, n]) => [value, n / total]));
}
