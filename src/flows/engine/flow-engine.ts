import { applyEffect } from '../../domain/apply-effect';
import type { Effect } from '../../domain/effect';
import { SUBMIT_TICKED, type ChoiceView, type OutgoingMessage, type SeveralView } from '../../domain/outgoing-message';
import type { PersonSnapshot } from '../../domain/person-snapshot';
import { literal, text, type Subject, type Text } from '../../domain/text';
import { isMenuNumber, matchChoice, type ChoiceMatch } from '../../lib/text/match-choice';
import type { ConversationState, FlowData, FlowValue } from './conversation-state';
import type { AboutDefinition, ChoiceOption, ChoiceStep, FlowDefinition, QuestionStep, SeveralStep, StepDefinition, TextTemplate } from './flow-definition';
import { FlowDefinitionError, GoneError } from './flow-errors';
import type { FlowFunctions, FlowSettings, ReaderResult, StepContext, Vocabulary } from './flow-functions';

/** The person's answer: what they typed, or the id of the button they pressed. */
export interface Answer {
  readonly text: string;
  readonly choiceId?: string;
}

/** What the person and the moment look like when the engine runs. */
export interface TurnContext {
  readonly person: PersonSnapshot;
  readonly contact: StepContext['contact'];
  readonly now: Date;
  readonly sessions: StepContext['sessions'];
  readonly participation: StepContext['participation'];
  readonly staff: StepContext['staff'];
  readonly actionsForMe: StepContext['actionsForMe'];
  readonly onBehalf?: StepContext['onBehalf'];
}

/** The result of one engine call: the state to save (null: idle), messages to send, effects to apply. */
export interface Turn {
  readonly state: ConversationState | null;
  readonly replies: readonly OutgoingMessage[];
  readonly effects: readonly Effect[];
  /**
   * For an answer: taken, not understood, a button of an earlier question, or an option ticked
   * or unticked on a several-choices question (the only reply is the question with its ticks,
   * which a channel with buttons shows in place of the pressed one).
   */
  readonly answer?: 'accepted' | 'misunderstood' | 'stale' | 'toggled';
}

/** Options of the engine beyond its flows and functions. */
export interface FlowEngineOptions {
  /** Misunderstood answers in a row after which a human contact is offered. */
  readonly misunderstandingsBeforeHuman?: number;
  /** Told of every step run (coverage in tests, debugging). */
  readonly trace?: (flowId: string, stepId: string) => void;
}

/** What a message built by a step carries besides its paragraphs. */
interface MessageExtras {
  readonly question?: boolean;
  readonly choices?: readonly ChoiceView[];
  readonly several?: SeveralView;
  readonly about?: readonly Subject[];
  readonly secret?: boolean;
}

/** Options for starting a flow. */
export interface StartOptions {
  /** The conversation being interrupted, resumed when the new flow ends. */
  readonly suspend?: ConversationState | null;
  /** Paragraphs to put before the first message. */
  readonly lead?: readonly Text[];
  /** Flow data to start with (a deep link's destination, for the welcome to continue with). */
  readonly data?: FlowData;
}

/** Steps run without waiting before we call the definition broken (a loop). */
const MAX_HOPS = 64;
/** Interrupted conversations kept at most; deeper ones are dropped (help inside help inside help). */
const MAX_SUSPENDED_DEPTH = 3;

/** Collects what one turn says and does, and the person as the turn's effects left them. */
class TurnBuilder {
  readonly replies: OutgoingMessage[] = [];
  readonly effects: Effect[] = [];
  private lead: Text[] = [];

  constructor(public person: PersonSnapshot, private readonly now: Date) {}

  addLead(parts: readonly Text[]): void {
    this.lead.push(...parts);
  }

  say(parts: readonly Text[], extras: MessageExtras = {}): void {
    this.replies.push(message([...this.takeLead(), ...parts], extras));
  }

  apply(effects: readonly Effect[]): void {
    for (const effect of effects) {
      this.effects.push(effect);
      this.person = applyEffect(this.person, effect, this.now);
    }
  }

  /** Lead paragraphs left over when the conversation goes idle become a message of their own. */
  flush(): void {
    if (this.lead.length > 0) this.say([]);
  }

