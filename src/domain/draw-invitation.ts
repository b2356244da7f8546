import type { AgentText } from './assembly-session';
import { agentTextValue, conjunction, counted, live, text, type DrawInvitationField, type TextParam } from './text';

/** What a person drawn is told about their seat, read from the store when the message is written. */
export interface DrawInvitation {
  readonly seatId: number;
  readonly drawId: number;
  readonly name: AgentText;
  readonly about: AgentText;
  readonly compensation: AgentText | null;
  /** Start times (ISO) of the sessions the draw is for, soonest first. */
  readonly sessions: readonly string[];
  readonly answerBy: string;
  /** How many people the draw was among, and how many seats it had. */
  readonly poolSize: number;
  readonly panelSize: number;
  /** The person's pseudonym in the public record, to find themselves in it. */
  readonly pseudonym: string;
}

/**
 * One field of an invitation as it reads now: the draw's texts (in the reader's language when
 * rendered), the sessions still planned, the deadline. The outbox reads it again as the message
 * leaves (StoreLiveData), so that a session moved or cancelled meanwhile is told as it is.
 */
export function invitationField(invitation: DrawInvitation, field: DrawInvitationField): TextParam {
  switch (field) {
    case 'name':
      return agentTextValue(invitation.name);
    case 'about':
      return agentTextValue(invitation.about);
    case 'sessions_line':
      return invitation.sessions.length > 0 ? text('draws:invitation.sessions', { dates: conjunction(invitation.sessions.map((s) => ({ dateTime: s }))) }) : '';
    case 'compensation_line':
      return invitation.compensation ? text('draws:invitation.compensation', { text: agentTextValue(invitation.compensation) }) : '';
    case 'until':
      return { dateTime: invitation.answerBy };
  }
}

/**
 * The parameters of an invitation's texts (`draws:invitation.*`): what may change is read again
 * when the message is sent; the pool, the seats and the pseudonym were frozen when it was drawn.
 */
export function invitationParams(invitation: DrawInvitation): Record<string, TextParam> {
  const current = (field: DrawInvitationField) => live({ drawSeat: invitation.seatId, field }, invitationField(invitation, field));
  return {
    name: current('name'),
    about: current('about'),
    pool: counted('people', invitation.poolSize),
    seats: counted('seats', invitation.panelSize),
    sessions: current('sessions_line'),
    compensation: current('compensation_line'),
    until: current('until'),
    pseudonym: invitation.pseudonym,
  };
}
