import type { ConversationService } from '../conversation/conversation-service';
import { isQuietTime, type QuietHours } from '../lib/quiet-hours';
import type { Logger } from '../lib/logger';
import { inTransaction } from '../store/database';
import { CATCH_UP_GAP_MS } from '../sessions/plan-reminders';
import type { ReminderRecord } from '../store/sessions-repo';
import type { Store } from '../store/store';

/** A reminder due within this long is on time, not caught up. */
const ON_TIME_MS = 15 * 60_000;

/**
 * Whether a due reminder should give way (after downtime, or for a session planned long ago and
 * found late): a later reminder of its session is due too, or an overdue one is followed within
 * 12 hours by the next. Nobody gets two reminders for one session the same day.
 */
function superseded(store: Store, reminder: ReminderRecord, now: Date): boolean {
  const others = store.sessions.remindersOf(reminder.sessionId).filter((r) => r.id !== reminder.id && r.status === 'pending');
  if (others.some((r) => r.dueAt > reminder.dueAt && new Date(r.dueAt) <= now)) return true;
  const onTime = now.getTime() - new Date(reminder.dueAt).getTime() <= ON_TIME_MS;
  const next = others.filter((r) => new Date(r.dueAt) > now).map((r) => new Date(r.dueAt).getTime());
  return !onTime && next.length > 0 && Math.min(...next) - now.getTime() <= CATCH_UP_GAP_MS;
}

/** What firing reminders needs. */
export interface ReminderDeps {
  readonly store: Store;
  readonly conversations: ConversationService;
  readonly logger: Logger;
  readonly quietHours: { readonly hours: QuietHours; readonly timeZone: string } | null;
  /** Only people who said yes or maybe (else every volunteer who did not say no). */
  readonly answeredOnly: boolean;
}

/** What a scheduler run did. */
export interface ReminderRun {
  readonly fired: number;
  readonly skipped: number;
  readonly messages: number;
}

/**
 * Sends the session reminders due at `now`, each in its own transaction: its recipients get the
 * "will you come?" question (in their language, on the contact point they chose) and the
 * reminder is marked fired, or nothing happens. A reminder whose session was cancelled or has
 * started is skipped. People the reminder cannot reach (registered by a mediator, without a
 * phone) are put in their mediators' next digest instead. During quiet hours nothing fires: reminders wait for the morning. One
 * failure is logged and does not stop the others.
 */
export function fireDueReminders(deps: ReminderDeps, now: Date): ReminderRun {
  const { store, conversations, logger, quietHours } = deps;
  if (quietHours && isQuietTime(now, quietHours.hours, quietHours.timeZone)) return { fired: 0, skipped: 0, messages: 0 };
  let fired = 0;
  let skipped = 0;
  let messages = 0;
  for (const reminder of store.sessions.dueReminders(now)) {
    try {
      inTransaction(store.db, () => {
        const session = store.sessions.find(reminder.sessionId);
        if (!session || session.status === 'cancelled' || new Date(session.startsAt) <= now || superseded(store, reminder, now)) {
          store.sessions.finishReminder(reminder.id, 'skipped', 0, now);
          skipped += 1;
          return;
        }
        const contacts = store.sessions.reminderContacts(session.id, deps.answeredOnly);
        const reached = contacts.filter((contactId) => conversations.interrupt(contactId, 'session_rsvp', { session_id: session.id }, now)).length;
        const viaMediators = store.digest.queue('session_reminder', session.id, store.sessions.remindedWithoutContact(session.id, deps.answeredOnly), now);
        store.sessions.finishReminder(reminder.id, 'fired', reached, now);
        fired += 1;
        messages += reached;
        logger.info('reminder_fired', { session: session.id, offset_minutes: reminder.offsetMinutes, recipients: reached, via_mediators: viaMediators });
      });
    } catch (error) {
      logger.error('reminder_failed', { reminder: reminder.id, error: (error as Error).message });
    }
  }
  return { fired, skipped, messages };
}
