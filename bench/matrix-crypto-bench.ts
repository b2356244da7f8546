/**
 * Matrix end-to-end encryption benchmark: what encryption adds to each message the bot sends and
 * receives, and how big the bot's crypto state grows per resident. The bot's MatrixE2ee (bot-sdk
 * over the WASM engine, its state sealed in a real SQLite file) talks over HTTP to the tests'
 * fake homeserver on 127.0.0.1; residents are WASM machines with their own devices.
 *
 *   npm run bench                                   # after the other benchmarks
 *   node dist/bench/matrix-crypto-bench.js --residents 100 --messages 5
 *
 * Per message: `encrypt` (the room key already shared), `persist` (the sealed state saved before
 * the message may go), `decrypt`; `first` is the first message to a new device (key claim, Olm
 * session, room key shared); `plain send` is the PUT alone (to a room without encryption), for
 * scale. Exits 1 if a message is not read back, or one went in clear to an encrypted room.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { LogService, MatrixClient } from 'matrix-bot-sdk';
import { databaseCryptoStore } from '../src/channels/matrix/e2ee/bot-sdk-crypto-store';
import { MatrixE2ee } from '../src/channels/matrix/e2ee/matrix-e2ee';
import { textContent } from '../src/channels/matrix/matrix-format';
import { matrixRequest } from '../src/channels/matrix/matrix-http';
import type { MatrixEvent, SyncResponse } from '../src/channels/matrix/matrix-sync';
import { systemClock } from '../src/lib/clock';
import { silentLogger } from '../src/lib/logger';
import { EncryptedResident } from '../test/channels/matrix/encrypted-resident';
import { FakeHomeserver } from '../test/channels/matrix/fake-homeserver';
import { RssPeak, withTemporaryApp } from './bench-support';
import { summariseNs, type LatencySummary } from './latency';

/** Times `work`, adding the nanoseconds to `samples`. */
async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push((performance.now() - started) * 1e6);
  return result;
}