  private takeLead(): Text[] {
    const lead = this.lead;
    this.lead = [];
    return lead;
  }
}

/** Where the run loop stands. */
interface Position {
  readonly flow: FlowDefinition;
  readonly stepId: string;
  readonly data: FlowData;
  readonly suspended: ConversationState | undefined;
}

/**
 * Interprets flow definitions. Pure and synchronous: given the saved state, the answer and a
 * snapshot of the person, it returns the next state, the messages to send and the effects to
 * apply; the caller persists all three in one transaction.
 */
export class FlowEngine {
  private readonly flows: ReadonlyMap<string, FlowDefinition>;

  constructor(
    flows: readonly FlowDefinition[],
    private readonly functions: FlowFunctions,
    private readonly vocabulary: Vocabulary,
    private readonly settings: FlowSettings,
    private readonly engineOptions: FlowEngineOptions = {},
  ) {
    this.flows = new Map(flows.map((flow) => [flow.id, flow]));
  }

  /** Starts a flow from its first step. */
  start(flowId: string, ctx: TurnContext, options: StartOptions = {}): Turn {
    const builder = new TurnBuilder(ctx.person, ctx.now);
    builder.addLead(options.lead ?? []);
    const flow = this.flow(flowId);
    const suspended = options.suspend ? this.limitDepth(options.suspend) : undefined;
    const state = this.run(builder, ctx, { flow, stepId: flow.start, data: options.data ?? {}, suspended });
    return this.finish(builder, state);
  }

  /** Takes the person's answer to the question the state is waiting on. */
  answer(state: ConversationState, answer: Answer, ctx: TurnContext): Turn {
    const builder = new TurnBuilder(ctx.person, ctx.now);
    const flow = this.flows.get(state.flowId);
    const step = flow?.steps[state.stepId];
    if (flow && !this.allowed(flow, this.stepContext(builder, ctx, state.data))) return this.finish(builder, this.leave(builder, ctx, state.suspended));
    if (!flow || !step || !isQuestion(step)) {
      // The flow changed under a saved conversation (a new version without this step): start it
      // again rather than guess, and say why.
      builder.addLead([text('flow.restarted')]);
      const restartFlow = flow ?? this.flow('main_menu');
      return this.finish(builder, this.run(builder, ctx, { flow: restartFlow, stepId: restartFlow.start, data: {}, suspended: state.suspended }));
    }
    const stepCtx = this.stepContext(builder, ctx, state.data);
    let outcome: ReadOutcome;
    try {
      outcome = this.read(step, state, answer, stepCtx);
    } catch (error) {
      return this.finish(builder, this.recover(builder, ctx, error, state.suspended));
    }
    switch (outcome.kind) {
      case 'stale':
        builder.addLead([text('choice.stale')]);
        return { ...this.finish(builder, this.askAgain(builder, ctx, flow, state)), answer: 'stale' };
      case 'misunderstood': {
        const misunderstandings = state.misunderstandings + 1;
        builder.addLead(outcome.problem);
        if (misunderstandings % (this.engineOptions.misunderstandingsBeforeHuman ?? 3) === 0) {
          builder.addLead([text('help:human', { contact: this.settings.humanContact })]);
        }
        const again = this.askAgain(builder, ctx, flow, withoutNarrowing({ ...state, misunderstandings }), { echo: true });
        return { ...this.finish(builder, again), answer: 'misunderstood' };
      }
      case 'ambiguous':
        return { ...this.finish(builder, this.askWhich(builder, stepCtx, state, step, outcome.options)), answer: 'misunderstood' };
      case 'toggled':
        return { ...this.finish(builder, this.askAgain(builder, ctx, flow, { ...state, ticked: outcome.ticked })), answer: 'toggled' };
      case 'accepted': {
        const data = step.assign === undefined ? state.data : { ...state.data, [step.assign]: outcome.value };
        const next = step.type === 'choice' ? nextAfterChoice(step, String(outcome.value)) : step.next;
        return { ...this.finish(builder, this.run(builder, ctx, { flow, stepId: next, data, suspended: state.suspended })), answer: 'accepted' };
      }
    }
  }

