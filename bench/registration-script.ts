import { OTHER_NEIGHBOURHOOD } from '../src/domain/profile';
import { pick } from './prng';

/**
 * What a scripted resident types, and what their volunteer listing must show afterwards.
 * The script was checked against the real bot (`parlons chat`, French, city of Poitiers).
 */
export interface ScriptedResident {
  /** Console address: the benchmark's residents are `resident-<n>`. */
  readonly address: string;
  /** The messages, in order, one per turn of the conversation. */
  readonly messages: readonly string[];
  readonly expected: { readonly firstName: string; readonly neighbourhood: string };
}

// Real first names, several with accents, so that text cleaning and storage see non-ASCII input.
// None is a keyword (MENU, AIDE, STOP…), which would derail the flow.
const FIRST_NAMES = [
  'Zoé', 'Léa', 'Chloé', 'Inès', 'Anaïs', 'Maëlle', 'Noémie', 'Hélène', 'Élodie', 'Céline',
  'Jérôme', 'François', 'Loïc', 'Gaël', 'Mathéo', 'Noé', 'Raphaël', 'Benoît', 'Théo', 'André',
  'Camille', 'Lucas', 'Emma', 'Hugo', 'Manon', 'Louis', 'Sarah', 'Nathan', 'Fatima', 'Karim',
] as const;

// Numbers from the menu, and names typed the way people type them (no accents, typos, short forms),
// so that the fuzzy neighbourhood matcher is on the measured path. Each maps to the id it must give.
const NEIGHBOURHOODS: readonly [{ input: string; id: string }, ...{ input: string; id: string }[]] = [
  { input: '13', id: 'trois_cites' },
  { input: '3 cites', id: 'trois_cites' },
  { input: 'couronerie', id: 'couronneries' },
  { input: 'beaulieu', id: 'beaulieu' },
  { input: '1', id: 'beaulieu' },
  { input: '6', id: 'couronneries' },
  { input: '10', id: 'pont_neuf' },
  { input: 'pont neuf', id: 'pont_neuf' },
  { input: 'gibauderie', id: 'gibauderie' },
  { input: 'st eloi', id: 'saint_eloi' },
  { input: 'centre ville', id: 'centre_ville' },
  { input: 'montbernage', id: 'montbernage' },
  { input: '15', id: OTHER_NEIGHBOURHOOD },
];

const AGE_BRACKETS = ['1', '2', '3', '4', '5', '6'] as const;
const GENDERS = ['femme', 'homme', '4'] as const;
const EQUIPMENT = ['1', '2', 'smartfone'] as const;
// Not '2' (SMS): it asks for a phone number, a different script.
const REMINDERS = ['1', '3'] as const;

/** Messages per registration: every resident sends exactly this many. */
export const MESSAGES_PER_RESIDENT = 11;

/**
 * The registration of one resident, varied with `random`: first contact (language question),
 * Français, register, accept the privacy notice, then the six profile answers, then confirm.
 */
export function scriptResident(address: string, random: () => number): ScriptedResident {
  const firstName = pick(random, FIRST_NAMES);
  const neighbourhood = pick(random, NEIGHBOURHOODS);
  const messages = [
    'bonjour',
    '1',
    '1',
    '1',
    firstName,
    neighbourhood.input,
    pick(random, AGE_BRACKETS),
    pick(random, GENDERS),
    pick(random, EQUIPMENT),
    pick(random, REMINDERS),
    'oui',
  ];
  return { address, messages, expected: { firstName, neighbourhood: neighbourhood.id } };
}

/** `count` residents named `<prefix>-1` … `<prefix>-<count>`. */
export function scriptResidents(prefix: string, count: number, random: () => number): ScriptedResident[] {
  return Array.from({ length: count }, (_, i) => scriptResident(`${prefix}-${i + 1}`, random));
}
