import type { ConversationState } from '../../../src/flows/engine/conversation-state';
import { at, countRows, openTempStore, T0, type TempStore } from './temp-store';

let t: TempStore;
let contactId: number;

beforeEach(() => {
  t = openTempStore();
  const personId = t.store.people.create('fr', T0);
  contactId = t.store.contacts.create(personId, 'telegram', '42', T0).id;
});

afterEach(() => {
  t.close();
});

const menuState: ConversationState = {
  flowId: 'main_menu',
  flowVersion: 1,
  stepId: 'menu',
  data: { first_name: 'Zoë', count: 2, done: false, nothing: null },
  misunderstandings: 1,
  offered: ['register', 'language'],
  suspended: { flowId: 'volunteer_registration', flowVersion: 1, stepId: 'gender', data: {}, misunderstandings: 0 },
};

describe('SqliteConversationsRepo', () => {
  test('load gives null when nothing was saved', () => {
    expect(t.store.conversations.load(contactId)).toBeNull();
  });

  test('save then load gives back the same state, nested conversations included', () => {
    t.store.conversations.save(contactId, menuState, T0);
    expect(t.store.conversations.load(contactId)).toEqual(menuState);
  });

  test('saving again replaces the state', () => {
    t.store.conversations.save(contactId, menuState, T0);
    const next: ConversationState = { flowId: 'language', flowVersion: 1, stepId: 'choose', data: {}, misunderstandings: 0 };
    t.store.conversations.save(contactId, next, at(5));
    expect(t.store.conversations.load(contactId)).toEqual(next);
    expect(countRows(t.db, 'conversation')).toBe(1);
    expect(t.db.prepare<[], { updated_at: string }>('SELECT updated_at FROM conversation').get()).toEqual({ updated_at: at(5).toISOString() });
  });

  test('saving null forgets the conversation', () => {
    t.store.conversations.save(contactId, menuState, T0);
    t.store.conversations.save(contactId, null, at(5));
    expect(t.store.conversations.load(contactId)).toBeNull();
    expect(countRows(t.db, 'conversation')).toBe(0);
    // Forgetting what is not there is fine.
    expect(() => t.store.conversations.save(contactId, null, at(6))).not.toThrow();
  });

  test('a conversation needs an existing contact point', () => {
    expect(() => t.store.conversations.save(9999, menuState, T0)).toThrow(/FOREIGN KEY/);
  });

  test('markProcessed is true the first time and false for a redelivery of the same (channel, id)', () => {
    expect(t.store.conversations.markProcessed('telegram', 'upd-1', T0)).toBe(true);
    expect(t.store.conversations.markProcessed('telegram', 'upd-1', at(1))).toBe(false);
    expect(t.store.conversations.markProcessed('telegram', 'upd-1', at(2))).toBe(false);
  });

  test('the same external id on another channel is another message', () => {
    expect(t.store.conversations.markProcessed('telegram', '1', T0)).toBe(true);
    expect(t.store.conversations.markProcessed('sms', '1', T0)).toBe(true);
    expect(t.store.conversations.markProcessed('telegram', '2', T0)).toBe(true);
  });

  test('pruneProcessed forgets ids received before the date given, and only those', () => {
    t.store.conversations.markProcessed('telegram', 'old', T0);
    t.store.conversations.markProcessed('telegram', 'edge', at(60));
    t.store.conversations.markProcessed('telegram', 'new', at(120));
    expect(t.store.conversations.pruneProcessed(at(60))).toBe(1);
    expect(t.store.conversations.markProcessed('telegram', 'old', at(200))).toBe(true);
    expect(t.store.conversations.markProcessed('telegram', 'edge', at(200))).toBe(false);
    expect(t.store.conversations.markProcessed('telegram', 'new', at(200))).toBe(false);
    expect(t.store.conversations.pruneProcessed(at(0))).toBe(0);
  });
});