  /** Asks the waiting question again, after some lead paragraphs (help, "let us resume"). */
  reprompt(state: ConversationState, ctx: TurnContext, lead: readonly Text[]): Turn {
    const builder = new TurnBuilder(ctx.person, ctx.now);
    builder.addLead(lead);
    const flow = this.flows.get(state.flowId);
    if (!flow || !flow.steps[state.stepId]) return this.start('main_menu', ctx, { lead: [...lead, text('flow.restarted')] });
    return this.finish(builder, this.askAgain(builder, ctx, flow, withoutNarrowing(state)));
  }

  private finish(builder: TurnBuilder, state: ConversationState | null): Turn {
    builder.flush();
    return { state, replies: builder.replies, effects: builder.effects };
  }

  private flow(id: string): FlowDefinition {
    const flow = this.flows.get(id);
    if (!flow) throw new FlowDefinitionError(`unknown flow ${id}`);
    return flow;
  }

  private limitDepth(state: ConversationState, depth = 1): ConversationState {
    if (!state.suspended) return state;
    if (depth >= MAX_SUSPENDED_DEPTH) {
      const { suspended: _dropped, ...rest } = state;
      return rest;
    }
    return { ...state, suspended: this.limitDepth(state.suspended, depth + 1) };
  }

  /** Whether the person may be in `flow` (see FlowDefinition.when). */
  private allowed(flow: FlowDefinition, ctx: StepContext): boolean {
    return flow.when === undefined || this.named(this.functions.conditions, flow.when)(ctx);
  }

  /** Takes someone found in a flow they may not (or no longer) use to the main menu. */
  private leave(builder: TurnBuilder, ctx: TurnContext, suspended: ConversationState | undefined): ConversationState | null {
    builder.addLead([text('flow.restarted')]);
    const menu = this.flow('main_menu');
    return this.run(builder, ctx, { flow: menu, stepId: menu.start, data: {}, suspended });
  }

  /**
   * What a step needed has gone (see GoneError): the person is told, and taken back to the
   * conversation this one interrupted, or to the menu. What the flow gathered (a draft ballot) is
   * dropped with it. Any other error is a bug, and goes on up.
   */
  private recover(builder: TurnBuilder, ctx: TurnContext, error: unknown, suspended: ConversationState | undefined): ConversationState | null {
    if (!(error instanceof GoneError)) throw error;
    builder.addLead([error.notice]);
    if (suspended) {
      builder.addLead([text('flow.resume')]);
      return this.askAgain(builder, ctx, this.flow(suspended.flowId), suspended);
    }
    const menu = this.flow('main_menu');
    return this.run(builder, ctx, { flow: menu, stepId: menu.start, data: {}, suspended: undefined });
  }

  private stepContext(builder: TurnBuilder, ctx: TurnContext, data: FlowData): StepContext {
    const { contact, now, sessions, participation, staff, actionsForMe, onBehalf } = ctx;
    return { person: builder.person, contact, now, settings: this.settings, sessions, participation, staff, actionsForMe, ...(onBehalf ? { onBehalf } : {}), data };
  }

