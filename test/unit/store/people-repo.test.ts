import type { VolunteerProfile } from '../../../src/domain/profile';
import type { NewConsent } from '../../../src/store/people-repo';
import { at, countRows, openTempStore, T0, type TempStore } from './temp-store';

const profile: VolunteerProfile = {
  firstName: 'Camille',
  neighbourhood: 'trois_cites',
  ageBracket: '35_49',
  gender: 'woman',
  equipment: 'smartphone',
  reminders: 'this_contact',
};

const consent: NewConsent = { purpose: 'volunteer_registration', noticeVersion: '2026-01', givenAt: at(10).toISOString(), method: 'chat' };

let t: TempStore;

beforeEach(() => {
  t = openTempStore();
});

afterEach(() => {
  t.close();
});

describe('SqlitePeopleRepo', () => {
  test('a new person has the resident role, no profile and no consent', () => {
    const id = t.store.people.create('fr', T0);
    expect(t.store.people.find(id)).toEqual({
      id,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      language: 'fr',
      volunteerStatus: 'none',
      volunteerSince: null,
      profile: null,
      reminderContactId: null,
      optedOutAt: null,
      cameFrom: null,
      roles: ['resident'],
      consents: [],
      otherAnswers: {},
    });
  });

  test('where a person came from is recorded once: the first source is kept', () => {
    const id = t.store.people.create('fr', T0);
    t.store.people.recordCameFrom(id, 'poster-trois-cites', T0);
    t.store.people.recordCameFrom(id, 'flyer-market', T0);
    expect(t.store.people.find(id)?.cameFrom).toBe('poster-trois-cites');
  });

  test('a person may have no language yet and no contact point at all', () => {
    const id = t.store.people.create(null, T0);
    expect(t.store.people.find(id)?.language).toBeNull();
    expect(t.store.contacts.forPerson(id)).toEqual([]);
    expect(countRows(t.db, 'contact_point')).toBe(0);
  });

  test('people get distinct ids and an unknown id finds nobody', () => {
    const a = t.store.people.create('fr', T0);
    const b = t.store.people.create('en', T0);
    expect(a).not.toBe(b);
    expect(t.store.people.find(b)?.language).toBe('en');
    expect(t.store.people.find(9999)).toBeNull();
  });

  test('setLanguage changes the language and the update time', () => {
    const id = t.store.people.create(null, T0);
    t.store.people.setLanguage(id, 'en', at(60));
    expect(t.store.people.find(id)).toMatchObject({ language: 'en', updatedAt: at(60).toISOString(), createdAt: T0.toISOString() });
  });

  test('registerVolunteer saves the profile, the status and the consent', () => {
    const id = t.store.people.create('fr', T0);
    const contact = t.store.contacts.create(id, 'telegram', '42', T0);
    t.store.people.registerVolunteer(id, profile, contact.id, consent, at(20));
    expect(t.store.people.find(id)).toMatchObject({
      volunteerStatus: 'volunteer',
      volunteerSince: at(20).toISOString(),
      profile,
      reminderContactId: contact.id,
      consents: [{ purpose: 'volunteer_registration', noticeVersion: '2026-01', givenAt: at(10).toISOString(), method: 'chat', withdrawnAt: null }],
    });
    expect(t.store.people.volunteerIds()).toEqual([id]);
  });

  test('updateProfile changes the profile without touching the status', () => {
    const id = t.store.people.create('fr', T0);
    t.store.people.registerVolunteer(id, profile, null, consent, at(20));
    const changed: VolunteerProfile = { ...profile, neighbourhood: 'beaulieu', reminders: 'none' };
    t.store.people.updateProfile(id, changed, null, at(30));
    expect(t.store.people.find(id)).toMatchObject({ profile: changed, volunteerStatus: 'volunteer', volunteerSince: at(20).toISOString(), updatedAt: at(30).toISOString() });
  });

  test('withdrawVolunteer clears the profile and sets withdrawn_at on the consents', () => {
    const id = t.store.people.create('fr', T0);
    const contact = t.store.contacts.create(id, 'sms', '+33612345678', T0);
    t.store.people.registerVolunteer(id, profile, contact.id, consent, at(20));
    t.store.people.withdrawVolunteer(id, at(100));

    const person = t.store.people.find(id);
    expect(person).toMatchObject({ volunteerStatus: 'withdrawn', volunteerSince: null, profile: null, reminderContactId: null, updatedAt: at(100).toISOString() });
    expect(person?.consents).toEqual([{ ...consent, withdrawnAt: at(100).toISOString(), reference: null, recordedBy: null }]);
    const raw = t.db
      .prepare<[number], Record<string, unknown>>('SELECT first_name, neighbourhood, age_bracket, gender, equipment, reminders FROM person WHERE id = ?')
      .get(id);
    expect(raw).toEqual({ first_name: null, neighbourhood: null, age_bracket: null, gender: null, equipment: null, reminders: null });
    expect(t.store.people.volunteerIds()).toEqual([]);
    // The contact point itself stays: the person can still talk to the bot.
    expect(t.store.contacts.forPerson(id)).toHaveLength(1);
  });

  test('a consent keeps the date it was first withdrawn', () => {
    const id = t.store.people.create('fr', T0);
    t.store.people.registerVolunteer(id, profile, null, consent, at(20));
    t.store.people.withdrawVolunteer(id, at(100));
    t.store.people.registerVolunteer(id, profile, null, { ...consent, givenAt: at(200).toISOString() }, at(200));
    t.store.people.withdrawVolunteer(id, at(300));
    expect(t.store.people.find(id)?.consents.map((c) => c.withdrawnAt)).toEqual([at(100).toISOString(), at(300).toISOString()]);
  });

  test('setOptedOut records and clears the opt-out', () => {
    const id = t.store.people.create('fr', T0);
    t.store.people.setOptedOut(id, true, at(5));
    expect(t.store.people.find(id)?.optedOutAt).toBe(at(5).toISOString());
    t.store.people.setOptedOut(id, false, at(6));
    expect(t.store.people.find(id)).toMatchObject({ optedOutAt: null, updatedAt: at(6).toISOString() });
  });

  test('volunteerIds lists current volunteers, oldest first', () => {
    const late = t.store.people.create('fr', T0);
    const early = t.store.people.create('fr', T0);
    const gone = t.store.people.create('fr', T0);
    t.store.people.create('fr', T0);
    t.store.people.registerVolunteer(late, profile, null, consent, at(50));
    t.store.people.registerVolunteer(early, profile, null, consent, at(10));
    t.store.people.registerVolunteer(gone, profile, null, consent, at(5));
    t.store.people.withdrawVolunteer(gone, at(60));
    expect(t.store.people.volunteerIds()).toEqual([early, late]);
  });

  test('deleting a person cascades to contact points, conversations, outbox rows, roles and consents', () => {
    const { people, contacts, conversations, outbox } = t.store;
    const id = people.create('fr', T0);
    const other = people.create('en', T0);
    const telegram = contacts.create(id, 'telegram', '42', T0);
    const sms = contacts.create(id, 'sms', '+33612345678', T0);
    const otherContact = contacts.create(other, 'telegram', '43', T0);
    people.registerVolunteer(id, profile, sms.id, consent, at(20));
    people.registerVolunteer(other, profile, null, consent, at(20));
    t.db.prepare("INSERT INTO person_role (person_id, role, granted_at) VALUES (?, 'mediator', ?)").run(id, T0.toISOString());
    const state = { flowId: 'main_menu', flowVersion: 1, stepId: 'menu', data: {}, misunderstandings: 0 };
    conversations.save(telegram.id, state, T0);
    conversations.save(otherContact.id, state, T0);
    const message = { parts: [{ key: 'menu:prompt' }] };
    outbox.enqueue({ contactId: telegram.id, channel: 'telegram', kind: 'reply', message, notBefore: T0 }, T0);
    outbox.enqueue({ contactId: sms.id, channel: 'sms', kind: 'bulk', message, notBefore: T0 }, T0);
    outbox.enqueue({ contactId: otherContact.id, channel: 'telegram', kind: 'reply', message, notBefore: T0 }, T0);
    const goodbye = outbox.enqueue({ contactId: null, channel: 'telegram', address: '42', language: 'fr', kind: 'reply', message, notBefore: T0 }, T0);

    people.delete(id);

    expect(people.find(id)).toBeNull();
    expect(countRows(t.db, 'person_role', 'person_id = ?', id)).toBe(0);
    expect(countRows(t.db, 'consent', 'person_id = ?', id)).toBe(0);
    expect(countRows(t.db, 'contact_point', 'person_id = ?', id)).toBe(0);
    expect(conversations.load(telegram.id)).toBeNull();
    expect(countRows(t.db, 'outbox', 'contact_id IN (?, ?)', telegram.id, sms.id)).toBe(0);
    // A detached row carries its own address and outlives the contact point.
    expect(countRows(t.db, 'outbox', 'id = ?', goodbye)).toBe(1);
    // Nobody else is touched.
    expect(people.find(other)).toMatchObject({ roles: ['resident'], consents: [expect.objectContaining({ withdrawnAt: null })] });
    expect(contacts.forPerson(other)).toHaveLength(1);
    expect(conversations.load(otherContact.id)).toEqual(state);
    expect(outbox.forContact(otherContact.id)).toHaveLength(1);
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });

  test('a person with a mediator role lists both roles', () => {
    const id = t.store.people.create('fr', T0);
    t.db.prepare("INSERT INTO person_role (person_id, role, granted_at) VALUES (?, 'mediator', ?)").run(id, T0.toISOString());
    expect(t.store.people.find(id)?.roles).toEqual(['mediator', 'resident']);
  });
});
