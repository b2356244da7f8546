/** A value flow data can hold: JSON, so that state survives a restart as a row. */
export type FlowValue = string | number | boolean | null;

/** What a flow has gathered so far. */
export type FlowData = Readonly<Record<string, FlowValue>>;

/**
 * Where a conversation stands: which question of which flow is waiting for an answer, with what
 * was gathered so far. Persisted as JSON per contact point after every message.
 */
export interface ConversationState {
  readonly flowId: string;
  readonly flowVersion: number;
  readonly stepId: string;
  readonly data: FlowData;
  /** Misunderstood answers in a row at this question; a human is offered at three. */
  readonly misunderstandings: number;
  /** Option ids in the order they were shown, so that "3" means what the person saw as 3. */
  readonly offered?: readonly string[];
  /** Options the last answer was close to, asked about alone ("did you mean…"); their numbers refer to this list. */
  readonly narrowed?: readonly string[];
  /** On a several-choices question: the options ticked so far with buttons. */
  readonly ticked?: readonly string[];
  /** The conversation this one interrupted (help, language, my data), resumed when it ends. */
  readonly suspended?: ConversationState;
}
