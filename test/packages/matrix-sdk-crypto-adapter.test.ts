import {
  Attachment,
  DecryptionError,
  DeviceId,
  DeviceLists,
  EncryptionSettings,
  OlmMachine,
  RequestType,
  RoomId,
  UserId,
  type OutgoingRequest,
} from '@matrix-org/matrix-sdk-crypto-nodejs';
import { RustEngine } from 'matrix-bot-sdk/lib/e2ee/RustEngine';
import { MatrixKeyServer } from '../support/matrix-key-server';

/** fake-indexeddb and the WASM binding: CommonJS entries whose types are declared as ES modules. */
const fakeIndexedDb = require('fake-indexeddb') as typeof import('fake-indexeddb', { with: { 'resolution-mode': 'import' } });
const wasm = require('@matrix-org/matrix-sdk-crypto-wasm') as typeof import('@matrix-org/matrix-sdk-crypto-wasm', { with: { 'resolution-mode': 'import' } });

/**
 * The adapter on its own: the nodejs binding's API (as matrix-bot-sdk 0.7.1 calls it) over the
 * WASM binding. Two machines talk through an in-memory key server, no homeserver, no network.
 */
jest.setTimeout(30_000);

const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const ROOM = '!dm:example.org';

let pos = 0;
let keys: MatrixKeyServer;

beforeAll(() => {
  // The machine with a store keeps it in IndexedDB, which Node has not: fake-indexeddb's.
  Object.assign(globalThis, { ...fakeIndexedDb, indexedDB: new fakeIndexedDb.IDBFactory() });
});

beforeEach(() => {
  pos = 0;
  keys = new MatrixKeyServer(() => ++pos);
});

/** A device: its machine, and what it has read of its to-device inbox. */
interface Party {
  readonly userId: string;
  readonly deviceId: string;
  machine: OlmMachine;
  since: number;
}

async function party(userId: string, deviceId: string, storeName?: string): Promise<Party> {
  return { userId, deviceId, machine: await OlmMachine.initialize(new UserId(userId), new DeviceId(deviceId), storeName, '', 0), since: 0 };
}

/** Sends a request the way a client would, and tells the machine the answer. */
async function send(p: Party, request: OutgoingRequest): Promise<void> {
  const body = JSON.parse(request.body) as Record<string, unknown>;
  let response: unknown;
  if (request.type === RequestType.KeysUpload) response = keys.upload(p.userId, p.deviceId, body);
  else if (request.type === RequestType.KeysQuery) response = keys.query(p.userId, body);
  else if (request.type === RequestType.KeysClaim) response = keys.claim(p.userId, body);
  else if (request.type === RequestType.ToDevice) {
    const { txn_id: txnId, event_type: type, messages } = body as { txn_id: string; event_type: string; messages: unknown };
    response = keys.sendToDevice(p.userId, p.deviceId, type, `${p.deviceId}-${txnId}`, { messages });
  } else throw new Error(`unexpected request type ${request.type}`);
  await p.machine.markRequestAsSent(request.id, request.type, JSON.stringify(response));
}

async function flush(p: Party): Promise<void> {
  for (const request of await p.machine.outgoingRequests()) await send(p, request);
}

/** What a /sync gives the machine: to-device messages, key counts, changed device lists. */
async function sync(p: Party): Promise<Record<string, unknown>[]> {
  const events = keys.toDevice(p.userId, p.deviceId, p.since);
  const changed = keys.changedUsers(p.userId, p.since).map((u) => new UserId(u));
  p.since = pos;
  const decrypted = await p.machine.receiveSyncChanges(JSON.stringify(events), new DeviceLists(changed, []), keys.oneTimeKeyCounts(p.userId, p.deviceId), keys.unusedFallbackKeyTypes(p.userId, p.deviceId));
  await flush(p);
  return JSON.parse(decrypted) as Record<string, unknown>[];
}

/** Shares the room key as bot-sdk's RustEngine does, reusing one member list for every call. */
async function shareAndEncrypt(from: Party, to: Party, body: string): Promise<Record<string, unknown>> {
  const members = [new UserId(from.userId), new UserId(to.userId)];
  await from.machine.updateTrackedUsers(members);
  await flush(from);
  const claim = await from.machine.getMissingSessions(members);
  if (claim) await send(from, claim);
  const settings = new EncryptionSettings();
  for (const request of JSON.parse(await from.machine.shareRoomKey(new RoomId(ROOM), members, settings)) as { txn_id: string; event_type: string; messages: unknown }[]) {
    const response = keys.sendToDevice(from.userId, from.deviceId, request.event_type, `${from.deviceId}-${request.txn_id}`, { messages: request.messages });
    await from.machine.markRequestAsSent(request.txn_id, RequestType.ToDevice, JSON.stringify(response));
  }
  const content = JSON.parse(await from.machine.encryptRoomEvent(new RoomId(ROOM), 'm.room.message', JSON.stringify({ msgtype: 'm.text', body }))) as Record<string, unknown>;
  return { type: 'm.room.encrypted', sender: from.userId, event_id: `$${body.length}-${pos}`, origin_server_ts: 1_700_000_000_000, room_id: ROOM, content };
}

