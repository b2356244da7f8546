import { tempDir } from '../../support/test-app';
import { TelegramHarness, freePort } from './telegram-harness';

jest.setTimeout(30_000);

let dir: { dir: string; cleanup: () => void };
let tg: TelegramHarness;
let hook: string;
const SECRET = 'Parlons_webhook-secret_42';

/** A private text message update, as Telegram posts it. */
function update(updateId: number, text: string): string {
  return JSON.stringify({
    update_id: updateId,
    message: { message_id: updateId, date: 1_790_000_000, text, chat: { id: 6001, type: 'private', first_name: 'Camille' }, from: { id: 6001, is_bot: false, first_name: 'Camille' } },
  });
}

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(hook, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

beforeEach(async () => {
  dir = tempDir();
  tg = await TelegramHarness.create(dir.dir);
  const port = await freePort();
  hook = `http://127.0.0.1:${port}/telegram/hook`;
  await tg.startBot({ TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: SECRET });
});
afterEach(async () => {
  await tg.close();
  dir.cleanup();
});

describe('Telegram webhook', () => {
  test('accepts only requests carrying the secret it registered', async () => {
    expect((await post(update(1, '/start'))).status).toBe(403);
    expect((await post(update(2, '/start'), { 'x-telegram-bot-api-secret-token': 'guessed' })).status).toBe(403);
    const db = tg.app!.store.db;
    expect(db.prepare('SELECT count(*) AS n FROM inbound_message').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM person').get()).toEqual({ n: 0 });

    expect((await post(update(3, '/start'), { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(200);
    await tg.settle();
    expect(tg.botMessages(6001).map((m) => m.text).join('\n')).toContain('Quelle langue préférez-vous ?');
  });

  test('the same update posted twice is processed once', async () => {
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };
    await post(update(10, '/start'), headers);
    await post(update(10, '/start'), headers);
    await tg.settle();
    expect(tg.botMessages(6001)).toHaveLength(1);
  });

  test('a wrong path or an oversized body is refused', async () => {
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };
    expect((await fetch(hook.replace('/hook', '/other'), { method: 'POST', body: update(20, 'x'), headers })).status).toBe(404);
    expect((await post('x'.repeat(2 * 1024 * 1024), headers)).status).toBe(413);
  });
});
