import type { ConversationState } from '../flows/engine/conversation-state';
import type { FlowEngine, Turn, TurnContext } from '../flows/engine/flow-engine';

/** What a deep link payload may contain (Telegram's rule for `start` parameters). */
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** A payload worth recording, or null for one that breaks the rule (never stored as is). */
export function validDeepLink(payload: string | undefined): string | null {
  return payload !== undefined && PAYLOAD.test(payload) ? payload : null;
}

/**
 * The flow a deep link opens: `menu…` links open the main menu, every other one (a poster,
 * `poster-trois-cites`) opens volunteer registration, which is what a poster invites to.
 */
export function flowForDeepLink(payload: string): string {
  return /^menu(?:$|[-_])/i.test(payload) ? 'main_menu' : 'volunteer_registration';
}

/**
 * Opens the deep link's flow. Someone new first gets the welcome (language, who the bot is),
 * which then continues with that flow; someone known goes straight to it.
 */
export function deepLinkTurn(engine: FlowEngine, ctx: TurnContext, payload: string, home: string, state: ConversationState | null): Turn {
  const target = flowForDeepLink(payload);
  if (home === 'welcome') return engine.start('welcome', ctx, { data: { continue_with: target } });
  // The same link scanned twice while its flow is under way: ask the current question again.
  if (state?.flowId === target) return engine.reprompt(state, ctx, []);
  return engine.start(target, ctx);
}