  /** Runs steps until one waits for an answer (its state is returned) or the flow ends (null). */
  private run(builder: TurnBuilder, ctx: TurnContext, from: Position): ConversationState | null {
    let position = from;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      let outcome: Position | ConversationState | null;
      try {
        outcome = this.runStep(builder, ctx, position);
      } catch (error) {
        return this.recover(builder, ctx, error, position.suspended);
      }
      if (outcome === null || !('flow' in outcome)) return outcome;
      position = outcome;
    }
    throw new FlowDefinitionError(`flow ${position.flow.id} ran ${MAX_HOPS} steps without asking anything`);
  }

  /** Runs one step: where to go next, or the state to wait in (null: the conversation is idle). */
  private runStep(builder: TurnBuilder, ctx: TurnContext, position: Position): Position | ConversationState | null {
    const { flow, stepId, data, suspended } = position;
    const step = flow.steps[stepId];
    if (!step) throw new FlowDefinitionError(`flow ${flow.id} has no step ${stepId}`);
    this.engineOptions.trace?.(flow.id, stepId);
    const stepCtx = this.stepContext(builder, ctx, data);
    if (!this.allowed(flow, stepCtx)) return this.leave(builder, ctx, suspended);
    const go = (next: string, patch: Partial<Position> = {}): Position => ({ ...position, stepId: next, ...patch });
    switch (step.type) {
      case 'say':
        builder.say(this.render(step.say, stepCtx), { ...this.marks(step, stepCtx.data, false) });
        return go(step.next);
      case 'branch':
        return go(this.named(this.functions.conditions, step.condition)(stepCtx) ? step.then : step.else);
      case 'action': {
        const result = this.named(this.functions.actions, step.action)(stepCtx);
        builder.apply(result.effects ?? []);
        const next = typeof step.next === 'string' ? step.next : pick(step.next.byOutcome, result.outcome, `${flow.id}.${stepId}`);
        return go(next, { data: mergeData(data, result.data) });
      }
      case 'fill': {
        const missing = step.fields.find(
          (f) => (data[f.field] === undefined || data[f.field] === null) && (!f.when || this.named(this.functions.conditions, f.when)(stepCtx)),
        );
        return go(missing ? missing.step : step.then);
      }
      case 'goto_flow': {
        // Leaving for another flow abandons any interrupted conversation: the person chose a new path.
        const chosen = step.flowFromData ? data[step.flowFromData] : undefined;
        const next = this.flow(typeof chosen === 'string' && this.flows.has(chosen) ? chosen : step.flow);
        return { flow: next, stepId: next.start, data: {}, suspended: undefined };
      }
      case 'end': {
        if (step.final) return null;
        if (suspended) {
          builder.addLead([text('flow.resume')]);
          return this.askAgain(builder, ctx, this.flow(suspended.flowId), suspended);
        }
        if (!step.otherwise) return null;
        const next = this.flow(step.otherwise);
        return { flow: next, stepId: next.start, data: {}, suspended };
      }
      case 'choice':
      case 'several':
      case 'text':
        return this.ask(builder, stepCtx, flow, stepId, step, { misunderstandings: 0, suspended });
    }
  }

  private askAgain(builder: TurnBuilder, ctx: TurnContext, flow: FlowDefinition, state: ConversationState, how: { echo?: boolean } = {}): ConversationState | null {
    const step = flow.steps[state.stepId];
    if (!this.allowed(flow, this.stepContext(builder, ctx, state.data))) return this.leave(builder, ctx, state.suspended);
    if (!step || !isQuestion(step)) return this.run(builder, ctx, { flow, stepId: flow.start, data: {}, suspended: state.suspended });
    try {
      return this.ask(builder, this.stepContext(builder, ctx, state.data), flow, state.stepId, step, state, how.echo === true);
    } catch (error) {
      return this.recover(builder, ctx, error, state.suspended);
    }
  }

  private ask(
    builder: TurnBuilder,
    ctx: StepContext,
    flow: FlowDefinition,
    stepId: string,
    step: QuestionStep,
    carried: Pick<ConversationState, 'misunderstandings' | 'suspended' | 'ticked'>,
    echo = false,
  ): ConversationState {
    this.engineOptions.trace?.(flow.id, stepId);
    const prompt = this.render(step.prompt, ctx);
    const marks = { ...this.marks(step, ctx.data, echo), question: true };
    const base: ConversationState = { flowId: flow.id, flowVersion: flow.version, stepId, data: ctx.data, misunderstandings: carried.misunderstandings };
    const withSuspended = carried.suspended ? { ...base, suspended: carried.suspended } : base;
    if (step.type === 'text') {
      builder.say(prompt, marks);
      return withSuspended;
    }
    const options = this.options(step, ctx);
    const choices = options.map((o) => ({ id: o.id, label: o.label }));
    const offered = options.map((o) => o.id);
    if (step.type === 'several') {
      const ticked = (carried.ticked ?? []).filter((id) => offered.includes(id));
      builder.say(prompt, { ...marks, choices, several: { ticked, submit: text('choice.submit_ticked') } });
      return { ...withSuspended, offered, ...(ticked.length > 0 ? { ticked } : {}) };
    }
    builder.say(prompt, { ...marks, choices });
    return { ...withSuspended, offered };
  }

  /** The answer was close to several options: asks which, showing only them ("did you mean…"). */
  private askWhich(builder: TurnBuilder, ctx: StepContext, state: ConversationState, step: QuestionStep, options: readonly ChoiceOption[]): ConversationState {
    builder.say([text('choice.which')], { ...this.marks(step, ctx.data, true), question: true, choices: options.map((o) => ({ id: o.id, label: o.label })) });
    return { ...state, narrowed: options.map((o) => o.id) };
  }

  /** The subjects and secrecy of a step's message (`echo`: it reads back what the person typed). */
  private marks(step: StepDefinition, data: FlowData, echo: boolean): MessageExtras {
    if (step.type !== 'say' && step.type !== 'choice' && step.type !== 'several' && step.type !== 'text') return {};
    const about = subjects(step.about, data);
    const secret = step.secret === 'shows' || (step.secret === 'answers' && echo);
    return { ...(about.length > 0 ? { about } : {}), ...(secret ? { secret } : {}) };
  }

  private options(step: ChoiceStep | SeveralStep, ctx: StepContext): readonly ChoiceOption[] {
    const all = 'provider' in step.choices ? this.named(this.functions.providers, step.choices.provider)(ctx) : step.choices;
    return all.filter((o) => !o.when || this.named(this.functions.conditions, o.when)(ctx));
  }

  /**
   * The options as the person saw them: numbers refer to the menu as it was shown, even if the
   * list changed since. An option gone meanwhile (a session cancelled) keeps its number, with no
   * label to be typed: choosing it takes the flow to its check, which says it has gone.
   */
  private shown(step: ChoiceStep | SeveralStep, state: ConversationState, ctx: StepContext, ids = state.offered): readonly ChoiceOption[] {
    const current = this.options(step, ctx);
    return ids ? ids.map((id) => current.find((o) => o.id === id) ?? { id, label: literal('') }) : current;
  }

  private read(step: QuestionStep, state: ConversationState, answer: Answer, ctx: StepContext): ReadOutcome {
    switch (step.type) {
      case 'choice':
        return this.readChoice(step, state, answer, ctx);
      case 'several':
        return this.readSeveral(step, state, answer, ctx);
      case 'text':
        return answer.choiceId !== undefined ? { kind: 'stale' } : this.readText(step.rule, answer.text, ctx);
    }
  }

  private readChoice(step: ChoiceStep, state: ConversationState, answer: Answer, ctx: StepContext): ReadOutcome {
    const shown = this.shown(step, state, ctx);
    const narrowed = state.narrowed ? this.shown(step, state, ctx, state.narrowed) : null;
    if (answer.choiceId !== undefined) {
      return (narrowed ?? shown).some((o) => o.id === answer.choiceId) ? { kind: 'accepted', value: answer.choiceId } : { kind: 'stale' };
    }
    const read = step.reader ? this.named(this.functions.readers, step.reader)(answer.text, shown, ctx) : null;
    let match: ReaderResult = read ?? this.match(answer.text, narrowed ?? shown);
    // After "did you mean…", the numbers are the short list's; any option may still be written out.
    if (narrowed && match.kind === 'none' && !isMenuNumber(answer.text)) match = this.match(answer.text, shown);
    return this.outcome(match, shown, answer.text, shown.length);
  }

  private readSeveral(step: SeveralStep, state: ConversationState, answer: Answer, ctx: StepContext): ReadOutcome {
    const shown = this.shown(step, state, ctx);
    if (answer.choiceId === undefined) return this.readText(step.rule, answer.text, ctx);
    if (answer.choiceId === SUBMIT_TICKED) {
      // The ticked options go to the rule as the numbers a person would type: one reading for both.
      const ticked = state.ticked ?? [];
      const numbers = shown.flatMap((o, i) => (ticked.includes(o.id) ? [String(i + 1)] : []));
      return this.readText(step.rule, numbers.join(' '), ctx);
    }
    if (!shown.some((o) => o.id === answer.choiceId)) return { kind: 'stale' };
    const ticked = state.ticked ?? [];
    const toggled = ticked.includes(answer.choiceId) ? ticked.filter((id) => id !== answer.choiceId) : [...ticked, answer.choiceId];
    return { kind: 'toggled', ticked: shown.map((o) => o.id).filter((id) => toggled.includes(id)) };
  }

  private match(input: string, options: readonly ChoiceOption[]): ChoiceMatch {
    return matchChoice(
      input,
      options.map((o) => ({ id: o.id, labels: [...this.vocabulary.variants(o.label), ...(o.aliases ?? [])] })),
    );
  }

  private outcome(match: ReaderResult, shown: readonly ChoiceOption[], input: string, count: number): ReadOutcome {
    if (match.kind === 'match') return { kind: 'accepted', value: match.id };
    if (match.kind === 'ambiguous') return { kind: 'ambiguous', options: shown.filter((o) => match.ids.includes(o.id)) };
    if (match.kind === 'problem') return { kind: 'misunderstood', problem: [match.problem] };
    return { kind: 'misunderstood', problem: [text(input === '' ? 'input.empty' : 'choice.not_understood', { count })] };
  }

  private readText(ruleName: string, input: string, ctx: StepContext): ReadOutcome {
    const verdict = this.named(this.functions.rules, ruleName)(input, ctx);
    return verdict.ok ? { kind: 'accepted', value: verdict.value } : { kind: 'misunderstood', problem: [verdict.problem] };
  }

  private render(templates: readonly TextTemplate[], ctx: StepContext): Text[] {
    return templates.map((template) => {
      if (!('view' in template)) return template;
      const params = { ...template.params, ...this.named(this.functions.views, template.view)(ctx) };
      return text(template.key, params);
    });
  }

  private named<T>(table: Readonly<Record<string, T>>, name: string): T {
    const fn = table[name];
    if (!fn) throw new FlowDefinitionError(`no named function ${name}`);
    return fn;
  }
}

