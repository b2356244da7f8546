/**
 * A city's worth of data for the web face: volunteers and other people on every channel,
 * messages sent, failed and waiting, sessions with answers, a closed consultation with its
 * ballots, published ideas, a notice, and an agent. Used by the web benchmark (10,000 people,
 * 50,000 messages) and by the screenshots of the README (a smaller city). Deterministic: a seed.
 */
import { readConsultationFile } from '../src/consultations/consultation-file';
import { closeConsultation, openConsultation } from '../src/consultations/consultation-schedule';
import { sendBroadcast } from '../src/broadcasts/send-broadcast';
import type { App } from '../src/app/create-app';
import { CHANNEL_KINDS, type ChannelKind } from '../src/domain/channel-kind';
import { AGE_BRACKETS, EQUIPMENTS, GENDERS, type VolunteerProfile } from '../src/domain/profile';
import { approveIdea, openIdeaCall } from '../src/ideas/moderate-ideas';
import { seededRandom } from '../src/lib/seeded-random';
import { CLI_ACTOR, grantRole } from '../src/roles/manage-roles';
import { addSession } from '../src/sessions/manage-sessions';
import { inTransaction } from '../src/store/database';
import { fillSignInLinks, requestSignInLink } from '../src/web-access/sign-in-link';
import { signIn } from '../src/web-access/web-sessions';
import { pick } from './prng';

/** How big a city to make. */
export interface DemoSize {
  readonly people: number;
  readonly messages: number;
  /** Ballots of the closed consultation. */
  readonly ballots: number;
  readonly seed: number;
}

/** What was made, for the caller to open the right pages. */
export interface DemoData {
  readonly agentId: number;
  readonly mediatorId: number;
  readonly closedConsultationId: number;
  readonly openConsultationId: number;
  readonly sessionId: number;
}

const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Inès', 'Karim', 'Zoé', 'Lucas', 'Awa', 'Paul', 'Yasmine', 'Jules', 'Nadia', 'Théo', 'Élodie', 'Marc', 'Fatou'] as const;

/** A consultation like `data/consultations/example.yaml`, for the results page. */
const CONSULTATION = `
title: { fr: Se déplacer dans les quartiers, en: Getting around the neighbourhoods }
description: { fr: "L'assemblée prépare ses propositions sur les transports.", en: The assembly is preparing its proposals on transport. }
opens: 2026-11-01 09:00
closes: 2026-11-15 18:00
audience: registered
questions:
  - { id: bus, type: yes_no, text: { fr: Faut-il des bus gratuits le samedi ?, en: Should buses be free on Saturdays? } }
  - id: trajet
    type: one_choice
    text: { fr: Comment allez-vous le plus souvent en centre-ville ?, en: How do you most often get to the city centre? }
    options:
      - { id: bus, label: { fr: En bus, en: By bus } }
      - { id: velo, label: { fr: À vélo, en: By bike } }
      - { id: voiture, label: { fr: En voiture, en: By car } }
      - { id: pied, label: { fr: À pied, en: On foot } }
  - id: propositions
    type: majority_judgment
    text: { fr: Que pensez-vous de ces propositions ?, en: What do you think of these proposals? }
    proposals:
      - { id: navette, label: { fr: Une navette entre les quartiers, en: A shuttle between neighbourhoods } }
      - { id: zone30, label: { fr: Zone 30 autour des écoles, en: 20 mph around schools } }
      - { id: parking, label: { fr: Parkings relais gratuits, en: Free park-and-ride } }
      - { id: pistes, label: { fr: Pistes cyclables protégées, en: Protected cycle lanes } }
  - { id: remarque, type: comment, optional: true, text: { fr: Une remarque ?, en: A comment? } }
`;

