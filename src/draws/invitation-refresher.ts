import type { Language } from '../domain/language';
import { invitationParams } from '../domain/draw-invitation';
import { text } from '../domain/text';
import type { MessageRefresher } from '../outbox/message-refresher';
import type { Store } from '../store/store';
import { DRAW_SEAT_SUBJECT, invitationOf } from './invitations';

/** The parts of an invitation message that depend on the draw's data (the rest is kept as queued). */
const INVITATION_KEYS = new Set(['draws:invitation.intro', 'draws:invitation.ask', 'draws:invitation.reminder']);

/**
 * Invitations to a draw, written when they leave: the deadline, session dates and texts of that
 * moment, in the reader's language; an invitation whose seat no longer waits (answered from
 * another channel or by a mediator, delay over, person erased) expires unsent.
 */
export function drawMessageRefresher(store: Store, defaultLanguage: Language): MessageRefresher {
  return (message, language, now) => {
    if (message.about?.kind !== DRAW_SEAT_SUBJECT) return null;
    const seat = store.draws.seat(message.about.id);
    if (!seat || seat.personId === null) return { expired: 'seat_gone' };
    if (seat.status !== 'waiting') return { expired: `seat_${seat.status}` };
    if (new Date(seat.answerBy) <= now) return { expired: 'delay_over' };
    const invitation = invitationOf(store, seat);
    if (!invitation) return { expired: 'draw_gone' };
    const params = invitationParams(invitation, language, defaultLanguage);
    return { message: { ...message, parts: message.parts.map((part) => ('key' in part && INVITATION_KEYS.has(part.key) ? text(part.key, params) : part)) } };
  };
}
