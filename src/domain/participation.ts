import type { ConsultationView } from './consultation';
import type { ConsultationResults } from './consultation-results';
import type { IdeaBoard } from './idea';

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
}
