import type { DrawInvitation } from '../domain/draw-invitation';
import type { DrawRecord, DrawsRepo, SeatRecord } from '../store/draws-repo';
import type { SessionsRepo } from '../store/sessions-repo';

/** What reading an invitation needs: the draws, and the sessions they are for. */
export interface InvitationRepos {
  readonly draws: DrawsRepo;
  readonly sessions: SessionsRepo;
}

/** What a seat's invitation says, read now; null when its draw is gone. */
export function invitationOf(repos: InvitationRepos, seat: SeatRecord, draw: DrawRecord | null = repos.draws.find(seat.drawId)): DrawInvitation | null {
  if (!draw) return null;
  const sessions = draw.definition.sessions
    .map((id) => repos.sessions.find(id))
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

/**
 * Why an invitation about `seat` must no longer be delivered at `now`: the seat was answered
 * (from another channel, or by a mediator), or it no longer waits for an answer (its delay is
 * past, the seat was freed, the person erased). Null while it waits.
 */
export function seatExpiry(seat: SeatRecord | null, now: Date): 'seat_answered' | 'seat_expired' | null {
  if (seat?.status === 'accepted' || seat?.status === 'declined') return 'seat_answered';
  if (!seat || seat.personId === null || seat.status !== 'waiting' || new Date(seat.answerBy) <= now) return 'seat_expired';
  return null;
}
