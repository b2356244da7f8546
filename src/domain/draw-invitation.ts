import { agentText, type AgentText } from './assembly-session';
import type { Language } from './language';
import { conjunction, literal, text, type TextParam } from './text';

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

/** The parameters of an invitation (`draws:invitation.ask`, `draws:invitation.reminder`) in the reader's language. */
export function invitationParams(invitation: DrawInvitation, language: Language | null, fallback: Language): Record<string, TextParam> {
  const words = (value: AgentText) => literal(agentText(value, language, fallback));
  return {
    name: words(invitation.name),
    about: words(invitation.about),
    pool: invitation.poolSize,
    seats: invitation.panelSize,
    sessions: invitation.sessions.length > 0 ? text('draws:invitation.sessions', { dates: conjunction(invitation.sessions.map((s) => ({ dateTime: s }))) }) : '',
    compensation: invitation.compensation ? text('draws:invitation.compensation', { text: words(invitation.compensation) }) : '',
    until: { dateTime: invitation.answerBy },
    pseudonym: invitation.pseudonym,
  };
}
