import { NO_AGENT_DESK } from '../../../src/domain/agent-desk';
import type { PersonSnapshot } from '../../../src/domain/person-snapshot';
import { literal, text, type Text } from '../../../src/domain/text';
import type { ConversationState } from '../../../src/flows/engine/conversation-state';
import type { FlowDefinition } from '../../../src/flows/engine/flow-definition';
import { FlowDefinitionError } from '../../../src/flows/engine/flow-errors';
import { FlowEngine, type Turn, type TurnContext } from '../../../src/flows/engine/flow-engine';
import type { FlowFunctions, FlowSettings } from '../../../src/flows/engine/flow-functions';

/** A vocabulary that renders keys as themselves, so that labels are matched by their key's last part. */
const vocabulary = {
  variants: (label: Text) => ('literal' in label ? [label.literal] : 'key' in label ? [label.key.split('.').pop() ?? label.key] : Object.values(label.agentText).filter((t): t is string => t !== undefined)),
};

const settings: FlowSettings = {
  city: { id: 'testville', name: 'Testville', country: 'FR', timeZone: 'Europe/Paris', humanContact: 'desk', neighbourhoods: [] },
  privacyNoticeVersion: 'v1',
  humanContact: 'the front desk',
  defaultLanguage: 'fr',
};

const functions: FlowFunctions = {
  conditions: {
    likes_tea: (ctx) => ctx.data.drink === 'tea',
    is_volunteer: (ctx) => ctx.person.volunteerStatus === 'volunteer',
    is_agent: (ctx) => ctx.person.roles.includes('agent'),
  },
  views: { echo_name: (ctx) => ({ name: String(ctx.data.name ?? '?') }) },
  providers: { sizes: () => [{ id: 'small', label: literal('Small') }, { id: 'large', label: literal('Large'), aliases: ['big'] }] },
  readers: {},
  rules: {
    non_empty: (input) => (input === '' ? { ok: false, problem: text('t.empty') } : { ok: true, value: input }),
  },
  actions: {
    order: (ctx) => ({ outcome: ctx.data.drink === 'tea' ? 'tea' : 'coffee', data: { ordered: true }, effects: [{ type: 'set_language', language: 'en' }] }),
    forget_name: () => ({ data: { name: undefined } }),
  },
};

const cafe: FlowDefinition = {
  id: 'cafe',
  version: 2,
  start: 'fill',
  steps: {
    fill: {
      type: 'fill',
      fields: [
        { field: 'name', step: 'ask_name' },
        { field: 'drink', step: 'ask_drink' },
        { field: 'size', step: 'ask_size', when: 'likes_tea' },
      ],
      then: 'order',
    },
    ask_name: { type: 'text', prompt: [text('t.name')], rule: 'non_empty', assign: 'name', next: 'fill' },
    ask_drink: {
      type: 'choice',
      prompt: [{ key: 't.drink', view: 'echo_name' }],
      choices: [
        { id: 'tea', label: text('t.tea') },
        { id: 'coffee', label: text('t.coffee') },
        { id: 'secret', label: text('t.secret'), when: 'is_volunteer' },
        { id: 'water', label: text('t.water') },
      ],
      assign: 'drink',
      next: 'fill',
    },
    ask_size: { type: 'choice', prompt: [text('t.size')], choices: { provider: 'sizes' }, assign: 'size', next: 'fill' },
    order: { type: 'action', action: 'order', next: { byOutcome: { tea: 'tea_done', coffee: 'coffee_done' } } },
    tea_done: { type: 'say', say: [text('t.tea_done')], next: 'end' },
    coffee_done: { type: 'say', say: [text('t.coffee_done')], next: 'end' },
    end: { type: 'end', otherwise: 'main_menu' },
  },
};

