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

/** The population's shares per category (census figures), for quotas written as `population`. */
export interface PopulationShares {
  /** Where the figures come from, said in the public record of draws. */
  readonly source: string;
  /** Per profile field, per value id, the share of the population (0 to 1). */
  readonly shares: Readonly<Record<string, Readonly<Record<string, number>>>>;
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
  /** Census shares per category, when the city gives them. */
  readonly population?: PopulationShares;
}
