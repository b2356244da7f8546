import { parseAudience } from '../../../src/broadcasts/audience';
import { sendBroadcast } from '../../../src/broadcasts/send-broadcast';
import { PersistedCryptoState } from '../../../src/channels/matrix/e2ee/persisted-crypto-state';
import { RecordSealer, type KeyDerivation } from '../../../src/channels/matrix/e2ee/record-sealer';
import { ChannelStartError } from '../../../src/app/serve-channels';
import { ChannelSetupError } from '../../../src/channels/channel';
import { openDatabase } from '../../../src/store/database';
import { createStore } from '../../../src/store/store';
import { listVolunteers } from '../../../src/volunteers/list-volunteers';
import { tempDir } from '../../support/test-app';
import { until } from '../../support/until';
import { EncryptedResident } from './encrypted-resident';
import { MATRIX_TEST_PASSPHRASE, MatrixHarness } from './matrix-harness';

/**
 * End-to-end encryption against the fake homeserver: the bot (its WASM machine behind
 * matrix-bot-sdk and the adapter, its state in the SQLite file) and residents whose clients are
 * WASM machines too, each on its own device, over HTTP. After every test: nothing the bot sent
 * to an encrypted room was in clear.
 */
jest.setTimeout(60_000);

let dir: { dir: string; cleanup: () => void };
let mx: MatrixHarness;

beforeEach(async () => {
  dir = tempDir();
  mx = await MatrixHarness.create(dir.dir);
});
afterEach(async () => {
  expect(mx.server.clearTextInEncryptedRooms).toEqual([]);
  await mx.close();
  dir.cleanup();
});

const REGISTRATION = ['Bonjour', '1', '1', 'oui', 'Camille', 'trois cités', '25 à 34', 'femme', 'smartphone', 'ici'];

/** Writes an encrypted message; returns the bot's answers (decrypted) once it has handled it and sent everything. */
async function say(resident: EncryptedResident, text: string): Promise<string> {
  const before = (await resident.botMessages()).length;
  const eventId = await resident.write(text);
  await until('the message to be handled', () => mx.count(`SELECT count(*) FROM inbound_message WHERE external_id = '${eventId}'`) === 1);
  await mx.settled();
  return (await resident.botMessages()).slice(before).join('\n---\n');
}

/** Everything in the bot's saved crypto state, as text (base64 values decoded too), read with the passphrase. */
async function savedCryptoStateText(): Promise<string> {
  const db = openDatabase(mx.dbFile);
  try {
    const repo = createStore(db).matrixCrypto;
    const account = repo.cryptoAccount()!;
    const sealer = await RecordSealer.open(MATRIX_TEST_PASSPHRASE, JSON.parse(account.kdf) as KeyDerivation, account.keyCheck);
    const state = await PersistedCryptoState.load(repo.cryptoRecords(), sealer);
    state.close();
    const decode = (_key: string, value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9+/]{16,}={0,2}$/.test(value) ? `${Buffer.from(value, 'base64').toString('latin1')} ${value}` : value);
    return JSON.stringify([...state.records.all()].map((r) => [r.key, r.value]), decode);
  } finally {
    db.close();
  }
}

async function encryptedResident(localpart: string): Promise<EncryptedResident> {
  const resident = await EncryptedResident.create(mx.server, localpart);
  await resident.openEncryptedDirectChat();
  return resident;
}

