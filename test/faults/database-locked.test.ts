import fs from 'node:fs';
import path from 'node:path';
import { FakeHomeserver } from '../channels/matrix/fake-homeserver';
import { MATRIX_TEST_PASSPHRASE } from '../channels/matrix/matrix-harness';
import { describeWithGammu, GammuPhone } from '../channels/sms/gammu-phone';
import { FakeTwilio, postWebhook } from '../channels/sms/fake-twilio';
import { FakeBotApi } from '../channels/telegram/fake-bot-api';
import { TOKEN, freePort } from '../channels/telegram/telegram-harness';
import { tempDir } from '../support/test-app';
import { until } from '../support/until';
import { countIn, holdWriteLock, ParlonsProcess } from './parlons-process';

/**
 * Fault: another program holds the database's write lock (a `sqlite3` shell's BEGIN IMMEDIATE)
 * for five seconds, well past the bot's one-second busy timeout, while a resident writes. On
 * every channel the message is not acknowledged meanwhile (the polling offset, the sync token
 * and the spool file stay; a webhook answers 503), the process says so once, stays up, and once
 * the lock is released the message is answered exactly once.
 */
jest.setTimeout(90_000);

const HOLD_MS = 5_000;
const FIRST_QUESTION = 'Quelle langue';

let dir: { dir: string; cleanup: () => void };
let bot: ParlonsProcess | null = null;
const dbFile = () => path.join(dir.dir, 'parlons.db');
const inbound = (channel: string) => countIn(dbFile(), 'SELECT count(*) FROM inbound_message WHERE channel = ?', channel);

beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await bot?.kill();
  bot = null;
  dir.cleanup();
});

/** Holds the lock while `during` runs, until the message met it, and at least HOLD_MS. */
async function whileLocked(during: () => Promise<void>): Promise<void> {
  const lock = holdWriteLock(dbFile());
  const started = Date.now();
  try {
    await during();
    await bot!.waitFor('database_unavailable', 'where=inbound');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, HOLD_MS - (Date.now() - started))));
  } finally {
    lock.release();
  }
}

/** After the lock: the process is up, the episode was said once at error level, and its end once. */
async function saidOnce(): Promise<void> {
  await bot!.waitFor('database_available');
  const unavailable = bot!.logged('database_unavailable').filter((line) => line.includes('where=inbound'));
  expect(unavailable).toHaveLength(1);
  expect(unavailable[0]).toMatch(/ error database_unavailable problem=locked /);
  expect(bot!.logged('telegram_update_failed').concat(bot!.logged('matrix_event_failed'), bot!.logged('gammu_receive_failed'))).toEqual([]);
}

