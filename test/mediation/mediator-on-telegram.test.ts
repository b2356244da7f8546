import fs from 'node:fs';
import path from 'node:path';
import { openConsultation } from '../../src/consultations/consultation-schedule';
import { readConsultationFile } from '../../src/consultations/consultation-file';
import { exportPerson } from '../../src/privacy/export-person';
import { CLI_ACTOR, grantRole } from '../../src/roles/manage-roles';
import { addSession } from '../../src/sessions/manage-sessions';
import { listVolunteers } from '../../src/volunteers/list-volunteers';
import { TelegramHarness, type BotMessage } from '../channels/telegram/telegram-harness';
import { tempDir } from '../support/test-app';

/**
 * A mediator on Telegram (telegram-test-api on 127.0.0.1, real telegraf, real SQLite file)
 * registers two people who have no phone, answers a consultation for one and a session invitation
 * for the other. The audit and the people's exports say who did what for whom.
 */
jest.setTimeout(60_000);

const DAY = 86_400_000;
const MEDIATOR = 7001;

let dir: { dir: string; cleanup: () => void };
let tg: TelegramHarness;

beforeEach(async () => {
  dir = tempDir();
  tg = await TelegramHarness.create(dir.dir);
  // One message a second per chat is Telegram's rule; the fake Bot API has none, and the test has many.
  await tg.startBot({ PARLONS_QUIET_HOURS: 'off', TELEGRAM_CHAT_RATE_LIMIT: '0' });
});
afterEach(async () => {
  await tg.close();
  dir.cleanup();
});

const texts = (messages: readonly BotMessage[]) => messages.map((m) => m.text).join('\n---\n');

