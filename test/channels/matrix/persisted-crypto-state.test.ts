import v8 from 'node:v8';
import { DeviceId, DeviceLists, EncryptionSettings, OlmMachine, RequestType, RoomId, UserId } from '@matrix-org/matrix-sdk-crypto-nodejs';
import type { RecordChanges, SealedRecord } from '../../../src/channels/matrix/e2ee/crypto-storage';
import { PersistedCryptoState } from '../../../src/channels/matrix/e2ee/persisted-crypto-state';
import { RecordSealer, WrongPassphraseError } from '../../../src/channels/matrix/e2ee/record-sealer';
import { MatrixKeyServer } from '../../support/matrix-key-server';

/**
 * The crypto machine's store saved as sealed rows and loaded back: what is loaded is exactly what
 * was in the store, a machine reopened on it keeps its identity and sessions, and no row shows a
 * Matrix id or a key.
 */
jest.setTimeout(30_000);

const BOT = '@parlons:example.org';
const RESIDENT = '@camille:example.org';
const ROOM = '!dm:example.org';

/** The rows a database would hold. */
class Rows {
  readonly byId = new Map<string, SealedRecord>();
  commits = 0;

  apply(changes: RecordChanges): void {
    this.commits += 1;
    for (const record of changes.upserts) this.byId.set(record.id.toString('hex'), record);
    for (const id of changes.deletes) this.byId.delete(id.toString('hex'));
  }

  all(): SealedRecord[] {
    return [...this.byId.values()];
  }
}

let pos = 0;
const keys = new MatrixKeyServer(() => ++pos);

async function flush(machine: OlmMachine, userId: string, deviceId: string): Promise<void> {
  for (const request of await machine.outgoingRequests()) {
    const body = JSON.parse(request.body) as Record<string, unknown>;
    const response =
      request.type === RequestType.KeysUpload ? keys.upload(userId, deviceId, body) : request.type === RequestType.KeysQuery ? keys.query(userId, body) : keys.claim(userId, body);
    await machine.markRequestAsSent(request.id, request.type, JSON.stringify(response));
  }
}

/** Everything in the IndexedDB, comparable. */
function dump(state: PersistedCryptoState): string[] {
  return [...state.records.all()].map((r) => v8.serialize(r).toString('hex')).sort();
}

