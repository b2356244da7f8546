import type { SessionView } from '../../domain/assembly-session';
import type { City } from '../../domain/city';
import type { Language } from '../../domain/language';
import type { OnBehalf } from '../../domain/mediation';
import type { Participation } from '../../domain/participation';
import type { ContactPointView, PersonSnapshot } from '../../domain/person-snapshot';
import type { ActionForPerson } from '../../domain/audit';
import type { Effect } from '../../domain/effect';
import type { StaffDesk } from '../../domain/staff-desk';
import type { Text, TextParam } from '../../domain/text';
import type { FlowData, FlowValue } from './conversation-state';
import type { ChoiceMatch } from '../../lib/text/match-choice';
import type { ChoiceOption } from './flow-definition';

/** Settings flows need, fixed for the life of the process. */
export interface FlowSettings {
  readonly city: City;
  /** Version of the privacy notice shown before consent; stored with each consent. */
  readonly privacyNoticeVersion: string;
  /** How to reach a person, offered after repeated misunderstandings and in help. */
  readonly humanContact: string;
  /** The language of texts an agent wrote only in it (session titles). */
  readonly defaultLanguage: Language;
}

/** What a flow knows while it runs one step. */
export interface StepContext {
  readonly person: PersonSnapshot;
  /** The contact point the person is writing from. */
  readonly contact: ContactPointView;
  readonly now: Date;
  readonly settings: FlowSettings;
  /** Upcoming sessions of the assembly, with the person's answers. */
  readonly sessions: readonly SessionView[];
  /** Ideas, consultations and results, read on first use. */
  readonly participation: Participation;
  /** What mediators did for the person (read on first use), most recent last. */
  readonly actionsForMe: () => readonly ActionForPerson[];
  /** What staff menus show (empty for residents). */
  readonly staff: StaffDesk;
  /** Set when a mediator is acting for this person: `person` is then the person, not the mediator. */
  readonly onBehalf?: OnBehalf;
  readonly data: FlowData;
}

/** A rule's verdict on typed text: the value to save, or what to tell the person. */
export type RuleResult = { readonly ok: true; readonly value: FlowValue } | { readonly ok: false; readonly problem: Text };

/** What an action returns: an outcome to branch on, data changes (undefined forgets a key), effects, texts to say. */
export interface ActionResult {
  readonly outcome?: string;
  readonly data?: Readonly<Record<string, FlowValue | undefined>>;
  readonly effects?: readonly Effect[];
}

/** What a reader made of a typed answer: a match, options it is close to, or what to tell the person. */
export type ReaderResult = ChoiceMatch | { readonly kind: 'problem'; readonly problem: Text };

/**
 * Reads a typed answer that no option's label says (an age for an age bracket); null lets the
 * labels decide.
 */
export type ChoiceReader = (input: string, options: readonly ChoiceOption[], ctx: StepContext) => ReaderResult | null;

/** The named functions flows may reference. Each is pure. */
export interface FlowFunctions {
  readonly readers: Readonly<Record<string, ChoiceReader>>;
  readonly conditions: Readonly<Record<string, (ctx: StepContext) => boolean>>;
  readonly views: Readonly<Record<string, (ctx: StepContext) => Record<string, TextParam>>>;
  readonly providers: Readonly<Record<string, (ctx: StepContext) => readonly ChoiceOption[]>>;
  readonly rules: Readonly<Record<string, (input: string, ctx: StepContext) => RuleResult>>;
  readonly actions: Readonly<Record<string, (ctx: StepContext) => ActionResult>>;
}

/** Every way an option's label can be written: its label in every language, and its synonyms. */
export interface Vocabulary {
  variants(label: Text): readonly string[];
}
