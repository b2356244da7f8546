import path from 'node:path';
import { exportPerson } from '../../src/privacy/export-person';
import { listVolunteers } from '../../src/volunteers/list-volunteers';
import { collectStats } from '../../src/reporting/collect-stats';
import { addSession } from '../../src/sessions/manage-sessions';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

/** Everything up to the first-name question, in French. */
const TO_FIRST_NAME = ['bonjour', '1', '1', '1'];
const AFTER_FIRST_NAME = ['3 cites', '2', 'femme', '1', '1'];

let dir: { dir: string; cleanup: () => void };
let bot: TestApp;
const dbFile = () => path.join(dir.dir, 'parlons.db');

beforeEach(() => {
  dir = tempDir();
  bot = startTestApp(dbFile());
});
afterEach(() => {
  bot.close();
  dir.cleanup();
});

async function sayAll(messages: readonly string[], address = 'camille'): Promise<string[]> {
  let last: string[] = [];
  for (const message of messages) last = await bot.say(address, message);
  return last;
}

function volunteers() {
  return listVolunteers(bot.app.store, bot.app.settings.city);
}

describe('one transaction per inbound message', () => {
  test('the same inbound id twice has one effect', async () => {
    await sayAll(TO_FIRST_NAME);
    const first = await bot.say('camille', 'Camille', { id: 'msg-42' });
    const again = await bot.say('camille', 'Camille', { id: 'msg-42' });
    expect(first.join('\n')).toContain('quartier');
    expect(again).toEqual([]);
    // Still waiting at the neighbourhood question: the redelivery did not answer it.
    expect((await bot.say('camille', '13')).join('\n')).toContain('Quel âge avez-vous ?');
    expect(bot.app.conversations.handle({ channel: 'console', address: 'camille', externalId: 'msg-42', text: 'x' })).toEqual({ outcome: 'duplicate' });
  });

  test('the same id on two channels are two messages', async () => {
    expect(bot.app.conversations.handle({ channel: 'console', address: 'a', externalId: 'same', text: 'bonjour' })).toEqual({ outcome: 'processed' });
    expect(bot.app.conversations.handle({ channel: 'sms', address: '+33612345678', externalId: 'same', text: 'bonjour' })).toEqual({ outcome: 'processed' });
  });

  test('a failure inside the turn rolls everything back', async () => {
    await sayAll(TO_FIRST_NAME);
    const store = bot.app.store;
    const original = store.conversations.save.bind(store.conversations);
    store.conversations.save = () => {
      throw new Error('disk full');
    };
    expect(() => bot.app.conversations.handle({ channel: 'console', address: 'camille', externalId: 'boom', text: 'Camille' })).toThrow('disk full');
    store.conversations.save = original;
    // Nothing of the failed turn remains: not the processed id, not a reply.
    expect(store.conversations.markProcessed('console', 'boom', bot.clock.now())).toBe(true);
    expect((await bot.say('camille', 'Camille')).join('\n')).toContain('quartier');
  });
});

