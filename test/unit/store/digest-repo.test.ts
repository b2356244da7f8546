import type { VolunteerProfile } from '../../../src/domain/profile';
import { at, countRows, openTempStore, T0, type TempStore } from './temp-store';

const profile: VolunteerProfile = {
  firstName: 'Zoé',
  neighbourhood: 'gibauderie',
  ageBracket: '80_plus',
  gender: 'woman',
  equipment: 'none',
  reminders: 'this_contact',
};

let t: TempStore;
let mediator: number;
let formerMediator: number;

/** A volunteer registered by `mediatorIds`, with no contact point ("through my mediator"). */
function supported(...mediatorIds: number[]): number {
  const id = t.store.people.create('fr', T0);
  t.store.people.registerVolunteer(id, profile, null, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: T0.toISOString(), method: 'paper', reference: 'F-12' }, T0);
  for (const m of mediatorIds) t.store.mediation.addSupport(m, id, 'registered', T0);
  return id;
}

beforeEach(() => {
  t = openTempStore();
  mediator = t.store.people.create('fr', T0);
  t.store.people.grantRole(mediator, 'mediator', T0, 'Centre social');
  formerMediator = t.store.people.create('fr', T0);
});

afterEach(() => {
  t.close();
});

describe('SqliteDigestRepo', () => {
  test('queues one item per mediator still holding the role, never twice while it waits', () => {
    const zoe = supported(mediator, formerMediator);
    const alone = supported();
    expect(t.store.digest.mediated([zoe, alone])).toEqual([zoe]);
    expect(t.store.digest.queue('session_reminder', 7, [zoe, alone], at(0))).toBe(1);
    expect(t.store.digest.queue('session_reminder', 7, [zoe], at(10))).toBe(1);
    expect(t.store.digest.pending(mediator, at(10)).map((i) => [i.personId, i.kind, i.refId, i.dueAt])).toEqual([[zoe, 'session_reminder', 7, at(0).toISOString()]]);
    expect(t.store.digest.pending(formerMediator, at(10))).toEqual([]);
    expect(t.store.digest.queue('notice', 1, [], at(0))).toBe(0);
  });

  test('a mediator is due when an item waits that was due before the given instant; items due later wait', () => {
    const zoe = supported(mediator);
    t.store.digest.queue('notice', 1, [zoe], at(100));
    expect(t.store.digest.dueMediators(at(100))).toEqual([]);
    expect(t.store.digest.dueMediators(at(101))).toEqual([mediator]);
    expect(t.store.digest.pending(mediator, at(99))).toEqual([]);
    const [item] = t.store.digest.pending(mediator, at(100));
    t.store.digest.markDigested([item!.id], at(200));
    expect(t.store.digest.dueMediators(at(300))).toEqual([]);
    // Digested, the same thing can be queued again (a later reminder of the same session).
    expect(t.store.digest.queue('notice', 1, [zoe], at(300))).toBe(1);
  });

  test('items of a mediator who lost the role or the person are dropped; digested ones pruned when old', () => {
    const zoe = supported(mediator);
    const marc = supported(mediator);
    t.store.digest.queue('notice', 1, [zoe, marc], at(0));
    t.store.mediation.removeSupport(mediator, marc);
    expect(t.store.digest.dropOrphans()).toBe(1);
    const [item] = t.store.digest.pending(mediator, at(0));
    t.store.digest.markDigested([item!.id], at(10));
    t.store.digest.queue('idea_decision', 3, [zoe], at(20));
    t.store.people.revokeRole(mediator, 'mediator');
    expect(t.store.digest.dropOrphans()).toBe(1);
    expect(t.store.digest.pruneDigested(at(10))).toBe(0);
    expect(t.store.digest.pruneDigested(at(11))).toBe(1);
    expect(countRows(t.db, 'mediator_digest_item')).toBe(0);
  });
});

describe('who cannot be reached directly', () => {
  test('an audience: people without a reachable contact point, not opted out', () => {
    const zoe = supported(mediator);
    const reachable = supported(mediator);
    t.store.contacts.create(reachable, 'sms', '+33612345678', T0);
    const blocked = supported(mediator);
    t.store.contacts.markUnreachable(t.store.contacts.create(blocked, 'telegram', '42', T0).id, T0);
    const optedOut = supported(mediator);
    t.store.people.setOptedOut(optedOut, true, T0);
    expect(t.store.broadcasts.withoutContact([{ kind: 'volunteers' }])).toEqual([zoe, blocked]);
    expect(t.store.broadcasts.withoutContact([{ kind: 'volunteers' }, { kind: 'person', personId: zoe }])).toEqual([zoe]);
  });

  test('a reminder: the people it is for whose chosen contact point is missing or unreachable', () => {
    const session = t.store.sessions.create(
      { title: { fr: 'Séance 2' }, description: null, place: 'Salle', startsAt: at(86_400).toISOString(), endsAt: at(90_000).toISOString(), reminderOffsets: null },
      T0,
    );
    const zoe = supported(mediator);
    const declined = supported(mediator);
    t.store.sessions.answer(session, declined, 'no', T0);
    const byPhone = supported(mediator);
    const phone = t.store.contacts.create(byPhone, 'sms', '+33612345678', T0);
    t.store.people.updateProfile(byPhone, { ...profile, reminders: 'sms' }, phone.id, T0);
    const noReminders = supported(mediator);
    t.store.people.updateProfile(noReminders, { ...profile, reminders: 'none' }, null, T0);
    expect(t.store.sessions.reminderContacts(session, false)).toEqual([phone.id]);
    expect(t.store.sessions.remindedWithoutContact(session, false)).toEqual([zoe]);
    expect(t.store.sessions.remindedWithoutContact(session, true)).toEqual([]);
    t.store.sessions.answer(session, zoe, 'maybe', T0);
    expect(t.store.sessions.remindedWithoutContact(session, true)).toEqual([zoe]);
    t.store.contacts.markUnreachable(phone.id, T0);
    expect(t.store.sessions.remindedWithoutContact(session, false)).toEqual([zoe, byPhone]);
  });
});
