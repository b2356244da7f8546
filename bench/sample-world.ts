import fs from 'node:fs';
import path from 'node:path';
import { loadCity } from '../src/config/city';
import type { City } from '../src/domain/city';
import { readConsultationFile } from '../src/consultations/consultation-file';
import type { ConsultationParticipation, PendingIdea } from '../src/domain/agent-desk';
import { sessionsShownOn, type SessionView } from '../src/domain/assembly-session';
import type { ActionForPerson } from '../src/domain/audit';
import { COMMENT_MAX, type ConsultationView } from '../src/domain/consultation';
import type { ConsultationResults } from '../src/domain/consultation-results';
import { IDEA_BODY_MAX, IDEA_TITLE_MAX, type IdeaBoard, type IdeaView } from '../src/domain/idea';
import type { Language } from '../src/domain/language';
import type { Participation } from '../src/domain/participation';
import type { DrawInvitation } from '../src/domain/draw-invitation';
import type { PersonSnapshot } from '../src/domain/person-snapshot';
import type { Role } from '../src/domain/role';
import type { StaffDesk } from '../src/domain/staff-desk';
import type { FlowData } from '../src/flows/engine/conversation-state';
import type { TurnContext } from '../src/flows/engine/flow-engine';
import type { FlowSettings } from '../src/flows/engine/flow-functions';
import { BROADCAST_TEXT_MAX } from '../src/broadcasts/notice-text';
import { REJECTION_REASON_MAX } from '../src/flows/functions/agent-moderation';
import { dataFromPerson } from '../src/flows/functions/profile-data';
import { dataFromCityAnswers } from '../src/flows/functions/city-questions';
import { projectRoot } from '../src/lib/project-root';
import { PRIVACY_NOTICE_VERSION } from '../src/privacy/privacy-notice';
import { tallyConsultation } from '../src/results/tally';

/**
 * A world for running every flow without a database: a volunteer with the longest names and
 * every field filled, the sessions, consultations, ideas and staff desks at their wordiest, and
 * the same world with all of it gone (a consultation closed, a session past, an idea decided, a
 * person erased). The SMS measure (bench/sms-texts.ts) and the flow tests use it.
 */
export const city: City = {
  ...loadCity('poitiers'),
  // One question of the city's own (the family situation Poitiers' convention asked about).
  profileQuestions: [
    {
      id: 'family_situation',
      field: { fr: 'Situation familiale', en: 'Family situation' },
      ask: { fr: 'Quelle est votre situation familiale ? Vivez-vous avec des enfants à charge ?', en: 'What is your family situation? Do you live with dependent children?' },
      options: [
        { id: 'alone', label: { fr: 'Seul·e, sans enfant à charge', en: 'Alone, no dependent children' } },
        { id: 'couple', label: { fr: 'En couple, sans enfant à charge', en: 'In a couple, no dependent children' } },
        { id: 'single_parent', label: { fr: 'Seul·e avec un ou plusieurs enfants', en: 'Alone with one or more children' } },
        { id: 'couple_children', label: { fr: 'En couple avec un ou plusieurs enfants', en: 'In a couple with one or more children' } },
      ],
    },
  ],
};
export const NOW = new Date('2026-11-22T09:00:00.000Z');
const RESIDENT = '+33612345678';

/** The engine's settings, in `language` as the default. */
export function flowSettings(language: Language): FlowSettings {
  return { city, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, humanContact: city.humanContact, defaultLanguage: language };
}

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

/** Someone writing for the first time, on Telegram: no language yet, no consent, no profile. */
export function newcomer(roles: readonly Role[] = ['resident']): PersonSnapshot {
  return {
    id: 3,
    createdAt: NOW.toISOString(),
    language: null,
    volunteerStatus: 'none',
    profile: null,
    reminderContactId: null,
    optedOutAt: null,
    cameFrom: null,
    roles,
    contacts: [{ id: 3, channel: 'telegram', address: '987654321' }],
    consents: [],
  };
}

