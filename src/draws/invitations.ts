import type { ConversationService } from '../conversation/conversation-service';
import type { DrawInvitation } from '../domain/draw-invitation';
import type { SeatRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { invitationOf, seatExpiry } from './seat-invitation';

/** How an invitation reached its person. */
export type Delivery = 'direct' | 'mediator' | 'unreachable';

/** A person's seats still waiting for their answer, soonest deadline first. */
export function waitingInvitations(store: Store, personId: number, now: Date): DrawInvitation[] {
  return store.draws
    .seatsOf(personId)
    .filter((seat) => seatExpiry(seat, now) === null)
    .flatMap((seat) => invitationOf(store, seat) ?? [])
    .sort((a, b) => a.answerBy.localeCompare(b.answerBy));
}

/**
 * Invites the person of a seat (or reminds them): on their contact point, the invitation
 * question interrupts what they were doing and resumes it after; for someone without one, their
 * mediators' next digest says it. Call inside a transaction.
 */
export function inviteSeat(store: Store, conversations: ConversationService, seat: SeatRecord, now: Date, reminder: boolean): Delivery {
  if (seat.personId === null) return 'unreachable';
  const [recipient] = store.broadcasts.recipients([{ kind: 'person', personId: seat.personId }]);
  const data = { seat_id: seat.id, reminder };
  if (recipient && conversations.interrupt(recipient.contactId, 'draw_invitation', data, now)) return 'direct';
  return store.digest.queue('draw_invitation', seat.drawId, [seat.personId], now) > 0 ? 'mediator' : 'unreachable';
}
