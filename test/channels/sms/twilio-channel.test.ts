import { createApp, type App } from '../../../src/app/create-app';
import { configuredChannels } from '../../../src/app/configured-channels';
import { serveChannels, type Serving } from '../../../src/app/serve-channels';
import { SmsChannel } from '../../../src/channels/sms/sms-channel';
import { TwilioProvider } from '../../../src/channels/sms/twilio/twilio-provider';
import { loadSettings } from '../../../src/config/settings';
import { silentLogger } from '../../../src/lib/logger';
import { seededRandom } from '../../../src/lib/seeded-random';
import { FakeClock } from '../../support/fake-clock';
import { startTestApp, tempDir } from '../../support/test-app';
import { freePort } from '../telegram/telegram-harness';
import { FakeTwilio, postWebhook } from './fake-twilio';
import { until } from '../../support/until';

/**
 * The Twilio-compatible provider against a fake REST API on 127.0.0.1, and its webhook served by
 * Parlons: signatures, redeliveries, opt-out signals, and how send errors are classified.
 */
jest.setTimeout(30_000);

const TOKEN = 'auth-token-for-tests';
const PUBLIC_URL = 'https://sms.example.org/sms/twilio';
const RESIDENT = '+33612345678';
const SENDER = '+33549000000';

describe('Parlons serving the Twilio webhook', () => {
  let dir: ReturnType<typeof tempDir>;
  let fake: FakeTwilio;
  let app: App;
  let serving: Serving;
  let listenUrl: string;
  let sid = 0;

  /** Row counts of every table: what a forged request must leave unchanged. */
  const snapshot = () =>
    Object.fromEntries(
      app.store.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map(({ name }) => [name, app.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${name}"`).get()?.n]),
    );
  const sms = (body: string, extra: Record<string, string> = {}) => {
    sid += 1;
    return { MessageSid: `SM${String(sid).padStart(32, '0')}`, AccountSid: 'AC1', From: RESIDENT, To: SENDER, Body: body, ...extra };
  };
  /** Waits until the fake API has received `count` messages, and returns the texts. */
  const sentTexts = (count: number) => until(`${count} messages sent`, () => (fake.calls.length >= count ? fake.calls.map((c) => c.form.Body ?? '') : undefined));
  /** Waits until nothing waits in the outbox: every reply sent and recorded (a reply may take several messages, paced). */
  const drained = () =>
    until('the outbox drained', () => app.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')").get()?.n === 0);

  beforeAll(async () => {
    dir = tempDir();
    fake = await FakeTwilio.start();
    const port = await freePort();
    listenUrl = `http://127.0.0.1:${port}/sms/twilio`;
    const settings = loadSettings({
      PARLONS_DB: `${dir.dir}/parlons.db`,
      SMS_PROVIDER: 'twilio',
      SMS_TWILIO_ACCOUNT_SID: 'AC1',
      SMS_TWILIO_AUTH_TOKEN: TOKEN,
      SMS_TWILIO_API_BASE: fake.base,
      SMS_TWILIO_WEBHOOK_URL: PUBLIC_URL,
      SMS_TWILIO_WEBHOOK_LISTEN: `127.0.0.1:${port}`,
      SMS_SENDER: '05 49 00 00 00',
      SMS_RATE_LIMIT: '0',
    });
    app = createApp(settings, { logger: silentLogger, random: seededRandom(5) });
    serving = await serveChannels(app, configuredChannels(app), 20);
  });

  afterAll(async () => {
    await serving?.stop();
    app?.close();
    await fake?.stop();
    dir?.cleanup();
  });

  test('a forged or unsigned webhook gets 403 and changes nothing', async () => {
    const before = snapshot();
    expect(await postWebhook(listenUrl, PUBLIC_URL, 'not-the-token', sms('BONJOUR'))).toBe(403);
    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, sms('BONJOUR'), '')).toBe(403);
    // Signed for another address: a replay against another deployment.
    expect(await postWebhook(listenUrl, 'https://evil.example.org/sms/twilio', TOKEN, sms('BONJOUR'))).toBe(403);
    expect(snapshot()).toEqual(before);
    expect(fake.calls).toEqual([]);
  });

  test('a signed SMS is answered through the REST API, from the sender number, with basic auth', async () => {
    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, sms('BONJOUR'))).toBe(200);
    const [first] = await sentTexts(1);
    // Transliterated: GSM-7 has no ç.
    expect(first).toContain('1. Francais');
    expect(fake.calls[0]).toEqual({
      path: '/2010-04-01/Accounts/AC1/Messages.json',
      authorization: `Basic ${Buffer.from(`AC1:${TOKEN}`).toString('base64')}`,
      form: { To: RESIDENT, From: SENDER, Body: first, SmartEncoded: 'false' },
    });
    expect(app.store.contacts.find('sms', RESIDENT)).not.toBeNull();
    // The send is recorded once the API has answered: wait for it rather than race it.
    await drained();
    const month = new Date().toISOString().slice(0, 7);
    // The send's outcome (and its segments) is written once the provider has answered.
    await until('the segments to be counted', () => app.store.stats.counters().some((c) => c.name === 'sms_segment_sent'));
    expect(app.store.stats.counters()).toContainEqual({ name: 'sms_segment_sent', month, value: 1 });
  });

  test('a webhook the provider delivers again (same MessageSid) is processed once', async () => {
    const form = sms('1');
    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, form)).toBe(200);
    await sentTexts(2);
    const before = snapshot();
    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, form)).toBe(200);
    expect(snapshot()).toEqual(before);
  });

  test("the provider's opt-out signal stops messages, whatever word triggered it; START resumes", async () => {
    await drained();
    const sent = fake.calls.length;
    // CANCEL means "cancel this step" to Parlons, but Twilio takes it as STOP: the signal wins.
    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, sms('CANCEL', { OptOutType: 'STOP' }))).toBe(200);
    const texts = await sentTexts(sent + 1);
    expect(texts[sent]).toContain('REPRENDRE');
    const person = app.store.contacts.find('sms', RESIDENT)!.personId;
    expect(app.store.people.find(person)?.optedOutAt).not.toBeNull();

    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, sms('UNSTOP', { OptOutType: 'START' }))).toBe(200);
    expect((await sentTexts(sent + 2))[sent + 1]).toContain('Bon retour');
    expect(app.store.people.find(person)?.optedOutAt).toBeNull();
  });

  test('a body over the limit is refused unread', async () => {
    const before = snapshot();
    expect(await postWebhook(listenUrl, PUBLIC_URL, TOKEN, sms('x'.repeat(70 * 1024)))).toBe(413);
    expect(snapshot()).toEqual(before);
  });
});

