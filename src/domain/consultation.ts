import type { AgentText } from './assembly-session';
import type { PersonFacts } from './person-snapshot';

/** Who may answer a consultation. Persisted. */
export const CONSULTATION_AUDIENCES = ['registered', 'volunteers', 'assembly_members'] as const;
/** `registered`: everyone who accepted the privacy notice; `assembly_members`: volunteers and people drawn by lot. */
export type ConsultationAudience = (typeof CONSULTATION_AUDIENCES)[number];

/** The grade scale used when a majority judgment question names none, best grade first. */
export const DEFAULT_GRADES: readonly AgentText[] = [
  { fr: 'Excellent', en: 'Excellent' },
  { fr: 'Très bien', en: 'Very good' },
  { fr: 'Bien', en: 'Good' },
  { fr: 'Assez bien', en: 'Fairly good' },
  { fr: 'Passable', en: 'Passable' },
  { fr: 'Insuffisant', en: 'Insufficient' },
  { fr: 'À rejeter', en: 'Reject' },
];

/** An option of a choice question, or a proposal of a majority judgment one. */
export interface ConsultationOption {
  /** snake_case or short id, unique in the question; what ballots and results refer to. */
  readonly id: string;
  readonly label: AgentText;
}

interface QuestionBase {
  readonly id: string;
  readonly text: AgentText;
  /** An optional question can be skipped. */
  readonly optional: boolean;
}

/** Yes / no / abstain. */
export interface YesNoQuestion extends QuestionBase {
  readonly type: 'yes_no';
}

/** Exactly one option. */
export interface OneChoiceQuestion extends QuestionBase {
  readonly type: 'one_choice';
  readonly options: readonly ConsultationOption[];
}

/** Between one and `max` options. */
export interface SeveralChoicesQuestion extends QuestionBase {
  readonly type: 'several_choices';
  readonly options: readonly ConsultationOption[];
  readonly max: number;
}

/** A grade for every proposal; the median grade decides (see results/majority-judgment). */
export interface MajorityJudgmentQuestion extends QuestionBase {
  readonly type: 'majority_judgment';
  readonly proposals: readonly ConsultationOption[];
  /** Best grade first. */
  readonly grades: readonly AgentText[];
}

/** A free comment, at most `COMMENT_MAX` characters. */
export interface CommentQuestion extends QuestionBase {
  readonly type: 'comment';
}

/** Any question of a consultation. Type names are persisted. */
export type ConsultationQuestion = YesNoQuestion | OneChoiceQuestion | SeveralChoicesQuestion | MajorityJudgmentQuestion | CommentQuestion;

/** Longest free comment, in characters: a few SMS. */
export const COMMENT_MAX = 300;

/** What an agent defines: persisted as JSON with the consultation. */
export interface ConsultationDefinition {
  readonly title: AgentText;
  readonly description: AgentText | null;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly audience: ConsultationAudience;
  readonly questions: readonly ConsultationQuestion[];
}

/** Where a consultation stands. Persisted. */
export type ConsultationStatus = 'scheduled' | 'open' | 'closed';

/** A consultation as stored. */
export interface Consultation extends ConsultationDefinition {
  readonly id: number;
  readonly status: ConsultationStatus;
}

/** One answer: an option id (yes/no/abstain are ids too), several, a grade index per proposal, or a comment. */
export type BallotAnswer =
  | { readonly choice: string }
  | { readonly choices: readonly string[] }
  | { readonly grades: Readonly<Record<string, number>> }
  | { readonly comment: string }
  | { readonly skipped: true };

/** A person's answers, by question id. */
export type BallotAnswers = Readonly<Record<string, BallotAnswer>>;

/** The ids of a yes / no question's answers. */
export const YES_NO_ANSWERS = ['yes', 'no', 'abstain'] as const;

/** A consultation as a person sees it in chat: with their ballot, if they cast one. */
export interface ConsultationView extends Consultation {
  readonly myBallot: { readonly answers: BallotAnswers; readonly castAt: string } | null;
}

/** The purpose recorded with a consent given to submit ideas or answer consultations. Persisted. */
export const PARTICIPATION_CONSENT = 'participation';

/** The person has accepted the privacy notice (for any purpose) and not withdrawn it. */
export function hasActiveConsent(person: PersonFacts): boolean {
  return person.consents.some((c) => c.withdrawnAt === null);
}

/**
 * Whether the person belongs to a consultation's audience. Anyone may join `registered` by
 * accepting the notice, which the chat asks first; the store selects the same people to notify
 * (see the `registered` and `assembly_members` audience filters).
 */
export function mayAnswer(person: PersonFacts, audience: ConsultationAudience): boolean {
  switch (audience) {
    case 'registered':
      return true;
    case 'volunteers':
      return person.volunteerStatus === 'volunteer';
    case 'assembly_members':
      return person.volunteerStatus === 'volunteer' || person.roles.includes('assembly_member');
  }
}
