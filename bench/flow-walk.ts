import { keywordAllowed, KEYWORDS } from '../src/conversation/keywords';
import { keywordTurn } from '../src/conversation/keyword-turns';
import { actingBanner } from '../src/conversation/acting-for';
import type { Language } from '../src/domain/language';
import { SUBMIT_TICKED, type OutgoingMessage } from '../src/domain/outgoing-message';
import type { PersonSnapshot } from '../src/domain/person-snapshot';
import { STAFF_ROLES } from '../src/domain/role';
import { text } from '../src/domain/text';
import { allFlows } from '../src/flows/definitions';
import type { ConversationState, FlowData } from '../src/flows/engine/conversation-state';
import type { FlowDefinition, QuestionStep } from '../src/flows/engine/flow-definition';
import { FlowEngine, type Answer, type Turn, type TurnContext } from '../src/flows/engine/flow-engine';
import { flowFunctions } from '../src/flows/functions';
import type { Translator } from '../src/i18n/translator';
import { city, DRAFTS, flowSettings, newcomer, sampleContext, sampleData, samplePerson, type SampleWorld } from './sample-world';

/** One turn of the walk: what was done, at which step, and what the engine answered. */
export interface WalkedTurn {
  /** `<flow>.<step> <what>`: `consultations.ask_grade answer 3`, `sessions start`. */
  readonly id: string;
  readonly turn: Turn;
}

/** The whole walk: every turn, and every step the engine ran. */
export interface Walk {
  readonly turns: readonly WalkedTurn[];
  readonly visited: ReadonlySet<string>;
}

/** How things may change between a question and its answer. */
export interface WalkOptions {
  /** The world the questions were asked in (answers come in `world`): what a step needs may have gone meanwhile. */
  readonly askedIn?: SampleWorld;
  /** Also answer as the volunteer who withdrew and lost their roles since being asked. */
  readonly peopleChange?: boolean;
}

/** Typed answers tried on every free-text question: usual ones, the longest drafts, nothing, too much. */
const TYPED = ['Marie', '06 12 34 56 78', '0', '1 3', String(DRAFTS.title), String(DRAFTS.body), 'x'.repeat(600), ''];
/** Answers no question understands, asked with two misunderstandings already (the third offers a human). */
const NOT_UNDERSTOOD = 'zzzz qqqq';

/** Every `<flow>.<step>` of every flow. */
export function everyStep(flows: readonly FlowDefinition[] = allFlows): string[] {
  return flows.flatMap((flow) => Object.keys(flow.steps).map((step) => `${flow.id}.${step}`));
}

function isQuestion(step: FlowDefinition['steps'][string]): step is QuestionStep {
  return step.type === 'choice' || step.type === 'several' || step.type === 'text';
}

/** What people type at a menu besides its numbers: nothing, an age, a year of birth, an age too young. */
const TYPED_AT_MENUS = ['', '67', '67 ans', '1961', '12 ans'];

/**
 * Answers worth trying at a question: each option offered (by number and by button), typed
 * texts, two options' labels at once (close to both: "did you mean…"), one not understood.
 */
function answersFor(step: QuestionStep, asked: ConversationState, labels: readonly string[]): { label: string; answer: Answer; state: ConversationState }[] {
  const notUnderstood = { label: 'not understood', answer: { text: NOT_UNDERSTOOD }, state: { ...asked, misunderstandings: 2 } };
  if (step.type === 'text') return [...TYPED.map((typed, i) => ({ label: `typed ${i}`, answer: { text: typed }, state: asked })), notUnderstood];
  const typed = TYPED_AT_MENUS.map((text, i) => ({ label: `typed ${i}`, answer: { text }, state: asked }));
  const both = labels.length > 1 ? [{ label: 'two labels', answer: { text: `${labels[0]} ${labels[1]}` }, state: asked }] : [];
  const offered = asked.offered ?? [];
  const byNumber = offered.map((_, i) => ({ label: `number ${i + 1}`, answer: { text: String(i + 1) }, state: asked }));
  const byButton = offered.map((id) => ({ label: `button ${id}`, answer: { text: '', choiceId: id }, state: asked }));
  const several =
    step.type === 'several'
      ? [
          { label: 'typed 1 3', answer: { text: '1 3' }, state: asked },
          { label: 'typed all', answer: { text: offered.map((_, i) => i + 1).join(' ') }, state: asked },
          { label: 'submit ticked', answer: { text: '', choiceId: SUBMIT_TICKED }, state: { ...asked, ticked: offered.slice(0, 2) } },
          { label: 'submit none', answer: { text: '', choiceId: SUBMIT_TICKED }, state: asked },
        ]
      : [];
  return [...byNumber, ...byButton, ...several, ...typed, ...both, { label: 'stale button', answer: { text: '', choiceId: 'no_such_option' }, state: asked }, notUnderstood];
}

/**
 * Who a flow is asked of, and who answers: a volunteer writing by SMS who holds every staff role
 * (the longest menus), and a newcomer on Telegram (no language, no consent, no profile), so that
 * every branch has someone to take it; staff desks only for people holding the roles, as only
 * they get there. When things change between two messages, also the volunteer who answers after
 * withdrawing and losing their roles.
 */