/** A volunteer with a long first name and every field filled, writing by SMS, also on Telegram and Matrix (with staff roles for staff desks). */
export function samplePerson(language: Language, roles: readonly Role[] = ['resident']): PersonSnapshot {
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
    otherAnswers: { family_situation: 'couple_children' },
    contacts: [
      { id: 1, channel: 'sms', address: RESIDENT },
      { id: 2, channel: 'telegram', address: '123456789' },
      // An end-to-end encrypted Matrix chat: MY DATA says so.
      { id: 4, channel: 'matrix', address: '@marie-bernadette:matrix.poitiers.fr', endToEndEncrypted: true },
    ],
    consents: [
      { purpose: 'volunteer_registration', noticeVersion: PRIVACY_NOTICE_VERSION, givenAt: '2026-10-01T16:50:00.000Z', method: 'chat', withdrawnAt: '2026-10-20T08:00:00.000Z' },
      { purpose: 'volunteer_registration', noticeVersion: PRIVACY_NOTICE_VERSION, givenAt: '2026-10-21T08:00:00.000Z', method: 'chat', withdrawnAt: null },
    ],
  };
}

const consultations = new Map<number, ConsultationView>();

/** The sample consultation (every question type), open, with long texts; a second one with another id and title. */
export function sampleConsultation(id = 1): ConsultationView {
  const known = consultations.get(id);
  if (known) return known;
  const made = readSampleConsultation(id);
  consultations.set(id, made);
  return made;
}