type ReadOutcome =
  | { readonly kind: 'accepted'; readonly value: FlowValue }
  | { readonly kind: 'misunderstood'; readonly problem: readonly Text[] }
  | { readonly kind: 'ambiguous'; readonly options: readonly ChoiceOption[] }
  | { readonly kind: 'toggled'; readonly ticked: readonly string[] }
  | { readonly kind: 'stale' };

function isQuestion(step: StepDefinition): step is QuestionStep {
  return step.type === 'choice' || step.type === 'several' || step.type === 'text';
}

/** A message of paragraphs with what its step adds. */
function message(parts: readonly Text[], extras: MessageExtras): OutgoingMessage {
  const { question, choices, several, about, secret } = extras;
  return {
    parts,
    ...(question ? { question } : {}),
    ...(choices ? { choices } : {}),
    ...(several ? { several } : {}),
    ...(about && about.length > 0 ? { about } : {}),
    ...(secret ? { secret } : {}),
  };
}

/** The subjects a step's `about` names, read from flow data (ids, or several separated by commas). */
function subjects(about: AboutDefinition | undefined, data: FlowData): Subject[] {
  const ids = (key: string | undefined): number[] =>
    key === undefined
      ? []
      : String(data[key] ?? '')
          .split(',')
          .map(Number)
          .filter((id) => Number.isInteger(id) && id > 0);
  return [
    ...ids(about?.session).map((session) => ({ session })),
    ...ids(about?.consultation).map((consultation) => ({ consultation })),
    ...ids(about?.drawSeat).map((drawSeat) => ({ drawSeat })),
  ];
}

/** The state without its "did you mean…" short list: the full question is asked again. */
function withoutNarrowing(state: ConversationState): ConversationState {
  if (!state.narrowed) return state;
  const { narrowed: _narrowed, ...rest } = state;
  return rest;
}

function nextAfterChoice(step: ChoiceStep, choiceId: string): string {
  if (typeof step.next === 'string') return step.next;
  const target = step.next.byChoice[choiceId] ?? step.next.otherwise;
  if (target === undefined) throw new FlowDefinitionError(`no next step for choice ${choiceId}`);
  return target;
}

function pick(table: Readonly<Record<string, string>>, key: string | undefined, where: string): string {
  const target = key !== undefined ? table[key] : undefined;
  if (target === undefined) throw new FlowDefinitionError(`no next step for ${where} (${key ?? 'no outcome'})`);
  return target;
}

function mergeData(data: FlowData, patch: ActionPatch): FlowData {
  if (!patch) return data;
  const merged: Record<string, FlowValue> = { ...data };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

type ActionPatch = Readonly<Record<string, FlowValue | undefined>> | undefined;
