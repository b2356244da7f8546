import path from 'node:path';
import { TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import { splitText } from '../../../src/channels/telegram/telegram-format';
import { startTestApp, tempDir } from '../../support/test-app';
import { silentLogger } from '../../../src/lib/logger';
import { FakeBotApi, botApiError, type ScriptedAnswer } from './fake-bot-api';
import { TOKEN, freePort } from './telegram-harness';

let api: FakeBotApi;
let channel: TelegramChannel;

beforeEach(async () => {
  api = await FakeBotApi.start();
  channel = new TelegramChannel({ token: TOKEN, apiRoot: api.apiRoot, logger: silentLogger });
});
afterEach(() => api.stop());

describe('Telegram send errors are classified', () => {
  const cases: readonly [string, ScriptedAnswer, object][] = [
    ['429 waits retry_after', botApiError(429, 'Too Many Requests: retry after 7', 7), { status: 'retry', retryAfterMs: 7_000 }],
    ['403 blocked: unreachable, never retried', botApiError(403, 'Forbidden: bot was blocked by the user'), { status: 'failed', unreachable: true }],
    ['400 is a permanent failure with its reason', botApiError(400, 'Bad Request: chat not found'), { status: 'failed', reason: 'telegram_400: Bad Request: chat not found' }],
    ['500 is retried', botApiError(500, 'Internal Server Error'), { status: 'retry' }],
    ['502 is retried', botApiError(502, 'Bad Gateway'), { status: 'retry' }],
  ];

  test.each(cases)('%s', async (_name, answer, expected) => {
    api.script('sendMessage', answer);
    const result = await channel.send('42', { text: 'Bonjour' });
    expect(result).toMatchObject(expected);
  });

  test('a network failure is retried', async () => {
    const closed = new TelegramChannel({ token: TOKEN, apiRoot: `http://127.0.0.1:${await freePort()}`, logger: silentLogger });
    expect(await closed.send('42', { text: 'Bonjour' })).toMatchObject({ status: 'retry', reason: expect.stringContaining('network') });
  });
});

describe('Telegram sending', () => {
  test('text is sent as escaped HTML, choices as an inline keyboard', async () => {
    const result = await channel.send('42', { text: 'Prénom : <b>Zoé</b> & co', buttons: [{ id: 'yes', label: 'Oui' }] });
    expect(result).toEqual({ status: 'sent', providerId: '1' });
    expect(api.calls.at(-1)).toEqual({
      method: 'sendMessage',
      body: expect.objectContaining({
        chat_id: '42',
        text: 'Prénom : &lt;b&gt;Zoé&lt;/b&gt; &amp; co',
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Oui', callback_data: 'yes' }]] },
      }),
    });
  });

  test('a text longer than Telegram allows is split at paragraphs, buttons on the last part', async () => {
    const paragraph = 'Une phrase assez longue pour remplir le message. '.repeat(40).trim();
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    expect(text.length).toBeGreaterThan(4096);
    await channel.send('42', { text, buttons: [{ id: 'ok', label: 'OK' }] });
    const sends = api.calls.filter((c) => c.method === 'sendMessage');
    expect(sends.length).toBeGreaterThan(1);
    for (const call of sends) expect(String(call.body.text).length).toBeLessThanOrEqual(4096);
    expect(sends.map((c) => c.body.text).join('\n\n')).toBe(text);
    expect(sends.slice(0, -1).every((c) => c.body.reply_markup === undefined)).toBe(true);
    expect(sends.at(-1)?.body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] });
  });
});

describe('Telegram errors through the outbox', () => {
  test('429 waits retry_after, 5xx retries, 403 marks the contact unreachable and stops sending', async () => {
    const dir = tempDir();
    const bot = startTestApp(path.join(dir.dir, 'parlons.db'));
    try {
      const dispatcher = bot.app.dispatcher([channel]);
      bot.app.conversations.handle({ channel: 'telegram', address: '42', externalId: '1', text: '/start' });
      const contact = bot.app.store.contacts.find('telegram', '42')!;
      const row = () => bot.app.store.outbox.forContact(contact.id)[0]!;

      api.script('sendMessage', botApiError(429, 'Too Many Requests: retry after 7', 7), botApiError(503, 'Service Unavailable'));
      await dispatcher.dispatchDue();
      expect(row()).toMatchObject({ status: 'queued', attempts: 1 });
      expect(Date.parse(row().notBefore) - bot.clock.now().getTime()).toBe(7_000);
      bot.clock.advance(7_000);
      await dispatcher.dispatchDue();
      expect(row()).toMatchObject({ status: 'queued', attempts: 2, error: 'telegram_503: Service Unavailable' });
      bot.clock.advance(60_000);
      await dispatcher.dispatchDue();
      expect(row()).toMatchObject({ status: 'sent', attempts: 3 });

      api.script('sendMessage', botApiError(403, 'Forbidden: bot was blocked by the user'));
      bot.app.conversations.handle({ channel: 'telegram', address: '42', externalId: '2', text: '1' });
      await dispatcher.dispatchDue();
      expect(bot.app.store.contacts.findById(contact.id)?.unreachableAt).not.toBeNull();
      const sendsBefore = api.calls.filter((c) => c.method === 'sendMessage').length;
      bot.app.store.outbox.enqueue({ contactId: contact.id, channel: 'telegram', kind: 'bulk', message: { parts: [{ key: 'help:text' }] }, notBefore: bot.clock.now() }, bot.clock.now());
      await dispatcher.dispatchDue();
      expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(sendsBefore);
    } finally {
      bot.close();
      dir.cleanup();
    }
  });
});