/** Fills `app`'s database with a demo city. */
export function seedDemo(app: App, size: DemoSize): DemoData {
  const random = seededRandom(size.seed);
  const { store, settings } = app;
  const now = app.clock.now();
  const neighbourhoods = settings.city.neighbourhoods.map((n) => n.id) as [string, ...string[]];
  const channels = CHANNEL_KINDS.filter((c) => c !== 'console') as [ChannelKind, ...ChannelKind[]];
  const people: { id: number; contactId: number; channel: ChannelKind }[] = [];
  inTransaction(store.db, () => {
    for (let i = 0; i < size.people; i += 1) {
      const id = store.people.create(random() < 0.8 ? 'fr' : 'en', now);
      const channel = pick(random, channels);
      const contact = store.contacts.create(id, channel, channel === 'sms' ? `+3361${String(i).padStart(7, '0')}` : channel === 'matrix' ? `@resident${i}:example.org` : String(100_000 + i), now);
      store.contacts.touch(contact.id, now);
      people.push({ id, contactId: contact.id, channel });
      if (random() < 0.7) {
        const profile: VolunteerProfile = {
          firstName: pick(random, FIRST_NAMES),
          // Some neighbourhoods draw more volunteers than others, as in a real city.
          neighbourhood: random() < 0.3 ? 'trois_cites' : pick(random, neighbourhoods),
          ageBracket: pick(random, AGE_BRACKETS),
          gender: random() < 0.97 ? pick(random, ['woman', 'man'] as const) : pick(random, GENDERS),
          equipment: pick(random, EQUIPMENTS),
          reminders: 'this_contact',
        };
        store.people.registerVolunteer(id, profile, contact.id, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: now.toISOString(), method: 'chat' }, now);
      }
    }
  });

  const agentId = people[0]?.id ?? 0;
  const mediatorId = people[1]?.id ?? 0;
  inTransaction(store.db, () => {
    grantRole(store, agentId, 'agent', null, CLI_ACTOR, now);
    grantRole(store, mediatorId, 'mediator', 'Centre social des Trois-Cités', CLI_ACTOR, now);
    for (const person of people.slice(2, 8)) store.mediation.addSupport(mediatorId, person.id, 'assigned', now);
  });

  // Messages of the last days: mostly sent, some failed (with their reasons), some waiting.
  inTransaction(store.db, () => {
    const reasons = ['too_many_attempts: network', 'blocked_by_user', 'opted_out', 'expired', 'forbidden: bot was blocked by the user'] as const;
    const finish = store.db.prepare<[string, string | null, string, string | null, number]>('UPDATE outbox SET status = ?, error = ?, updated_at = ?, sent_at = ? WHERE id = ?');
    const received = store.db.prepare<[string, string, string]>('INSERT OR IGNORE INTO inbound_message (channel, external_id, received_at) VALUES (?, ?, ?)');
    for (let i = 0; i < size.messages; i += 1) {
      const person = people[Math.floor(random() * people.length)];
      if (!person) continue;
      const at = new Date(now.getTime() - Math.floor(random() * 5 * 86_400_000));
      const id = store.outbox.enqueue({ contactId: person.contactId, channel: person.channel, kind: random() < 0.6 ? 'reply' : 'bulk', message: { parts: [{ literal: 'Rappel : Séance 2, samedi à 10:00, salle des fêtes. Viendrez-vous ?' }] }, notBefore: at }, at);
      const roll = random();
      if (roll < 0.9) finish.run('sent', null, at.toISOString(), at.toISOString(), id);
      else if (roll < 0.97) finish.run(roll < 0.93 ? 'failed' : 'cancelled', pick(random, reasons), at.toISOString(), null, id);
      // The rest waits in the queue.
      if (i % 2 === 0) received.run(person.channel, `demo-${i}`, at.toISOString());
    }
  });

  const sessionId = addSession(
    store,
    { title: { fr: 'Séance 2 : choisir les questions', en: 'Session 2: choosing the questions' }, description: { fr: 'Ouverte à tous les volontaires.', en: 'Open to every volunteer.' }, place: 'Salle des fêtes des Trois-Cités, 4 rue de la Cueille', startsAt: new Date(now.getTime() + 6 * 86_400_000).toISOString(), endsAt: new Date(now.getTime() + 6 * 86_400_000 + 2 * 3_600_000).toISOString(), reminderOffsets: null },
    settings.reminderOffsets,
    now,
  );
  addSession(store, { title: { fr: 'Séance 3 : débattre', en: 'Session 3: debating' }, description: null, place: 'Maison de quartier de Saint-Éloi', startsAt: new Date(now.getTime() + 20 * 86_400_000).toISOString(), endsAt: new Date(now.getTime() + 20 * 86_400_000 + 3 * 3_600_000).toISOString(), reminderOffsets: null }, settings.reminderOffsets, now);
  inTransaction(store.db, () => {
    for (const person of people.slice(0, Math.min(people.length, 120))) store.sessions.answer(sessionId, person.id, pick(random, ['yes', 'yes', 'maybe', 'no'] as const), now);
  });

  const read = readConsultationFile(CONSULTATION, settings.city.timeZone, 'fr', (key) => key);
  if (!read.ok) throw new Error(`the demo consultation does not read: ${JSON.stringify(read.problems)}`);
  const closedConsultationId = store.consultations.create(read.definition, now);
  store.consultations.markOpened(closedConsultationId, now);
  store.consultations.recordInvited(closedConsultationId, Math.round(size.people * 0.9));
  inTransaction(store.db, () => {
    for (const person of people.slice(0, Math.min(people.length, size.ballots))) {
      const grade = () => Math.min(6, Math.floor(random() * 4 + random() * 4));
      store.consultations.cast(
        closedConsultationId,
        person.id,
        { bus: { choice: pick(random, ['yes', 'yes', 'no', 'abstain'] as const) }, trajet: { choice: pick(random, ['bus', 'velo', 'voiture', 'pied'] as const) }, propositions: { grades: { navette: grade(), zone30: Math.max(0, grade() - 2), parking: Math.min(6, grade() + 1), pistes: grade() } }, remarque: { comment: 'Plus de bus le soir.' } },
        now,
      );
    }
  });
  closeConsultation(store, closedConsultationId, now);
  const openConsultationId = store.consultations.create({ ...read.definition, title: { fr: 'Le parc de la Gibauderie', en: 'The Gibauderie park' }, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 10 * 86_400_000).toISOString() }, now);
  // Opening it invites everyone registered: the invitations wait in the outbox with the rest.
  openConsultation(store, app.conversations, openConsultationId, now);

  const call = openIdeaCall(store, { theme: { fr: 'Se déplacer', en: 'Getting around' }, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 14 * 86_400_000).toISOString() }, now);
  if (typeof call === 'number') {
    const ideas = [
      ['Une navette le samedi', 'Une navette gratuite entre les quartiers et le marché, le samedi matin.', 'trois_cites'],
      ['Des bancs le long des boulevards', 'Pour que les personnes âgées puissent marcher en se reposant.', 'beaulieu'],
      ['Un garage à vélos à la gare', 'Fermé et surveillé, pour ne plus se faire voler son vélo.', 'centre_ville'],
      ['Des trottoirs sans obstacles', 'Les poussettes et les fauteuils ne passent pas rue Carnot.', 'saint_eloi'],
    ] as const;
    inTransaction(store.db, () => {
      ideas.forEach(([title, body, neighbourhood], i) => {
        const id = store.ideas.submit({ callId: call, authorId: people[10 + i]?.id ?? agentId, title, body, neighbourhood }, now);
        if (i < 3) approveIdea(store, id, now);
        for (const person of people.slice(20, 20 + (3 - i) * 17)) if (i < 3) store.ideas.support(id, person.id, now);
      });
    });
  }
  sendBroadcast(store, { audience: [{ kind: 'neighbourhood', neighbourhood: 'trois_cites' }], texts: { fr: 'La séance de samedi est déplacée à la salle des fêtes des Trois-Cités, même heure.', en: 'Saturday’s session moves to the Trois-Cités community hall, same time.' }, sendAt: now }, now);
  return { agentId, mediatorId, closedConsultationId, openConsultationId, sessionId };
}

/**
 * Signs a staff member in as a link asked for with WEB would (the link made as the message
 * leaves, then used); returns the session cookie's value.
 */
export function signInAs(app: App, personId: number): string {
  const now = app.clock.now();
  const part = inTransaction(app.store.db, () => requestSignInLink(app.store, { actorId: personId, channel: 'console', contactId: null }, now));
  const message = fillSignInLinks(app.store, 'http://demo', { parts: [part] }, now);
  const sent = message ? message.parts.map((p) => app.translator.render(p, 'fr')).join('\n') : '';
  const session = signIn(app.store, /\/sign-in\/([A-Za-z0-9_-]+)/.exec(sent)?.[1] ?? '', now);
  if (!session) throw new Error(`person ${personId} could not be signed in`);
  return session.cookie;
}