function readSampleConsultation(id: number): ConsultationView {
  const file = fs.readFileSync(path.join(projectRoot(), 'data', 'consultations', 'example.yaml'), 'utf8');
  const read = readConsultationFile(file, city.timeZone, 'fr', (key) => key);
  if (!read.ok) throw new Error(`data/consultations/example.yaml: ${JSON.stringify(read.problems)}`);
  const title = id === 1 ? read.definition.title : { fr: 'Les horaires des bibliothèques et des médiathèques de quartier', en: 'Opening hours of neighbourhood libraries' };
  // The second is for volunteers only: someone who is not one is told so.
  return { ...read.definition, title, id, status: 'open', audience: id === 1 ? 'registered' : 'volunteers', myBallot: id === 1 ? { answers: {}, castAt: NOW.toISOString() } : null };
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

let results: ConsultationResults | null = null;

/** Results of the sample consultation, with ballots on every question. */
export function sampleResults(): ConsultationResults {
  results ??= tallySample();
  return results;
}

function tallySample(): ConsultationResults {
  const c = sampleConsultation();
  const ballot = { bus_samedi: { choice: 'yes' }, trajet: { choice: 'velo' }, priorites: { choices: ['nuit', 'pistes'] }, propositions: { grades: { navette: 1, zone30: 2, parking: 5 } }, remarque: { comment: 'Merci' } };
  return tallyConsultation({ ...c, status: 'closed', invited: 1500 }, Array.from({ length: 1234 }, () => ballot));
}

/** Ideas waiting for moderation: as long as residents may write them, more than a page. */
function pendingIdeas(): PendingIdea[] {
  return ideaBoard().published.map(({ id, title, body }) => ({ id, title, body, neighbourhood: 'saint_eloi', submittedAt: '2026-11-21T17:45:00.000Z' }));
}

/** The open sample consultation, well under way, with its counts per question. */
function participationOf(): ConsultationParticipation[] {
  const c = sampleConsultation();
  const counted = { ...sampleResults(), invited: 15_000 };
  return [{ id: c.id, title: c.title, closesAt: c.closesAt, ballots: counted.ballots, invited: counted.invited, questions: counted.questions.map((q) => ({ text: q.question.text, answered: q.answered })) }];
}

const actionsForMe = (): ActionForPerson[] =>
  ['register_volunteer', 'answer_session', 'submit_idea', 'cast_ballot', 'update_profile'].map((action, i) => ({
    at: new Date(NOW.getTime() - i * 86_400_000).toISOString(),
    action,
    actorId: 12,
    organisation: 'Centre social et culturel des Trois-Cités',
    channel: 'telegram',
  }));

/** An invitation to a draw with texts as long as a quotas file allows (see draws/quota-file.ts). */
export const SAMPLE_INVITATION: DrawInvitation = {
  seatId: 1,
  drawId: 1,
  name: { fr: 'Convention citoyenne du numérique responsable 2027', en: "Citizens' convention on responsible digital 2027" },
  about: {
    fr: "Six samedis matin à l'hôtel de ville pour proposer des actions à la Ville. Aucune connaissance n'est demandée : juste votre avis.",
    en: 'Six Saturday mornings at the town hall to propose actions to the City. No knowledge needed: just your opinion.',
  },
  compensation: { fr: 'Une indemnité de 50 € par séance, garde d’enfants et transports pris en charge.', en: 'A 50 € allowance per session, childcare and travel paid for.' },
  sessions: ['2027-01-16T09:00:00.000Z', '2027-01-30T09:00:00.000Z', '2027-02-13T09:00:00.000Z', '2027-03-06T09:00:00.000Z'],
  answerBy: '2026-12-12T17:00:00.000Z',
  poolSize: 10_000,
  panelSize: 100,
  pseudonym: 'K7F3-9QX2',
};

/** The person was drawn in three draws, and accepted each. */
const drawSeats = () => [1, 2, 3].map((drawId) => ({ drawId, name: SAMPLE_INVITATION.name, pseudonym: SAMPLE_INVITATION.pseudonym, status: 'accepted' as const, invitedAt: '2026-12-05T17:00:00.000Z' }));

/** What the flows read besides the person: everything there, or everything gone. */
export interface SampleWorld {
  readonly sessions: readonly SessionView[];
  readonly participation: Participation;
  readonly staff: StaffDesk;
}

/** The world at its wordiest. */
export const FULL_WORLD: SampleWorld = {
  sessions: sessions(),
  participation: {
    ideaBoard,
    openConsultations: () => [sampleConsultation(1), sampleConsultation(2)],
    resultsForMe: () => [sampleResults()],
    drawInvitations: () => [SAMPLE_INVITATION],
    drawSeats,
  },
  staff: {
    supportedPeople: () => [{ id: 2, firstName: 'Marie-Thérèse', neighbourhood: 'trois_cites' }],
    pendingIdeas,
    audiencePlan: () => ({ total: 12_345, byChannel: { telegram: 6_789, sms: 4_321, matrix: 1_234, console: 1 }, viaMediators: 321 }),
    consultationParticipation: participationOf,
  },
};

/**
 * The same world once everything a conversation was about has gone: sessions past or cancelled,
 * consultations closed (no results for this person either), ideas decided, no call open, the
 * people a mediator supported erased, nothing left to moderate.
 */
export const EMPTY_WORLD: SampleWorld = {
  sessions: [],
  participation: {
    ideaBoard: () => ({ openCall: null, nextCall: null, published: [] }),
    openConsultations: () => [],
    resultsForMe: () => [],
    drawInvitations: () => [],
    drawSeats: () => [],
  },
  staff: {
    supportedPeople: () => [],
    pendingIdeas: () => [],
    audiencePlan: () => ({ total: 0, byChannel: {}, viaMediators: 0 }),
    consultationParticipation: () => [],
  },
};

/** What a step's flow sees in `world`, for `person`, writing from their first contact point. */
export function sampleContext(world: SampleWorld, person: PersonSnapshot): TurnContext {
  const contact = person.contacts[0] ?? { id: 1, channel: 'sms', address: RESIDENT };
  return { person, contact, now: NOW, sessions: world.sessions, participation: world.participation, staff: world.staff, actionsForMe };
}

/** The longest comment and idea drafts people may write, and the ids every flow's data refers to. */
export const DRAFTS: FlowData = {
  title: 'Des pistes cyclables sûres entre tous les quartiers de la ville, éclairées'.slice(0, IDEA_TITLE_MAX),
  body: 'Des pistes séparées des voitures, éclairées la nuit, pour aller au centre sans danger. '.repeat(6).slice(0, IDEA_BODY_MAX),
  similar_ids: '1,2,3',
  // An idea the person may support (idea 1 they support already).
  idea_id: 2,
  consultation_id: 1,
  consultation_ids: '1,2',
  session_id: 1,
  person_id: 2,
  // The seat of the sample invitation to a draw.
  seat_id: SAMPLE_INVITATION.seatId,
  // Registration remembers the notice accepted until the summary is confirmed.
  consent_version: PRIVACY_NOTICE_VERSION,
  consent_at: NOW.toISOString(),
  // A mediator registering someone: how they consented, and the paper form's reference.
  consent_method: 'paper',
  consent_reference: 'Formulaire 2026-0042, centre social des Trois-Cités',
  // The agent desk: the longest audience to describe, notices and a reason as long as allowed.
  audience: 'said-yes:1',
  texts: JSON.stringify({
    fr: 'La séance de samedi est déplacée à la salle des fêtes des Trois-Cités, même heure. '.repeat(6).slice(0, BROADCAST_TEXT_MAX),
    en: "Saturday's session moves to the Trois-Cités community hall, same time. ".repeat(7).slice(0, BROADCAST_TEXT_MAX),
  }),
  reason: 'Cette idée relève de la Métropole et non de la Ville : nous la lui transmettons avec votre nom si vous le voulez. '.repeat(2).slice(0, REJECTION_REASON_MAX),
  ballot: JSON.stringify({
    bus_samedi: { choice: 'abstain' },
    trajet: { choice: 'voiture' },
    priorites: { choices: ['nuit', 'trottoirs'] },
    propositions: { grades: { navette: 0, zone30: 3, parking: 6 } },
    remarque: { comment: 'x'.repeat(COMMENT_MAX) },
  }),
};

/**
 * What a flow gathered before reaching some steps: which question of the sample consultation a
 * question step asks (`data.q`, and the proposal `data.p`), which kind of audience the agent
 * chose before naming its neighbourhood, language, session or role.
 */
const DATA_OF_STEP: Readonly<Record<string, FlowData>> = {
  ask_choice: { q: 1, p: 0 },
  ask_several: { q: 2, p: 0 },
  ask_grade: { q: 3, p: 2 },
  ask_comment: { q: 4, p: 0 },
  audience_neighbourhood: { audience_kind: 'neighbourhood' },
  audience_language: { audience_kind: 'language' },
  audience_session: { audience_kind: 'said_yes' },
  audience_role: { audience_kind: 'role' },
  // Reminders by SMS, chosen from a chat app: the number is asked.
  phone_number: { reminders: 'sms' },
};

/** Steps asked again about something else, for the options that depend on it: an idea the person already supports. */
const OTHER_DATA_OF_STEP: Readonly<Record<string, FlowData>> = {
  idea_actions: { idea_id: 1 },
};

/**
 * The flow data a step is asked with: a profile filled in (as a registration has gathered it by
 * its summary), the drafts, and what the flow gathered before the step; for some steps a second
 * time, about something else.
 */
export function sampleData(stepId: string): FlowData[] {
  // The city's questions are answered by the summary, unless it is one of them that is asked.
  const cityAnswers = stepId === 'city_question' ? {} : dataFromCityAnswers(samplePerson('fr').otherAnswers ?? {}, city);
  const data = { ...dataFromPerson(samplePerson('fr')), ...cityAnswers, ...DRAFTS, q: 0, p: 0, ...DATA_OF_STEP[stepId] };
  const other = OTHER_DATA_OF_STEP[stepId];
  return other ? [data, { ...data, ...other }] : [data];
}