describe('a message sent in parts, and edits', () => {
  const paragraph = 'Une phrase assez longue pour remplir le message. '.repeat(40).trim();
  const long = [paragraph, paragraph, paragraph].join('\n\n');

  test('a failure after the first part sent is retried from the first part not sent, never resending the others', async () => {
    api.script('sendMessage', { status: 200, body: { ok: true, result: { message_id: 90, date: 0, chat: { id: 42, type: 'private' }, text: 'x' } } }, botApiError(502, 'Bad Gateway'));
    const first = await channel.send('42', { text: long });
    expect(first).toMatchObject({ status: 'retry', partsSent: 1 });
    const sentBefore = api.calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.body.text));
    const second = await channel.send('42', { text: long }, { partsSent: 1 });
    expect(second).toMatchObject({ status: 'sent' });
    const sent = api.calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.body.text));
    // Part 1 went once; the retry began at part 2.
    expect(sent.slice(sentBefore.length)[0]).toBe(sentBefore[1]);
    expect(sent.filter((t) => t === sentBefore[0])).toHaveLength(1);
  });

  test('through the outbox: the parts sent are recorded, and the next attempt resumes there', async () => {
    const dir = tempDir();
    const bot = startTestApp(path.join(dir.dir, 'parlons.db'));
    try {
      const dispatcher = bot.app.dispatcher([channel]);
      bot.app.conversations.handle({ channel: 'telegram', address: '42', externalId: '1', text: '/start' });
      const contact = bot.app.store.contacts.find('telegram', '42')!;
      await dispatcher.dispatchDue();
      const id = bot.app.store.outbox.enqueue({ contactId: contact.id, channel: 'telegram', kind: 'bulk', message: { parts: [{ literal: long }] }, notBefore: bot.clock.now() }, bot.clock.now());
      api.script('sendMessage', { status: 200, body: { ok: true, result: { message_id: 91, date: 0, chat: { id: 42, type: 'private' }, text: 'x' } } }, botApiError(500, 'Internal Server Error'));
      await dispatcher.dispatchDue();
      const row = () => bot.app.store.outbox.forContact(contact.id).find((r) => r.id === id)!;
      expect(row()).toMatchObject({ status: 'queued', partsSent: 1 });
      const before = api.calls.filter((c) => c.method === 'sendMessage').length;
      bot.clock.advance(60_000);
      await dispatcher.dispatchDue();
      expect(row()).toMatchObject({ status: 'sent' });
      // One part before the failure, the rest after.
      expect(splitText(long).length).toBeGreaterThan(1);
      expect(api.calls.filter((c) => c.method === 'sendMessage').length - before).toBe(splitText(long).length - 1);
    } finally {
      bot.close();
      dir.cleanup();
    }
  });

  test('a question shown answered is an edit of the pressed message, without its buttons', async () => {
    const result = await channel.send('42', { text: 'Quel âge avez-vous ?', replaces: { messageId: '17', answered: '25 à 34 ans' } });
    expect(result).toEqual({ status: 'sent', providerId: '17' });
    expect(api.calls.at(-1)).toEqual({
      method: 'editMessageText',
      body: expect.objectContaining({ chat_id: '42', message_id: 17, text: 'Quel âge avez-vous ?\n\n✅ <b>25 à 34 ans</b>', reply_markup: { inline_keyboard: [] } }),
    });
  });

  test('an edit Telegram refuses (the message is too old) is not retried', async () => {
    api.script('editMessageText', botApiError(400, "Bad Request: message can't be edited"));
    expect(await channel.send('42', { text: 'Q', replaces: { messageId: '3', answered: 'Oui' } })).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^edit_refused/) });
  });
});
