import { RSVP_ANSWERS } from '../../domain/assembly-session';
import { text } from '../../domain/text';
import type { ChoiceOption, FlowDefinition, StepDefinition } from '../engine/flow-definition';

const ANSWERS: readonly ChoiceOption[] = RSVP_ANSWERS.map((answer) => ({ id: answer, label: text(`sessions:${answer}`) }));

/** Saving an answer, thanking for it, then `done`: shared by the sessions list and reminders. */
function answerSteps(): Record<string, StepDefinition> {
  return {
    save: { type: 'action', action: 'answer_session', next: { byOutcome: { yes: 'saved_yes', no: 'saved_no', maybe: 'saved_maybe' } } },
    saved_yes: { type: 'say', say: [text('sessions:saved.yes')], next: 'done' },
    saved_no: { type: 'say', say: [text('sessions:saved.no')], next: 'done' },
    saved_maybe: { type: 'say', say: [text('sessions:saved.maybe')], next: 'done' },
  };
}

/** SÉANCES / SESSIONS and the menu entry: upcoming sessions, and yes / no / maybe for each. */
export const sessionsFlow: FlowDefinition = {
  id: 'sessions',
  version: 1,
  start: 'check_any',
  steps: {
    check_any: { type: 'branch', condition: 'has_upcoming_sessions', then: 'list', else: 'none' },
    none: { type: 'say', say: [text('sessions:none')], next: 'done' },
    list: {
      type: 'choice',
      prompt: [text('sessions:list')],
      choices: { provider: 'upcoming_sessions' },
      assign: 'session_id',
      next: { byChoice: { menu: 'open_menu' }, otherwise: 'check_planned' },
    },
    check_planned: { type: 'branch', condition: 'session_still_planned', then: 'details', else: 'gone' },
    gone: { type: 'say', say: [text('sessions:gone')], next: 'check_any' },
    details: {
      type: 'choice',
      prompt: [{ key: 'sessions:details', view: 'session_details' }],
      choices: [...ANSWERS, { id: 'back', label: text('sessions:back') }],
      about: { session: 'session_id' },
      assign: 'rsvp',
      next: { byChoice: { back: 'list' }, otherwise: 'save' },
    },
    ...answerSteps(),
    done: { type: 'end', otherwise: 'main_menu' },
    open_menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};

/**
 * A session reminder: "will you come?". It interrupts whatever the person was doing, which
 * resumes after the answer (see ConversationService.remind).
 */
export const sessionRsvpFlow: FlowDefinition = {
  id: 'session_rsvp',
  version: 1,
  start: 'check_planned',
  steps: {
    check_planned: { type: 'branch', condition: 'session_still_planned', then: 'ask', else: 'gone' },
    gone: { type: 'say', say: [text('sessions:gone')], next: 'done' },
    // Not delivered once the session has started or was cancelled (the outbox expires it).
    ask: { type: 'choice', prompt: [{ key: 'sessions:reminder', view: 'session_details' }], choices: ANSWERS, about: { session: 'session_id' }, assign: 'rsvp', next: 'save' },
    ...answerSteps(),
    done: { type: 'end' },
  },
};