function summary(samples: readonly number[]): LatencySummary {
  return summariseNs(Float64Array.from(samples));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { residents: { type: 'string', default: '100' }, messages: { type: 'string', default: '5' } } });
  const residents = Number(values.residents);
  const messages = Number(values.messages);
  const rss = new RssPeak();
  const server = await FakeHomeserver.start();
  const problems: string[] = [];
  try {
    const quiet = () => undefined;
    LogService.setLogger({ info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet });
    const result = await withTemporaryApp(async (app) => {
      const storage = app.store.matrixCrypto;
      // The plain sends, for scale, go to a room without encryption.
      const clearRoom = server.createRoom('@someone:fake.test', { invite: [server.botUserId] });
      server.join(clearRoom, server.botUserId);
      const client = new MatrixClient(server.url, server.botToken, undefined, databaseCryptoStore(storage));
      const e2ee = await MatrixE2ee.start(client, { storage, passphrase: 'a passphrase for the benchmark', accountPassword: null, logger: silentLogger, clock: systemClock });
      const alone = storage.cryptoStateSize();
      let since = '';
      const botSync = async () => {
        const sync = (await matrixRequest(server.url, server.botToken, { method: 'GET', path: '/_matrix/client/v3/sync', query: { ...(since ? { since } : {}), timeout: '0' } })) as SyncResponse;
        since = sync.next_batch;
        await e2ee.receiveSync(sync);
        await e2ee.persist(since);
        return sync;
      };
      const send = (roomId: string, type: string, content: unknown) =>
        matrixRequest(server.url, server.botToken, { method: 'PUT', path: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${type}/${Math.random()}`, body: content });
      const samples = { first: [] as number[], encrypt: [] as number[], persist: [] as number[], decrypt: [] as number[], plain: [] as number[] };

      const people: EncryptedResident[] = [];
      for (let i = 0; i < residents; i++) {
        const resident = await EncryptedResident.create(server, `resident${i}`);
        resident.roomId = server.createRoom(resident.userId, { invite: [server.botUserId], isDirect: true, encrypted: true });
        server.join(resident.roomId, server.botUserId);
        storage.saveRoomEncryption(resident.roomId, { algorithm: 'm.megolm.v1.aes-sha2', rotationPeriodMs: null, rotationPeriodMsgs: null, historyVisibility: null });
        people.push(resident);
      }
      await botSync();
      rss.sample();

      // The bot writes first to each resident: a new device, a new room key.
      for (const resident of people) {
        const content = await timed(samples.first, () => e2ee.encrypt(resident.roomId, { ...textContent('Bonjour !') }));
        await send(resident.roomId, 'm.room.encrypted', content);
      }
      rss.sample();
      // Conversations: each resident writes, the bot reads and answers, `messages` times.
      for (let round = 0; round < messages; round++) {
        const written = new Map<string, string>();
        for (const resident of people) written.set(await resident.write(`Réponse ${round}`), resident.roomId);
        const sync = await botSync();
        for (const [roomId, room] of Object.entries(sync.rooms?.join ?? {})) {
          for (const event of room.timeline?.events ?? []) {
            if (event.type !== 'm.room.encrypted' || event.sender === server.botUserId) continue;
            const read = await timed(samples.decrypt, () => e2ee.decrypt(roomId, event as MatrixEvent));
            if (!read.ok || read.event.content.body !== `Réponse ${round}`) problems.push(`not read back in ${roomId}`);
          }
        }
        for (const resident of people) {
          const plain = { ...textContent(`Question ${round + 1} : que pensez-vous de la navette entre les quartiers ?`) };
          const content = await timed(samples.encrypt, () => client.crypto.encryptRoomEvent(resident.roomId, 'm.room.message', plain));
          await timed(samples.persist, () => e2ee.persist(null));
          await send(resident.roomId, 'm.room.encrypted', content);
          await timed(samples.plain, () => send(clearRoom, 'm.room.message', plain));
        }
        rss.sample();
      }
      for (const resident of people.slice(0, 3)) {
        const read = await resident.botMessages();
        if (read.some((m) => m === null)) problems.push(`${resident.userId} could not read a message of the bot`);
      }
      if (server.clearTextInEncryptedRooms.length > 0) problems.push('a message went in clear to an encrypted room');
      const state = storage.cryptoStateSize();
      await e2ee.stop();
      return {
        node: process.version,
        residents,
        messagesPerResident: messages,
        firstMessage: summary(samples.first),
        encrypt: summary(samples.encrypt),
        persist: summary(samples.persist),
        decrypt: summary(samples.decrypt),
        plainSend: summary(samples.plain),
        stateRecords: state.records,
        stateBytes: state.bytes,
        bytesPerResident: (state.bytes - alone.bytes) / residents,
        recordsPerResident: (state.records - alone.records) / residents,
        rssPeakBytes: rss.bytes,
      };
    });
    const ms = (s: LatencySummary) => `p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms, mean ${s.meanMs.toFixed(2)} ms`;
    const added = result.encrypt.meanMs + result.persist.meanMs;
    process.stdout.write(
      [
        'Parlons Matrix encryption benchmark',
        `  ${residents} residents in encrypted direct chats, ${messages} messages each way per resident (fake homeserver on loopback)`,
        `  send: encrypt        ${ms(result.encrypt)} (room key already shared)`,
        `  send: save state     ${ms(result.persist)} (sealed records, before the message goes)`,
        `  send: first message  ${ms(result.firstMessage)} (key claim, Olm session, room key to the device)`,
        `  receive: decrypt     ${ms(result.decrypt)}`,
        `  plain send (PUT)     ${ms(result.plainSend)}, for scale`,
        `  added per message    ${added.toFixed(2)} ms to send, ${result.decrypt.meanMs.toFixed(2)} ms to receive (means)`,
        `  crypto state         ${result.stateRecords} records, ${(result.stateBytes / 1024).toFixed(0)} KiB; per resident ${(result.bytesPerResident / 1024).toFixed(1)} KiB in ${result.recordsPerResident.toFixed(1)} records`,
        `  RSS peak             ${(result.rssPeakBytes / 1024 / 1024).toFixed(1)} MiB`,
        `BENCH_JSON ${JSON.stringify(result)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.close();
  }
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('; '));
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
