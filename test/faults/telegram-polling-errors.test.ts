import { botApiError } from '../channels/telegram/fake-bot-api';
import { TOKEN } from '../channels/telegram/telegram-harness';
import { until } from '../support/until';
import { eachFaultScene } from './fault-scene';

/**
 * Fault: Telegram refuses a getUpdates. 409 Conflict (another process polls the same token) and
 * 5xx pass: polling goes on with backoff, says why once, and answers what comes next. 401 (a
 * revoked token) cannot pass: the process exits non-zero, so that a supervisor sees it.
 */
jest.setTimeout(60_000);

const scene = eachFaultScene();
const start = () => scene.run({ PARLONS_DB: scene.dbFile, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: scene.api.apiRoot });
const polls = () => scene.api.calls.filter((c) => c.method === 'getUpdates').length;

test('a 409 Conflict is retried, named in the log once, and polling goes on', async () => {
  const conflict = botApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
  scene.api.script('getUpdates', conflict, conflict, conflict);
  const bot = start();
  const line = await bot.waitFor('telegram_polling_conflict');
  expect(line).toContain(' error ');
  expect(line).toContain('another process polls this bot token');
  scene.api.queueText(801, 'bonjour');
  await until('the answer after the conflicts', () => scene.api.sentTo(801).length > 0, 30_000);
  expect(scene.api.sentTo(801)[0]).toContain('Quelle langue');
  expect(bot.logged('telegram_polling_conflict')).toHaveLength(1);
  expect(bot.logged('telegram_polling_resumed')).toHaveLength(1);
  expect(bot.logged('telegram_polling_stopped')).toEqual([]);
  // Still running, still polling.
  const before = polls();
  await until('more polls', () => polls() > before);
});

test('a 500 from Telegram is retried too', async () => {
  scene.api.script('getUpdates', botApiError(500, 'Internal Server Error'), botApiError(502, 'Bad Gateway'));
  const bot = start();
  await bot.waitFor('telegram_polling_failed');
  scene.api.queueText(802, 'bonjour');
  await until('the answer', () => scene.api.sentTo(802).length > 0, 30_000);
});

test('a revoked token (401) stops the process with a non-zero exit code and says why', async () => {
  const bot = start();
  await bot.waitFor('telegram_started');
  scene.api.script('getUpdates', botApiError(401, 'Unauthorized'));
  const exit = await bot.exited;
  expect(exit.code).toBe(1);
  const output = bot.lines.join('\n');
  expect(output).toContain('channel_stopped');
  expect(output).toContain('TELEGRAM_BOT_TOKEN');
  expect(output).not.toContain('    at ');
});
