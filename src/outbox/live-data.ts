import { agentTextValue, literal, text, type LiveRef, type Subject, type TextParam } from '../domain/text';
import type { OutgoingMessage } from '../domain/outgoing-message';
import type { ExpiryReason } from '../store/outbox-repo';
import type { ConsultationsRepo } from '../store/consultations-repo';
import type { DrawsRepo } from '../store/draws-repo';
import type { SessionsRepo } from '../store/sessions-repo';
import { invitationField } from '../domain/draw-invitation';
import { invitationOf, seatExpiry } from '../draws/seat-invitation';

/**
 * The data a message is rendered from when it is sent, rather than when it was queued: a session
 * moved after its reminder was queued shows its new time, and a reminder for a session that has
 * started is not sent at all; an invitation to a draw says the sessions as planned when it leaves,
 * and is not sent once its seat was answered or its delay is past.
 */
export interface LiveData {
  /** The current value of a live parameter, or null when there is nothing to read it from. */
  resolve(ref: LiveRef): TextParam | null;
  /** Why a message about `subject` must no longer be delivered at `now`, or null while it still may. */
  expiry(subject: Subject, now: Date): ExpiryReason | null;
}

/** Why a message's moment has passed (one of its subjects is over), or null while it may be delivered. */
export function expiryOf(message: Pick<OutgoingMessage, 'about'>, live: LiveData, now: Date): ExpiryReason | null {
  for (const subject of message.about ?? []) {
    const reason = live.expiry(subject, now);
    if (reason) return reason;
  }
  return null;
}

/** LiveData read from the store, at the moment of sending. */
export class StoreLiveData implements LiveData {
  constructor(private readonly repos: { readonly sessions: SessionsRepo; readonly consultations: ConsultationsRepo; readonly draws: DrawsRepo }) {}

  resolve(ref: LiveRef): TextParam | null {
    if ('drawSeat' in ref) {
      const seat = this.repos.draws.seat(ref.drawSeat);
      const invitation = seat ? invitationOf(this.repos, seat) : null;
      return invitation ? invitationField(invitation, ref.field) : null;
    }
    if ('session' in ref) {
      const session = this.repos.sessions.find(ref.session);
      if (!session) return null;
      switch (ref.field) {
        case 'title':
          return agentTextValue(session.title);
        case 'start':
          return { dateTime: session.startsAt };
        case 'place':
          return literal(session.place);
        case 'description_line':
          return session.description ? text('sessions:description_line', { text: agentTextValue(session.description) }) : '';
      }
    }
    const consultation = this.repos.consultations.find(ref.consultation);
    if (!consultation) return null;
    switch (ref.field) {
      case 'title':
        return agentTextValue(consultation.title);
      case 'closes':
        return { dateTime: consultation.closesAt };
      case 'description_line':
        return consultation.description ? text('consultations:description_line', { text: agentTextValue(consultation.description) }) : '';
    }
  }

  expiry(subject: Subject, now: Date): ExpiryReason | null {
    if ('drawSeat' in subject) return seatExpiry(this.repos.draws.seat(subject.drawSeat), now);
    if ('session' in subject) {
      const session = this.repos.sessions.find(subject.session);
      if (!session || session.status === 'cancelled') return 'session_cancelled';
      return new Date(session.startsAt) <= now ? 'session_started' : null;
    }
    const consultation = this.repos.consultations.find(subject.consultation);
    const open = consultation?.status === 'open' && new Date(consultation.closesAt) > now;
    return open ? null : 'consultation_closed';
  }
}
