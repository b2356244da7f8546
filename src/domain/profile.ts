/**
 * The volunteer profile: what a convention draw needs (neighbourhood, age bracket, gender,
 * digital equipment) and how to reach the person. Nothing more is collected.
 * Every value here is persisted; the ids never change without a migration.
 */

/** Age brackets, as quotas for draws by lot are usually set. */
export const AGE_BRACKETS = ['16_24', '25_34', '35_49', '50_64', '65_79', '80_plus'] as const;
/** An age bracket id. */
export type AgeBracket = (typeof AGE_BRACKETS)[number];

/** Gender, with a way not to answer. */
export const GENDERS = ['woman', 'man', 'other', 'undisclosed'] as const;
/** A gender id. */
export type Gender = (typeof GENDERS)[number];

/** The best digital equipment the person has: conventions draw by it. */
export const EQUIPMENTS = ['smartphone', 'computer', 'none'] as const;
/** An equipment id. */
export type Equipment = (typeof EQUIPMENTS)[number];

/** How the person wants session reminders. */
export const REMINDER_PREFERENCES = ['this_contact', 'sms', 'none'] as const;
/** A reminder preference id. */
export type ReminderPreference = (typeof REMINDER_PREFERENCES)[number];

/** Neighbourhood id for "another neighbourhood, or I do not know". */
export const OTHER_NEIGHBOURHOOD = 'other';

/** A complete volunteer profile, as confirmed by the person. */
export interface VolunteerProfile {
  readonly firstName: string;
  readonly neighbourhood: string;
  readonly ageBracket: AgeBracket;
  readonly gender: Gender;
  readonly equipment: Equipment;
  readonly reminders: ReminderPreference;
}

/** The profile fields a person can see and correct, in the order they are asked. */
export const PROFILE_FIELDS = [
  'first_name',
  'neighbourhood',
  'age_bracket',
  'gender',
  'equipment',
  'reminders',
  'phone_number',
] as const;
/** A profile field id (also the flow data key and the step id that asks it). */
export type ProfileField = (typeof PROFILE_FIELDS)[number];
