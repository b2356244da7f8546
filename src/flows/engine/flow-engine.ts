import { applyEffect } from '../../domain/apply-effect';
import type { Effect } from '../../domain/effect';
import type { ChoiceView, OutgoingMessage } from '../../domain/outgoing-message';
import type { PersonSnapshot } from '../../domain/person-snapshot';
import { text, type Text } from '../../domain/text';
import { matchChoice } from '../../lib/text/match-choice';
import type { ConversationState, FlowData, FlowValue } from './conversation-state';
import type { ChoiceOption, ChoiceStep, FlowDefinition, QuestionStep, StepDefinition, TextTemplate } from './flow-definition';
import { FlowDefinitionError } from './flow-errors';
import type { FlowFunctions, FlowSettings, StepContext, Vocabulary } from './flow-functions';

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
  /** For an answer: taken, not understood, or a button of an earlier question. */
  readonly answer?: 'accepted' | 'misunderstood' | 'stale';
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

  say(parts: readonly Text[]): void {
    this.replies.push({ parts: [...this.takeLead(), ...parts] });
  }

  ask(parts: readonly Text[], choices?: readonly ChoiceView[]): void {
    const message = { parts: [...this.takeLead(), ...parts] };
    this.replies.push(choices ? { ...message, choices } : message);
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
    /** Misunderstood answers in a row after which a human contact is offered. */
    private readonly misunderstandingsBeforeHuman = 3,
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
    const outcome = step.type === 'choice' ? this.readChoice(step, state, answer, stepCtx) : this.readText(step.rule, answer, stepCtx);
    if (outcome.kind === 'stale') {
      builder.addLead([text('choice.stale')]);
      return { ...this.finish(builder, this.askAgain(builder, ctx, flow, state)), answer: 'stale' };
    }
    if (outcome.kind === 'misunderstood') {
      const misunderstandings = state.misunderstandings + 1;
      builder.addLead(outcome.problem);
      if (misunderstandings % this.misunderstandingsBeforeHuman === 0) {
        builder.addLead([text('help:human', { contact: this.settings.humanContact })]);
      }
      return { ...this.finish(builder, this.askAgain(builder, ctx, flow, { ...state, misunderstandings })), answer: 'misunderstood' };
    }
    const assign = step.assign;
    const data = assign === undefined ? state.data : { ...state.data, [assign]: outcome.value };
    const next = step.type === 'choice' ? nextAfterChoice(step, String(outcome.value)) : step.next;
    return { ...this.finish(builder, this.run(builder, ctx, { flow, stepId: next, data, suspended: state.suspended })), answer: 'accepted' };
  }

  /** Asks the waiting question again, after some lead paragraphs (help, "let us resume"). */
  reprompt(state: ConversationState, ctx: TurnContext, lead: readonly Text[]): Turn {
    const builder = new TurnBuilder(ctx.person, ctx.now);
    builder.addLead(lead);
    const flow = this.flows.get(state.flowId);
    if (!flow || !flow.steps[state.stepId]) return this.start('main_menu', ctx, { lead: [...lead, text('flow.restarted')] });
    return this.finish(builder, this.askAgain(builder, ctx, flow, state));
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

  private stepContext(builder: TurnBuilder, ctx: TurnContext, data: FlowData): StepContext {
    const { contact, now, sessions, participation, staff, actionsForMe, onBehalf } = ctx;
    return { person: builder.person, contact, now, settings: this.settings, sessions, participation, staff, actionsForMe, ...(onBehalf ? { onBehalf } : {}), data };
  }

  /** Runs steps until one waits for an answer (its state is returned) or the flow ends (null). */
  private run(builder: TurnBuilder, ctx: TurnContext, from: Position): ConversationState | null {
    let { flow, stepId, data, suspended } = from;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const step = flow.steps[stepId];
      if (!step) throw new FlowDefinitionError(`flow ${flow.id} has no step ${stepId}`);
      const stepCtx = this.stepContext(builder, ctx, data);
      if (!this.allowed(flow, stepCtx)) return this.leave(builder, ctx, suspended);
      switch (step.type) {
        case 'say':
          builder.say(this.render(step.say, stepCtx));
          stepId = step.next;
          break;
        case 'branch':
          stepId = this.named(this.functions.conditions, step.condition)(stepCtx) ? step.then : step.else;
          break;
        case 'action': {
          const result = this.named(this.functions.actions, step.action)(stepCtx);
          data = mergeData(data, result.data);
          builder.apply(result.effects ?? []);
          stepId = typeof step.next === 'string' ? step.next : pick(step.next.byOutcome, result.outcome, `${flow.id}.${stepId}`);
          break;
        }
        case 'fill': {
          const missing = step.fields.find(
            (f) => (data[f.field] === undefined || data[f.field] === null) && (!f.when || this.named(this.functions.conditions, f.when)(stepCtx)),
          );
          stepId = missing ? missing.step : step.then;
          break;
        }
        case 'goto_flow': {
          // Leaving for another flow abandons any interrupted conversation: the person chose a new path.
          const chosen = step.flowFromData ? data[step.flowFromData] : undefined;
          flow = this.flow(typeof chosen === 'string' && this.flows.has(chosen) ? chosen : step.flow);
          stepId = flow.start;
          data = {};
          suspended = undefined;
          break;
        }
        case 'end':
          if (step.final) return null;
          if (suspended) {
            builder.addLead([text('flow.resume')]);
            return this.askAgain(builder, ctx, this.flow(suspended.flowId), suspended);
          }
          if (!step.otherwise) return null;
          flow = this.flow(step.otherwise);
          stepId = flow.start;
          data = {};
          break;
        case 'choice':
        case 'text':
          return this.ask(builder, stepCtx, flow, stepId, step, { misunderstandings: 0, suspended });
      }
    }
    throw new FlowDefinitionError(`flow ${flow.id} ran ${MAX_HOPS} steps without asking anything`);
  }

  private askAgain(builder: TurnBuilder, ctx: TurnContext, flow: FlowDefinition, state: ConversationState): ConversationState | null {
    const step = flow.steps[state.stepId];
    if (!this.allowed(flow, this.stepContext(builder, ctx, state.data))) return this.leave(builder, ctx, state.suspended);
    if (!step || !isQuestion(step)) return this.run(builder, ctx, { flow, stepId: flow.start, data: {}, suspended: state.suspended });
    return this.ask(builder, this.stepContext(builder, ctx, state.data), flow, state.stepId, step, state);
  }

  private ask(
    builder: TurnBuilder,
    ctx: StepContext,
    flow: FlowDefinition,
    stepId: string,
    step: QuestionStep,
    carried: Pick<ConversationState, 'misunderstandings' | 'suspended'>,
  ): ConversationState {
    const prompt = this.render(step.prompt, ctx);
    const base: ConversationState = { flowId: flow.id, flowVersion: flow.version, stepId, data: ctx.data, misunderstandings: carried.misunderstandings };
    const withSuspended = carried.suspended ? { ...base, suspended: carried.suspended } : base;
    if (step.type === 'text') {
      builder.ask(prompt);
      return withSuspended;
    }
    const options = this.options(step, ctx);
    builder.ask(prompt, options.map((o) => ({ id: o.id, label: o.label })));
    return { ...withSuspended, offered: options.map((o) => o.id) };
  }

  private options(step: ChoiceStep, ctx: StepContext): readonly ChoiceOption[] {
    const all = 'provider' in step.choices ? this.named(this.functions.providers, step.choices.provider)(ctx) : step.choices;
    return all.filter((o) => !o.when || this.named(this.functions.conditions, o.when)(ctx));
  }

  private readChoice(step: ChoiceStep, state: ConversationState, answer: Answer, ctx: StepContext): ReadOutcome {
    const current = this.options(step, ctx);
    // Numbers refer to the menu as it was shown, even if the list changed since.
    const shown = state.offered
      ? state.offered.map((id) => current.find((o) => o.id === id)).filter((o): o is ChoiceOption => o !== undefined)
      : current;
    if (answer.choiceId !== undefined) {
      return shown.some((o) => o.id === answer.choiceId) ? { kind: 'accepted', value: answer.choiceId } : { kind: 'stale' };
    }
    const match = matchChoice(
      answer.text,
      shown.map((o) => ({ id: o.id, labels: [...this.vocabulary.variants(o.label), ...(o.aliases ?? [])] })),
    );
    if (match.kind === 'match') return { kind: 'accepted', value: match.id };
    if (match.kind === 'ambiguous') {
      const labels = shown.filter((o) => match.ids.includes(o.id)).map((o) => o.label);
      return { kind: 'misunderstood', problem: [text('choice.ambiguous', { options: labels })] };
    }
    return { kind: 'misunderstood', problem: [text(answer.text === '' ? 'input.empty' : 'choice.not_understood', { count: shown.length })] };
  }

  private readText(ruleName: string, answer: Answer, ctx: StepContext): ReadOutcome {
    if (answer.choiceId !== undefined) return { kind: 'stale' };
    const verdict = this.named(this.functions.rules, ruleName)(answer.text, ctx);
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
  | { readonly kind: 'stale' };

function isQuestion(step: StepDefinition): step is QuestionStep {
  return step.type === 'choice' || step.type === 'text';
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
