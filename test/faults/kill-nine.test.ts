import { seededRandom } from '../../src/lib/seeded-random';
import { TOKEN, freePort } from '../channels/telegram/telegram-harness';
import { until } from '../support/until';
import { eachFaultScene, queueNotice } from './fault-scene';
import { countIn, type ParlonsProcess } from './parlons-process';

/**
 * Fault: `kill -9` at random (seeded) moments, during a broadcast and during a burst of inbound
 * messages, each time followed by a restart. Nothing is lost: everyone gets the notice, every
 * message is answered. Duplicates happen only among the messages in flight at a kill (claimed,
 * perhaps sent, not yet recorded), and are counted.
 */
jest.setTimeout(240_000);

const SEED = Number(process.env.KILL_SEED ?? 9);
const random = seededRandom(SEED);

const scene = eachFaultScene();
const dbFile = () => scene.dbFile;

/** How many times each chat received a message. */
function perChat(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of scene.api.calls.filter((c) => c.method === 'sendMessage')) counts.set(String(call.body.chat_id), (counts.get(String(call.body.chat_id)) ?? 0) + 1);
  return counts;
}

const sentCount = () => scene.api.calls.filter((c) => c.method === 'sendMessage').length;
const inFlight = () => countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status = 'sending'");

let bot: ParlonsProcess;

test('kill -9 three times during a 2,000-person broadcast: nobody is missed, duplicates only among rows in flight', async () => {
  const people = 2_000;
  const env = { PARLONS_DB: dbFile(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: scene.api.apiRoot, TELEGRAM_RATE_LIMIT: '0', TELEGRAM_CHAT_RATE_LIMIT: '0' };
  queueNotice(env, people, 200_000, 'Séance samedi à 10 h.');

  const kills: { at: number; inFlight: number }[] = [];
  // Three kill points, increasing, between 10% and 90% of the way.
  const points = [random(), random(), random()].map((r) => Math.floor(people * (0.1 + 0.8 * r))).sort((a, b) => a - b);
  for (const point of points) {
    bot = scene.run(env);
    await until(`${point} messages sent`, () => sentCount() >= point || countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0, 120_000);
    await bot.kill();
    kills.push({ at: sentCount(), inFlight: inFlight() });
  }
  bot = scene.run(env);
  await until('the broadcast to end', () => countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0, 120_000);
  await bot.stop();

  const counts = perChat();
  const missing = Array.from({ length: people }, (_, i) => String(200_000 + i)).filter((chat) => !counts.has(chat));
  const duplicates = sentCount() - counts.size;
  const allowed = kills.reduce((sum, k) => sum + k.inFlight, 0);
  console.log(`kill -9 during a broadcast (seed ${SEED}): ${people} people, killed at ${kills.map((k) => `${k.at} sent (${k.inFlight} in flight)`).join(', ')}; 0 allowed lost, ${missing.length} missing, ${duplicates} duplicate(s), at most ${allowed} allowed`);
  expect(missing).toEqual([]);
  expect(countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status <> 'sent'")).toBe(0);
  expect(duplicates).toBeLessThanOrEqual(allowed);
});

test('kill -9 during a burst of 300 inbound webhook messages: every message is answered, duplicates only among replies in flight', async () => {
  const residents = 300;
  const port = await freePort();
  const hook = `http://127.0.0.1:${port}/telegram`;
  const secret = 'kill_nine_secret';
  const env = { PARLONS_DB: dbFile(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: scene.api.apiRoot, TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_RATE_LIMIT: '0', TELEGRAM_CHAT_RATE_LIMIT: '0' };
  const chat = (i: number) => 300_000 + i;
  /** Posts resident i's "bonjour"; true once Telegram would consider it delivered (a 2xx). */
  const post = async (i: number): Promise<boolean> => {
    try {
      const body = JSON.stringify({ update_id: i + 1, message: { message_id: i + 1, date: 0, text: 'bonjour', chat: { id: chat(i), type: 'private' }, from: { id: chat(i), is_bot: false } } });
      const response = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body });
      return response.ok;
    } catch {
      return false;
    }
  };

  bot = scene.run(env);
  await bot.waitFor('telegram_started');
  const acknowledged = new Set<number>();
  const killAfter = Math.floor(residents * (0.2 + 0.6 * random()));
  // The burst: everyone at once, in waves of 20 connections; the kill lands in the middle of it.
  const burst = (async () => {
    for (let start = 0; start < residents; start += 20) {
      const wave = Array.from({ length: Math.min(20, residents - start) }, (_, k) => start + k);
      const results = await Promise.all(wave.map(post));
      wave.forEach((i, k) => results[k] && acknowledged.add(i));
    }
  })();
  await until(`${killAfter} messages acknowledged`, () => acknowledged.size >= killAfter, 120_000);
  await bot.kill();
  const atKill = { acknowledged: acknowledged.size, inFlight: inFlight() };
  await burst;

  bot = scene.run(env);
  await bot.waitFor('telegram_started');
  // Telegram sends again whatever did not get a 2xx.
  for (let round = 0; acknowledged.size < residents && round < 50; round++) {
    const missing = Array.from({ length: residents }, (_, i) => i).filter((i) => !acknowledged.has(i));
    const results = await Promise.all(missing.map(post));
    missing.forEach((i, k) => results[k] && acknowledged.add(i));
  }
  expect(acknowledged.size).toBe(residents);
  await until('every resident answered', () => perChat().size === residents, 120_000);
  await until('nothing left to send', () => countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0, 60_000);

  const counts = perChat();
  const unanswered = Array.from({ length: residents }, (_, i) => String(chat(i))).filter((c) => !counts.has(c));
  const duplicates = sentCount() - counts.size;
  console.log(`kill -9 during an inbound burst (seed ${SEED}): ${residents} messages, killed after ${atKill.acknowledged} acknowledged with ${atKill.inFlight} replies in flight; ${unanswered.length} lost, ${duplicates} duplicate(s)`);
  expect(unanswered).toEqual([]);
  expect(countIn(dbFile(), "SELECT count(*) FROM inbound_message WHERE channel = 'telegram'")).toBe(residents);
  expect(duplicates).toBeLessThanOrEqual(atKill.inFlight);
});