describe('Matrix end-to-end encryption', () => {
  test('a resident registers in an encrypted direct chat, as Element opens one; every answer of the bot is encrypted and readable; the bot’s device is cross-signed', async () => {
    await mx.startBot();
    const camille = await encryptedResident('camille');
    expect(mx.server.isEncrypted(camille.roomId)).toBe(true);
    expect(await say(camille, 'Bonjour')).toContain('Quelle langue préférez-vous ?');
    for (const answer of REGISTRATION.slice(1, -1)) await say(camille, answer);
    expect(await say(camille, 'ici')).toContain('Rappels : ici (Matrix)');
    expect(await say(camille, 'oui')).toContain('vous êtes inscrit·e comme volontaire');
    expect(listVolunteers(mx.app!.store, mx.app!.settings.city)).toEqual([expect.objectContaining({ first_name: 'Camille', contact_points: [{ channel: 'matrix', address: camille.userId }] })]);

    // What the homeserver holds: ciphertext only, from both sides.
    const events = mx.server.roomMessages(camille.roomId);
    expect(events.length).toBeGreaterThan(20);
    expect(events.every((e) => e.type === 'm.room.encrypted')).toBe(true);
    expect(JSON.stringify(events)).not.toContain('Camille');
    expect((await camille.botMessages()).every((m) => m !== null)).toBe(true);

    expect(mx.server.keys.isCrossSigned(mx.server.botUserId, 'PARLONSDEVICE')).toBe(true);
    expect(await camille.seesBotCrossSigned()).toBe(true);
    // MES DONNÉES says the chat is end-to-end encrypted.
    expect(await say(camille, 'MES DONNÉES')).toContain(`Matrix : ${camille.userId} (discussion chiffrée de bout en bout)`);
  });

  test('restarted in the middle: the same device and sessions; the next encrypted messages, and one written while it was down, are answered', async () => {
    await mx.startBot();
    const camille = await encryptedResident('camille');
    for (const answer of REGISTRATION.slice(0, 5)) await say(camille, answer);
    const uploads = mx.server.keys.calls.filter((c) => c.userId === mx.server.botUserId && c.endpoint === 'device_signing').length;
    await mx.stopBot();
    // Written while the bot is stopped, with the room key the bot already has.
    const whileDown = await camille.write('trois cités');
    await mx.startBot();
    await until('the message written while down', () => mx.count(`SELECT count(*) FROM inbound_message WHERE external_id = '${whileDown}'`) === 1);
    await mx.settled();
    expect((await camille.botMessages()).at(-1)).toContain('Quel âge avez-vous ?');
    for (const answer of REGISTRATION.slice(6)) await say(camille, answer);
    expect(await say(camille, 'oui')).toContain('vous êtes inscrit·e comme volontaire');
    // One device all along: keys neither made nor cross-signed again.
    expect(mx.server.keys.calls.filter((c) => c.userId === mx.server.botUserId && c.endpoint === 'device_signing')).toHaveLength(uploads);
    expect(mx.count("SELECT count(*) FROM inbound_message WHERE channel = 'matrix'")).toBe(REGISTRATION.length + 1);
  });

  test('a notice to 50 residents in encrypted direct chats: each decrypts exactly one copy', async () => {
    await mx.startBot();
    const residents: EncryptedResident[] = [];
    for (let i = 0; i < 50; i += 1) residents.push(await encryptedResident(`resident${i}`));
    const { store } = mx.app!;
    const now = new Date();
    for (const resident of residents) store.contacts.create(store.people.create('fr', now), 'matrix', resident.userId, now);
    const audience = parseAudience(['all'], mx.app!.settings.city);
    if (!Array.isArray(audience)) throw new Error(audience.key);
    expect(sendBroadcast(store, { audience, texts: { fr: 'La séance de samedi est avancée à 9 h.' }, sendAt: now }, now).recipients).toBe(50);
    await mx.delivered();
    for (const resident of residents) expect(await resident.botMessages()).toEqual(['La séance de samedi est avancée à 9 h.']);
    expect(mx.count("SELECT count(*) FROM outbox WHERE status = 'sent'")).toBe(50);
  });

  test('429 on the key claim for a second device of the resident: the answer waits the delay, then goes once, readable on both devices', async () => {
    await mx.startBot();
    const camille = await encryptedResident('camille');
    // Her laptop never wrote: the bot has no session with it yet and must claim one of its keys.
    const laptop = await EncryptedResident.create(mx.server, 'camille', 'CAMILLELAPTOP');
    laptop.roomId = camille.roomId;
    mx.server.failNext('POST', /\/keys\/claim$/, { user: mx.server.botUserId, status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 60_000 } });
    const asked = Date.now();
    await camille.write('Bonjour');
    await until('the first attempt to fail', () => mx.count("SELECT count(*) FROM outbox WHERE status = 'queued' AND attempts = 1") === 1);
    const waiting = mx.app!.store.db.prepare<[], { error: string; not_before: string }>('SELECT error, not_before FROM outbox').get();
    expect(waiting?.error).toBe('matrix_429 M_LIMIT_EXCEEDED');
    expect(Date.parse(waiting!.not_before) - asked).toBeGreaterThanOrEqual(60_000);
    expect(mx.server.roomMessages(camille.roomId).filter((e) => e.sender === mx.server.botUserId)).toEqual([]);
    mx.retryNow();
    await mx.delivered();
    for (const device of [camille, laptop]) {
      const answers = await device.botMessages();
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain('Quelle langue préférez-vous ?');
    }
  });

  test('a message whose key never comes gets a kind answer, once for that key; the key coming late decrypts what waited', async () => {
    await mx.startBot({ MATRIX_UNDECRYPTABLE_WAIT: '1' });
    const camille = await encryptedResident('camille');
    await say(camille, 'Bonjour');
    const before = (await camille.botMessages()).length;
    // Two messages under a room key that does not reach the bot: one question for both.
    const [lost, alsoLost] = await camille.writeWithoutKey(['1', 'bonjour ?']);
    await until('the bot to ask for it again', () => mx.count("SELECT count(*) FROM matrix_undecryptable WHERE answered_at IS NOT NULL") === 2);
    await mx.settled();
    expect((await camille.botMessages()).slice(before)).toEqual([
      "Je n'ai pas pu lire votre dernier message : il est chiffré, et la clé pour le lire ne m'est pas arrivée. Pouvez-vous l'envoyer à nouveau ?",
    ]);
    expect(mx.count(`SELECT count(*) FROM inbound_message WHERE external_id IN ('${lost}', '${alsoLost}')`)).toBe(0);
    // The key comes at last: the waiting messages are read and answered, in order (French was chosen).
    await camille.deliverKeptBackKey();
    await until('the waiting messages to be handled', () => mx.count(`SELECT count(*) FROM inbound_message WHERE external_id IN ('${lost}', '${alsoLost}')`) === 2);
    await mx.settled();
    const answers = (await camille.botMessages()).slice(before + 1).join('\n');
    expect(answers).toContain('Que voulez-vous faire ?');
    expect(mx.count('SELECT count(*) FROM matrix_undecryptable')).toBe(0);
  });

  test('a key that comes within the wait: no question asked, the message is answered', async () => {
    await mx.startBot({ MATRIX_UNDECRYPTABLE_WAIT: '3600' });
    const camille = await encryptedResident('camille');
    await say(camille, 'Bonjour');
    const before = (await camille.botMessages()).length;
    const [late] = await camille.writeWithoutKey(['2']);
    await until('the message to wait for its key', () => mx.count('SELECT count(*) FROM matrix_undecryptable') === 1);
    await camille.deliverKeptBackKey();
    await until('the message to be handled', () => mx.count(`SELECT count(*) FROM inbound_message WHERE external_id = '${late}'`) === 1);
    await mx.settled();
    const answers = (await camille.botMessages()).slice(before).join('\n');
    expect(answers).toContain('What would you like to do?');
    expect(answers).not.toContain('could not read');
  });

  test('a newer message read while an older one waits: the person is told about the older one, which is given up, then answered', async () => {
    await mx.startBot({ MATRIX_UNDECRYPTABLE_WAIT: '3600' });
    const camille = await encryptedResident('camille');
    await say(camille, 'Bonjour');
    await camille.writeWithoutKey(['1']);
    await until('the message to wait for its key', () => mx.count('SELECT count(*) FROM matrix_undecryptable') === 1);
    const answers = await say(camille, '1');
    expect(answers.split('\n---\n')[0]).toContain("Je n'ai pas pu lire votre dernier message");
    expect(answers).toContain('Que voulez-vous faire ?');
    expect(mx.count('SELECT count(*) FROM matrix_undecryptable')).toBe(0);
  });

  test('erasure: the goodbye goes encrypted, then every key of the chat and of the person is forgotten', async () => {
    await mx.startBot();
    const camille = await encryptedResident('camille');
    await say(camille, 'Bonjour');
    await say(camille, '1');
    await mx.stopBot();
    // Before: the saved state knows her (her devices, her room's keys).
    const before = await savedCryptoStateText();
    for (const about of [camille.userId, camille.roomId, camille.curve25519Key]) expect(before).toContain(about);
    await mx.startBot();
    await say(camille, 'EFFACER');
    expect(await say(camille, '1')).toContain('Vos données sont effacées');
    // The scheduler forgets erased people's chats once their goodbye has gone (every 30 s; now here).
    mx.app!.runScheduler(new Date());
    expect(mx.count('SELECT count(*) FROM matrix_direct_room')).toBe(0);
    expect(mx.count('SELECT count(*) FROM matrix_room_encryption')).toBe(0);
    mx.server.pokeSync(mx.server.botUserId);
    await until('the keys to be forgotten', () => mx.count('SELECT count(*) FROM matrix_crypto_forget') === 0);
    await mx.stopBot();
    // After, read back as a restart would: nothing about her or her room; the bot's own keys stay.
    const after = await savedCryptoStateText();
    expect(after).toContain(mx.server.botUserId);
    for (const about of [camille.userId, camille.roomId, camille.curve25519Key]) expect(after).not.toContain(about);
  });

  test('starting on a database without the crypto state of a device that has keys on the homeserver is refused, with what to do', async () => {
    await mx.startBot();
    await mx.stopBot();
    const other = tempDir();
    try {
      const error = await mx.startBotOn(`${other.dir}/new.db`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChannelStartError);
      expect((error as Error).cause).toBeInstanceOf(ChannelSetupError);
      expect((error as Error).message).toMatch(/device PARLONSDEVICE already has encryption keys.*Log in again to get a new device/);
      // A new login (a new device) starts with a new crypto state.
      mx.server.setBotDevice('NEWDEVICE');
      await mx.startBotOn(`${other.dir}/new.db`);
      expect(mx.server.keys.hasDeviceKeys(mx.server.botUserId, 'NEWDEVICE')).toBe(true);
    } finally {
      await mx.stopBot();
      other.cleanup();
    }
  });

  test('a wrong MATRIX_CRYPTO_PASSPHRASE is refused as an invalid setting', async () => {
    await mx.startBot();
    await mx.stopBot();
    const error = await mx.startBot({ MATRIX_CRYPTO_PASSPHRASE: 'not the passphrase it was made with' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelStartError);
    expect((error as Error).cause).toMatchObject({ invalidSetting: true, message: expect.stringContaining('MATRIX_CRYPTO_PASSPHRASE') });
  });

  test('a homeserver that asks for the password to publish cross-signing keys: the bot works meanwhile, and cross-signs once the password is given', async () => {
    mx.server.keys.requirePassword(mx.server.botUserId, 'the bot account password');
    await mx.startBot();
    expect(mx.server.keys.isCrossSigned(mx.server.botUserId, 'PARLONSDEVICE')).toBe(false);
    const camille = await encryptedResident('camille');
    expect(await say(camille, 'Bonjour')).toContain('Quelle langue');
    await mx.stopBot();
    await mx.startBot({ MATRIX_ACCOUNT_PASSWORD: 'the bot account password' });
    expect(mx.server.keys.isCrossSigned(mx.server.botUserId, 'PARLONSDEVICE')).toBe(true);
    expect(await camille.seesBotCrossSigned()).toBe(true);
    expect(await say(camille, '1')).toContain('Que voulez-vous faire ?');
  });

  test('a direct chat that turns encryption on: the bot’s next answers are encrypted', async () => {
    await mx.startBot();
    const sam = mx.user('sam');
    await sam.openDirectChat();
    expect(String((await sam.say('Bonjour'))[0]?.content.body)).toContain('Quelle langue');
    const resident = await EncryptedResident.create(mx.server, 'sam', 'SAMLAPTOP');
    resident.roomId = sam.roomId;
    mx.server.enableEncryption(sam.roomId, sam.userId);
    await say(resident, '1');
    const fromBot = mx.server.roomMessages(sam.roomId).filter((e) => e.sender === mx.server.botUserId);
    expect(fromBot.map((e) => e.type)).toEqual(['m.room.message', 'm.room.encrypted', 'm.room.encrypted']);
    expect((await resident.botMessages()).at(-1)).toContain('Que voulez-vous faire ?');
  });
});
