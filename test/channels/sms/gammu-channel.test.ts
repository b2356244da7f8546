import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../../src/app/create-app';
import { readConsultationFile } from '../../../src/consultations/consultation-file';
import { openConsultation } from '../../../src/consultations/consultation-schedule';
import { tallyConsultation } from '../../../src/results/tally';
import { configuredChannels } from '../../../src/app/configured-channels';
import { serveChannels, type Serving } from '../../../src/app/serve-channels';
import { loadSettings } from '../../../src/config/settings';
import { isGsm7 } from '../../../src/lib/sms/gsm7-alphabet';
import { silentLogger } from '../../../src/lib/logger';
import { seededRandom } from '../../../src/lib/seeded-random';
import { tempDir } from '../../support/test-app';
import { until } from '../../support/until';
import { describeWithGammu, GammuPhone } from './gammu-phone';

/**
 * Parlons serving SMS through the real Gammu SMSD and its dummy phone: STOP and REPRENDRE by
 * SMS, redelivered inbox files, transliteration on the wire.
 */
jest.setTimeout(120_000);

const RESIDENT = '+33612345678';

describeWithGammu('SMS through Gammu SMSD (dummy phone)', () => {
  let dir: ReturnType<typeof tempDir>;
  let phone: GammuPhone;
  let app: App;
  let serving: Serving;

  const count = (sql: string) => app.store.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  const inbound = () => count("SELECT count(*) AS n FROM inbound_message WHERE channel = 'sms'");

  beforeAll(async () => {
    dir = tempDir();
    phone = await GammuPhone.start(path.join(dir.dir, 'gammu'));
    const settings = loadSettings({ PARLONS_DB: path.join(dir.dir, 'parlons.db'), SMS_PROVIDER: 'gammu', SMS_GAMMU_CONFIG: phone.config, SMS_RATE_LIMIT: '0' });
    app = createApp(settings, { logger: silentLogger, random: seededRandom(3) });
    serving = await serveChannels(app, configuredChannels(app), 20);
  });

  afterAll(async () => {
    await serving?.stop();
    app?.close();
    await phone?.stop();
    dir?.cleanup();
  });

  test('a resident texts from a national number: the contact point is E.164, and every SMS is GSM-7', async () => {
    await phone.text('0612345678', 'Bonjour');
    const welcome = await phone.reply(RESIDENT, '2. English');
    expect(welcome).toContain('Quelle langue');
    await phone.text(RESIDENT, '1');
    // "Répondez" keeps its é (GSM-7 has it); the ’ « » ê of the texts are gone.
    expect(await phone.reply(RESIDENT, 'Répondez par un numéro')).toContain('1. ');
    expect(isGsm7(phone.sentTo(RESIDENT))).toBe(true);
    expect(app.store.contacts.find('sms', RESIDENT)).not.toBeNull();
    // The inbox is emptied once each message is committed.
    await until('the inbox to be emptied', () => (fs.readdirSync(phone.inbox).length === 0 ? true : undefined));
  });

  test('ARRÊT stops everything but one confirmation; REPRENDRE resumes', async () => {
    await phone.text(RESIDENT, 'ARRÊT');
    expect(await phone.reply(RESIDENT, 'REPRENDRE')).toContain('vous ne recevrez plus aucun message');
    const person = app.store.contacts.find('sms', RESIDENT)!.personId;
    expect(app.store.people.find(person)?.optedOutAt).not.toBeNull();

    const before = inbound();
    const queued = count('SELECT count(*) AS n FROM outbox');
    await phone.text(RESIDENT, 'bonjour');
    await until('the message to be processed', () => (inbound() > before ? true : undefined));
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(queued);

    await phone.text(RESIDENT, 'REPRENDRE');
    expect(await phone.reply(RESIDENT, '1. ')).toContain('Bon retour');
    expect(app.store.people.find(person)?.optedOutAt).toBeNull();
  });

  test('an inbox file seen again (after a crash before its removal) is processed once', async () => {
    // UTF-16 big-endian with a byte order mark, as SMSD writes it.
    const body = Buffer.from('\ufeffAIDE', 'utf16le').swap16();
    const name = 'IN20261122_101500_00_+33612345678_00.txt';
    const before = inbound();
    fs.writeFileSync(path.join(phone.inbox, name), body);
    await until('the file to be processed and removed', () => (!fs.existsSync(path.join(phone.inbox, name)) ? true : undefined));
    expect(inbound()).toBe(before + 1);
    const queued = count('SELECT count(*) AS n FROM outbox');

    fs.writeFileSync(path.join(phone.inbox, name), body);
    await until('the copy to be removed', () => (!fs.existsSync(path.join(phone.inbox, name)) ? true : undefined));
    expect(inbound()).toBe(before + 1);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(queued);
  });

  test('a resident answers a consultation by SMS with numbers only, and the ballot counts', async () => {
    const voter = '+33698765432';
    const now = new Date();
    const file = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8');
    const read = readConsultationFile(file, 'Europe/Paris', 'fr', (key) => key);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const id = app.store.consultations.create({ ...read.definition, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 86_400_000).toISOString() }, now);
    openConsultation(app.store, app.conversations, id, now);
    const exchange: readonly (readonly [string, string])[] = [
      ['BONJOUR', '2. English'],
      ['1', 'Répondez par un numéro'],
      ['CONSULTATION', 'Laquelle'],
      ['1', 'Acceptez-vous'],
      ['1', 'Plus tard'],
      ['1', 'Question 1/5'],
      ['1', 'Question 2/5'],
      ['2', 'Question 3/5'],
      ['1 3', 'Proposition 1/3'],
      ['1', 'Proposition 2/3'],
      ['3', 'Proposition 3/3'],
      ['7', 'Question 5/5'],
      ['0', 'Les envoyer'],
      ['1', 'sont enregistr'],
    ];
    for (const [message, expected] of exchange) {
      await phone.text(voter, message);
      await phone.reply(voter, expected);
    }
    const results = tallyConsultation(app.store.consultations.find(id)!, app.store.consultations.answers(id));
    expect(results.ballots).toBe(1);
    expect(results.questions.find((q) => q.question.id === 'propositions')).toMatchObject({ ranking: [{ id: 'navette', majorityGrade: 0 }, { id: 'zone30', majorityGrade: 2 }, { id: 'parking', majorityGrade: 6 }] });
  });
});
