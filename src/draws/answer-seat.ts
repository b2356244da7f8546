import type { Store } from '../store/store';

/**
 * A person's answer to their seat in a draw: accepting gives them the `assembly_member` role (so
 * that consultations for the assembly reach them); declining frees the seat for a replacement.
 * False when the seat is not theirs or no longer waits (the delay ended, or they answered
 * already from another channel): nothing changes then. Call inside a transaction.
 */
export function answerSeat(store: Store, personId: number, seatId: number, answer: 'accepted' | 'declined', now: Date): boolean {
  const seat = store.draws.seat(seatId);
  if (!seat || seat.personId !== personId || seat.status !== 'waiting' || new Date(seat.answerBy) <= now) return false;
  if (!store.draws.answer(seatId, answer, now)) return false;
  if (answer === 'accepted') store.people.grantRole(personId, 'assembly_member', now);
  return true;
}
