import { SqliteContactsRepo } from '../../../src/store/contacts-repo';
import { SqliteConversationsRepo } from '../../../src/store/conversations-repo';
import { openDatabase } from '../../../src/store/database';
import { SqliteOutboxRepo } from '../../../src/store/outbox-repo';
import { SqlitePeopleRepo } from '../../../src/store/people-repo';
import { SqliteStatsRepo } from '../../../src/store/stats-repo';
import { createStore } from '../../../src/store/store';
import { openTempStore, T0, type TempStore } from './temp-store';

let t: TempStore;

beforeEach(() => {
  t = openTempStore();
});

afterEach(() => {
  t.close();
});

describe('createStore', () => {
  test('builds every repository over the connection given', () => {
    const store = createStore(t.db);
    expect(store.db).toBe(t.db);
    expect(store.people).toBeInstanceOf(SqlitePeopleRepo);
    expect(store.contacts).toBeInstanceOf(SqliteContactsRepo);
    expect(store.conversations).toBeInstanceOf(SqliteConversationsRepo);
    expect(store.outbox).toBeInstanceOf(SqliteOutboxRepo);
    expect(store.stats).toBeInstanceOf(SqliteStatsRepo);
  });

  test('repositories share the database: what one writes the others see', () => {
    const store = createStore(t.db);
    const personId = store.people.create('fr', T0);
    const contact = store.contacts.create(personId, 'sms', '+33612345678', T0);
    store.outbox.enqueue({ contactId: contact.id, channel: 'sms', kind: 'reply', message: { parts: [{ key: 'menu:prompt' }] }, notBefore: T0 }, T0);
    const other = createStore(t.db);
    expect(other.contacts.forPerson(personId)).toHaveLength(1);
    expect(other.outbox.forContact(contact.id)).toHaveLength(1);
  });

  test('needs a migrated database', () => {
    const fresh = openDatabase(':memory:');
    try {
      expect(() => createStore(fresh)).toThrow(/no such table/);
    } finally {
      fresh.close();
    }
  });
});
