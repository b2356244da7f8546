import path from 'node:path';
import { sendBroadcast } from '../../src/broadcasts/send-broadcast';
import { sendDueDigests } from '../../src/digest/send-digests';
import type { VolunteerProfile } from '../../src/domain/profile';
import { rejectIdea } from '../../src/ideas/moderate-ideas';
import { createLogger } from '../../src/lib/logger';
import { addSession, cancelSession } from '../../src/sessions/manage-sessions';
import { FakeClock } from '../support/fake-clock';
import { TOMORROW_SESSION as SESSION } from '../support/session-fixture';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

/**
 * People registered by a mediator, without a phone or internet: what would have reached them
 * reaches their mediator once a day, in one digest (at 18:00, the default), while a supported
 * person with a phone number keeps getting SMS. Real SQLite, the real scheduler and outbox.
 */
const PHONE = '+33612345678';

let dir: { dir: string; cleanup: () => void };
let bot: TestApp;
let mediator: number;
let camille: number;
let marc: number;
let zoe: number;

function now(): Date {
  return bot.clock.now();
}

/** Someone registered on paper by `mediatorId`, with no contact point unless a phone number is given. */
function supportedPerson(mediatorId: number, firstName: string, neighbourhood: string, phone?: string): number {
  const { store } = bot.app;
  const id = store.people.create('fr', now());
  const contact = phone ? store.contacts.create(id, 'sms', phone, now()) : null;
  const profile: VolunteerProfile = { firstName, neighbourhood, ageBracket: '80_plus', gender: 'undisclosed', equipment: 'none', reminders: contact ? 'sms' : 'this_contact' };
  store.people.registerVolunteer(id, profile, contact?.id ?? null, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: now().toISOString(), method: 'paper', reference: `F-${id}` }, now());
  store.mediation.addSupport(mediatorId, id, 'registered', now());
  return id;
}

/** A mediator of the social centre, who chats on the console as `address`. */
function newMediator(address: string): number {
  const { store } = bot.app;
  const id = store.people.create('fr', now());
  store.contacts.create(id, 'console', address, now());
  store.people.grantRole(id, 'mediator', now(), 'Centre social');
  return id;
}

async function tick(): Promise<number> {
  const run = bot.app.runScheduler(now());
  await bot.dispatcher.dispatchDue();
  return run.digests;
}

/** Moves the clock to `hhmm` (Paris, winter time) today, or on a later day. */
function advanceTo(hhmm: string, days = 0): void {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const today = new Date(now());
  const target = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days, h - 1, m);
  if (target < now().getTime()) throw new Error(`${hhmm} is in the past`);
  bot.clock.advance(target - now().getTime());
}

beforeEach(() => {
  dir = tempDir();
  bot = startTestApp(path.join(dir.dir, 'parlons.db'), { PARLONS_QUIET_HOURS: 'off' }, new FakeClock('2026-11-22T08:00:00.000Z'));
  mediator = newMediator('mediatrice');
  camille = supportedPerson(mediator, 'Camille', 'trois_cites');
  marc = supportedPerson(mediator, 'Marc', 'centre_ville');
  zoe = supportedPerson(mediator, 'Zoé', 'gibauderie', PHONE);
});

afterEach(() => {
  bot.close();
  dir.cleanup();
});