describe('sending through the REST API', () => {
  let fake: FakeTwilio;
  let provider: TwilioProvider;

  beforeAll(async () => {
    fake = await FakeTwilio.start();
    provider = new TwilioProvider({ accountSid: 'AC1', authToken: TOKEN, apiBase: fake.base, from: SENDER, webhookUrl: PUBLIC_URL, host: '127.0.0.1', port: 0, logger: silentLogger });
  });

  afterAll(() => fake.stop());

  test.each([
    [{ status: 429, body: { code: 20429, message: 'Too Many Requests' }, headers: { 'retry-after': '7' } }, { status: 'retry', reason: 'twilio_429_20429', retryAfterMs: 7000 }],
    [{ status: 503, body: {} }, { status: 'retry', reason: 'twilio_503' }],
    [{ status: 500, body: { code: 20500 } }, { status: 'retry', reason: 'twilio_500_20500' }],
    [{ status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient' } }, { status: 'failed', reason: 'twilio_400_21610', unreachable: true }],
    [{ status: 400, body: { code: 21211, message: "Invalid 'To' Phone Number" } }, { status: 'failed', reason: 'twilio_400_21211' }],
    [{ status: 401, body: { code: 20003 } }, { status: 'failed', reason: 'twilio_401_20003' }],
  ])('%j → %j', async (answer, expected) => {
    fake.script(answer);
    expect(await provider.send(RESIDENT, 'Bonjour')).toEqual(expected);
  });

  test('a text is sent as written, without the provider replacing characters outside GSM-7 (SmartEncoded off): UCS-2 when it needs it', async () => {
    const written = 'L’assemblée « œuvre » : fête à Poitiers';
    expect(await provider.send(RESIDENT, written)).toMatchObject({ status: 'sent' });
    expect(fake.calls.at(-1)?.form).toEqual(expect.objectContaining({ Body: written, SmartEncoded: 'false' }));
  });

  test('success gives the message sid; a closed port is a network error, retried', async () => {
    expect(await provider.send(RESIDENT, 'Bonjour')).toEqual({ status: 'sent', providerId: expect.stringMatching(/^SM/) });
    const closed = new TwilioProvider({ accountSid: 'AC1', authToken: TOKEN, apiBase: `http://127.0.0.1:${await freePort()}`, from: SENDER, webhookUrl: PUBLIC_URL, host: '127.0.0.1', port: 0, logger: silentLogger });
    expect(await closed.send(RESIDENT, 'Bonjour')).toEqual({ status: 'retry', reason: 'network: ECONNREFUSED' });
  });

  test('through the outbox: 429 waits for Retry-After, 5xx backs off, then sent and counted in segments; 21610 marks the number unreachable', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const t = startTestApp(`${dir.dir}/parlons.db`, {}, clock);
    try {
      const channel = new SmsChannel({ provider, country: 'FR', transliterate: true, logger: silentLogger });
      const dispatcher = t.app.dispatcher([channel]);
      t.app.conversations.handle({ channel: 'sms', address: RESIDENT, externalId: 'in-1', text: 'bonjour' });
      const calls = fake.calls.length;
      fake.script({ status: 429, body: { code: 20429 }, headers: { 'retry-after': '7' } }, { status: 502, body: {} });
      await dispatcher.dispatchDue();
      expect(fake.calls.length).toBe(calls + 1);
      clock.advance(7_000);
      await dispatcher.dispatchDue();
      expect(fake.calls.length).toBe(calls + 2);
      clock.advance(60_000);
      await dispatcher.dispatchDue();
      expect(fake.calls.length).toBe(calls + 3);
      const row = t.app.store.db.prepare<[], { status: string; attempts: number }>('SELECT status, attempts FROM outbox').get();
      expect(row).toEqual({ status: 'sent', attempts: 3 });
      const month = clock.now().toISOString().slice(0, 7);
      expect(t.app.store.stats.counters()).toContainEqual({ name: 'sms_segment_sent', month, value: 1 });

      fake.script({ status: 400, body: { code: 21610 } });
      t.app.conversations.handle({ channel: 'sms', address: RESIDENT, externalId: 'in-2', text: '1' });
      await dispatcher.dispatchDue();
      expect(t.app.store.contacts.find('sms', RESIDENT)?.unreachableAt).not.toBeNull();
    } finally {
      t.close();
      dir.cleanup();
    }
  });
});
