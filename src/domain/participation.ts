import type { ConsultationView } from './consultation';
import type { ConsultationResults } from './consultation-results';
import type { IdeaBoard } from './idea';
import type { AgentText } from './assembly-session';
import type { DrawInvitation } from './draw-invitation';

/**
 * What the assembly offers the person now: ideas, consultations, results. Read from the store
 * within the turn's transaction, on first use only (most messages need none of it), so flows
 * stay pure: they read these snapshots and return effects.
 */
export interface Participation {
  ideaBoard(): IdeaBoard;
  /** Open consultations the person may answer, closing soonest first, with their ballot. */
  openConsultations(): readonly ConsultationView[];
  /** Results of closed consultations the person took part in, most recent first. */
  resultsForMe(): readonly ConsultationResults[];
  /** The person's seats in draws still waiting for their answer, soonest deadline first. */
  drawInvitations(): readonly DrawInvitation[];
  /** Every draw the person was drawn in, with their answer, latest first (MES DONNÉES). */
  drawSeats(): readonly DrawSeatView[];
}

/** A person's seat in a draw, as they see it. */
export interface DrawSeatView {
  readonly drawId: number;
  readonly name: AgentText;
  readonly pseudonym: string;
  readonly status: 'waiting' | 'accepted' | 'declined' | 'expired';
  readonly invitedAt: string;
}
