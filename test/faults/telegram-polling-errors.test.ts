import path from 'node:path';
import { botApiError, FakeBotApi } from '../channels/telegram/fake-bot-api';
import { TOKEN } from '../channels/telegram/telegram-harness';
import { tempDir } from '../support/test-app';
import { until } from '../support/until';
import { ParlonsProcess } from './parlons-process';

/**
 * Fault: Telegram refuses a getUpdates. 409 Conflict (another process polls the same token) and
 * 5xx pass: polling goes on with backoff, says why once, and answers what comes next. 401 (a
 * revoked token) cannot pass: the process exits non-zero, so that a supervisor sees it.
 */
jest.setTimeout(60_000);

let dir: { dir: string; cleanup: () => void };
let api: FakeBotApi;
let bot: ParlonsProcess | null = null;

beforeEach(async () => {
  dir = tempDir();
  api = await FakeBotApi.start();
});
afterEach(async () => {
  await bot?.kill();
  bot = null;
  await api.stop();
  dir.cleanup();
});

const start = () => new ParlonsProcess({ PARLONS_DB: path.join(dir.dir, 'parlons.db'), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
const polls = () => api.calls.filter((c) => c.method === 'getUpdates').length;

test('a 409 Conflict is retried, named in the log once, and polling goes on', async () => {
  const conflict = botApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
  api.script('getUpdates', conflict, conflict, conflict);
  bot = start();
  const line = await bot.waitFor('telegram_polling_conflict');
  expect(line).toContain(' error ');
  expect(line).toContain('another process polls this bot token');
  api.queueText(801, 'bonjour');
  await until('the answer after the conflicts', () => api.sentTo(801).length > 0, 30_000);
  expect(api.sentTo(801)[0]).toContain('Quelle langue');
  expect(bot.logged('telegram_polling_conflict')).toHaveLength(1);
  expect(bot.logged('telegram_polling_resumed')).toHaveLength(1);
  expect(bot.logged('telegram_polling_stopped')).toEqual([]);
  // Still running, still polling.
  const before = polls();
  await until('more polls', () => polls() > before);
});

test('a 500 from Telegram is retried too', async () => {
  api.script('getUpdates', botApiError(500, 'Internal Server Error'), botApiError(502, 'Bad Gateway'));
  bot = start();
  await bot.waitFor('telegram_polling_failed');
  api.queueText(802, 'bonjour');
  await until('the answer', () => api.sentTo(802).length > 0, 30_000);
});

test('a revoked token (401) stops the process with a non-zero exit code and says why', async () => {
  bot = start();
  await bot.waitFor('telegram_started');
  api.script('getUpdates', botApiError(401, 'Unauthorized'));
  const exit = await bot.exited;
  expect(exit.code).toBe(1);
  const output = bot.lines.join('\n');
  expect(output).toContain('channel_stopped');
  expect(output).toContain('TELEGRAM_BOT_TOKEN');
  expect(output).not.toContain('    at ');
});