describe('restart', () => {
  test('a new process on the same database continues at the same question', async () => {
    await sayAll([...TO_FIRST_NAME, 'Camille', '3 cites']);
    bot.close();
    bot = startTestApp(dbFile());
    bot.app.conversations.open('console', 'camille', null);
    await bot.dispatcher.dispatchDue();
    const resumed = bot.channels.console.take('camille').join('\n');
    expect(resumed).toContain('Bon retour');
    expect(resumed).toContain('Quel âge avez-vous ?');
    await sayAll(['2', 'femme', '1', '1', 'oui']);
    expect(volunteers()).toEqual([expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites', age_bracket: '25_34' })]);
  });

  test('replies claimed but not sent before a crash are sent after restart', async () => {
    bot.app.conversations.handle({ channel: 'console', address: 'camille', externalId: 'm1', text: 'bonjour' });
    const claimed = bot.app.store.outbox.claimDue(bot.clock.now(), { limit: 10 });
    expect(claimed).toHaveLength(1);
    bot.close();
    bot = startTestApp(dbFile());
    expect(bot.dispatcher.recover()).toBe(1);
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take('camille').join('\n')).toContain('Quelle langue');
  });
});

describe('bad input gets a kind answer and loses nothing', () => {
  const badNames: readonly [string, string, string][] = [
    ['empty', '', "Je n'ai pas reçu de prénom"],
    ['10,000 characters', 'a'.repeat(10_000), 'trop long'],
    ['emoji only', '🎉🎉🎉', 'au moins une lettre'],
    ['control characters only', '\u0000\u0007\u001b', "Je n'ai pas reçu de prénom"],
    ['digits', '12345', 'au moins une lettre'],
    // What is stored counts, not what shows: 40 letters each carrying 90 accents are 3,640 characters.
    ['40 letters carrying 90 combining accents each', ('e' + '\u0301\u0300\u0302'.repeat(30)).repeat(40), 'trop long'],
    ['a Hangul filler (U+3164), blank', '\u3164', "Je n'ai pas reçu de prénom"],
    ['Hangul fillers around a dash', '\u3164-\uFFA0', 'au moins une lettre'],
    ['combining marks only', '\u0301\u0302\u0303', 'au moins une lettre'],
  ];

  test.each(badNames)('first name: %s', async (_label, input, expected) => {
    await sayAll(TO_FIRST_NAME);
    const reply = (await bot.say('camille', input)).join('\n');
    expect(reply).toContain(expected);
    expect(reply).toContain('Quel est votre prénom ?');
    // The question is still open, and a good answer then works.
    expect((await bot.say('camille', 'Camille')).join('\n')).toContain('quartier');
  });

  const goodNames: readonly [string, string, string][] = [
    ['right-to-left letters', 'مريم', 'مريم'],
    ['a name that looks like SQL', "Robert'); DROP TABLE person;--", "Robert'); DROP TABLE person;--"],
    ['letters with emoji', 'Zoé 🌻', 'Zoé 🌻'],
    ['a bidi override is removed', 'Ali\u202Ece', 'Alice'],
    ['control characters inside are spaces', 'Jean\u0000Pierre', 'Jean Pierre'],
    ['an invisible filler inside is removed', 'Zo\u3164é', 'Zoé'],
    ['40 characters exactly', 'a'.repeat(40), 'a'.repeat(40)],
  ];

  test.each(goodNames)('first name: %s is stored as written', async (_label, input, stored) => {
    await sayAll([...TO_FIRST_NAME, input, ...AFTER_FIRST_NAME, 'oui']);
    expect(volunteers().map((v) => v.first_name)).toEqual([stored]);
    expect(bot.app.store.db.prepare('SELECT count(*) AS n FROM person').get()).toEqual({ n: 1 });
  });

  test.each([
    ['empty', '', "Je n'ai reçu aucun texte"],
    ['SQL', "1; DELETE FROM person; --", "Je n'ai pas compris"],
    ['emoji', '👍', "Je n'ai pas compris"],
    ['huge', 'x'.repeat(10_000), "Je n'ai pas compris"],
    ['out of range number', '42', "Je n'ai pas compris"],
  ])('choice: %s', async (_label, input, expected) => {
    await sayAll([...TO_FIRST_NAME, 'Camille']);
    const reply = (await bot.say('camille', input)).join('\n');
    expect(reply).toContain(expected);
    expect(reply).toContain('Dans quel quartier');
  });

  test('three misunderstandings in a row offer a human, with the configured text', async () => {
    bot.close();
    bot = startTestApp(dbFile(), { PARLONS_HUMAN_CONTACT: 'Maison de quartier, 05 00 00 00 00' });
    await sayAll([...TO_FIRST_NAME, 'Camille']);
    expect((await bot.say('camille', 'bleu')).join('\n')).not.toContain('Maison de quartier');
    expect((await bot.say('camille', 'vert')).join('\n')).not.toContain('Maison de quartier');
    expect((await bot.say('camille', 'rouge')).join('\n')).toContain('Pour parler à une personne : Maison de quartier, 05 00 00 00 00');
    // A good answer resets the count.
    await bot.say('camille', '1');
    expect((await bot.say('camille', 'jaune')).join('\n')).not.toContain('Maison de quartier');
  });
});

describe('keywords in the middle of a registration', () => {
  test.each(['IDÉES', 'séances', 'consultation'])('%s answers, then the registration resumes where it was, nothing lost', async (keyword) => {
    await sayAll([...TO_FIRST_NAME, 'Camille', ...AFTER_FIRST_NAME.slice(0, -1)]);
    const aside = (await bot.say('camille', keyword)).join('\n');
    expect(aside).toContain('Reprenons où nous en étions.');
    expect(aside).toContain('Comment voulez-vous recevoir les rappels');
    await bot.say('camille', '1');
    expect((await bot.say('camille', 'oui')).join('\n')).not.toContain("Je n'ai pas compris");
    expect(volunteers()).toHaveLength(1);
  });
});

describe('buttons', () => {
  test('a button press answers by id; a stale button changes nothing', async () => {
    const tg = (text: string, choiceId?: string) => bot.say('42', text, { channel: 'telegram', ...(choiceId ? { choiceId } : {}) });
    await tg('/start');
    const sentWithButtons = await tg('', 'fr');
    expect(sentWithButtons.join('\n')).toContain('Que voulez-vous faire ?');
    await tg('', 'register');
    const stale = (await tg('', 'en')).join('\n');
    expect(stale).toContain('question précédente');
    expect(stale).toContain('Acceptez-vous ?');
    expect((await tg('', 'accept')).join('\n')).toContain('prénom');
  });
});

describe('STOP and REPRENDRE', () => {
  test.each(['STOP', 'stop', 'Arrêt', 'ARRET', ' arrêt  '])('%s opts out, confirmed once, then silence', async (word) => {
    await sayAll(['bonjour', '1']);
    expect((await bot.say('camille', word)).join('\n')).toContain('vous ne recevrez plus aucun message');
    expect(await bot.say('camille', 'menu')).toEqual([]);
    expect(await bot.say('camille', 'stop')).toEqual([]);
    expect(collectStats(bot.app.store).opted_out).toBe(1);
    const back = (await bot.say('camille', 'Reprendre')).join('\n');
    expect(back).toContain('Bon retour');
    expect(back).toContain('Que voulez-vous faire ?');
    expect(collectStats(bot.app.store).opted_out).toBe(0);
  });

  test('queued messages for an opted-out person are cancelled, not sent', async () => {
    await sayAll(['bonjour', '1']);
    const contact = bot.app.store.contacts.find('console', 'camille');
    await bot.say('camille', 'stop');
    const id = bot.app.store.outbox.enqueue(
      { contactId: contact!.id, channel: 'console', kind: 'bulk', message: { parts: [{ key: 'help:text' }] }, notBefore: bot.clock.now() },
      bot.clock.now(),
    );
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take('camille')).toEqual([]);
    expect(bot.app.store.outbox.forContact(contact!.id).find((m) => m.id === id)).toMatchObject({ status: 'cancelled', error: 'opted_out' });
  });
});

