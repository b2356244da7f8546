import type { AudienceFilter } from '../domain/audience';
import { agentTextValue, text } from '../domain/text';
import { inTransaction } from '../store/database';
import type { SessionInput } from '../store/sessions-repo';
import type { Store } from '../store/store';
import { planReminders } from './plan-reminders';

/** What an agent gives for a session; offsets null means the deployment's default. */
export type SessionChanges = SessionInput;

function replan(store: Store, id: number, session: SessionChanges, defaultOffsets: readonly number[], now: Date): void {
  store.sessions.planReminders(id, planReminders(new Date(session.startsAt), session.reminderOffsets ?? defaultOffsets, now));
}

/** Adds a session and its reminders. */
export function addSession(store: Store, session: SessionChanges, defaultOffsets: readonly number[], now: Date): number {
  return inTransaction(store.db, () => {
    const id = store.sessions.create(session, now);
    replan(store, id, session, defaultOffsets, now);
    return id;
  });
}

/** Changes a session; moving it moves its reminders (those already sent stay sent). */
export function editSession(store: Store, id: number, session: SessionChanges, defaultOffsets: readonly number[], now: Date): void {
  inTransaction(store.db, () => {
    store.sessions.update(id, session, now);
    replan(store, id, session, defaultOffsets, now);
  });
}

/** Who a cancelled session's news reaches: directly, and through mediators' daily digests. */
export interface CancellationTold {
  readonly direct: number;
  readonly viaMediators: number;
}

/**
 * Cancels a session: its reminders are cancelled, and the people who said yes or maybe are
 * told, each in their language (as they read it when the message leaves), on the contact point
 * they chose; those without one, through their mediators' next digest. Returns how many are told
 * each way.
 */
export function cancelSession(store: Store, id: number, now: Date): CancellationTold {
  return inTransaction(store.db, () => {
    const session = store.sessions.find(id);
    if (!session || session.status === 'cancelled') return { direct: 0, viaMediators: 0 };
    store.sessions.cancel(id, now);
    store.sessions.cancelPendingReminders(id);
    const coming: AudienceFilter[] = [{ kind: 'session_answer', sessionId: id, answers: ['yes', 'maybe'] }];
    const recipients = store.broadcasts.recipients(coming);
    const viaMediators = store.digest.queue('session_cancelled', id, store.broadcasts.withoutContact(coming), now);
    const message = { parts: [text('sessions:cancelled', { title: agentTextValue(session.title), when: { dateTime: session.startsAt } })] };
    for (const r of recipients) store.outbox.enqueue({ contactId: r.contactId, channel: r.channel, kind: 'bulk', message, notBefore: now }, now);
    return { direct: recipients.length, viaMediators };
  });
}
