import type { Text, TextParam } from '../../domain/text';

/**
 * Flows are data. A flow has an id and a version, and named steps; step ids are persisted in
 * conversation state, so once shipped they never change (a renamed step needs a new flow version
 * and a state migration). Logic that data cannot express is a named function (see
 * `../functions`), referenced by name so that definitions stay plain data.
 */
export interface FlowDefinition {
  /** snake_case, persisted. */
  readonly id: string;
  /** Bumped when steps change meaning; state saved under another version restarts the flow if its step is gone. */
  readonly version: number;
  readonly start: string;
  readonly steps: Readonly<Record<string, StepDefinition>>;
  /**
   * Named condition: who may be in this flow at all (a staff desk). Checked at every step and
   * every answer, so that losing the role mid-conversation closes the flow at once: the person
   * is taken to the main menu, as when a flow changed under a saved conversation.
   */
  readonly when?: string;
}

/** A paragraph of a message: a fixed text, or one whose parameters a named view computes. */
export type TextTemplate = Text | { readonly key: string; readonly view: string; readonly params?: Readonly<Record<string, TextParam>> };

/** An option of a choice step. `id` is what is saved and what a button sends back. */
export interface ChoiceOption {
  readonly id: string;
  readonly label: Text;
  /** Synonyms from data files (a neighbourhood's other names); translated labels bring their own. */
  readonly aliases?: readonly string[];
  /** Named condition: the option is offered only when it holds. */
  readonly when?: string;
}

/** Where to go after a choice: one step for every option, or a step per option id. */
export type ChoiceNext = string | { readonly byChoice: Readonly<Record<string, string>>; readonly otherwise?: string };

/**
 * What a message is about, as flow data keys holding ids (one, or several separated by commas):
 * a message about a session that has started, a consultation that has closed, or a seat in a draw
 * answered or past its delay is not delivered.
 */
export interface AboutDefinition {
  readonly session?: string;
  readonly consultation?: string;
  readonly drawSeat?: string;
}

/**
 * Whether a step's messages show a ballot's content, which must not outlive the consultation:
 * `shows`, every message of the step (a summary, a receipt); `answers`, only when it reads back
 * what the person typed (a re-asked question after an answer that was not understood).
 */
export type SecretDefinition = 'shows' | 'answers';

/** What every step that sends a message may say about it. */
interface MessageMarks {
  readonly about?: AboutDefinition;
  readonly secret?: SecretDefinition;
}

/** Sends paragraphs, then moves on without waiting. */
export interface SayStep extends MessageMarks {
  readonly type: 'say';
  readonly say: readonly TextTemplate[];
  readonly next: string;
}

/** Asks the person to pick one option (buttons or a numbered menu) and waits. */
export interface ChoiceStep extends MessageMarks {
  readonly type: 'choice';
  readonly prompt: readonly TextTemplate[];
  /** Fixed options, or a named provider for lists that come from data (neighbourhoods, the menu). */
  readonly choices: readonly ChoiceOption[] | { readonly provider: string };
  /**
   * Named reader tried on a typed answer before the options' labels: answers people give that
   * no label says ("67" for an age bracket, a year of birth).
   */
  readonly reader?: string;
  /** Flow data key that receives the chosen id. */
  readonly assign?: string;
  readonly next: ChoiceNext;
}

/**
 * Asks the person to pick one or more options, and waits. Typed, they come together ("1 3",
 * "bus et vélo") and the rule reads them; on buttons, each press ticks or unticks an option and
 * a submit button sends the ticked ones to the same rule, as their numbers.
 */
export interface SeveralStep extends MessageMarks {
  readonly type: 'several';
  readonly prompt: readonly TextTemplate[];
  readonly choices: readonly ChoiceOption[] | { readonly provider: string };
  /** Named rule that reads the options typed or ticked, checks how many, and gives the value to save. */
  readonly rule: string;
  readonly assign: string;
  readonly next: string;
}

/** Asks for free text, checked by a named rule, and waits. */
export interface TextStep extends MessageMarks {
  readonly type: 'text';
  readonly prompt: readonly TextTemplate[];
  /** Named rule that accepts (and may reshape) the text, or explains what is wrong. */
  readonly rule: string;
  readonly assign: string;
  readonly next: string;
}

/** Runs a named action (effects, data changes), then goes on, possibly by outcome. */
export interface ActionStep {
  readonly type: 'action';
  readonly action: string;
  readonly next: string | { readonly byOutcome: Readonly<Record<string, string>> };
}

/** Goes one way or the other on a named condition. */
export interface BranchStep {
  readonly type: 'branch';
  readonly condition: string;
  readonly then: string;
  readonly else: string;
}

/**
 * Asks, in order, the fields that flow data does not hold yet, then goes on. Correcting a field
 * is forgetting it and coming back here, so registration and profile share one path.
 */
export interface FillStep {
  readonly type: 'fill';
  readonly fields: readonly { readonly field: string; readonly step: string; readonly when?: string }[];
  readonly then: string;
}

/** Leaves this flow for the start of another (its data is not carried over). */
export interface GotoFlowStep {
  readonly type: 'goto_flow';
  readonly flow: string;
  /** Flow data key naming another flow to go to instead, when it holds a known flow id. */
  readonly flowFromData?: string;
}

/**
 * Ends the flow. If it interrupted another (language, my data), that one resumes at its question;
 * otherwise the flow named by `otherwise` starts, or the conversation is idle until the person
 * writes again. A `final` end resumes nothing: the conversation is over (after an erasure).
 */
export interface EndStep {
  readonly type: 'end';
  readonly otherwise?: string;
  readonly final?: boolean;
}

/** Any step. */
export type StepDefinition = SayStep | ChoiceStep | SeveralStep | TextStep | ActionStep | BranchStep | FillStep | GotoFlowStep | EndStep;

/** A step that waits for the person's answer. */
export type QuestionStep = ChoiceStep | SeveralStep | TextStep;
