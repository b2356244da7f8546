import fs from 'node:fs';
import path from 'node:path';
import { CHANNEL_CAPABILITIES } from '../src/channels/capabilities';
import { smsText } from '../src/channels/sms/sms-channel';
import { loadCity } from '../src/config/city';
import { sessionsShownOn, type SessionView } from '../src/domain/assembly-session';
import { SUPPORTED_LANGUAGES, type Language } from '../src/domain/language';
import type { PersonSnapshot } from '../src/domain/person-snapshot';
import { literal, text, type TextParam } from '../src/domain/text';
import { allFlows } from '../src/flows/definitions';
import type { StepContext } from '../src/flows/engine/flow-functions';
import { FlowEngine, type TurnContext } from '../src/flows/engine/flow-engine';
import { flowFunctions } from '../src/flows/functions';
import { dataFromPerson, profileParams } from '../src/flows/functions/profile-data';
import { DEFAULT_LOCALES_DIR, loadTranslator, type Translator } from '../src/i18n/translator';
import { smsCost, type SmsCost } from '../src/lib/sms/sms-segments';
import { PRIVACY_NOTICE_VERSION } from '../src/privacy/privacy-notice';
import { renderMessage } from '../src/rendering/render-message';

/** One message the bot can send by SMS, as sent (after transliteration), with its cost. */
export interface SmsTextSample {
  /** `flow <flow>.<step>` or `text <namespace>:<key>`. */
  readonly id: string;
  readonly language: Language;
  readonly text: string;
  readonly cost: SmsCost;
}

/** Namespaces that never go to residents: the operators' CLI, and keyword lists (read, not sent). */
const NOT_SENT_NAMESPACES = new Set(['cli', 'keywords']);
/** Keys that are not messages: synonym lists read from answers, button-only variants, settings. */
const NOT_SENT_KEY = /(_aliases|_buttons)$|^common:intl_locale$/;

const city = loadCity('poitiers');
const HUMAN_CONTACT = city.humanContact;
const NOW = new Date('2026-11-22T09:00:00.000Z');
const RESIDENT = '+33612345678';

/** As many upcoming sessions as SMS shows, with long titles, places and descriptions, some answered. */
function sessions(): SessionView[] {
  return Array.from({ length: sessionsShownOn('sms') }, (_, i) => ({
    id: i + 1,
    title: { fr: `Séance ${i + 1} : l'avenir des transports et des mobilités douces`, en: `Session ${i + 1}: the future of transport and soft mobility` },
    description: {
      fr: 'Présentation des propositions des groupes de travail, puis débat et vote. Garde d’enfants sur place.',
      en: 'The working groups present their proposals, then debate and vote. Childcare on site.',
    },
    place: 'Salle du conseil, Hôtel de Ville, place du Maréchal-Leclerc',
    startsAt: new Date(Date.parse('2026-12-05T09:00:00.000Z') + i * 7 * 86_400_000).toISOString(),
    endsAt: new Date(Date.parse('2026-12-05T12:00:00.000Z') + i * 7 * 86_400_000).toISOString(),
    reminderOffsets: null,
    status: 'scheduled',
    myAnswer: (['maybe', 'yes', 'no'] as const)[i % 3] ?? null,
  }));
}

/** A volunteer with a long first name and every field filled, writing by SMS. */
function person(language: Language): PersonSnapshot {
  return {
    id: 1,
    createdAt: '2026-10-01T16:45:00.000Z',
    language,
    volunteerStatus: 'volunteer',
    profile: { firstName: 'Marie-Bernadette', neighbourhood: 'other', ageBracket: '80_plus', gender: 'undisclosed', equipment: 'computer', reminders: 'this_contact' },
    reminderContactId: 1,
    optedOutAt: null,
    cameFrom: 'affiche-marche-des-couronneries',
    roles: ['resident'],
    contacts: [
      { id: 1, channel: 'sms', address: RESIDENT },
      { id: 2, channel: 'telegram', address: '123456789' },
    ],
    consents: [
      { purpose: 'volunteer_registration', noticeVersion: PRIVACY_NOTICE_VERSION, givenAt: '2026-10-01T16:50:00.000Z', method: 'chat', withdrawnAt: '2026-10-20T08:00:00.000Z' },
      { purpose: 'volunteer_registration', noticeVersion: PRIVACY_NOTICE_VERSION, givenAt: '2026-10-21T08:00:00.000Z', method: 'chat', withdrawnAt: null },
    ],
  };
}

