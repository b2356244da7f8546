import fs from 'node:fs';
import path from 'node:path';
import { CHANNEL_CAPABILITIES } from '../src/channels/capabilities';
import { smsText } from '../src/channels/sms/sms-channel';
import { loadCity } from '../src/config/city';
import { sessionsShownOn, type SessionView } from '../src/domain/assembly-session';
import { readConsultationFile } from '../src/consultations/consultation-file';
import { COMMENT_MAX, type ConsultationView } from '../src/domain/consultation';
import { SMS_PEOPLE_PER_MESSAGE } from '../src/digest/digest-messages';
import type { ConsultationResults } from '../src/domain/consultation-results';
import { IDEA_BODY_MAX, IDEA_TITLE_MAX, type IdeaBoard, type IdeaView } from '../src/domain/idea';
import { SUPPORTED_LANGUAGES, type Language } from '../src/domain/language';
import type { ActionForPerson } from '../src/domain/audit';
import type { StaffDesk } from '../src/domain/staff-desk';
import type { ConsultationParticipation, PendingIdea } from '../src/domain/agent-desk';
import { STAFF_ROLES, type Role } from '../src/domain/role';
import { BROADCAST_TEXT_MAX } from '../src/broadcasts/notice-text';
import { REJECTION_REASON_MAX } from '../src/flows/functions/agent-moderation';
import type { Participation } from '../src/domain/participation';
import { projectRoot } from '../src/lib/project-root';
import { tallyConsultation } from '../src/results/tally';
import type { PersonSnapshot } from '../src/domain/person-snapshot';
import { conjunction, literal, text, type TextParam } from '../src/domain/text';
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

/** Namespaces that are never sent in chat: the operators' CLI, the web face's pages, and keyword lists (read, not sent). */
const NOT_SENT_NAMESPACES = new Set(['cli', 'web', 'keywords']);
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

