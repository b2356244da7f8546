import type { AssemblySession, RsvpAnswer } from '../domain/assembly-session';
import type { ReminderRecord, RsvpRecord } from '../store/sessions-repo';
import type { Store } from '../store/store';

/** A session as agents follow it: residents' answers, counted and by name, and its reminders. */
export interface SessionOverview extends AssemblySession {
  readonly answers: Readonly<Record<RsvpAnswer, number>>;
  readonly rsvps: readonly RsvpRecord[];
  readonly reminders: readonly ReminderRecord[];
}

/** What `session` looks like to agents now. */
export function sessionOverview(store: Store, session: AssemblySession): SessionOverview {
  const rsvps = store.sessions.rsvps(session.id);
  const count = (answer: RsvpAnswer) => rsvps.filter((r) => r.answer === answer).length;
  return { ...session, answers: { yes: count('yes'), no: count('no'), maybe: count('maybe') }, rsvps, reminders: store.sessions.remindersOf(session.id) };
}

/** Sessions from `from` on (all when null), soonest first, with answers and reminders; cancelled ones when asked. */
export function listSessionOverviews(store: Store, from: Date | null, includeCancelled: boolean): SessionOverview[] {
  return store.sessions.list(from, includeCancelled).map((session) => sessionOverview(store, session));
}
