import fs from 'node:fs';
import path from 'node:path';
import { CHANNEL_CAPABILITIES } from '../src/channels/capabilities';
import { smsText } from '../src/channels/sms/sms-channel';
import { SMS_PEOPLE_PER_MESSAGE } from '../src/digest/digest-messages';
import { SUPPORTED_LANGUAGES, type Language } from '../src/domain/language';
import type { OutgoingMessage } from '../src/domain/outgoing-message';
import { conjunction, counted, literal, text, type TextParam } from '../src/domain/text';
import type { StepContext } from '../src/flows/engine/flow-functions';
import { flowFunctions } from '../src/flows/functions';
import { profileParams } from '../src/flows/functions/profile-data';
import { DEFAULT_LOCALES_DIR, loadTranslator, type Translator } from '../src/i18n/translator';
import { smsParts } from '../src/lib/sms/sms-parts';
import { smsCost, type SmsCost } from '../src/lib/sms/sms-segments';
import { renderMessage } from '../src/rendering/render-message';
import { walkedMessages, walkFlows } from './flow-walk';
import { city, FULL_WORLD, flowSettings, SAMPLE_INVITATION, sampleContext, sampleData, samplePerson } from './sample-world';

/** One SMS the bot can send, as sent (after transliteration, and cut between paragraphs when longer than three segments), with its cost. */
export interface SmsTextSample {
  /**
   * `flow <flow>.<step> <what was done> #<n>` (a message as a turn sends it) or `text
   * <namespace>:<key>` (a text sent alone), with `(SMS i/n)` when it goes as several.
   */
  readonly id: string;
  readonly language: Language;
  readonly text: string;
  readonly cost: SmsCost;
}

/** Namespaces that are never sent in chat: the operators' CLI, the web face's pages, and keyword lists (read, not sent). */
const NOT_SENT_NAMESPACES = new Set(['cli', 'web', 'keywords']);
/** Keys that are not messages: synonym lists read from answers, button-only variants, settings. */
const NOT_SENT_KEY = /(_aliases|_buttons)$|^common:intl_locale$/;

/** The parameters every view gives, for the same person: realistic values for keys rendered alone. */
function viewParams(language: Language): Record<string, TextParam> {
  const ctx = sampleContext(FULL_WORLD, samplePerson(language));
  const stepCtx: StepContext = { ...ctx, settings: flowSettings(language), data: { ...sampleData('ask_grade')[0], session_id: 1, q: 3, p: 0 } };
  const fromViews = Object.values(flowFunctions.views).map((view) => view(stepCtx));
  return Object.assign(profileParams(stepCtx.data, 'sms', city), ...fromViews) as Record<string, TextParam>;
}

/**
 * People a mediator supports as a digest names them, with long first names and neighbourhoods:
 * as many as one SMS of a digest holds (see digest-messages.ts).
 */
const SUPPORTED_PEOPLE: readonly TextParam[] = [
  text('mediation:person_label', { name: literal('Marie-Bernadette'), neighbourhood: text('profile:neighbourhood.other') }),
  text('mediation:person_label', { name: literal('Jean-Christophe'), neighbourhood: literal('Les Couronneries') }),
  text('mediation:person_label', { name: literal('Marie-Thérèse'), neighbourhood: text('profile:neighbourhood.other') }),
  text('mediation:person_label', { name: literal('Anne-Catherine'), neighbourhood: literal('Breuil-Mingot') }),
].slice(0, SMS_PEOPLE_PER_MESSAGE);

/**
 * Realistic long values for the parameters no view gives. A new parameter name in a locale
 * makes `missingParams` report it, so that its realistic value is added here.
 */
const OTHER_PARAMS: Readonly<Record<string, TextParam>> = {
  count: 15,
  field: literal('Situation familiale et enfants à charge'),
  dates: { conjunction: SAMPLE_INVITATION.sessions.map((dateTime) => ({ dateTime })) },
  // A sign-in link to the web face, as long as a city's address makes it.
  url: literal('https://participation.ville-poitiers.fr/parlons/sign-in/GbNUaTcM2OafuTUi3GhBXQ-NINLUhJc4UYGa38uNS0A'),
  minutes: 10,
  phone: '+33 6 12 34 56 78',
  first_name: 'Marie-Bernadette',
  options: [literal('Saint-Éloi'), literal('Saint-Éloi Breuil-Mingot')],
  days: counted('days', 90),
  title: literal("Séance 8 : l'avenir des transports et des mobilités douces"),
  when: { dateTime: '2026-12-05T09:00:00.000Z' },
  place: literal('Salle du conseil, Hôtel de Ville, place du Maréchal-Leclerc'),
  answer: text('sessions:answer.maybe'),
  text: literal('Présentation des propositions des groupes de travail, puis débat et vote.'),
  channel: text('common:channel.telegram'),
  address: '+33 6 12 34 56 78',
  date: '2026-10-01 18:45',
  source: 'affiche-marche-des-couronneries',
  given: '2026-10-21 10:00',
  withdrawn: '2026-10-20 10:00',
  name: 'Marie-Bernadette',
  max: counted('characters', 450),
  min: counted('characters', 10),
  length: counted('characters', 612),
  n: 12,
  label: literal('Trottoirs accessibles aux fauteuils et aux poussettes'),
  grade: literal('Assez bien'),
  percent: 67,
  part: 'bus de nuit ou pistes',
  skip: '0',
  outcome: text('consultations:result_top', { label: literal('Trottoirs accessibles aux fauteuils et aux poussettes'), percent: 67 }),
  into: literal('Des pistes cyclables sûres entre tous les quartiers de la ville, éclairées'),
  reason: literal('Cette idée relève de la Métropole et non de la Ville ; nous la lui transmettons.'),
  theme: literal('Se déplacer dans la ville et les quartiers'),
  id: 1234,
  by: 12,
  organisation: literal('Centre social et culturel des Trois-Cités'),
  what: text('audit:action.withdraw_idea_support'),
  how: text('privacy:my_data.consent_how', { method: text('mediation:register.method.paper'), reference: literal('Formulaire 2026-0042, Trois-Cités') }),
  invited: counted('people_invited', 15_000),
  role: text('agent:role.assembly_member'),
  people: conjunction(SUPPORTED_PEOPLE),
  // Each person a different answer: the most words for the people one SMS holds.
  responses: SUPPORTED_PEOPLE.map((person, i) => text(`digest:answer.${['yes', 'maybe', 'none', 'no'][i] ?? 'no'}`, { count: 1, people: conjunction([person]) })),
};

