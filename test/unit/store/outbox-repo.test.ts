import type { ChannelKind } from '../../../src/domain/channel-kind';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import type { NewOutboxMessage, OutboxKind } from '../../../src/store/outbox-repo';
import { at, countRows, openTempStore, T0, type TempStore } from './temp-store';

let t: TempStore;
/** Contact points: Camille on Telegram, Sam on SMS, Alex on the console. */
let camille: number;
let sam: number;
let alex: number;
let camillePerson: number;

const message = (key: string): OutgoingMessage => ({ parts: [{ key }] });

function enqueue(contactId: number, channel: ChannelKind, kind: OutboxKind, key: string, notBefore = T0, extra: Partial<NewOutboxMessage> = {}): number {
  return t.store.outbox.enqueue({ contactId, channel, kind, message: message(key), notBefore, ...extra }, T0);
}

const ids = (records: readonly { id: number }[]) => records.map((r) => r.id);

beforeEach(() => {
  t = openTempStore();
  const { people, contacts } = t.store;
  camillePerson = people.create('fr', T0);
  camille = contacts.create(camillePerson, 'telegram', '1001', T0).id;
  sam = contacts.create(people.create('en', T0), 'sms', '+33612345678', T0).id;
  alex = contacts.create(people.create(null, T0), 'console', 'alex', T0).id;
});

afterEach(() => {
  t.close();
});

