import type { AgentText } from './assembly-session';
import type { City } from './city';
import { OTHER_NEIGHBOURHOOD, AGE_BRACKETS, EQUIPMENTS, GENDERS } from './profile';

/** Who a draw is among. Persisted in the draw's definition (JSON). */
export type PoolSource =
  /** Current volunteers. */
  | { readonly kind: 'volunteers' }
  /** People holding a role (the assembly's members, say). */
  | { readonly kind: 'role'; readonly role: string }
  /** People who accepted their seat in an earlier draw (the working group among the assembly). */
  | { readonly kind: 'draw'; readonly drawId: number };

/** People left out of the pool. */
export interface PoolExclusions {
  /** Everyone invited by a draw run on or after this instant (ISO), whatever they answered. */
  readonly drawnSince: string | null;
  /** Everyone invited by these draws. */
  readonly draws: readonly number[];
}

/** One value's seats, at least `min`, at most `max`. */
export interface ValueSeats {
  readonly value: string;
  readonly min: number;
  readonly max: number;
}

/** A category (a profile field) with the seats of each of its values, in the order of the field's values. */
export interface CategorySeats {
  readonly field: string;
  readonly values: readonly ValueSeats[];
}

/** A draw as its quotas file defines it, every quota resolved to numbers. */
export interface DrawDefinition {
  readonly name: AgentText;
  readonly pool: PoolSource;
  readonly exclude: PoolExclusions;
  readonly panelSize: number;
  /** The public random source named in advance. */
  readonly seedSource: string;
  /** How long each person drawn has to answer, in minutes. */
  readonly answerWithinMinutes: number;
  /** What taking part means (dates, what is asked), shown in the invitation. */
  readonly about: AgentText;
  /** The compensation the city offers, if any. */
  readonly compensation: AgentText | null;
  /** Assembly sessions whose dates the invitation lists. */
  readonly sessions: readonly number[];
  readonly categories: readonly CategorySeats[];
}

/** Value given for a city question by someone who prefers not to answer. Persisted. */
export const UNDISCLOSED = 'undisclosed';

/** A profile field draws can set quotas on, with its values in order. */
export interface DrawField {
  readonly id: string;
  readonly values: readonly string[];
}

/** The fields quotas may use in this city: the standard ones, then the city's own questions. */
export function drawFields(city: City): DrawField[] {
  return [
    { id: 'neighbourhood', values: [...city.neighbourhoods.map((n) => n.id), OTHER_NEIGHBOURHOOD] },
    { id: 'age_bracket', values: AGE_BRACKETS },
    { id: 'gender', values: GENDERS },
    { id: 'equipment', values: EQUIPMENTS },
    ...(city.profileQuestions ?? []).map((q) => ({ id: q.id, values: [...q.options.map((o) => o.id), UNDISCLOSED] })),
  ];
}
