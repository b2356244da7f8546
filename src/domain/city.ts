/** A neighbourhood of the city, as listed in `data/cities/<city>.json`. */
export interface Neighbourhood {
  /** snake_case id, persisted in profiles: never renamed without a migration. */
  readonly id: string;
  /** Proper name, the same in every language. */
  readonly name: string;
  /** Other ways residents write it (`3 Cités`, `TC`). */
  readonly aliases: readonly string[];
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
  /**
   * The population by profile field and value (census figures, as counts or shares), so that
   * volunteers can be compared with the city; absent when the city file gives none.
   */
  readonly population?: Readonly<Partial<Record<PopulationField, Readonly<Record<string, number>>>>>;
}

/** Profile fields a city may give its population for. */
export const POPULATION_FIELDS = ['neighbourhood', 'age_bracket', 'gender', 'equipment'] as const;
/** One of them. */
export type PopulationField = (typeof POPULATION_FIELDS)[number];