test('Telegram long polling: the offset does not move past a message the database could not take', async () => {
  const api = await FakeBotApi.start();
  try {
    bot = new ParlonsProcess({ PARLONS_DB: dbFile(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    await bot.waitFor('telegram_started');
    await whileLocked(async () => {
      api.queueText(501, 'bonjour');
      await bot!.waitFor('database_unavailable', 'where=inbound');
      // Still offered by Telegram: not confirmed by a later offset.
      expect(api.unconfirmed).toBe(1);
      expect(api.sentTo(501)).toEqual([]);
    });
    await until('the answer', () => api.sentTo(501).length > 0);
    await saidOnce();
    await until('the update to be confirmed', () => api.unconfirmed === 0);
    expect(api.sentTo(501)).toHaveLength(1);
    expect(api.sentTo(501)[0]).toContain(FIRST_QUESTION);
    expect(inbound('telegram')).toBe(1);
  } finally {
    await bot?.kill();
    await api.stop();
  }
});

test('Telegram webhook: 503 while the database cannot be written, then 200 and one answer when Telegram sends it again', async () => {
  const api = await FakeBotApi.start();
  const port = await freePort();
  const hook = `http://127.0.0.1:${port}/telegram`;
  const secret = 'fault_test_secret';
  const post = async (updateId: number) =>
    (
      await fetch(hook, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify({ update_id: updateId, message: { message_id: updateId, date: 0, text: 'bonjour', chat: { id: 502, type: 'private' }, from: { id: 502, is_bot: false } } }),
      })
    ).status;
  try {
    bot = new ParlonsProcess({ PARLONS_DB: dbFile(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: secret });
    await bot.waitFor('telegram_started');
    const during: number[] = [];
    await whileLocked(async () => {
      during.push(await post(77));
      during.push(await post(77));
    });
    expect(during).toEqual([503, 503]);
    expect(api.sentTo(502)).toEqual([]);
    // Telegram sends it again until it gets a 2xx.
    const after = await until('a 200', async () => ((await post(77)) === 200 ? 200 : undefined));
    expect(after).toBe(200);
    expect(await post(77)).toBe(200);
    await until('the answer', () => api.sentTo(502).length > 0);
    await saidOnce();
    expect(api.sentTo(502)).toHaveLength(1);
    expect(inbound('telegram')).toBe(1);
  } finally {
    await bot?.kill();
    await api.stop();
  }
});

test('Matrix: the sync token is not saved past an invitation and a message the database could not take', async () => {
  const server = await FakeHomeserver.start();
  try {
    bot = new ParlonsProcess({ PARLONS_DB: dbFile(), MATRIX_HOMESERVER_URL: server.url, MATRIX_ACCESS_TOKEN: server.botToken, MATRIX_CRYPTO_PASSPHRASE: MATRIX_TEST_PASSPHRASE, MATRIX_RATE_LIMIT: '0' });
    await bot.waitFor('matrix_started');
    // Idle in its long poll: its first position saved (with encryption, after its keys).
    await until('the first sync to be saved', () => countIn(dbFile(), 'SELECT count(*) FROM matrix_sync') === 1);
    const user = '@lea:fake.test';
    let room = '';
    const fromBot = () => server.messages(room).filter((m) => m.sender === server.botUserId);
    await whileLocked(async () => {
      // Invited, and written to, while nothing can be saved.
      room = server.createRoom(user, { invite: [server.botUserId], isDirect: true });
      await until('the bot to join', () => server.membership(room, server.botUserId) === 'join');
      server.say(room, user, 'bonjour');
      await bot!.waitFor('database_unavailable', 'where=inbound');
      expect(fromBot()).toEqual([]);
    });
    await until('the answer', () => fromBot().length > 0).catch((error: Error) => {
      throw new Error(`${error.message}\n${bot!.lines.join('\n')}`);
    });
    await saidOnce();
    // Several syncs later, still one answer to the first message.
    server.say(room, user, '1');
    await until('the menu', () => fromBot().some((m) => String(m.content.body).includes('Que voulez-vous faire')));
    expect(fromBot().filter((m) => String(m.content.body).includes(FIRST_QUESTION))).toHaveLength(1);
    expect(inbound('matrix')).toBe(2);
  } finally {
    await bot?.kill();
    await server.close();
  }
});

test('Twilio webhook: 503 while the database cannot be written, then one answer', async () => {
  const twilio = await FakeTwilio.start();
  const port = await freePort();
  const publicUrl = 'https://sms.example.org/sms';
  const listen = `http://127.0.0.1:${port}/sms`;
  const form = { MessageSid: 'SM_fault_1', From: '+33612345670', To: '+33549000000', Body: 'bonjour' };
  try {
    bot = new ParlonsProcess({
      PARLONS_DB: dbFile(),
      SMS_PROVIDER: 'twilio',
      SMS_TWILIO_ACCOUNT_SID: 'AC1',
      SMS_TWILIO_AUTH_TOKEN: 'token',
      SMS_TWILIO_API_BASE: twilio.base,
      SMS_TWILIO_WEBHOOK_URL: publicUrl,
      SMS_TWILIO_WEBHOOK_LISTEN: `127.0.0.1:${port}`,
      SMS_SENDER: '+33549000000',
      SMS_RATE_LIMIT: '0',
    });
    await bot.waitFor('sms_started');
    const sent = () => twilio.calls.filter((c) => c.form.To === '+33612345670');
    let during = 0;
    await whileLocked(async () => {
      during = await postWebhook(listen, publicUrl, 'token', form);
    });
    expect(during).toBe(503);
    expect(sent()).toEqual([]);
    expect(await postWebhook(listen, publicUrl, 'token', form)).toBe(200);
    await until('the answer', () => sent().length > 0);
    await saidOnce();
    expect(sent()).toHaveLength(1);
    expect(inbound('sms')).toBe(1);
  } finally {
    await bot?.kill();
    await twilio.stop();
  }
});

describeWithGammu('Gammu SMSD (dummy phone)', () => {
  test('the inbox file stays until its message is committed, then one answer', async () => {
    const phone = await GammuPhone.start(path.join(dir.dir, 'gammu'));
    try {
      bot = new ParlonsProcess({ PARLONS_DB: dbFile(), SMS_PROVIDER: 'gammu', SMS_GAMMU_CONFIG: phone.config, SMS_RATE_LIMIT: '0' });
      await bot.waitFor('sms_started');
      await whileLocked(async () => {
        await phone.text('+33612345671', 'bonjour');
        await bot!.waitFor('database_unavailable', 'where=inbound', 60_000);
        // The message's file is still in the modem's inbox folder.
        expect(fs.readdirSync(phone.inbox).filter((name) => name.startsWith('IN'))).toHaveLength(1);
        expect(phone.sentTo('+33612345671')).toBe('');
      });
      expect(await phone.reply('+33612345671', FIRST_QUESTION)).toContain(FIRST_QUESTION);
      await saidOnce();
      await until('the inbox file to go', () => fs.readdirSync(phone.inbox).filter((name) => name.startsWith('IN')).length === 0);
      expect(inbound('sms')).toBe(1);
    } finally {
      await bot?.kill();
      await phone.stop();
    }
  });
});