/** `{{name}}` placeholders of a string. */
function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([\w]+)[^}]*\}\}/g)].map((m) => m[1] ?? '');
}

/** Every sendable key of the locale files, with its placeholders, from the default language's files. */
export function sendableKeys(localesDir = DEFAULT_LOCALES_DIR): { key: string; params: string[] }[] {
  const dir = path.join(localesDir, 'fr');
  const keys: { key: string; params: string[] }[] = [];
  const walk = (ns: string, prefix: string, node: unknown): void => {
    if (typeof node === 'string') {
      const key = `${ns}:${prefix}`;
      if (!NOT_SENT_KEY.test(key)) keys.push({ key, params: placeholders(node) });
      return;
    }
    for (const [name, child] of Object.entries(node as Record<string, unknown>)) walk(ns, prefix ? `${prefix}.${name}` : name, child);
  };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const ns = file.replace(/\.json$/, '');
    if (!NOT_SENT_NAMESPACES.has(ns)) walk(ns, '', JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return keys;
}

/** Parameter names used by sendable texts that have no realistic value (views or OTHER_PARAMS). */
export function missingParams(): string[] {
  const known = new Set([...Object.keys(viewParams('fr')), ...Object.keys(OTHER_PARAMS)]);
  return [...new Set(sendableKeys().flatMap((k) => k.params))].filter((name) => !known.has(name)).sort();
}

/** A text with realistic long parameters, for the keys no flow sends (notices, digests, decisions): its key alone, in `language`. */
export function textAlone(key: string, language: Language): ReturnType<typeof text> {
  return text(key, { ...viewParams(language), ...OTHER_PARAMS });
}

/** A message as the SMS channel sends it: after transliteration, as one SMS or several cut between paragraphs (see smsParts). */
function samples(id: string, language: Language, message: OutgoingMessage, translator: Translator): SmsTextSample[] {
  const parts = smsParts(smsText(renderMessage(message, language, translator, CHANNEL_CAPABILITIES.sms), true));
  return parts.map((part, i) => ({ id: parts.length > 1 ? `${id} (SMS ${i + 1}/${parts.length})` : id, language, text: part, cost: smsCost(part) }));
}

/**
 * Every message of every flow as a turn assembles and sends it (a step's paragraphs, what leads
 * it — "let us resume", a problem with the last answer, help —, its numbered menu; with the
 * "acting for" banner where a mediator may be acting), walked with the longest names and titles;
 * each the same message once.
 */
function flowMessages(translator: Translator, language: Language): { samples: SmsTextSample[]; keys: Set<string> } {
  const unique = new Map<string, SmsTextSample>();
  const keys = new Set<string>();
  for (const { id, message } of walkedMessages(walkFlows(FULL_WORLD, language, translator))) {
    textKeys(message, keys);
    for (const measured of samples(`flow ${id}`, language, message, translator)) if (!unique.has(measured.text)) unique.set(measured.text, measured);
  }
  return { samples: [...unique.values()], keys };
}

/** The keys of every text in `value` (a message, its parameters), as `namespace:key`. */
export function textKeys(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) textKeys(item, into);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.key === 'string') into.add(record.key.includes(':') ? record.key : `common:${record.key}`);
    for (const child of Object.values(record)) textKeys(child, into);
  }
  return into;
}

/** The texts no flow sends (notices, decisions, digests' parts, acting notices), each sent alone with realistic long parameters. */
function texts(translator: Translator, language: Language, sentInFlows: ReadonlySet<string>): SmsTextSample[] {
  return sendableKeys()
    .filter(({ key }) => !sentInFlows.has(key.replace(/_(zero|one|two|few|many|other)$/, '')))
    .flatMap(({ key }) => samples(`text ${key}`, language, { parts: [textAlone(key, language)] }, translator));
}

/** Every message the bot can send by SMS, in every language, as it would be sent. */
export function allSmsTexts(): SmsTextSample[] {
  return SUPPORTED_LANGUAGES.flatMap((language) => {
    const translator = loadTranslator(language, city.timeZone);
    const flows = flowMessages(translator, language);
    return [...flows.samples, ...texts(translator, language, flows.keys)];
  });
}

/** How many texts need 1, 2, 3… segments. */
export function segmentDistribution(samples: readonly SmsTextSample[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s.cost.segments, (counts.get(s.cost.segments) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a - b));
}