describe('EFFACER', () => {
  test('after confirmation nothing of the person remains but anonymous counts', async () => {
    await sayAll([...TO_FIRST_NAME, 'Camille', ...AFTER_FIRST_NAME, 'oui']);
    const personId = volunteers()[0]!.id;
    expect((await bot.say('camille', 'effacer')).join('\n')).toContain('effacer toutes vos données');
    expect((await bot.say('camille', 'oui')).join('\n')).toContain('Vos données sont effacées');
    expect(volunteers()).toEqual([]);
    expect(exportPerson(bot.app.store, personId)).toBeNull();
    const db = bot.app.store.db;
    for (const table of ['person', 'contact_point', 'consent', 'person_role', 'conversation', 'outbox']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    expect(collectStats(bot.app.store).monthly).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'person_erased', value: 1 })]));
    // Writing again starts afresh, as a new person.
    expect((await bot.say('camille', 'bonjour')).join('\n')).toContain('Quelle langue');
  });

  test('saying no keeps everything', async () => {
    await sayAll([...TO_FIRST_NAME, 'Camille', ...AFTER_FIRST_NAME, 'oui', 'DELETE']);
    expect((await bot.say('camille', 'non')).join('\n')).toContain("rien n'est effacé");
    expect(volunteers()).toHaveLength(1);
  });
});

