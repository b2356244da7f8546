import { text } from '../../domain/text';
import type { ChoiceStep, FlowDefinition } from '../engine/flow-definition';
import { participationConsentSteps } from './participation-consent-steps';

/**
 * Says what became of a support, then waits: the list is shown again on the next message, when
 * it counts the change (a turn's effects are saved after the turn).
 */
function afterSupport(key: string): ChoiceStep {
  return {
    type: 'choice',
    prompt: [text(key)],
    choices: [
      { id: 'more', label: text('ideas:more_ideas') },
      { id: 'menu', label: text('common:back_to_menu') },
    ],
    next: { byChoice: { more: 'page', menu: 'open_menu' } },
  };
}

/**
 * IDÉES / IDEAS: topic ideas for the assembly. Residents browse published ideas a few at a time
 * (an SMS holds three), support or withdraw their support, and during a call for ideas submit
 * their own: before it is saved, similar published ideas are offered to support instead.
 */
export const ideasFlow: FlowDefinition = {
  id: 'ideas',
  version: 1,
  start: 'check_any',
  steps: {
    check_any: { type: 'branch', condition: 'ideas_available', then: 'menu', else: 'nothing' },
    nothing: { type: 'say', say: [{ key: 'ideas:nothing', view: 'idea_call' }], next: 'done' },
    menu: {
      type: 'choice',
      prompt: [{ key: 'ideas:menu', view: 'idea_call' }],
      choices: [
        { id: 'submit', label: text('ideas:submit'), when: 'idea_call_open' },
        { id: 'browse', label: text('ideas:browse'), when: 'has_published_ideas' },
        { id: 'menu', label: text('common:back_to_menu') },
      ],
      next: { byChoice: { submit: 'consent_check', browse: 'first_page', menu: 'open_menu' } },
    },

    ...participationConsentSteps('limits', 'done'),
    limits: { type: 'say', say: [{ key: 'ideas:limits', view: 'idea_limits' }], next: 'title' },
    title: { type: 'text', prompt: [{ key: 'ideas:ask_title', view: 'idea_limits' }], rule: 'idea_title', assign: 'title', next: 'body' },
    body: { type: 'text', prompt: [{ key: 'ideas:ask_body', view: 'idea_limits' }], rule: 'idea_body', assign: 'body', next: 'find_similar' },
    find_similar: { type: 'action', action: 'find_similar_ideas', next: { byOutcome: { some: 'similar', none: 'check_neighbourhood' } } },
    similar: {
      type: 'choice',
      prompt: [text('ideas:similar')],
      choices: { provider: 'similar_ideas' },
      assign: 'idea_id',
      next: { byChoice: { mine: 'check_neighbourhood' }, otherwise: 'support' },
    },
    check_neighbourhood: { type: 'branch', condition: 'knows_neighbourhood', then: 'confirm', else: 'neighbourhood' },
    neighbourhood: { type: 'choice', prompt: [text('ideas:ask_neighbourhood')], choices: { provider: 'neighbourhoods' }, assign: 'neighbourhood', next: 'confirm' },
    confirm: {
      type: 'choice',
      prompt: [{ key: 'ideas:confirm', view: 'idea_draft' }],
      choices: [
        { id: 'send', label: text('ideas:send') },
        { id: 'rewrite', label: text('ideas:rewrite') },
        { id: 'cancel', label: text('ideas:cancel') },
      ],
      next: { byChoice: { send: 'check_still_open', rewrite: 'forget_draft', cancel: 'cancelled' } },
    },
    forget_draft: { type: 'action', action: 'forget_idea_draft', next: 'title' },
    cancelled: { type: 'say', say: [text('ideas:cancelled')], next: 'done' },
    check_still_open: { type: 'branch', condition: 'idea_call_open', then: 'submit', else: 'call_closed' },
    call_closed: { type: 'say', say: [text('ideas:call_closed')], next: 'done' },
    submit: { type: 'action', action: 'submit_idea', next: 'submitted' },
    submitted: { type: 'say', say: [text('ideas:submitted')], next: 'done' },

    first_page: { type: 'action', action: 'first_idea_page', next: 'page' },
    page: {
      type: 'choice',
      prompt: [{ key: 'ideas:page', view: 'idea_page' }],
      choices: { provider: 'idea_page' },
      assign: 'idea_id',
      next: { byChoice: { more: 'next_page', menu: 'open_menu' }, otherwise: 'check_idea' },
    },
    next_page: { type: 'action', action: 'next_idea_page', next: 'page' },
    check_idea: { type: 'branch', condition: 'idea_still_published', then: 'show', else: 'idea_gone' },
    idea_gone: { type: 'say', say: [text('ideas:gone')], next: 'page' },
    // The idea, then the question: each fits in an SMS of its own.
    show: { type: 'say', say: [{ key: 'ideas:details', view: 'idea_details' }], next: 'idea_actions' },
    idea_actions: {
      type: 'choice',
      prompt: [text('ideas:what_now')],
      choices: [
        { id: 'support', label: text('ideas:support'), when: 'may_support_idea' },
        { id: 'withdraw', label: text('ideas:withdraw'), when: 'supports_idea' },
        { id: 'back', label: text('ideas:back') },
      ],
      // Supports are kept with the person's name, as ideas are: the notice comes first.
      next: { byChoice: { support: 'support_consent_check', withdraw: 'withdraw', back: 'page' } },
    },
    ...participationConsentSteps('support', 'page', 'support_consent'),
    support: { type: 'action', action: 'support_idea', next: { byOutcome: { supported: 'supported', already: 'already_supported', closed: 'call_closed', gone: 'idea_gone' } } },
    supported: afterSupport('ideas:supported'),
    already_supported: afterSupport('ideas:already_supported'),
    withdraw: { type: 'action', action: 'withdraw_idea_support', next: 'withdrawn' },
    withdrawn: afterSupport('ideas:withdrawn'),

    done: { type: 'end', otherwise: 'main_menu' },
    open_menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};
