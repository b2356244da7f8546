import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { twilioSignature } from '../../src/channels/sms/twilio/twilio-signature';
import { FakeTwilio, postWebhook } from '../channels/sms/fake-twilio';
import { FakeBotApi } from '../channels/telegram/fake-bot-api';
import { TOKEN, freePort } from '../channels/telegram/telegram-harness';
import { tempDir } from '../support/test-app';
import { until } from '../support/until';
import { ParlonsProcess } from './parlons-process';

/**
 * Fault: visitors post what they like to the webhooks of a running `parlons start` (Telegram and
 * Twilio at once). Every hostile request gets a 4xx, nothing of it is kept, the process's memory
 * does not follow a huge body, and the bot still answers a real message afterwards.
 */
jest.setTimeout(120_000);

const SECRET = 'hostile_test_secret';
const AUTH_TOKEN = 'twilio-auth-token';
const PUBLIC_URL = 'https://sms.example.org/sms';

let dir: { dir: string; cleanup: () => void };
let api: FakeBotApi;
let twilio: FakeTwilio;
let bot: ParlonsProcess;
let telegramHook: string;
let smsPort: number;

beforeAll(async () => {
  dir = tempDir();
  api = await FakeBotApi.start();
  twilio = await FakeTwilio.start();
  const tgPort = await freePort();
  smsPort = await freePort();
  telegramHook = `http://127.0.0.1:${tgPort}/telegram`;
  bot = new ParlonsProcess({
    PARLONS_DB: path.join(dir.dir, 'parlons.db'),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_URL: telegramHook,
    TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${tgPort}`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    SMS_PROVIDER: 'twilio',
    SMS_TWILIO_ACCOUNT_SID: 'AC1',
    SMS_TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    SMS_TWILIO_API_BASE: twilio.base,
    SMS_TWILIO_WEBHOOK_URL: PUBLIC_URL,
    SMS_TWILIO_WEBHOOK_LISTEN: `127.0.0.1:${smsPort}`,
    SMS_SENDER: '+33549000000',
    SMS_RATE_LIMIT: '0',
  });
  await bot.waitFor('sms_started');
});
afterAll(async () => {
  await bot.kill();
  await api.stop();
  await twilio.stop();
  dir.cleanup();
});

async function postTelegram(body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }, url = telegramHook): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  return response.status;
}

/** A raw request, path and all as given (fetch would normalise `//other.example.org/sms`). */
function rawRequest(port: number, requestPath: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: requestPath, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * Streams `megabytes` of body in chunked encoding (no Content-Length), over a bare socket so that
 * the answer is read even while the server refuses the rest; resolves with the status it
 * answered and how much was sent before the connection was cut.
 */
function chunkedFlood(port: number, requestPath: string, headers: Record<string, string>, megabytes: number): Promise<{ status: number; sentMb: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunk = Buffer.concat([Buffer.from(`${(1024 * 1024).toString(16)}\r\n`), Buffer.alloc(1024 * 1024, 0x7b), Buffer.from('\r\n')]);
    let sent = 0;
    let received = '';
    socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), sentMb: sent }));
    const head = Object.entries({ host: `127.0.0.1:${port}`, 'transfer-encoding': 'chunked', 'content-type': 'application/json', ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`POST ${requestPath} HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`);
    const pump = () => {
      while (sent < megabytes && !socket.destroyed) {
        sent++;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.end('0\r\n\r\n');
    };
    pump();
  });
}

function residentMemoryMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describe('Telegram webhook', () => {
  test.each([
    ['null', 'null'],
    ['an array', '[{"update_id": 1}]'],
    ['a string', '"update"'],
    ['a number', '42'],
    ['an empty object', '{}'],
    ['an update_id that is not a number', '{"update_id": "1"}'],
    ['a message that is null', '{"update_id": 1, "message": null}'],
    ['a message without its chat', '{"update_id": 2, "message": {"message_id": 1, "text": "bonjour"}}'],
    ['a keyboard that is not a list', '{"update_id": 3, "callback_query": {"id": "c", "from": {}, "data": "x", "message": {"message_id": 1, "chat": {"id": 1, "type": "private"}, "reply_markup": {"inline_keyboard": "x"}}}}'],
    ['broken JSON', '{"update_id": 4, "message": '],
    ['JSON nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('%s gets 400, and nothing is kept', async (_name, body) => {
    expect(await postTelegram(body)).toBe(400);
  });

  test('without the secret: 403; another path: 404; another method: 405', async () => {
    const update = '{"update_id": 10, "message": {"message_id": 1, "date": 0, "text": "x", "chat": {"id": 1, "type": "private"}}}';
    expect(await postTelegram(update, {})).toBe(403);
    expect(await postTelegram(update, { 'x-telegram-bot-api-secret-token': 'guess' })).toBe(403);
    expect(await postTelegram(update, undefined, telegramHook.replace('/telegram', '/other'))).toBe(404);
    expect((await fetch(telegramHook)).status).toBe(405);
  });

  test('a 200 MB body sent without Content-Length is refused once it passes 1 MB; memory does not follow', async () => {
    const before = residentMemoryMb(bot.pid);
    const port = Number(new URL(telegramHook).port);
    const flood = await chunkedFlood(port, '/telegram', { 'x-telegram-bot-api-secret-token': SECRET }, 200);
    expect(flood.status).toBe(413);
    // The connection was cut long before the 200 MB went.
    expect(flood.sentMb).toBeLessThan(200);
    expect(residentMemoryMb(bot.pid) - before).toBeLessThan(50);
  });
});

describe('Twilio webhook', () => {
  const form = { MessageSid: 'SM_hostile_1', From: '+33612345699', To: '+33549000000', Body: 'bonjour' };

  test('a request line naming another host, signed for that host, is refused', async () => {
    const params = new URLSearchParams(form);
    const forOther = twilioSignature(AUTH_TOKEN, 'https://other.example.org/sms', params);
    expect(await rawRequest(smsPort, '//other.example.org/sms', { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': forOther }, params.toString())).toBe(404);
    // On the right path, a signature made for another URL is no signature.
    expect(await rawRequest(smsPort, '/sms', { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': forOther }, params.toString())).toBe(403);
  });

  test('a 200 MB body sent without Content-Length is refused once it passes 64 kB', async () => {
    const flood = await chunkedFlood(smsPort, '/sms', {}, 200);
    expect(flood.status).toBe(413);
    expect(flood.sentMb).toBeLessThan(200);
  });

  test('nothing of the hostile requests was kept, and a real SMS is still answered', async () => {
    expect(await postWebhook(`http://127.0.0.1:${smsPort}/sms`, PUBLIC_URL, AUTH_TOKEN, form)).toBe(200);
    await until('the answer', () => twilio.calls.some((c) => c.form.To === form.From));
  });
});

test('the process is still up, and still answers on Telegram', async () => {
  expect(await postTelegram('{"update_id": 99, "message": {"message_id": 9, "date": 0, "text": "bonjour", "chat": {"id": 4242, "type": "private"}, "from": {"id": 4242, "is_bot": false}}}')).toBe(200);
  await until('the answer', () => api.sentTo(4242).length > 0);
  expect(bot.logged('telegram_webhook_failed')).toEqual([]);
});