test('saved, loaded back into a fresh IndexedDB: the same records, the same device, its sessions still decrypt', async () => {
  const { sealer } = await RecordSealer.create('a long passphrase for tests');
  const rows = new Rows();
  let state = await PersistedCryptoState.load([], sealer);
  let bot = await OlmMachine.initialize(new UserId(BOT), new DeviceId('BOTDEVICE'), 'parlons-test', '', 0);
  await flush(bot, BOT, 'BOTDEVICE');
  const resident = await OlmMachine.initialize(new UserId(RESIDENT), new DeviceId('PHONE'));
  await flush(resident, RESIDENT, 'PHONE');

  // The resident writes to the bot: an Olm session and a room key arrive in the bot's store.
  const members = [new UserId(RESIDENT), new UserId(BOT)];
  await resident.updateTrackedUsers(members);
  await flush(resident, RESIDENT, 'PHONE');
  const claim = await resident.getMissingSessions(members);
  if (claim) await resident.markRequestAsSent(claim.id, claim.type, JSON.stringify(keys.claim(RESIDENT, JSON.parse(claim.body) as Record<string, unknown>)));
  for (const share of JSON.parse(await resident.shareRoomKey(new RoomId(ROOM), members, new EncryptionSettings())) as { txn_id: string; event_type: string; messages: unknown }[]) {
    keys.sendToDevice(RESIDENT, 'PHONE', share.event_type, share.txn_id, { messages: share.messages });
    await resident.markRequestAsSent(share.txn_id, RequestType.ToDevice, '{}');
  }
  const content = await resident.encryptRoomEvent(new RoomId(ROOM), 'm.room.message', JSON.stringify({ msgtype: 'm.text', body: 'Bonjour' }));
  const event = JSON.stringify({ type: 'm.room.encrypted', sender: RESIDENT, event_id: '$1', origin_server_ts: 1, room_id: ROOM, content: JSON.parse(content) as unknown });
  await bot.receiveSyncChanges(JSON.stringify(keys.toDevice(BOT, 'BOTDEVICE', 0)), new DeviceLists([], []), keys.oneTimeKeyCounts(BOT, 'BOTDEVICE'), []);
  await bot.whenIdle();
  state.save((changes) => rows.apply(changes));
  const identity = bot.identityKeys.curve25519.toBase64();
  const before = dump(state);

  // Nothing written: a save writes nothing.
  const commits = rows.commits;
  state.save((changes) => {
    expect(changes).toEqual({ upserts: [], deletes: [] });
    rows.apply(changes);
  });
  expect(rows.commits).toBe(commits + 1);

  // No Matrix id, no room id, no key in what is saved.
  const saved = Buffer.concat(rows.all().flatMap((r) => [r.id, r.sealed])).toString('latin1');
  for (const secret of [BOT, RESIDENT, ROOM, 'BOTDEVICE', identity, Buffer.from(BOT).toString('base64').slice(0, 12)]) expect(saved).not.toContain(secret);

  // A restart: a fresh IndexedDB loaded from the rows.
  bot.close();
  state.close();
  state = await PersistedCryptoState.load(rows.all(), sealer);
  expect(dump(state)).toEqual(before);
  bot = await OlmMachine.initialize(new UserId(BOT), new DeviceId('BOTDEVICE'), 'parlons-test', '', 0);
  expect(bot.identityKeys.curve25519.toBase64()).toBe(identity);
  const decrypted = await bot.decryptRoomEvent(event, new RoomId(ROOM));
  expect((JSON.parse(decrypted.event) as { content: { body: string } }).content.body).toBe('Bonjour');
  // Its device keys were uploaded: they are not again (new one-time keys may be, one was claimed).
  const uploads = (await bot.outgoingRequests()).filter((r) => r.type === RequestType.KeysUpload);
  for (const upload of uploads) expect(JSON.parse(upload.body)).not.toHaveProperty('device_keys');
  bot.close();
  state.close();
});

test('changes that could not be saved (a locked database) are saved at the next save', async () => {
  const { sealer } = await RecordSealer.create('another long passphrase');
  const rows = new Rows();
  const state = await PersistedCryptoState.load([], sealer);
  const bot = await OlmMachine.initialize(new UserId(BOT), new DeviceId('OTHERDEVICE'), 'parlons-locked', '', 0);
  await bot.whenIdle();
  expect(() =>
    state.save(() => {
      throw new Error('database is locked');
    }),
  ).toThrow('database is locked');
  expect(rows.all()).toHaveLength(0);
  state.save((changes) => rows.apply(changes));
  expect(rows.all().length).toBeGreaterThan(3);
  const reloaded = await PersistedCryptoState.load(rows.all(), sealer);
  expect(dump(reloaded)).toEqual(dump(state));
  bot.close();
  state.close();
  reloaded.close();
});

test('a wrong passphrase is refused; an altered or moved row does not open', async () => {
  const { sealer, kdf, keyCheck } = await RecordSealer.create('the right passphrase, long');
  await expect(RecordSealer.open('the wrong passphrase, long', kdf, keyCheck)).rejects.toBeInstanceOf(WrongPassphraseError);
  const again = await RecordSealer.open('the right passphrase, long', kdf, keyCheck);
  const id = again.recordId('a place');
  const sealed = sealer.seal(id, Buffer.from('secret'));
  expect(again.open(id, sealed).toString()).toBe('secret');
  const altered = Buffer.from(sealed);
  altered[15] = (altered[15] ?? 0) ^ 1;
  expect(() => again.open(id, altered)).toThrow();
  expect(() => again.open(again.recordId('another place'), sealed)).toThrow();
});
