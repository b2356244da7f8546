import type { AgentText } from './assembly-session';
import type { AudienceFilter } from './audience';

/** An idea waiting for moderation, as the agent desk lists it: what it says, never who wrote it. */
export interface PendingIdea {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly neighbourhood: string | null;
  readonly submittedAt: string;
}

/** How many people a notice would reach now, in all and by channel kind. */
export interface AudiencePlan {
  readonly total: number;
  readonly byChannel: Readonly<Record<string, number>>;
  /** People without a contact point of their own, told through their mediators' digest. */
  readonly viaMediators: number;
}

/** Participation in an open consultation: counts only, never anyone's answers. */
export interface ConsultationParticipation {
  readonly id: number;
  readonly title: AgentText;
  readonly closesAt: string;
  /** Ballots cast so far. */
  readonly ballots: number;
  /** People invited when it opened (null when that was not recorded). */
  readonly invited: number | null;
  /** Each question, in order, with how many ballots answered it (skipped ones not counted). */
  readonly questions: readonly { readonly text: AgentText; readonly answered: number }[];
}

/**
 * What the agent desk shows, read from the store within the turn (like `Participation`), so that
 * flows stay pure. Empty for anyone without the agent role (see NO_AGENT_DESK).
 */
export interface AgentDesk {
  /** Ideas waiting for moderation, oldest first. */
  pendingIdeas(): readonly PendingIdea[];
  /** Who a notice to `audience` would reach now: the same reading of audiences as the CLI's. */
  audiencePlan(audience: readonly AudienceFilter[]): AudiencePlan;
  /** Open consultations, closing soonest first, with their participation. */
  consultationParticipation(): readonly ConsultationParticipation[];
}

/** The agent desk of someone who is not an agent: nothing to show. */
export const NO_AGENT_DESK: AgentDesk = {
  pendingIdeas: () => [],
  audiencePlan: () => ({ total: 0, byChannel: {}, viaMediators: 0 }),
  consultationParticipation: () => [],
};
