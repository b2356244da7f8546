import type { ConversationService } from '../conversation/conversation-service';
import { agentTextValue, text } from '../domain/text';
import type { Logger } from '../lib/logger';
import { inTransaction } from '../store/database';
import type { SeatRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { inviteSeat } from './invitations';

/** What the draws' part of a scheduler run needs. */
export interface DrawScheduleDeps {
  readonly store: Store;
  readonly conversations: ConversationService;
  readonly logger: Logger;
}

/** What a run did: reminders sent, seats whose delay ended. */
export interface DrawScheduleRun {
  readonly reminded: number;
  readonly expired: number;
}

/**
 * Tells a person whose delay ended that their seat went to someone else (on their contact point;
 * nothing through mediators), with the draw's name in their language when it leaves.
 */
function tellExpired(store: Store, seat: SeatRecord, now: Date): void {
  if (seat.personId === null) return;
  const draw = store.draws.find(seat.drawId);
  const [recipient] = store.broadcasts.recipients([{ kind: 'person', personId: seat.personId }]);
  if (!draw || !recipient) return;
  const name = agentTextValue(draw.definition.name);
  store.outbox.enqueue({ contactId: recipient.contactId, channel: recipient.channel, kind: 'bulk', message: { parts: [text('draws:invitation.expired', { name })] }, notBefore: now }, now);
}

/**
 * The draws' scheduled work, each item in its own transaction: the one reminder of each seat
 * still waiting when its reminder time comes; seats whose delay ended are freed (the person is
 * told). Replacements for the seats freed are drawn apart, in a worker thread (see
 * AutomaticReplacements). Failures are logged and do not stop the rest.
 */
export function runDrawSchedule(deps: DrawScheduleDeps, now: Date): DrawScheduleRun {
  const { store, conversations, logger } = deps;
  let reminded = 0;
  let expired = 0;
  for (const seat of store.draws.dueReminders(now)) {
    try {
      inTransaction(store.db, () => {
        inviteSeat(store, conversations, seat, now, true);
        store.draws.markReminded(seat.id, now);
      });
      reminded += 1;
    } catch (error) {
      logger.error('draw_reminder_failed', { seat: seat.id, error: (error as Error).message });
    }
  }
  for (const seat of store.draws.overdue(now)) {
    try {
      inTransaction(store.db, () => {
        if (!store.draws.answer(seat.id, 'expired', now)) return;
        tellExpired(store, seat, now);
        expired += 1;
      });
    } catch (error) {
      logger.error('draw_seat_expiry_failed', { seat: seat.id, error: (error as Error).message });
    }
  }
  if (reminded + expired > 0) logger.info('draw_schedule', { reminded, expired });
  return { reminded, expired };
}