function turnContext(language: Language): TurnContext {
  const who = person(language);
  return { person: who, contact: { id: 1, channel: 'sms', address: RESIDENT }, now: NOW, sessions: sessions() };
}

/** The parameters every view gives, for the same person: realistic values for keys rendered alone. */
function viewParams(ctx: TurnContext, language: Language): Record<string, TextParam> {
  const stepCtx: StepContext = {
    ...ctx,
    settings: { city, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, humanContact: HUMAN_CONTACT, defaultLanguage: language },
    data: { ...dataFromPerson(ctx.person), session_id: 1 },
  };
  const fromViews = Object.values(flowFunctions.views).map((view) => view(stepCtx));
  return Object.assign(profileParams(stepCtx.data, stepCtx.contact, city), ...fromViews) as Record<string, TextParam>;
}

/**
 * Realistic long values for the parameters no view gives. A new parameter name in a locale
 * makes `missingParams` report it, so that its realistic value is added here.
 */
const OTHER_PARAMS: Readonly<Record<string, TextParam>> = {
  count: 15,
  phone: '+33 6 12 34 56 78',
  first_name: 'Marie-Bernadette',
  options: [literal('Saint-Éloi'), literal('Saint-Éloi Breuil-Mingot')],
  days: 90,
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
  max: 40,
};

/** `{{name}}` placeholders of a string. */
function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([\w]+)[^}]*\}\}/g)].map((m) => m[1] ?? '');
}

/** Every sendable key of the locale files, with its placeholders, from the default language's files. */
function sendableKeys(localesDir = DEFAULT_LOCALES_DIR): { key: string; params: string[] }[] {
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
  const known = new Set([...Object.keys(viewParams(turnContext('fr'), 'fr')), ...Object.keys(OTHER_PARAMS)]);
  return [...new Set(sendableKeys().flatMap((k) => k.params))].filter((name) => !known.has(name)).sort();
}

function sample(id: string, language: Language, rendered: string): SmsTextSample {
  const sent = smsText({ text: rendered }, true);
  return { id, language, text: sent, cost: smsCost(sent) };
}

/** Every question step of every flow, as asked by SMS: its prompt and its numbered menu. */
function questionSteps(translator: Translator, language: Language): SmsTextSample[] {
  const engine = new FlowEngine(allFlows, flowFunctions, translator, {
    city,
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    humanContact: HUMAN_CONTACT,
    defaultLanguage: language,
  });
  const ctx = turnContext(language);
  const data = { ...dataFromPerson(ctx.person), session_id: 1 };
  return allFlows.flatMap((flow) =>
    Object.entries(flow.steps)
      .filter(([, step]) => step.type === 'choice' || step.type === 'text')
      .map(([stepId]) => {
        const turn = engine.reprompt({ flowId: flow.id, flowVersion: flow.version, stepId, data, misunderstandings: 0 }, ctx, []);
        const [question] = turn.replies;
        if (!question || turn.state?.stepId !== stepId) throw new Error(`${flow.id}.${stepId} could not be asked`);
        return sample(`flow ${flow.id}.${stepId}`, language, renderMessage(question, language, translator, CHANNEL_CAPABILITIES.sms).text);
      }),
  );
}

/** Every other text, rendered alone with realistic long parameters. */
function texts(translator: Translator, language: Language): SmsTextSample[] {
  const params = { ...viewParams(turnContext(language), language), ...OTHER_PARAMS };
  return sendableKeys().map(({ key }) => sample(`text ${key}`, language, translator.render(text(key, params), language)));
}

/** Every message the bot can send by SMS, in every language, as it would be sent. */
export function allSmsTexts(): SmsTextSample[] {
  return SUPPORTED_LANGUAGES.flatMap((language) => {
    const translator = loadTranslator(language, city.timeZone);
    return [...questionSteps(translator, language), ...texts(translator, language)];
  });
}

/** How many texts need 1, 2, 3… segments. */
export function segmentDistribution(samples: readonly SmsTextSample[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s.cost.segments, (counts.get(s.cost.segments) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a - b));
}