describe('enqueue and forContact', () => {
  test('a new row is queued, unsent, with what sending it needs', () => {
    const id = t.store.outbox.enqueue(
      { contactId: camille, channel: 'telegram', kind: 'reply', message: { parts: [{ key: 'menu:prompt' }], choices: [{ id: 'a', label: { literal: 'A' } }] }, notBefore: at(5) },
      T0,
    );
    expect(t.store.outbox.forContact(camille)).toEqual([
      {
        id,
        contactId: camille,
        channel: 'telegram',
        kind: 'reply',
        message: { parts: [{ key: 'menu:prompt' }], choices: [{ id: 'a', label: { literal: 'A' } }] },
        ignoreOptOut: false,
        status: 'queued',
        attempts: 0,
        notBefore: at(5).toISOString(),
        createdAt: T0.toISOString(),
        sentAt: null,
        error: null,
        detached: false,
        sent: null,
        partsSent: 0,
        redacted: null,
        targetAddress: '1001',
        targetLanguage: 'fr',
        recipientOptedOut: false,
        recipientUnreachable: false,
        superseded: false,
      },
    ]);
  });

  test('a row knows whether its recipient opted out or is unreachable', () => {
    t.store.people.setOptedOut(camillePerson, true, T0);
    t.store.contacts.markUnreachable(camille, T0);
    enqueue(camille, 'telegram', 'bulk', 'a', T0, { ignoreOptOut: true });
    expect(t.store.outbox.forContact(camille)[0]).toMatchObject({ recipientOptedOut: true, recipientUnreachable: true, ignoreOptOut: true });
  });

  test('a question followed by another question for the same contact point is superseded; nothing else is', () => {
    const question = (key: string, contactId = camille) => t.store.outbox.enqueue({ contactId, channel: 'telegram', kind: 'reply', message: { ...message(key), question: true }, notBefore: T0 }, T0);
    const first = question('first');
    const reply = enqueue(camille, 'telegram', 'reply', 'reply');
    const second = question('second');
    question('elsewhere', sam);
    const superseded = new Map(t.store.outbox.forContact(camille).map((r) => [r.id, r.superseded]));
    expect([superseded.get(first), superseded.get(reply), superseded.get(second)]).toEqual([true, false, false]);
    expect(t.store.outbox.forContact(sam)[0]?.superseded).toBe(false);
    // Queued all the same until the dispatcher's turn comes: only then is it cancelled, unsent.
    expect(t.store.outbox.forContact(camille).map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    expect(t.store.outbox.claimDue(T0, { limit: 10 }).find((r) => r.id === first)?.superseded).toBe(true);
  });

  test('lastQuestion is the latest question queued, whatever became of it', () => {
    expect(t.store.outbox.lastQuestion(camille)).toBeNull();
    const ask = t.store.outbox.enqueue({ contactId: camille, channel: 'telegram', kind: 'reply', message: { ...message('q'), question: true }, notBefore: T0 }, T0);
    enqueue(camille, 'telegram', 'reply', 'not a question');
    t.store.outbox.finish(ask, 'cancelled', 'expired_session_started', T0);
    expect(t.store.outbox.lastQuestion(camille)).toEqual({ status: 'cancelled', error: 'expired_session_started' });
  });

  test('pending lists the waiting rows that are about something, with what; waiting counts them all', () => {
    enqueue(camille, 'telegram', 'reply', 'plain');
    const about = [{ session: 7 }] as const;
    const reminder = t.store.outbox.enqueue({ contactId: camille, channel: 'telegram', kind: 'bulk', message: { ...message('reminder'), about }, notBefore: T0 }, T0);
    const sent = t.store.outbox.enqueue({ contactId: camille, channel: 'telegram', kind: 'bulk', message: { ...message('old'), about }, notBefore: T0 }, T0);
    t.store.outbox.markSent(sent, T0, null, { text: 'old' });
    expect(t.store.outbox.pending(camille)).toEqual([{ id: reminder, status: 'queued', about }]);
    expect(t.store.outbox.waiting(camille)).toBe(2);
    expect(t.store.outbox.waiting(sam)).toBe(0);
  });

  test('a row needs a contact point or an address', () => {
    expect(() => t.store.outbox.enqueue({ contactId: null, channel: 'sms', kind: 'reply', message: message('a'), notBefore: T0 }, T0)).toThrow(/CHECK/);
  });
});

describe('claimDue', () => {
  test('claims due rows, marking them sending and counting the attempt', () => {
    const id = enqueue(camille, 'telegram', 'reply', 'a');
    const claimed = t.store.outbox.claimDue(at(1), { limit: 10 });
    expect(claimed).toEqual([expect.objectContaining({ id, status: 'sending', attempts: 1, targetAddress: '1001' })]);
    expect(t.store.outbox.forContact(camille)[0]).toMatchObject({ status: 'sending', attempts: 1 });
    expect(t.store.outbox.claimDue(at(2), { limit: 10 })).toEqual([]);
  });

  test('returns replies before bulk, then oldest first', () => {
    const bulkCamille = enqueue(camille, 'telegram', 'bulk', 'reminder');
    const replySam = enqueue(sam, 'sms', 'reply', 'answer');
    const bulkAlex = enqueue(alex, 'console', 'bulk', 'reminder');
    expect(ids(t.store.outbox.claimDue(T0, { limit: 10 }))).toEqual([replySam, bulkCamille, bulkAlex]);
  });

  test('the limit keeps replies first', () => {
    enqueue(camille, 'telegram', 'bulk', 'reminder');
    const reply = enqueue(sam, 'sms', 'reply', 'answer');
    expect(ids(t.store.outbox.claimDue(T0, { limit: 1 }))).toEqual([reply]);
    expect(t.store.outbox.claimDue(T0, { limit: 1 })).toHaveLength(1);
    expect(t.store.outbox.claimDue(T0, { limit: 1 })).toEqual([]);
  });

  test('claims only the oldest unsent row of each contact, so that its messages arrive in order', () => {
    const first = enqueue(camille, 'telegram', 'reply', 'first');
    const second = enqueue(camille, 'telegram', 'reply', 'second');
    const other = enqueue(sam, 'sms', 'reply', 'other');

    expect(ids(t.store.outbox.claimDue(T0, { limit: 10 }))).toEqual([first, other]);
    // The first is still being sent: the second waits.
    expect(t.store.outbox.claimDue(at(1), { limit: 10 })).toEqual([]);
    t.store.outbox.markSent(first, at(2), 'p-1', { text: 'sent' });
    expect(ids(t.store.outbox.claimDue(at(3), { limit: 10 }))).toEqual([second]);
  });

  test('a queued reply waits behind an older queued bulk message of the same contact', () => {
    const bulk = enqueue(camille, 'telegram', 'bulk', 'reminder');
    const reply = enqueue(camille, 'telegram', 'reply', 'answer');
    expect(ids(t.store.outbox.claimDue(T0, { limit: 10 }))).toEqual([bulk]);
    t.store.outbox.markSent(bulk, at(1), null, { text: 'sent' });
    expect(ids(t.store.outbox.claimDue(at(1), { limit: 10 }))).toEqual([reply]);
  });

  test('respects not_before, inclusive', () => {
    const later = enqueue(camille, 'telegram', 'bulk', 'later', at(60));
    expect(t.store.outbox.claimDue(at(59), { limit: 10 })).toEqual([]);
    expect(ids(t.store.outbox.claimDue(at(60), { limit: 10 }))).toEqual([later]);
  });

  test('a row scheduled for later does not hold back the later rows of its contact', () => {
    const later = enqueue(camille, 'telegram', 'bulk', 'later', at(60));
    const now = enqueue(camille, 'telegram', 'reply', 'now', T0);
    expect(ids(t.store.outbox.claimDue(at(1), { limit: 10 }))).toEqual([now]);
    expect(ids(t.store.outbox.claimDue(at(60), { limit: 10 }))).toEqual([later]);
  });

  test('a row waiting for a retry holds back the later rows of its contact', () => {
    const first = enqueue(camille, 'telegram', 'reply', 'first', T0);
    expect(ids(t.store.outbox.claimDue(T0, { limit: 10 }))).toEqual([first]);
    t.store.outbox.retryLater(first, at(30), 'network', T0);
    const second = enqueue(camille, 'telegram', 'reply', 'second', T0);
    expect(t.store.outbox.claimDue(at(1), { limit: 10 })).toEqual([]);
    expect(ids(t.store.outbox.claimDue(at(30), { limit: 10 }))).toEqual([first]);
    t.store.outbox.markSent(first, at(30), null, { text: 'sent' });
    expect(ids(t.store.outbox.claimDue(at(30), { limit: 10 }))).toEqual([second]);
  });

  test('claims only the channel asked for', () => {
    const onTelegram = enqueue(camille, 'telegram', 'reply', 'a');
    const onSms = enqueue(sam, 'sms', 'reply', 'b');
    expect(ids(t.store.outbox.claimDue(T0, { channel: 'sms', limit: 10 }))).toEqual([onSms]);
    expect(ids(t.store.outbox.claimDue(T0, { channel: 'telegram', limit: 10 }))).toEqual([onTelegram]);
    expect(t.store.outbox.claimDue(T0, { channel: 'matrix', limit: 10 })).toEqual([]);
  });

  test('claims only the address asked for on that channel', () => {
    const otherConsole = t.store.contacts.create(t.store.people.create('fr', T0), 'console', 'bob', T0).id;
    const forAlex = enqueue(alex, 'console', 'reply', 'a');
    const forBob = enqueue(otherConsole, 'console', 'reply', 'b');
    expect(ids(t.store.outbox.claimDue(T0, { channel: 'console', address: 'alex', limit: 10 }))).toEqual([forAlex]);
    expect(t.store.outbox.claimDue(T0, { channel: 'console', address: 'alex', limit: 10 })).toEqual([]);
    expect(ids(t.store.outbox.claimDue(T0, { channel: 'console', address: 'bob', limit: 10 }))).toEqual([forBob]);
  });

  test('claims a detached row, which carries its own address and language', () => {
    const id = t.store.outbox.enqueue(
      { contactId: null, channel: 'console', address: 'gone', language: 'en', kind: 'reply', message: message('privacy:erase.done'), ignoreOptOut: true, notBefore: T0 },
      T0,
    );
    const [claimed] = t.store.outbox.claimDue(T0, { channel: 'console', address: 'gone', limit: 10 });
    expect(claimed).toMatchObject({
      id,
      contactId: null,
      detached: true,
      targetAddress: 'gone',
      targetLanguage: 'en',
      ignoreOptOut: true,
      recipientOptedOut: false,
      recipientUnreachable: false,
    });
  });
});

describe('after a claim', () => {
  test('markSent records the time and clears any earlier error', () => {
    const id = enqueue(camille, 'telegram', 'reply', 'a');
    t.store.outbox.claimDue(T0, { limit: 10 });
    t.store.outbox.retryLater(id, at(10), 'timeout', at(1));
    t.store.outbox.claimDue(at(10), { limit: 10 });
    t.store.outbox.markSent(id, at(11), 'provider-7', { text: 'sent' });
    expect(t.store.outbox.forContact(camille)[0]).toMatchObject({ status: 'sent', sentAt: at(11).toISOString(), error: null, attempts: 2 });
    expect(t.db.prepare<[number], { provider_id: string }>('SELECT provider_id FROM outbox WHERE id = ?').get(id)).toEqual({ provider_id: 'provider-7' });
  });

  test('retryLater puts the row back in the queue, due later, with the error', () => {
    const id = enqueue(camille, 'telegram', 'reply', 'a');
    t.store.outbox.claimDue(T0, { limit: 10 });
    t.store.outbox.retryLater(id, at(30), 'HTTP 503', at(1));
    expect(t.store.outbox.forContact(camille)[0]).toMatchObject({ status: 'queued', notBefore: at(30).toISOString(), error: 'HTTP 503', attempts: 1 });
    expect(t.store.outbox.claimDue(at(29), { limit: 10 })).toEqual([]);
    expect(t.store.outbox.claimDue(at(30), { limit: 10 })).toEqual([expect.objectContaining({ id, attempts: 2, status: 'sending' })]);
  });

  test('a row waiting for a retry keeps the contact’s later rows waiting', () => {
    const first = enqueue(camille, 'telegram', 'reply', 'first');
    const second = enqueue(camille, 'telegram', 'reply', 'second');
    t.store.outbox.claimDue(T0, { limit: 10 });
    t.store.outbox.retryLater(first, at(30), 'timeout', at(1));
    expect(t.store.outbox.claimDue(at(2), { limit: 10 })).toEqual([]);
    expect(ids(t.store.outbox.claimDue(at(30), { limit: 10 }))).toEqual([first]);
    expect(second).toBeGreaterThan(first);
  });

  test.each(['failed', 'cancelled'] as const)('finish(%s) ends the row with its reason and lets the next row go', (status) => {
    const first = enqueue(camille, 'telegram', 'reply', 'first');
    const second = enqueue(camille, 'telegram', 'reply', 'second');
    t.store.outbox.claimDue(T0, { limit: 10 });
    t.store.outbox.finish(first, status, 'blocked by user', at(1));
    expect(t.store.outbox.forContact(camille)[0]).toMatchObject({ id: first, status, error: 'blocked by user', sentAt: null });
    expect(ids(t.store.outbox.claimDue(at(2), { limit: 10 }))).toEqual([second]);
  });

  test('delete forgets a row', () => {
    const id = t.store.outbox.enqueue({ contactId: null, channel: 'sms', address: '+33699999999', kind: 'reply', message: message('a'), notBefore: T0 }, T0);
    t.store.outbox.delete(id);
    expect(countRows(t.db, 'outbox', 'id = ?', id)).toBe(0);
  });
});

describe('recoverClaimed', () => {
  function claimAll(): void {
    enqueue(camille, 'telegram', 'reply', 'a');
    enqueue(sam, 'sms', 'reply', 'b');
    enqueue(alex, 'console', 'reply', 'c');
    expect(t.store.outbox.claimDue(T0, { limit: 10 })).toHaveLength(3);
  }

  const statuses = () => [camille, sam, alex].map((c) => t.store.outbox.forContact(c)[0]?.status);

  test('without a scope, puts every row left sending back in the queue', () => {
    claimAll();
    expect(t.store.outbox.recoverClaimed(at(5))).toBe(3);
    expect(statuses()).toEqual(['queued', 'queued', 'queued']);
    // Attempts already made are kept.
    expect(t.store.outbox.forContact(camille)[0]?.attempts).toBe(1);
    expect(t.store.outbox.claimDue(at(6), { limit: 10 })).toHaveLength(3);
  });

  test('with a channel scope, recovers only that channel', () => {
    claimAll();
    expect(t.store.outbox.recoverClaimed(at(5), { channel: 'sms' })).toBe(1);
    expect(statuses()).toEqual(['sending', 'queued', 'sending']);
  });

  test('with an address scope, recovers only that address', () => {
    claimAll();
    expect(t.store.outbox.recoverClaimed(at(5), { channel: 'console', address: 'alex' })).toBe(1);
    expect(statuses()).toEqual(['sending', 'sending', 'queued']);
    expect(t.store.outbox.recoverClaimed(at(5), { channel: 'console', address: 'nobody' })).toBe(0);
  });

  test('recovers a detached row by its own address', () => {
    const id = t.store.outbox.enqueue({ contactId: null, channel: 'console', address: 'gone', kind: 'reply', message: message('a'), notBefore: T0 }, T0);
    t.store.outbox.claimDue(T0, { limit: 10 });
    expect(t.store.outbox.recoverClaimed(at(5), { channel: 'console', address: 'gone' })).toBe(1);
    expect(t.db.prepare<[number], { status: string }>('SELECT status FROM outbox WHERE id = ?').get(id)).toEqual({ status: 'queued' });
  });

  test('leaves queued and finished rows alone', () => {
    const sent = enqueue(camille, 'telegram', 'reply', 'a');
    t.store.outbox.claimDue(T0, { limit: 10 });
    t.store.outbox.markSent(sent, at(1), null, { text: 'sent' });
    enqueue(sam, 'sms', 'reply', 'b');
    expect(t.store.outbox.recoverClaimed(at(5))).toBe(0);
    expect(t.store.outbox.forContact(camille)[0]?.status).toBe('sent');
    expect(t.store.outbox.forContact(sam)[0]?.status).toBe('queued');
  });
});

describe('pruneFinished', () => {
  test('forgets finished rows older than the date given and keeps the rest', () => {
    const sent = enqueue(camille, 'telegram', 'reply', 'sent');
    const failed = enqueue(sam, 'sms', 'reply', 'failed');
    t.store.outbox.claimDue(T0, { limit: 10 });
    t.store.outbox.markSent(sent, at(10), null, { text: 'sent' });
    t.store.outbox.finish(failed, 'failed', 'refused', at(100));
    const queued = enqueue(alex, 'console', 'reply', 'queued');

    expect(t.store.outbox.pruneFinished(at(50))).toBe(1);
    expect(countRows(t.db, 'outbox', 'id = ?', sent)).toBe(0);
    expect(countRows(t.db, 'outbox', 'id = ?', failed)).toBe(1);
    expect(t.store.outbox.pruneFinished(at(1_000_000))).toBe(1);
    expect(countRows(t.db, 'outbox', 'id = ?', queued)).toBe(1);
  });
});
