import { LAST_SEEN_PRECISION_MS } from '../../../src/store/contacts-repo';
import { at, openTempStore, T0, type TempStore } from './temp-store';

let t: TempStore;

beforeEach(() => {
  t = openTempStore();
});

afterEach(() => {
  t.close();
});

describe('SqliteContactsRepo', () => {
  test('create returns the record, and find / findById read it back', () => {
    const personId = t.store.people.create('fr', T0);
    const created = t.store.contacts.create(personId, 'telegram', '123456', T0);
    const expected = { id: created.id, personId, channel: 'telegram', address: '123456', createdAt: T0.toISOString(), lastSeenAt: null, unreachableAt: null };
    expect(created).toEqual(expected);
    expect(t.store.contacts.find('telegram', '123456')).toEqual(expected);
    expect(t.store.contacts.findById(created.id)).toEqual(expected);
  });

  test('find is by channel and address', () => {
    const personId = t.store.people.create('fr', T0);
    t.store.contacts.create(personId, 'telegram', '123456', T0);
    expect(t.store.contacts.find('sms', '123456')).toBeNull();
    expect(t.store.contacts.find('telegram', '1234567')).toBeNull();
    expect(t.store.contacts.findById(9999)).toBeNull();
  });

  test('a (channel, address) pair is unique', () => {
    const a = t.store.people.create('fr', T0);
    const b = t.store.people.create('fr', T0);
    t.store.contacts.create(a, 'sms', '+33612345678', T0);
    expect(() => t.store.contacts.create(b, 'sms', '+33612345678', T0)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    expect(() => t.store.contacts.create(a, 'sms', '+33612345678', T0)).toThrow(/UNIQUE/);
    expect(t.store.contacts.forPerson(b)).toEqual([]);
  });

  test('the same address on another channel is another contact point', () => {
    const a = t.store.people.create('fr', T0);
    const b = t.store.people.create('fr', T0);
    const onSms = t.store.contacts.create(a, 'sms', 'camille', T0);
    const onConsole = t.store.contacts.create(b, 'console', 'camille', T0);
    expect(onSms.id).not.toBe(onConsole.id);
    expect(t.store.contacts.find('console', 'camille')?.personId).toBe(b);
  });

  test('a contact point needs an existing person', () => {
    expect(() => t.store.contacts.create(9999, 'telegram', '1', T0)).toThrow(/FOREIGN KEY/);
  });

  test('forPerson lists a person’s contact points in creation order', () => {
    const a = t.store.people.create('fr', T0);
    const b = t.store.people.create('fr', T0);
    const first = t.store.contacts.create(a, 'telegram', '1', T0);
    t.store.contacts.create(b, 'telegram', '2', T0);
    const second = t.store.contacts.create(a, 'sms', '+33612345678', at(5));
    expect(t.store.contacts.forPerson(a).map((c) => c.id)).toEqual([first.id, second.id]);
  });

  test('seen records when the person last wrote, to the minute, and always makes the contact reachable again', () => {
    const personId = t.store.people.create('fr', T0);
    const created = t.store.contacts.create(personId, 'telegram', '1', T0);
    const current = () => t.store.contacts.findById(created.id)!;
    t.store.contacts.seen(current(), at(0));
    expect(current().lastSeenAt).toBe(at(0).toISOString());
    t.store.contacts.seen(current(), new Date(at(0).getTime() + LAST_SEEN_PRECISION_MS - 1));
    expect(current().lastSeenAt).toBe(at(0).toISOString());
    t.store.contacts.markUnreachable(created.id, at(0));
    t.store.contacts.seen(current(), new Date(at(0).getTime() + 1));
    expect(current()).toMatchObject({ unreachableAt: null, lastSeenAt: new Date(at(0).getTime() + 1).toISOString() });
    const later = new Date(at(0).getTime() + 1 + LAST_SEEN_PRECISION_MS);
    t.store.contacts.seen(current(), later);
    expect(current().lastSeenAt).toBe(later.toISOString());
  });

  test('markUnreachable records the refusal and touch makes the contact reachable again', () => {
    const personId = t.store.people.create('fr', T0);
    const contact = t.store.contacts.create(personId, 'telegram', '1', T0);
    t.store.contacts.markUnreachable(contact.id, at(10));
    expect(t.store.contacts.findById(contact.id)).toMatchObject({ unreachableAt: at(10).toISOString(), lastSeenAt: null });
    t.store.contacts.touch(contact.id, at(20));
    expect(t.store.contacts.findById(contact.id)).toMatchObject({ unreachableAt: null, lastSeenAt: at(20).toISOString() });
  });
});