/** The example consultation, open from now for a week; and a session in three days. */
function openConsultationAndSession(): { consultationId: number; sessionId: number } {
  const { store, conversations } = tg.app!;
  const now = new Date();
  const read = readConsultationFile(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8'), 'Europe/Paris', 'fr', (k) => k);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const consultationId = store.consultations.create({ ...read.definition, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString() }, now);
  openConsultation(store, conversations, consultationId, now);
  const startsAt = new Date(now.getTime() + 3 * DAY);
  const sessionId = addSession(
    store,
    { title: { fr: 'Séance 2 : mobilités', en: 'Session 2: getting around' }, description: null, place: 'Salle des fêtes', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(), reminderOffsets: null },
    [],
    now,
  );
  return { consultationId, sessionId };
}

test('a mediator registers two people without a phone, answers for each, and everything is on record', async () => {
  const { consultationId, sessionId } = openConsultationAndSession();
  const jeanne = tg.user(MEDIATOR);
  await jeanne.say('/start');
  await jeanne.press('fr');
  const mediatorId = tg.app!.store.contacts.find('telegram', String(MEDIATOR))!.personId;
  grantRole(tg.app!.store, mediatorId, 'mediator', 'Centre social des Trois-Cités', CLI_ACTOR, new Date());

  // Marie signed a paper form; her reminders will come through Jeanne.
  expect(texts(await jeanne.say('relais'))).toContain("Vous n'accompagnez encore personne");
  await jeanne.press('register');
  expect(texts(await jeanne.press('paper'))).toContain('Tapez une référence');
  expect(texts(await jeanne.say('Formulaire 42'))).toContain('Lisez-lui la note');
  await jeanne.press('accept');
  await jeanne.say('Marie');
  await jeanne.press('trois_cites');
  await jeanne.press('80_plus');
  await jeanne.press('woman');
  const reminders = await jeanne.press('none');
  expect(reminders.at(-1)!.buttons.map((b) => b.label)).toEqual(['Par moi, son médiateur (récapitulatif quotidien)', 'Par SMS', 'Pas de rappels']);
  const summary = await jeanne.press('this_contact');
  expect(texts(summary)).toContain('Rappels : Par moi, son médiateur (récapitulatif quotidien)');
  expect(texts(summary)).toContain('Accord : formulaire papier (Formulaire 42)');
  const acting = await jeanne.press('confirm');
  expect(texts(acting)).toContain("L'inscription de Marie est enregistrée");
  expect(acting.at(-1)!.text).toContain('[Vous agissez pour Marie (Trois-Cités) — FIN pour arrêter]');

  // Her answers to the consultation, typed as numbers; every message carries the banner.
  await jeanne.say('consultation');
  await jeanne.say('1');
  const questions: BotMessage[] = [];
  for (const answer of ['1', '1', '2', '1 3', '1', '3', '7', '0']) questions.push(...(await jeanne.say(answer)));
  expect(questions.every((m) => m.text.startsWith('[Vous agissez pour Marie (Trois-Cités)'))).toBe(true);
  expect(texts(await jeanne.say('1'))).toContain('Vos réponses à « Se déplacer dans les quartiers » sont enregistrées');
  expect(texts(await jeanne.say('fin'))).toContain("Vous n'agissez plus pour Marie (Trois-Cités).");

  // Paul consented orally; his SMS number gets the reminders.
  await jeanne.press('register');
  await jeanne.press('oral');
  await jeanne.say('oral, 22/11, permanence du centre social');
  await jeanne.press('accept');
  await jeanne.say('Paul');
  await jeanne.press('beaulieu');
  await jeanne.press('65_79');
  await jeanne.press('man');
  await jeanne.press('none');
  await jeanne.press('sms');
  await jeanne.say('06 12 34 56 78');
  expect(texts(await jeanne.press('confirm'))).toContain('[Vous agissez pour Paul (Beaulieu) — FIN pour arrêter]');
  // His answer to the session invitation.
  const sessions = await jeanne.say('séances');
  expect(sessions.at(-1)!.buttons[0]!.label).toContain('Séance 2 : mobilités');
  await jeanne.press(String(sessionId));
  expect(texts(await jeanne.press('yes'))).toContain('[Vous agissez pour Paul (Beaulieu)');
  await jeanne.say('fin');

  // The desk now lists both, and a search by neighbourhood finds Paul only.
  await jeanne.press('people');
  const people = tg.botMessages(MEDIATOR).at(-1)!;
  expect(people.buttons.map((b) => b.label)).toEqual(['Marie (Trois-Cités)', 'Paul (Beaulieu)', "Chercher quelqu'un d'autre", "Retour à l'espace médiation"]);
  await jeanne.press('search');
  expect(texts(await jeanne.say('beau'))).toContain('1 personne correspond à « beau »');

  const { store, settings } = tg.app!;
  const volunteers = listVolunteers(store, settings.city);
  const marie = volunteers.find((v) => v.first_name === 'Marie')!;
  const paul = volunteers.find((v) => v.first_name === 'Paul')!;
  expect(marie).toMatchObject({ consent_method: 'paper', consent_reference: 'Formulaire 42', contact_points: [], mediators: [{ id: mediatorId, organisation: 'Centre social des Trois-Cités' }] });
  expect(paul).toMatchObject({ consent_method: 'oral', consent_reference: 'oral, 22/11, permanence du centre social', contact_points: [{ channel: 'sms', address: '+33612345678' }] });
  expect(store.consultations.ballotsOf(marie.id).get(consultationId)).toBeDefined();
  expect(store.sessions.answersOf(paul.id).get(sessionId)).toBe('yes');
  // Nothing was recorded in the mediator's own name.
  expect(store.consultations.ballotsOf(mediatorId).size).toBe(0);
  expect(store.sessions.answersOf(mediatorId).size).toBe(0);

  const actions = store.audit.list({ actorId: mediatorId }).map((e) => `${e.action} ${e.subjectId === marie.id ? 'marie' : 'paul'} ${e.channel}:${e.contactId}`);
  const via = `telegram:${store.contacts.find('telegram', String(MEDIATOR))!.id}`;
  expect(actions).toEqual([
    `person_registered_by_mediator marie ${via}`,
    `acting_started marie ${via}`,
    `cast_ballot marie ${via}`,
    `acting_ended marie ${via}`,
    `person_registered_by_mediator paul ${via}`,
    `acting_started paul ${via}`,
    `answer_session paul ${via}`,
    `acting_ended paul ${via}`,
  ]);
  const exported = exportPerson(store, paul.id)!;
  expect(exported.actions_for_me.map((a) => [a.action, a.by, a.via])).toContainEqual(['answer_session', mediatorId, 'telegram']);
});