describe('MES DONNÉES', () => {
  test('shows everything stored, then resumes the interrupted question', async () => {
    await sayAll([...TO_FIRST_NAME, 'Camille', ...AFTER_FIRST_NAME, 'oui', 'profil', '1', '3']);
    const reply = (await bot.say('camille', 'mes donnees')).join('\n');
    for (const expected of ['Camille', 'Trois-Cités', '25 à 34 ans', 'console : camille', 'notice 2026-12-01', 'Reprenons', 'Quel âge avez-vous ?']) {
      expect(reply).toContain(expected);
    }
  });
});

describe('session answers are personal data', () => {
  test('MES DONNÉES and the export list them; EFFACER erases them', async () => {
    addSession(
      bot.app.store,
      { title: { fr: 'Séance 2' }, description: null, place: 'Salle des fêtes', startsAt: '2026-12-05T09:00:00.000Z', endsAt: '2026-12-05T11:00:00.000Z', reminderOffsets: [] },
      [],
      bot.clock.now(),
    );
    await sayAll(['bonjour', '1', 'séances', '1', 'oui']);
    expect((await bot.say('camille', 'mes données')).join('\n')).toContain('- Séance 2 : oui');
    const personId = bot.app.store.contacts.find('console', 'camille')!.personId;
    expect(exportPerson(bot.app.store, personId)?.session_answers).toEqual([{ session_id: 1, answer: 'yes' }]);
    await sayAll(['effacer', 'oui']);
    expect(bot.app.store.sessions.rsvps(1)).toEqual([]);
  });
});

describe('SMS reminders from another channel', () => {
  test('the number becomes a contact point that receives reminders', async () => {
    await sayAll([...TO_FIRST_NAME, 'Camille', '3 cites', '2', 'femme', '1', 'par sms', '06 12 34 56 78', 'oui']);
    const [volunteer] = volunteers();
    expect(volunteer?.reminders).toBe('sms');
    expect(volunteer?.contact_points).toEqual([
      { channel: 'console', address: 'camille' },
      { channel: 'sms', address: '+33612345678' },
    ]);
  });

  test("another person's number is never taken over", async () => {
    await bot.say('+33612345678', 'bonjour', { channel: 'sms' });
    await sayAll([...TO_FIRST_NAME, 'Camille', '3 cites', '2', 'femme', '1', 'sms', '+33 6 12 34 56 78']);
    const reply = (await bot.say('camille', 'oui')).join('\n');
    expect(reply).toContain('Ce numéro est déjà connu');
    const [volunteer] = volunteers();
    expect(volunteer?.reminders).toBe('this_contact');
    expect(volunteer?.contact_points).toEqual([{ channel: 'console', address: 'camille' }]);
  });

  test('an invalid number is asked again', async () => {
    await sayAll([...TO_FIRST_NAME, 'Camille', '3 cites', '2', 'femme', '1', 'sms']);
    expect((await bot.say('camille', '12')).join('\n')).toContain('Je ne reconnais pas ce numéro');
  });
});