async function decryptedBody(p: Party, event: Record<string, unknown>): Promise<string> {
  const decrypted = await p.machine.decryptRoomEvent(JSON.stringify(event), new RoomId(ROOM));
  return String((JSON.parse(decrypted.event) as { content: { body: string } }).content.body);
}

async function pair(): Promise<[Party, Party]> {
  const alice = await party(ALICE, 'ALICEDEVICE', `adapter-test-${Math.random()}`);
  const bob = await party(BOB, 'BOBDEVICE');
  for (const p of [alice, bob]) await flush(p);
  return [alice, bob];
}

describe('the crypto adapter (nodejs binding API over WASM)', () => {
  test('two machines set up Olm and Megolm sessions through the key server and decrypt each other, both ways', async () => {
    const [alice, bob] = await pair();
    expect(keys.hasDeviceKeys(ALICE, 'ALICEDEVICE')).toBe(true);
    expect(keys.oneTimeKeyCounts(BOB, 'BOBDEVICE').signed_curve25519).toBeGreaterThan(0);

    const hello = await shareAndEncrypt(alice, bob, 'Bonjour Bob');
    expect(JSON.stringify(hello)).not.toContain('Bonjour');
    const received = await sync(bob);
    expect(received.map((e) => e.type)).toContain('m.room_key');
    expect(await decryptedBody(bob, hello)).toBe('Bonjour Bob');

    const answer = await shareAndEncrypt(bob, alice, 'Salut Alice');
    await sync(alice);
    expect(await decryptedBody(alice, answer)).toBe('Salut Alice');
  });

  test('a message whose key never came is a DecryptionError with the code MissingRoomKey; the key arriving later decrypts it', async () => {
    const [alice, bob] = await pair();
    const hello = await shareAndEncrypt(alice, bob, 'Bonjour');
    const failure = await bob.machine.decryptRoomEvent(JSON.stringify(hello), new RoomId(ROOM)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DecryptionError);
    expect(failure).toMatchObject({ code: 'MissingRoomKey' });
    await sync(bob);
    expect(await decryptedBody(bob, hello)).toBe('Bonjour');
  });

  test('to-device requests carry txn_id, event_type and messages in their body, as bot-sdk reads them (shareRoomKey, outgoingRequests); requests bot-sdk cannot send are left out', async () => {
    const [alice, bob] = await pair();
    const members = [new UserId(ALICE), new UserId(BOB)];
    await alice.machine.updateTrackedUsers(members);
    await flush(alice);
    const claim = await alice.machine.getMissingSessions(members);
    if (claim) await send(alice, claim);
    const shared = JSON.parse(await alice.machine.shareRoomKey(new RoomId(ROOM), members, new EncryptionSettings())) as Record<string, unknown>[];
    expect(shared).toEqual([{ txn_id: expect.any(String), event_type: 'm.room.encrypted', messages: { [BOB]: { BOBDEVICE: expect.objectContaining({ algorithm: 'm.olm.v1.curve25519-aes-sha2' }) } } }]);
    await flush(alice);
    await sync(bob);
    // The machine lists to-device requests of its own (verification, key requests) among its
    // outgoing ones, and others bot-sdk cannot send: made here as the WASM binding makes them.
    const inner = (alice.machine as unknown as { inner: { outgoingRequests(): Promise<unknown[]> } }).inner;
    const body = JSON.stringify({ messages: { [BOB]: { BOBDEVICE: { hello: 1 } } } });
    inner.outgoingRequests = async () => [new wasm.ToDeviceRequest('req-1', 'm.room_key_request', 'txn-1', body), new wasm.SignatureUploadRequest('req-2', '{}')];
    expect(await alice.machine.outgoingRequests()).toEqual([
      { id: 'req-1', type: RequestType.ToDevice, body: JSON.stringify({ txn_id: 'req-1', event_type: 'm.room_key_request', messages: { [BOB]: { BOBDEVICE: { hello: 1 } } } }) },
    ]);
  });

  test('the rotation period is read in milliseconds, as bot-sdk passes it', () => {
    const settings = new EncryptionSettings();
    expect(settings.rotationPeriod).toBe(604_800_000n);
    settings.rotationPeriod = 3_600_000n;
    const wasmSettings = (settings as unknown as { wasm(): { rotationPeriod: bigint } }).wasm();
    expect(wasmSettings.rotationPeriod).toBe(3_600_000_000n);
  });

  test('sign() gives plain objects with isValid and a signature, as bot-sdk reads them', async () => {
    const [alice] = await pair();
    const signatures = await alice.machine.sign(JSON.stringify({ hello: 'world' }));
    const forAlice = signatures.get(new UserId(ALICE)) ?? {};
    expect(Object.keys(forAlice)).toEqual(['ed25519:ALICEDEVICE']);
    expect(forAlice['ed25519:ALICEDEVICE']).toMatchObject({ isValid: true, signature: { toBase64: expect.any(Function) } });
    expect(forAlice['ed25519:ALICEDEVICE']?.signature?.toBase64()).toMatch(/^[A-Za-z0-9+/]{40,}$/);
  });

  test('cross-signing: bootstrap gives the requests that publish the keys and sign the device', async () => {
    const [alice] = await pair();
    const requests = await alice.machine.bootstrapCrossSigning(true);
    expect(requests.uploadKeysRequest).toBeNull();
    keys.uploadSigningKeys(ALICE, JSON.parse(requests.uploadSigningKeysRequest.body) as Record<string, unknown>);
    const signed = keys.uploadSignatures(ALICE, JSON.parse(requests.uploadSignaturesRequest.body) as Record<string, unknown>);
    if (requests.uploadSignaturesRequest.id) await alice.machine.markRequestAsSent(requests.uploadSignaturesRequest.id, RequestType.SignatureUpload, JSON.stringify(signed));
    expect(keys.isCrossSigned(ALICE, 'ALICEDEVICE')).toBe(true);
    expect(await alice.machine.crossSigningStatus()).toEqual({ hasMaster: true, hasSelfSigning: true, hasUserSigning: true });
  });

  test('reopen keeps the store: the sessions survive, calls made meanwhile wait', async () => {
    const [alice, bob] = await pair();
    await shareAndEncrypt(alice, bob, 'Bonjour');
    await sync(bob);
    const answer = await shareAndEncrypt(bob, alice, 'Une réponse');
    await sync(alice);
    const reopened = alice.machine.reopen();
    const during = decryptedBody(alice, answer);
    await reopened;
    expect(await during).toBe('Une réponse');
    expect(alice.machine.identityKeys.curve25519.toBase64()).toHaveLength(43);
    await alice.machine.whenIdle();
  });

  test('matrix-bot-sdk’s own RustEngine encrypts through the adapter for a second machine', async () => {
    const [alice, bob] = await pair();
    const client = {
      doRequest: async (method: string, path: string, _qs: unknown, body: Record<string, unknown>) => {
        if (path.endsWith('/keys/query')) return keys.query(ALICE, body);
        if (path.endsWith('/keys/claim')) return keys.claim(ALICE, body);
        if (path.endsWith('/keys/upload')) return keys.upload(ALICE, 'ALICEDEVICE', body);
        throw new Error(`${method} ${path}`);
      },
      sendToDevices: async (type: string, messages: unknown) => keys.sendToDevice(ALICE, 'ALICEDEVICE', type, `${Math.random()}`, { messages }),
      getJoinedRoomMembers: async () => [ALICE, BOB],
    };
    const engine = new RustEngine(alice.machine as never, client as never);
    await engine.run();
    await engine.prepareEncrypt(ROOM, { algorithm: 'm.megolm.v1.aes-sha2', rotation_period_ms: 604_800_000, historyVisibility: 'shared' });
    const content = JSON.parse(await alice.machine.encryptRoomEvent(new RoomId(ROOM), 'm.room.message', JSON.stringify({ msgtype: 'm.text', body: 'Par bot-sdk' }))) as Record<string, unknown>;
    await sync(bob);
    expect(await decryptedBody(bob, { type: 'm.room.encrypted', sender: ALICE, event_id: '$1', origin_server_ts: 1, room_id: ROOM, content })).toBe('Par bot-sdk');
  });

  test('attachments are encrypted and decrypted back', () => {
    const data = new TextEncoder().encode('un fichier');
    const encrypted = Attachment.encrypt(data);
    expect(Buffer.from(encrypted.encryptedData).toString()).not.toContain('fichier');
    expect(JSON.parse(encrypted.mediaEncryptionInfo)).toMatchObject({ key: expect.any(Object), iv: expect.any(String), hashes: { sha256: expect.any(String) } });
    expect(new TextDecoder().decode(Attachment.decrypt(encrypted))).toBe('un fichier');
  });

  test('identifiers are checked when made, and can be passed to several calls', async () => {
    expect(() => new UserId('not a user id')).toThrow();
    const [alice] = await pair();
    const members = [new UserId(ALICE), new UserId(BOB)];
    await alice.machine.updateTrackedUsers(members);
    await alice.machine.updateTrackedUsers(members);
    expect(members.map(String)).toEqual([ALICE, BOB]);
  });
});
