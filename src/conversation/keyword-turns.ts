import { text } from '../domain/text';
import type { ConversationState } from '../flows/engine/conversation-state';
import type { FlowEngine, Turn, TurnContext } from '../flows/engine/flow-engine';
import type { Keyword } from './keywords';

/**
 * The flow a person goes back to: the welcome on their first message from a contact point (the
 * bot introduces itself) or while they have no language, else the main menu.
 */
export function homeFlow(ctx: TurnContext, firstMessage: boolean): string {
  return firstMessage || !ctx.person.language ? 'welcome' : 'main_menu';
}

/** Flows that are only a menu: interrupting one leaves nothing to resume. */
const MENUS = new Set(['welcome', 'main_menu']);

function interrupt(engine: FlowEngine, flowId: string, state: ConversationState | null, ctx: TurnContext): Turn {
  // Interrupting a flow with itself (LANGUE while choosing a language) must not nest it.
  const suspend = state && state.flowId !== flowId ? state : (state?.suspended ?? null);
  return engine.start(flowId, ctx, { suspend });
}

/**
 * What a keyword does. Navigation keywords (MENU, ANNULER) leave the current flow; LANGUE,
 * MES DONNÉES and EFFACER interrupt it and resume it afterwards, as SÉANCES, IDÉES and
 * CONSULTATION do when the person is in the middle of something; AIDE answers and asks the
 * current question again; STOP and REPRENDRE change whether the person receives anything.
 */
export function keywordTurn(
  keyword: Keyword,
  state: ConversationState | null,
  ctx: TurnContext,
  engine: FlowEngine,
  options: { readonly humanContact: string; readonly home: string },
): Turn {
  const { humanContact, home } = options;
  const help = [text('help:text'), text('help:human', { contact: humanContact })];
  switch (keyword) {
    case 'menu':
      return engine.start(home, ctx);
    case 'cancel':
      return engine.start(home, ctx, { lead: state && state.flowId !== 'main_menu' ? [text('flow.cancelled')] : [] });
    case 'help':
      return state ? engine.reprompt(state, ctx, help) : engine.start(home, ctx, { lead: help });
    case 'language':
      return interrupt(engine, 'language', state, ctx);
    case 'my_data':
      return interrupt(engine, 'my_data', state, ctx);
    case 'erase':
      return interrupt(engine, 'erase_data', state, ctx);
    case 'sessions':
    case 'ideas':
    case 'consultations':
      // In the middle of something (a registration, a ballot), the answers given so far are not
      // lost: it resumes afterwards. From a menu, there is nothing to resume.
      return state && !MENUS.has(state.flowId) ? interrupt(engine, keyword, state, ctx) : engine.start(keyword, ctx);
    // Staff desks, offered only to people holding the role (see `keywordAllowed`). FIN ends acting
    // for someone (the caller did so): the mediator is back at the mediation desk.
    case 'mediation':
    case 'end_acting':
      return engine.start('mediation', ctx);
    case 'agent':
      return engine.start('agent', ctx);
    // The sign-in link is the caller's to give (it records the request); the conversation stays where it was.
    case 'web':
      return { state, replies: [], effects: [] };
    case 'stop':
      // Confirmed once: a second STOP from someone already opted out gets no answer at all.
      if (ctx.person.optedOutAt) return { state, replies: [], effects: [] };
      return { state, replies: [{ parts: [text('opt_out.confirmed')] }], effects: [{ type: 'opt_out' }] };
    case 'start': {
      const lead = ctx.person.optedOutAt ? [text('opt_out.resumed')] : [];
      const turn = state ? engine.reprompt(state, ctx, [...lead, text('flow.resume')]) : engine.start(home, ctx, { lead });
      return ctx.person.optedOutAt ? { ...turn, effects: [{ type: 'opt_in' }, ...turn.effects] } : turn;
    }
  }
}