const menu: FlowDefinition = {
  id: 'main_menu',
  version: 1,
  start: 'menu',
  steps: {
    menu: { type: 'choice', prompt: [text('t.menu')], choices: [{ id: 'cafe', label: text('t.cafe') }], next: 'go' },
    go: { type: 'goto_flow', flow: 'cafe' },
  },
};
/** A desk for agents only: a question, then a word. */
const desk: FlowDefinition = {
  id: 'desk',
  version: 1,
  when: 'is_agent',
  start: 'ask',
  steps: {
    ask: { type: 'choice', prompt: [text('t.desk')], choices: [{ id: 'go', label: text('t.go') }], next: 'done' },
    done: { type: 'say', say: [text('t.desk_done')], next: 'end' },
    end: { type: 'end' },
  },
};
const interrupt: FlowDefinition = {
  id: 'interrupt',
  version: 1,
  start: 'say',
  steps: { say: { type: 'say', say: [text('t.interrupted')], next: 'end' }, end: { type: 'end' } },
};

const person: PersonSnapshot = {
  id: 1,
  createdAt: '2026-11-22T09:00:00.000Z',
  language: 'fr',
  volunteerStatus: 'none',
  profile: null,
  reminderContactId: null,
  optedOutAt: null,
  cameFrom: null,
  roles: ['resident'],
  contacts: [{ id: 1, channel: 'console', address: 'a' }],
  consents: [],
};
const ctx: TurnContext = { person, contact: { id: 1, channel: 'console', address: 'a' }, now: new Date('2026-11-22T09:00:00Z'),
  sessions: [],
  participation: { ideaBoard: () => ({ openCall: null, nextCall: null, published: [] }), openConsultations: () => [], resultsForMe: () => [], drawInvitations: () => [], drawSeats: () => [] },
  staff: { ...NO_AGENT_DESK, supportedPeople: () => [] },
  actionsForMe: () => [],
};
const engine = new FlowEngine([cafe, menu, interrupt, desk], functions, vocabulary, settings);

function keys(turn: Turn): string[] {
  return turn.replies.flatMap((r) => r.parts.map((p) => ('key' in p ? p.key : 'literal' in p ? p.literal : JSON.stringify(p))));
}

function answer(state: ConversationState | null, input: string, choiceId?: string): Turn {
  if (!state) throw new Error('conversation ended');
  return engine.answer(state, { text: input, ...(choiceId ? { choiceId } : {}) }, ctx);
}

