import path from 'node:path';
import type { OutgoingMessage } from '../../src/domain/outgoing-message';
import { literal } from '../../src/domain/text';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

let dir: { dir: string; cleanup: () => void };
let bot: TestApp;
let contactId: number;

const message = (body: string): OutgoingMessage => ({ parts: [literal(body)] });

function enqueue(body: string, kind: 'reply' | 'bulk' = 'reply', id = contactId): number {
  return bot.app.store.outbox.enqueue({ contactId: id, channel: 'console', kind, message: message(body), notBefore: bot.clock.now() }, bot.clock.now());
}

function row(id: number) {
  return bot.app.store.outbox.forContact(contactId).find((m) => m.id === id);
}

beforeEach(() => {
  dir = tempDir();
  bot = startTestApp(path.join(dir.dir, 'parlons.db'));
  const personId = bot.app.store.people.create('fr', bot.clock.now());
  contactId = bot.app.store.contacts.create(personId, 'console', 'camille', bot.clock.now()).id;
});
afterEach(() => {
  bot.close();
  dir.cleanup();
});

describe('OutboxDispatcher', () => {
  test('a retryable error comes back after an exponential, jittered delay', async () => {
    const id = enqueue('hello');
    bot.channels.console.failNext({ status: 'retry', reason: 'network' }, { status: 'retry', reason: 'network' });
    await bot.dispatcher.dispatchDue();
    const first = row(id)!;
    expect(first).toMatchObject({ status: 'queued', attempts: 1, error: 'network' });
    const firstDelay = Date.parse(first.notBefore) - bot.clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(1_000);
    expect(firstDelay).toBeLessThanOrEqual(2_000);
    // Not due yet: nothing is sent.
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.sent).toHaveLength(0);
    bot.clock.advance(firstDelay);
    await bot.dispatcher.dispatchDue();
    const second = row(id)!;
    const secondDelay = Date.parse(second.notBefore) - bot.clock.now().getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(2_000);
    expect(secondDelay).toBeLessThanOrEqual(4_000);
    bot.clock.advance(secondDelay);
    await bot.dispatcher.dispatchDue();
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(bot.channels.console.take()).toEqual(['hello']);
  });

  test("the channel's retry-after is honoured", async () => {
    const id = enqueue('hello');
    bot.channels.console.failNext({ status: 'retry', reason: 'rate_limited', retryAfterMs: 30_000 });
    await bot.dispatcher.dispatchDue();
    expect(Date.parse(row(id)!.notBefore) - bot.clock.now().getTime()).toBe(30_000);
  });

  test('a permanent error ends the row as failed with its reason', async () => {
    const id = enqueue('hello');
    bot.channels.console.failNext({ status: 'failed', reason: 'bad_request: message is too long' });
    await bot.dispatcher.dispatchDue();
    expect(row(id)).toMatchObject({ status: 'failed', error: 'bad_request: message is too long' });
  });

  test('an unreachable contact is marked, and later messages are cancelled', async () => {
    const first = enqueue('one');
    const second = enqueue('two');
    bot.channels.console.failNext({ status: 'failed', reason: 'blocked_by_user', unreachable: true });
    await bot.dispatcher.dispatchDue();
    expect(row(first)).toMatchObject({ status: 'failed', error: 'blocked_by_user' });
    expect(row(second)).toMatchObject({ status: 'cancelled', error: 'unreachable' });
    expect(bot.app.store.contacts.findById(contactId)?.unreachableAt).not.toBeNull();
    // Writing to the bot again makes the contact reachable again.
    await bot.say('camille', 'bonjour');
    expect(bot.app.store.contacts.findById(contactId)?.unreachableAt).toBeNull();
  });

  test('too many attempts end the row as failed', async () => {
    const id = enqueue('hello');
    for (let i = 0; i < 8; i++) bot.channels.console.failNext({ status: 'retry', reason: 'server_error' });
    for (let i = 0; i < 8; i++) {
      await bot.dispatcher.dispatchDue();
      bot.clock.advance(60 * 60_000);
    }
    expect(row(id)).toMatchObject({ status: 'failed', attempts: 8, error: 'too_many_attempts: server_error' });
  });

  test('an adapter that throws does not lose the message', async () => {
    const id = enqueue('hello');
    const channel = bot.channels.console;
    const original = channel.send.bind(channel);
    channel.send = async () => {
      throw new Error('bug');
    };
    await bot.dispatcher.dispatchDue();
    expect(row(id)).toMatchObject({ status: 'queued', error: 'adapter_error' });
    channel.send = original;
    bot.clock.advance(60_000);
    await bot.dispatcher.dispatchDue();
    expect(row(id)?.status).toBe('sent');
  });

  test("a contact's messages keep their order, even when one waits for a retry", async () => {
    enqueue('one');
    enqueue('two');
    bot.channels.console.failNext({ status: 'retry', reason: 'network' });
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.sent).toHaveLength(0);
    bot.clock.advance(60_000);
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take()).toEqual(['one', 'two']);
  });

  test('replies go before bulk messages', async () => {
    const otherPerson = bot.app.store.people.create('fr', bot.clock.now());
    const other = bot.app.store.contacts.create(otherPerson, 'console', 'dominique', bot.clock.now()).id;
    enqueue('notice for camille', 'bulk');
    enqueue('reply to dominique', 'reply', other);
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.sent.map((s) => s.message.text)).toEqual(['reply to dominique', 'notice for camille']);
  });

  test('a dispatcher scoped to one address leaves the others queued', async () => {
    const otherPerson = bot.app.store.people.create('fr', bot.clock.now());
    const other = bot.app.store.contacts.create(otherPerson, 'console', 'dominique', bot.clock.now()).id;
    enqueue('for camille');
    const waiting = enqueue('for dominique', 'reply', other);
    const scoped = bot.app.dispatcher([bot.channels.console], { channel: 'console', address: 'camille' });
    await scoped.dispatchDue();
    expect(bot.channels.console.take()).toEqual(['for camille']);
    expect(bot.app.store.outbox.forContact(other).find((m) => m.id === waiting)?.status).toBe('queued');
  });
});