function peopleFor(flow: FlowDefinition, language: Language, changes: boolean): [asked: PersonSnapshot, answering: PersonSnapshot][] {
  const volunteer = samplePerson(language, ['resident', ...STAFF_ROLES]);
  const first = newcomer(flow.when ? ['resident', ...STAFF_ROLES] : ['resident']);
  const withdrawn: PersonSnapshot = { ...volunteer, volunteerStatus: 'withdrawn', profile: null, roles: ['resident'] };
  return [[volunteer, volunteer], [first, first], ...(changes ? [[volunteer, withdrawn] as [PersonSnapshot, PersonSnapshot]] : [])];
}

/**
 * Runs every flow the way people meet it, in `world`: each flow from its start; each question
 * asked again (as after a restart), answered with each option by number and by button, with
 * typed texts, with an answer not understood, with a stale button; each keyword said there; the
 * unprompted questions (a reminder, an invitation, grouped invitations). Any exception thrown
 * by the engine or a named function goes up: that is what the tests look for.
 */
export function walkFlows(world: SampleWorld, language: Language, translator: Translator, options: WalkOptions = {}): Walk {
  const askedIn = options.askedIn ?? world;
  const visited = new Set<string>();
  const engine = new FlowEngine(allFlows, flowFunctions, translator, flowSettings(language), { trace: (flow, step) => visited.add(`${flow}.${step}`) });
  const turns: WalkedTurn[] = [];
  const keywordOptions = { humanContact: city.humanContact, home: 'main_menu' };
  for (const flow of allFlows) {
    for (const [asked, answering] of peopleFor(flow, language, options.peopleChange === true)) walkFlow(flow, sampleContext(world, answering), sampleContext(askedIn, asked));
  }
  function walkFlow(flow: FlowDefinition, ctx: TurnContext, askCtx: TurnContext): void {
    turns.push({ id: `${flow.id} start`, turn: engine.start(flow.id, ctx) });
    for (const [stepId, step] of Object.entries(flow.steps)) {
      if (isQuestion(step)) for (const data of sampleData(stepId)) walkQuestion(flow, stepId, step, data, ctx, askCtx);
    }
  }
  function walkQuestion(flow: FlowDefinition, stepId: string, step: QuestionStep, data: FlowData, ctx: TurnContext, askCtx: TurnContext): void {
    const state: ConversationState = { flowId: flow.id, flowVersion: flow.version, stepId, data, misunderstandings: 0 };
    turns.push({ id: `${flow.id}.${stepId} asked again`, turn: engine.reprompt(state, ctx, [text('flow.welcome_back')]) });
    // The question as the person saw it; where it could not be asked even then, the state as saved.
    const asked = engine.reprompt(state, askCtx, []);
    const shown = asked.state?.flowId === flow.id && asked.state.stepId === stepId ? asked.state : state;
    const labels = (asked.replies.at(-1)?.choices ?? []).map((c) => translator.render(c.label, language));
    for (const { label, answer, state: at } of answersFor(step, shown, labels)) {
      const turn = engine.answer(at, answer, ctx);
      turns.push({ id: `${flow.id}.${stepId} ${label}`, turn });
      // "Did you mean…": answered by the short list's first number.
      if (turn.state?.narrowed) turns.push({ id: `${flow.id}.${stepId} ${label} then 1`, turn: engine.answer(turn.state, { text: '1' }, ctx) });
    }
    // WEB says nothing of its own here: the conversation service gives the sign-in link (it records the request).
    for (const keyword of KEYWORDS.filter((k) => k !== 'web' && keywordAllowed(k, ctx.person.roles, false))) {
      turns.push({ id: `${flow.id}.${stepId} keyword ${keyword}`, turn: keywordTurn(keyword, shown, ctx, engine, keywordOptions) });
    }
  }
  // Questions put unprompted, interrupting a conversation: a reminder, an invitation, several invitations.
  const resident = sampleContext(world, samplePerson(language));
  const suspend: ConversationState = { flowId: 'main_menu', flowVersion: 1, stepId: 'menu', data: {}, misunderstandings: 0 };
  turns.push({ id: 'session_rsvp reminder', turn: engine.start('session_rsvp', resident, { suspend, data: { session_id: 1 } }) });
  turns.push({ id: 'consultation_invitation invited', turn: engine.start('consultation_invitation', resident, { suspend, data: { consultation_id: 1 }, lead: [text('consultations:invitation')] }) });
  turns.push({
    id: 'consultation_invitation invited to several',
    turn: engine.start('consultation_invitation', resident, { suspend, data: { consultation_ids: '1,2' }, lead: [text('consultations:invitation')] }),
  });
  return { turns, visited };
}

/** Every message a walk sends, with its id; for flows a mediator may hold for someone, also as sent with the "acting for" banner. */
export function walkedMessages(walk: Walk): { id: string; message: OutgoingMessage }[] {
  const banner = actingBanner({ id: 2, profile: { firstName: 'Marie-Bernadette', neighbourhood: 'other', ageBracket: '80_plus', gender: 'undisclosed', equipment: 'none', reminders: 'none' } }, city);
  const staffFlows = new Set(allFlows.filter((f) => f.when).map((f) => f.id));
  return walk.turns.flatMap(({ id, turn }) =>
    turn.replies.flatMap((message, i) => {
      const own = { id: `${id} #${i + 1}`, message };
      return staffFlows.has(id.split(/[. ]/)[0] ?? '') ? [own] : [own, { id: `${id} #${i + 1} acting`, message: { ...message, parts: [banner, ...message.parts] } }];
    }),
  );
}