describe('FlowEngine', () => {
  test('asks the missing fields in order, skipping those whose condition fails, then acts', () => {
    let turn = engine.start('cafe', ctx);
    expect(keys(turn)).toEqual(['t.name']);
    turn = answer(turn.state, 'Ada');
    expect(turn.replies[0]?.parts[0]).toEqual({ key: 't.drink', params: { name: 'Ada' } });
    expect(turn.replies[0]?.choices?.map((c) => c.id)).toEqual(['tea', 'coffee', 'water']);
    turn = answer(turn.state, 'coffee');
    // No size for coffee: the action runs, its outcome picks the branch, `otherwise` opens the menu.
    expect(keys(turn)).toEqual(['t.coffee_done', 't.menu']);
    expect(turn.effects).toEqual([{ type: 'set_language', language: 'en' }]);
    expect(turn.state).toMatchObject({ flowId: 'main_menu', stepId: 'menu', data: {} });
  });

  test('the conditional field is asked when its condition holds; providers and aliases work', () => {
    let turn = answer(answer(engine.start('cafe', ctx).state, 'Ada').state, '1');
    expect(keys(turn)).toEqual(['t.size']);
    turn = answer(turn.state, 'big');
    expect(keys(turn)).toEqual(['t.tea_done', 't.menu']);
  });

  test('numbers refer to the options as they were shown', () => {
    const asked = answer(engine.start('cafe', ctx).state, 'Ada');
    expect(asked.state?.offered).toEqual(['tea', 'coffee', 'water']);
    // The person became a volunteer meanwhile: "secret" now exists, but "2" still means coffee.
    const volunteerCtx = { ...ctx, person: { ...person, volunteerStatus: 'volunteer' as const } };
    const turn = engine.answer(asked.state!, { text: '2' }, volunteerCtx);
    expect(keys(turn)).toEqual(['t.coffee_done', 't.menu']);
  });

  test('an option gone since the menu was shown keeps its number: the numbers after it do not shift', () => {
    const volunteerCtx = { ...ctx, person: { ...person, volunteerStatus: 'volunteer' as const } };
    const asked = engine.answer(engine.start('cafe', volunteerCtx).state!, { text: 'Ada' }, volunteerCtx);
    expect(asked.state?.offered).toEqual(['tea', 'coffee', 'secret', 'water']);
    // No longer a volunteer: "secret" is gone, and "4" is still water, not an option out of range.
    expect(engine.answer(asked.state!, { text: '4' }, ctx).answer).toBe('accepted');
    expect(engine.answer(asked.state!, { text: '5' }, ctx).answer).toBe('misunderstood');
  });

  test('a misunderstanding re-asks with the problem first, and counts; the third offers a human', () => {
    let turn = engine.start('cafe', ctx);
    turn = answer(turn.state, '');
    expect(keys(turn)).toEqual(['t.empty', 't.name']);
    expect(turn.state?.misunderstandings).toBe(1);
    turn = answer(turn.state, '');
    turn = answer(turn.state, '');
    expect(keys(turn)).toEqual(['t.empty', 'help:human', 't.name']);
    expect(turn.replies[0]?.parts[1]).toEqual({ key: 'help:human', params: { contact: 'the front desk' } });
    turn = answer(turn.state, 'Ada');
    expect(turn.state?.misunderstandings).toBe(0);
  });

  test('an ambiguous answer asks which of the close options was meant, instead of guessing', () => {
    const asked = answer(engine.start('cafe', ctx).state, 'Ada');
    const turn = answer(asked.state, 'tea coffee');
    expect(turn.replies).toHaveLength(1);
    expect(turn.replies[0]?.parts).toEqual([{ key: 'choice.which' }]);
    expect(turn.replies[0]?.choices?.map((c) => c.id)).toEqual(['tea', 'coffee']);
    expect(turn.state).toMatchObject({ stepId: asked.state?.stepId, narrowed: ['tea', 'coffee'] });
    // "2" is the short list's second: coffee; the full question's numbers no longer apply.
    const chosen = answer(turn.state, '2');
    expect(chosen.answer).toBe('accepted');
    expect(keys(chosen)).toEqual(['t.coffee_done', 't.menu']);
  });

  test('after "did you mean…", another option written out still counts, and a wrong answer asks the whole question again', () => {
    const asked = answer(engine.start('cafe', ctx).state, 'Ada');
    const narrowed = answer(asked.state, 'tea coffee');
    const written = answer(narrowed.state, 'water');
    expect(written.answer).toBe('accepted');
    expect(keys(written)).toEqual(['t.coffee_done', 't.menu']);
    const wrong = answer(narrowed.state, 'lemonade');
    expect(wrong.answer).toBe('misunderstood');
    expect(wrong.state?.narrowed).toBeUndefined();
    expect(wrong.replies[0]?.choices?.map((c) => c.id)).toEqual(['tea', 'coffee', 'water']);
  });

  test('a button from another question is stale: re-asked, not counted', () => {
    const asked = answer(engine.start('cafe', ctx).state, 'Ada');
    const turn = answer(asked.state, '', 'large');
    expect(keys(turn)).toEqual(['choice.stale', 't.drink']);
    expect(turn.state?.misunderstandings).toBe(0);
  });

  test('an interrupting flow resumes the suspended question when it ends', () => {
    const asked = engine.start('cafe', ctx);
    const turn = engine.start('interrupt', ctx, { suspend: asked.state });
    expect(keys(turn)).toEqual(['t.interrupted', 'flow.resume', 't.name']);
    expect(turn.state).toMatchObject({ flowId: 'cafe', stepId: 'ask_name' });
    expect(turn.state?.suspended).toBeUndefined();
  });

  test('suspensions nest at most three deep', () => {
    let state = engine.start('cafe', ctx).state;
    for (let i = 0; i < 6; i++) state = { ...engine.start('cafe', ctx).state!, suspended: state! };
    let depth = 0;
    for (let s = engine.start('cafe', ctx, { suspend: state }).state; s?.suspended; s = s.suspended) depth++;
    expect(depth).toBeLessThanOrEqual(3);
  });

  test('a saved state whose step no longer exists restarts the flow and says so', () => {
    const old: ConversationState = { flowId: 'cafe', flowVersion: 1, stepId: 'ask_colour', data: { name: 'Ada' }, misunderstandings: 0 };
    const turn = answer(old, 'blue');
    expect(keys(turn)).toEqual(['flow.restarted', 't.name']);
    expect(turn.state).toMatchObject({ flowVersion: 2, data: {} });
  });

  test('a saved state of an unknown flow goes to the main menu', () => {
    const turn = answer({ flowId: 'gone', flowVersion: 1, stepId: 'x', data: {}, misunderstandings: 0 }, 'hi');
    expect(keys(turn)).toEqual(['flow.restarted', 't.menu']);
  });

  test('reprompt asks the waiting question again after lead paragraphs', () => {
    const asked = answer(engine.start('cafe', ctx).state, 'Ada');
    const turn = engine.reprompt(asked.state!, ctx, [text('t.help')]);
    expect(keys(turn)).toEqual(['t.help', 't.drink']);
    expect(turn.state).toEqual(asked.state);
  });

  test("a flow for a role is closed to anyone without it, whether they start it, answer in it or come back to it", () => {
    const agentCtx = { ...ctx, person: { ...person, roles: ['resident' as const, 'agent' as const] } };
    const asked = engine.start('desk', agentCtx);
    expect(keys(asked)).toEqual(['t.desk']);
    expect(keys(engine.answer(asked.state!, { text: 'go' }, agentCtx))).toEqual(['t.desk_done']);
    // The role is gone: no step of the desk runs any more, the person is at the main menu.
    expect(keys(engine.start('desk', ctx))).toEqual(['flow.restarted', 't.menu']);
    const answered = answer(asked.state, 'go');
    expect(keys(answered)).toEqual(['flow.restarted', 't.menu']);
    expect(answered.state).toMatchObject({ flowId: 'main_menu', stepId: 'menu' });
    expect(keys(engine.reprompt(asked.state!, ctx, []))).toEqual(['flow.restarted', 't.menu']);
    const resumed = engine.start('interrupt', ctx, { suspend: asked.state });
    expect(keys(resumed)).toEqual(['t.interrupted', 'flow.resume', 'flow.restarted', 't.menu']);
  });

  test('broken definitions are programmer errors', () => {
    const loop: FlowDefinition = { id: 'loop', version: 1, start: 'a', steps: { a: { type: 'say', say: [], next: 'a' } } };
    const missingStep: FlowDefinition = { id: 'missing', version: 1, start: 'nowhere', steps: {} };
    const missingFunction: FlowDefinition = {
      id: 'nofn',
      version: 1,
      start: 'a',
      steps: { a: { type: 'branch', condition: 'does_not_exist', then: 'a', else: 'a' } },
    };
    const broken = new FlowEngine([loop, missingStep, missingFunction], functions, vocabulary, settings);
    expect(() => broken.start('loop', ctx)).toThrow(FlowDefinitionError);
    expect(() => broken.start('missing', ctx)).toThrow(/no step nowhere/);
    expect(() => broken.start('nofn', ctx)).toThrow(/does_not_exist/);
    expect(() => broken.start('unknown', ctx)).toThrow(/unknown flow/);
  });
});