/** A volunteer with a long first name and every field filled, writing by SMS (with staff roles for staff desks). */
function person(language: Language, roles: readonly Role[] = ['resident']): PersonSnapshot {
  return {
    id: 1,
    createdAt: '2026-10-01T16:45:00.000Z',
    language,
    volunteerStatus: 'volunteer',
    profile: { firstName: 'Marie-Bernadette', neighbourhood: 'other', ageBracket: '80_plus', gender: 'undisclosed', equipment: 'computer', reminders: 'this_contact' },
    reminderContactId: 1,
    optedOutAt: null,
    cameFrom: 'affiche-marche-des-couronneries',
    roles,
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

/** The sample consultation (every question type), open, with long texts. */
function consultation(): ConsultationView {
  const file = fs.readFileSync(path.join(projectRoot(), 'data', 'consultations', 'example.yaml'), 'utf8');
  const read = readConsultationFile(file, city.timeZone, 'fr', (key) => key);
  if (!read.ok) throw new Error(`data/consultations/example.yaml: ${JSON.stringify(read.problems)}`);
  return { ...read.definition, id: 1, status: 'open', myBallot: { answers: {}, castAt: NOW.toISOString() } };
}

/** Three published ideas with titles and bodies as long as allowed, and an open call with a theme. */
function ideaBoard(): IdeaBoard {
  const idea = (id: number): IdeaView => ({
    id,
    title: `Idée ${id} : ${'des pistes cyclables sûres entre tous les quartiers'.padEnd(IDEA_TITLE_MAX - 10, ' et ailleurs').slice(0, IDEA_TITLE_MAX - 10)}`,
    body: 'Des pistes séparées des voitures, éclairées la nuit, pour aller au centre, au lycée et au travail sans danger. '.repeat(6).slice(0, IDEA_BODY_MAX),
    neighbourhood: 'breuil_mingot',
    supporters: 120 + id,
    supportedByMe: id === 1,
    mine: false,
  });
  return {
    openCall: { id: 1, theme: { fr: 'Se déplacer dans la ville et les quartiers', en: 'Getting around the city and its neighbourhoods' }, opensAt: NOW.toISOString(), closesAt: '2026-12-20T19:00:00.000Z' },
    nextCall: null,
    published: [idea(1), idea(2), idea(3), idea(4)],
  };
}

/** Results of the sample consultation, with ballots on every question. */
function results(): ConsultationResults {
  const c = consultation();
  const ballot = { bus_samedi: { choice: 'yes' }, trajet: { choice: 'velo' }, priorites: { choices: ['nuit', 'pistes'] }, propositions: { grades: { navette: 1, zone30: 2, parking: 5 } }, remarque: { comment: 'Merci' } };
  return tallyConsultation({ ...c, status: 'closed', invited: 1500 }, Array.from({ length: 1234 }, () => ballot));
}

/** Ideas waiting for moderation: as long as residents may write them, more than a page. */
function pendingIdeas(): PendingIdea[] {
  return ideaBoard().published.map(({ id, title, body }) => ({ id, title, body, neighbourhood: 'saint_eloi', submittedAt: '2026-11-21T17:45:00.000Z' }));
}

/** The open sample consultation, well under way, with its counts per question. */
function participationOf(): ConsultationParticipation[] {
  const c = consultation();
  const counted = { ...results(), invited: 15_000 };
  return [{ id: c.id, title: c.title, closesAt: c.closesAt, ballots: counted.ballots, invited: counted.invited, questions: counted.questions.map((q) => ({ text: q.question.text, answered: q.answered })) }];
}

const staff: StaffDesk = {
  supportedPeople: () => [{ id: 2, firstName: 'Marie-Thérèse', neighbourhood: 'trois_cites' }],
  pendingIdeas,
  audiencePlan: () => ({ total: 12_345, byChannel: { telegram: 6_789, sms: 4_321, matrix: 1_234, console: 1 }, viaMediators: 321 }),
  consultationParticipation: participationOf,
};

const actionsForMe = (): ActionForPerson[] =>
  ['register_volunteer', 'answer_session', 'submit_idea', 'cast_ballot', 'update_profile'].map((action, i) => ({
    at: new Date(NOW.getTime() - i * 86_400_000).toISOString(),
    action,
    actorId: 12,
    organisation: 'Centre social et culturel des Trois-Cités',
    channel: 'telegram',
  }));

const participation: Participation = { ideaBoard, openConsultations: () => [consultation()], resultsForMe: () => [results()] };

function turnContext(language: Language, roles?: readonly Role[]): TurnContext {
  const who = person(language, roles);
  return { person: who, contact: { id: 1, channel: 'sms', address: RESIDENT }, now: NOW, sessions: sessions(), participation, staff, actionsForMe };
}

/** The longest comment and idea drafts people may write. */
const DRAFTS = {
  title: 'Des pistes cyclables sûres entre tous les quartiers de la ville, éclairées'.slice(0, IDEA_TITLE_MAX),
  body: 'Des pistes séparées des voitures, éclairées la nuit, pour aller au centre sans danger. '.repeat(6).slice(0, IDEA_BODY_MAX),
  similar_ids: '1,2,3',
  idea_id: 1,
  consultation_id: 1,
  // The agent desk: the longest audience to describe, notices and a reason as long as allowed.
  audience: 'said-yes:1',
  texts: JSON.stringify({
    fr: 'La séance de samedi est déplacée à la salle des fêtes des Trois-Cités, même heure. '.repeat(6).slice(0, BROADCAST_TEXT_MAX),
    en: "Saturday's session moves to the Trois-Cités community hall, same time. ".repeat(7).slice(0, BROADCAST_TEXT_MAX),
  }),
  reason: 'Cette idée relève de la Métropole et non de la Ville : nous la lui transmettons avec votre nom si vous le voulez. '.repeat(2).slice(0, REJECTION_REASON_MAX),
  ballot: JSON.stringify({ bus_samedi: { choice: 'abstain' }, trajet: { choice: 'voiture' }, priorites: { choices: ['nuit', 'trottoirs'] }, propositions: { grades: { navette: 0, zone30: 3, parking: 6 } }, remarque: { comment: 'x'.repeat(COMMENT_MAX) } }),
};

/** Which question of the sample consultation each question step asks (`data.q`), and the proposal (`data.p`). */
const QUESTION_OF_STEP: Readonly<Record<string, { q: number; p: number }>> = { ask_choice: { q: 1, p: 0 }, ask_several: { q: 2, p: 0 }, ask_grade: { q: 3, p: 2 }, ask_comment: { q: 4, p: 0 } };

/** The parameters every view gives, for the same person: realistic values for keys rendered alone. */
function viewParams(ctx: TurnContext, language: Language): Record<string, TextParam> {
  const stepCtx: StepContext = {
    ...ctx,
    settings: { city, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, humanContact: HUMAN_CONTACT, defaultLanguage: language },
    data: { ...dataFromPerson(ctx.person), session_id: 1, ...DRAFTS, q: 3, p: 0 },
  };
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
  // A sign-in link to the web face, as long as a city's address makes it.
  url: literal('https://participation.ville-poitiers.fr/parlons/sign-in/GbNUaTcM2OafuTUi3GhBXQ-NINLUhJc4UYGa38uNS0A'),
  minutes: 10,
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
  min: 10,
  length: 412,
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
  invited: 15_000,
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
  const base = { ...dataFromPerson(person(language)), session_id: 1, ...DRAFTS };
  return allFlows.flatMap((flow) =>
    Object.entries(flow.steps)
      .filter(([, step]) => step.type === 'choice' || step.type === 'text')
      .map(([stepId]) => {
        const data = { ...base, ...(QUESTION_OF_STEP[stepId] ?? { q: 0, p: 0 }) };
        // A staff desk is asked of someone holding every staff role, as only they can be there.
        const ctx = turnContext(language, flow.when ? ['resident', ...STAFF_ROLES] : undefined);
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