describe("a mediator's daily digest", () => {
  test('a reminder: SMS for the person with a phone, the digest at 18:00 for the others, with their answers, once', async () => {
    addSession(bot.app.store, SESSION, [1440], now());
    bot.app.store.sessions.answer(1, camille, 'yes', now());
    advanceTo('10:00');
    expect(await tick()).toBe(0);
    expect(bot.channels.sms.take(PHONE).join('\n')).toContain('Rappel : Séance 2, lundi 23 novembre à 10:00, Salle des fêtes.');
    expect(bot.channels.console.take('mediatrice')).toEqual([]);

    advanceTo('17:59');
    expect(await tick()).toBe(0);
    expect(bot.channels.console.take('mediatrice')).toEqual([]);
    advanceTo('18:00');
    expect(await tick()).toBe(1);
    expect(bot.channels.console.take('mediatrice')).toEqual([
      [
        'Bilan du jour pour les personnes que vous accompagnez :',
        "Séance « Séance 2 », lundi 23 novembre à 10:00 :\nCamille (Trois-Cités) a dit oui.\nMarc (Centre-ville) n'a pas encore répondu.",
        "Pour agir pour l'une de ces personnes : écrivez RELAIS, puis choisissez-la.",
      ].join('\n\n'),
    ]);
    expect(bot.channels.sms.take(PHONE)).toEqual([]);

    // Nothing twice: not later the same day, nor the next day without news.
    advanceTo('21:00');
    expect(await tick()).toBe(0);
    advanceTo('18:30', 1);
    expect(await tick()).toBe(0);
    expect(bot.channels.console.take('mediatrice')).toEqual([]);
  });

  test('answers are read when the digest is written; news after 18:00 waits for the next day', async () => {
    addSession(bot.app.store, { ...SESSION, startsAt: '2026-11-24T09:00:00.000Z', endsAt: '2026-11-24T11:00:00.000Z' }, [2 * 1440, 1440], now());
    advanceTo('10:00');
    await tick();
    // The mediator answered for Marc in the afternoon.
    bot.app.store.sessions.answer(1, marc, 'maybe', now());
    advanceTo('18:00');
    expect(await tick()).toBe(1);
    expect(bot.channels.console.take('mediatrice').join('\n')).toContain("Marc (Centre-ville) a dit peut-être.\nCamille (Trois-Cités) n'a pas encore répondu.");
    sendBroadcast(bot.app.store, { audience: [{ kind: 'volunteers' }], texts: { fr: 'Navette gratuite depuis la gare.' }, sendAt: now() }, now());
    advanceTo('19:00');
    expect(await tick()).toBe(0);
    expect(bot.channels.console.take('mediatrice')).toEqual([]);
    // The next day: the second reminder and the notice, in one digest.
    advanceTo('10:00', 1);
    await tick();
    advanceTo('18:00');
    expect(await tick()).toBe(1);
    const [digest, ...more] = bot.channels.console.take('mediatrice');
    expect(more).toEqual([]);
    expect(digest).toContain('Séance « Séance 2 », mardi 24 novembre à 10:00 :');
    expect(digest).toContain('Annonce pour Camille (Trois-Cités) et Marc (Centre-ville) : « Navette gratuite depuis la gare. »');
  });

  test('a notice to volunteers: people without a contact point are in the next digest, the others get it directly', async () => {
    const filters = [{ kind: 'volunteers' as const }];
    const sent = sendBroadcast(bot.app.store, { audience: filters, texts: { fr: 'La séance de lundi est maintenue.', en: 'Monday’s session goes ahead.' }, sendAt: now() }, now());
    expect(sent).toMatchObject({ recipients: 1, viaMediators: 2 });
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.sms.take(PHONE)).toEqual(['La séance de lundi est maintenue.']);
    advanceTo('18:00');
    expect(await tick()).toBe(1);
    const digest = bot.channels.console.take('mediatrice').join('\n');
    expect(digest).toContain('Annonce pour Camille (Trois-Cités) et Marc (Centre-ville) : « La séance de lundi est maintenue. »');
    // Zoé has a phone: the notice reached her, the digest does not repeat it.
    expect(bot.app.store.people.find(zoe)?.profile?.firstName).toBe('Zoé');
    expect(digest).not.toContain('Zoé');
  });

  test('after downtime, the missed digest goes once when the bot is back the same day', async () => {
    sendBroadcast(bot.app.store, { audience: [{ kind: 'person', personId: camille }], texts: { fr: 'Bonjour Camille.' }, sendAt: now() }, now());
    // Nothing ran from 09:00 until 23:00.
    advanceTo('23:00');
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(0);
    expect(bot.channels.console.take('mediatrice')).toHaveLength(1);
  });

  test('a scheduled notice waits for the digest after its time', async () => {
    const tomorrowNoon = new Date('2026-11-23T11:00:00.000Z');
    sendBroadcast(bot.app.store, { audience: [{ kind: 'volunteers' }], texts: { fr: 'Demain midi.' }, sendAt: tomorrowNoon }, now());
    advanceTo('18:00');
    expect(await tick()).toBe(0);
    advanceTo('18:00', 1);
    expect(await tick()).toBe(1);
    expect(bot.channels.console.take('mediatrice').join('\n')).toContain('« Demain midi. »');
  });

  test('a consultation opening, an idea decision and a session cancellation, in that digest order after sessions', async () => {
    const { store } = bot.app;
    addSession(store, SESSION, [], now());
    store.sessions.answer(1, marc, 'yes', now());
    store.consultations.create(
      {
        title: { fr: 'Bus du samedi' },
        description: null,
        opensAt: now().toISOString(),
        closesAt: '2026-11-29T18:00:00.000Z',
        audience: 'volunteers',
        questions: [{ id: 'bus', type: 'yes_no', text: { fr: 'Un bus le samedi ?' }, optional: false }],
      },
      now(),
    );
    const call = store.ideas.createCall({ theme: null, opensAt: now().toISOString(), closesAt: '2026-12-20T18:00:00.000Z' }, now());
    const idea = store.ideas.submit({ callId: call, authorId: camille, title: 'Des bancs au marché', body: 'Pour se reposer.', neighbourhood: 'trois_cites' }, now());
    await tick();
    expect(rejectIdea(store, idea, 'Déjà prévu par la Ville.', now())).toEqual({ told: true, throughMediators: true });
    expect(cancelSession(store, 1, now())).toEqual({ direct: 0, viaMediators: 1 });
    advanceTo('18:00');
    expect(await tick()).toBe(1);
    const [digest] = bot.channels.console.take('mediatrice');
    expect(digest?.split('\n\n')).toEqual([
      'Bilan du jour pour les personnes que vous accompagnez :',
      'La séance « Séance 2 » du lundi 23 novembre à 10:00 est annulée : Marc (Centre-ville) avait prévu de venir.',
      "Consultation « Bus du samedi », ouverte jusqu'au dimanche 29 novembre à 19:00 : Camille (Trois-Cités) et Marc (Centre-ville) peuvent y répondre.",
      'Idée « Des bancs au marché » de Camille (Trois-Cités) : pas retenue. La raison : Déjà prévu par la Ville.',
      "Pour agir pour l'une de ces personnes : écrivez RELAIS, puis choisissez-la.",
    ]);
    // Zoé, who has a phone, was invited by SMS; the three count as invited.
    expect(bot.channels.sms.take(PHONE).join('\n')).toContain('Bus du samedi');
    expect(store.consultations.find(1)?.invited).toBe(3);
  });

  test('a mediator who lost the role gets nothing; another mediator of the same people still does', async () => {
    const former = newMediator('ancien');
    bot.app.store.mediation.addSupport(former, camille, 'assigned', now());
    sendBroadcast(bot.app.store, { audience: [{ kind: 'person', personId: camille }], texts: { fr: 'Avant.' }, sendAt: now() }, now());
    bot.app.store.people.revokeRole(former, 'mediator');
    sendBroadcast(bot.app.store, { audience: [{ kind: 'person', personId: camille }], texts: { fr: 'Après.' }, sendAt: now() }, now());
    advanceTo('18:00');
    expect(await tick()).toBe(1);
    expect(bot.channels.console.take('ancien')).toEqual([]);
    const digest = bot.channels.console.take('mediatrice').join('\n');
    expect(digest).toContain('« Avant. »');
    expect(digest).toContain('« Après. »');
  });

  test('in the mediator’s language, by SMS one message a paragraph; the log has counts, never names or texts', async () => {
    const { store } = bot.app;
    const byPhone = newMediator('unused');
    store.people.setLanguage(byPhone, 'en', now());
    store.contacts.create(byPhone, 'sms', '+33698765432', now());
    store.contacts.markUnreachable(store.contacts.find('console', 'unused')!.id, now());
    store.mediation.addSupport(byPhone, camille, 'assigned', now());
    addSession(store, SESSION, [1440], now());
    sendBroadcast(store, { audience: [{ kind: 'volunteers' }], texts: { fr: 'Séance maintenue.', en: 'Session goes ahead.' }, sendAt: now() }, now());
    advanceTo('10:00');
    await tick();
    advanceTo('18:00');
    const lines: string[] = [];
    const digestTime = bot.app.settings.mediatorDigestTime;
    const run = sendDueDigests({ store, logger: createLogger('info', (line) => lines.push(line)), city: bot.app.settings.city, digestTime }, now());
    expect(run).toEqual({ digests: 2, messages: 3 });
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.sms.take('+33698765432')).toEqual([
      'Today\'s digest for the people you support:\n\nSession "Session 2", Monday 23 November at 10:00:\nCamille (Trois-Cités) has not answered yet.',
      'Notice for Camille (Trois-Cités): "Session goes ahead."\n\nTo act for one of them: write MEDIATION, then choose them.',
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ info digests_sent digests=2 messages=3 items=6 dropped=0\n$/);
  });
});
