import type { ConversationService } from '../conversation/conversation-service';
import type { DrawInvitation } from '../domain/draw-invitation';
import type { DrawRecord, SeatRecord } from '../store/draws-repo';
import type { Store } from '../store/store';

/** The subject kind of invitation messages, written again when they leave (see drawMessageRefresher). */
export const DRAW_SEAT_SUBJECT = 'draw_seat';

/** How an invitation reached its person. */
export type Delivery = 'direct' | 'mediator' | 'unreachable';

/** What a seat's invitation says, read now; null when the seat or its draw is gone. */
export function invitationOf(store: Store, seat: SeatRecord, draw: DrawRecord | null = store.draws.find(seat.drawId)): DrawInvitation | null {
  if (!draw) return null;
  const sessions = draw.definition.sessions
    .map((id) => store.sessions.find(id))
    .flatMap((s) => (s && s.status === 'scheduled' ? [s.startsAt] : []))
    .sort();
  return {
    seatId: seat.id,
    drawId: draw.id,
    name: draw.definition.name,
    about: draw.definition.about,
    compensation: draw.definition.compensation,
    sessions,
    answerBy: seat.answerBy,
    poolSize: draw.prepared.pool.length,
    panelSize: draw.prepared.panel_size,
    pseudonym: seat.pseudonym,
  };
}

/** A person's seats still waiting for their answer, soonest deadline first. */
export function waitingInvitations(store: Store, personId: number, now: Date): DrawInvitation[] {
  return store.draws
    .seatsOf(personId)
    .filter((seat) => seat.status === 'waiting' && new Date(seat.answerBy) > now)
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
  if (recipient && conversations.interrupt(recipient.contactId, 'draw_invitation', data, now, [], { kind: DRAW_SEAT_SUBJECT, id: seat.id })) return 'direct';
  return store.digest.queue('draw_invitation', seat.drawId, [seat.personId], now) > 0 ? 'mediator' : 'unreachable';
}
