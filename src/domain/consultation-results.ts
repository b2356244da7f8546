import type { AgentText } from './assembly-session';
import type { ConsultationAudience, ConsultationQuestion, ConsultationStatus } from './consultation';

/** How often one option was chosen. `share` is of the people who answered the question (0–1). */
export interface OptionCount {
  readonly id: string;
  readonly label: AgentText;
  readonly count: number;
  readonly share: number;
}

/** A proposal's place in a majority judgment. Grades are indices into the scale, best first. */
export interface RankedProposal {
  readonly id: string;
  readonly label: AgentText;
  /** Grades received, by grade index (the merit profile). */
  readonly counts: readonly number[];
  readonly total: number;
  /** 1-based; proposals tied exactly share a rank. */
  readonly rank: number;
  readonly majorityGrade: number | null;
  /** Shares of grades better and worse than the majority grade (0–1), which break ties. */
  readonly better: number;
  readonly worse: number;
}

/** The results of one question. */
export type QuestionResult =
  | { readonly kind: 'counts'; readonly question: ConsultationQuestion; readonly answered: number; readonly skipped: number; readonly options: readonly OptionCount[] }
  | {
      readonly kind: 'majority_judgment';
      readonly question: ConsultationQuestion;
      readonly answered: number;
      readonly skipped: number;
      readonly grades: readonly AgentText[];
      readonly ranking: readonly RankedProposal[];
    }
  | { readonly kind: 'comments'; readonly question: ConsultationQuestion; readonly answered: number; readonly skipped: number; readonly comments: readonly string[] };

/** A consultation's results: participation, then every question's. */
export interface ConsultationResults {
  readonly id: number;
  readonly title: AgentText;
  readonly status: ConsultationStatus;
  readonly audience: ConsultationAudience;
  readonly opensAt: string;
  readonly closesAt: string;
  /** Ballots counted. */
  readonly ballots: number;
  /** People notified when it opened (null before). */
  readonly invited: number | null;
  readonly questions: readonly QuestionResult[];
}
