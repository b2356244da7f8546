import { everyStep, walkedMessages, walkFlows, type Walk } from '../../bench/flow-walk';
import { EMPTY_WORLD, FULL_WORLD } from '../../bench/sample-world';
import { CHANNEL_CAPABILITIES } from '../../src/channels/capabilities';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/domain/language';
import { allFlows } from '../../src/flows/definitions';
import { loadTranslator } from '../../src/i18n/translator';
import { renderMessage } from '../../src/rendering/render-message';

/**
 * Every step of every flow, walked as people meet it (see bench/flow-walk.ts): asked again after
 * a restart, answered with each option, typed texts, misunderstandings, stale buttons, every
 * keyword. Once with everything there; once with what each step needs gone between the question
 * and the answer (the consultation closed, the session past or cancelled, the idea decided, the
 * call over, the person a mediator supported erased, the volunteer withdrawn and their roles
 * revoked). No step may throw at a resident, and every message renders whole in every language.
 */
const translator = loadTranslator('fr', 'Europe/Paris');
const flowIds = new Set(allFlows.map((f) => f.id));

/** Texts of a walk's messages, rendered for SMS and for Telegram, with the placeholders the texts' parameters left unfilled. */
function rendered(walk: Walk, language: Language): { texts: string[]; missing: string[] } {
  const texts: string[] = [];
  const missing: string[] = [];
  // Many turns send the same message: each is rendered once.
  const unique = new Map(walkedMessages(walk).map((m) => [JSON.stringify(m.message), m]));
  for (const { id, message } of unique.values()) {
    for (const capabilities of [CHANNEL_CAPABILITIES.sms, CHANNEL_CAPABILITIES.telegram]) {
      const out = renderMessage(message, language, translator, capabilities, { onMissing: (key, placeholder) => missing.push(`${id}: ${key} {{${placeholder}}}`) });
      texts.push(out.text, ...(out.buttons ?? []).map((b) => b.label));
    }
  }
  return { texts, missing: [...new Set(missing)] };
}

describe.each([...SUPPORTED_LANGUAGES])('every flow in %s', (language) => {
  let full: Walk;
  let removed: Walk;

  test('with everything there, no step throws', () => {
    full = walkFlows(FULL_WORLD, language, translator, { peopleChange: true });
    expect(full.turns.length).toBeGreaterThan(1000);
  });

  test('with its object removed between the question and the answer, no step throws', () => {
    removed = walkFlows(EMPTY_WORLD, language, translator, { askedIn: FULL_WORLD, peopleChange: true });
    expect(removed.turns.length).toBeGreaterThan(1000);
  });

  test('every step of every flow is walked', () => {
    const visited = new Set([...full.visited, ...removed.visited]);
    expect(everyStep().filter((step) => !visited.has(step))).toEqual([]);
  });

  test('with its object removed, every turn says something and waits at a question that exists, or at none', () => {
    for (const { id, turn } of removed.turns) {
      expect({ id, replies: turn.replies.length > 0 }).toEqual({ id, replies: true });
      if (turn.state) expect({ id, flow: flowIds.has(turn.state.flowId) }).toEqual({ id, flow: true });
    }
  });

  test('an answer to a ballot of a closed consultation is told so, and taken back to the menu; the draft is not kept', () => {
    const answered = removed.turns.filter((t) => /^consultations\.ask_(choice|grade|comment|several) number 1$/.test(t.id));
    expect(answered.length).toBeGreaterThan(0);
    for (const { turn } of answered) {
      expect(turn.replies.flatMap((r) => r.parts).some((p) => 'key' in p && p.key === 'consultations:gone')).toBe(true);
      expect(turn.state).toMatchObject({ flowId: 'main_menu', stepId: 'menu', data: {} });
      expect(turn.effects).toEqual([]);
    }
  });

  test('every message renders whole: no placeholder left unfilled, no raw {{…}}', () => {
    for (const walk of [full, removed]) {
      const { texts, missing } = rendered(walk, language);
      expect(missing).toEqual([]);
      expect(texts.filter((t) => /\{\{|\}\}/.test(t))).toEqual([]);
    }
  });
});
