import { text } from '../../domain/text';
import type { ChoiceStep, FlowDefinition, StepDefinition } from '../engine/flow-definition';

/** After a decision: the list again (read afresh on the next message), or the desk. */
function afterDecision(key: string): ChoiceStep {
  return {
    type: 'choice',
    prompt: [text(key)],
    choices: [
      { id: 'next', label: text('agent:moderation.other_ideas') },
      { id: 'back', label: text('agent:back') },
    ],
    next: { byChoice: { next: 'check_pending', back: 'menu' } },
  };
}

/**
 * A notice to an audience the CLI knows: who (and which neighbourhood, language, session or role),
 * the text in the default language, other languages if the agent wants, then how many people on
 * which channel will receive it, and a confirmation. Nothing is sent before that.
 */
const broadcastSteps: Readonly<Record<string, StepDefinition>> = {
  audience: {
    type: 'choice',
    prompt: [text('agent:audience.prompt')],
    choices: [
      { id: 'all', label: text('agent:audience.all') },
      { id: 'volunteers', label: text('agent:audience.volunteers') },
      { id: 'registered', label: text('agent:audience.registered') },
      { id: 'assembly', label: text('agent:audience.assembly_members') },
      { id: 'neighbourhood', label: text('agent:audience.neighbourhood') },
      { id: 'language', label: text('agent:audience.language') },
      { id: 'said_yes', label: text('agent:audience.said_yes'), when: 'has_upcoming_sessions' },
      { id: 'role', label: text('agent:audience.role') },
      { id: 'back', label: text('agent:back') },
    ],
    assign: 'audience_kind',
    next: {
      byChoice: { neighbourhood: 'audience_neighbourhood', language: 'audience_language', said_yes: 'audience_session', role: 'audience_role', back: 'menu' },
      otherwise: 'set_audience',
    },
  },
  audience_neighbourhood: { type: 'choice', prompt: [text('agent:audience.which_neighbourhood')], choices: { provider: 'neighbourhoods' }, assign: 'audience_value', next: 'set_audience' },
  audience_language: { type: 'choice', prompt: [text('agent:audience.which_language')], choices: { provider: 'broadcast_languages' }, assign: 'audience_value', next: 'set_audience' },
  audience_session: { type: 'choice', prompt: [text('agent:audience.which_session')], choices: { provider: 'broadcast_sessions' }, assign: 'audience_value', next: 'set_audience' },
  audience_role: { type: 'choice', prompt: [text('agent:audience.which_role')], choices: { provider: 'broadcast_roles' }, assign: 'audience_value', next: 'set_audience' },
  set_audience: { type: 'action', action: 'choose_audience', next: 'write_text' },
  write_text: { type: 'text', prompt: [{ key: 'agent:broadcast.ask_text', view: 'broadcast_writing' }], rule: 'broadcast_text', assign: 'draft', next: 'keep_text' },
  keep_text: { type: 'action', action: 'keep_broadcast_text', next: 'check_translations' },
  check_translations: { type: 'branch', condition: 'broadcast_may_translate', then: 'translate', else: 'check_reach' },
  translate: {
    type: 'choice',
    prompt: [{ key: 'agent:broadcast.translate', view: 'broadcast_draft' }],
    choices: { provider: 'broadcast_translations' },
    assign: 'text_language',
    next: { byChoice: { done: 'check_reach' }, otherwise: 'write_text' },
  },
  check_reach: { type: 'branch', condition: 'broadcast_reaches_anyone', then: 'confirm_broadcast', else: 'nobody' },
  nobody: { type: 'say', say: [{ key: 'agent:broadcast.nobody', view: 'broadcast_plan' }], next: 'menu' },
  confirm_broadcast: {
    type: 'choice',
    prompt: [{ key: 'agent:broadcast.confirm', view: 'broadcast_plan' }],
    choices: [
      { id: 'send', label: text('agent:broadcast.send') },
      { id: 'cancel', label: text('agent:broadcast.cancel') },
    ],
    next: { byChoice: { send: 'send_broadcast', cancel: 'broadcast_cancelled' } },
  },
  send_broadcast: { type: 'action', action: 'send_broadcast', next: 'broadcast_sent' },
  broadcast_sent: { type: 'say', say: [{ key: 'agent:broadcast.sent', view: 'broadcast_plan' }], next: 'menu' },
  broadcast_cancelled: { type: 'say', say: [text('agent:broadcast.cancelled')], next: 'menu' },
};

/**
 * Ideas waiting for moderation, a few at a time: one is shown whole, then approved, or rejected
 * with a reason its author is told. Whether it still waits is checked again at each answer (an
 * agent at the CLI, or a colleague in chat, may have decided first).
 */
const moderationSteps: Readonly<Record<string, StepDefinition>> = {
  check_pending: { type: 'branch', condition: 'has_pending_ideas', then: 'first_page', else: 'no_pending' },
  no_pending: { type: 'say', say: [text('agent:moderation.none')], next: 'menu' },
  first_page: { type: 'action', action: 'first_idea_page', next: 'pending_page' },
  pending_page: {
    type: 'choice',
    prompt: [{ key: 'agent:moderation.page', view: 'pending_page' }],
    choices: { provider: 'pending_ideas' },
    assign: 'idea_id',
    next: { byChoice: { more: 'next_page', back: 'menu' }, otherwise: 'check_idea' },
  },
  next_page: { type: 'action', action: 'next_pending_page', next: 'pending_page' },
  check_idea: { type: 'branch', condition: 'pending_idea_chosen', then: 'show_idea', else: 'decided_meanwhile' },
  decided_meanwhile: { type: 'say', say: [text('agent:idea_decided_meanwhile')], next: 'check_pending' },
  // The idea, then the question: each fits in an SMS of its own.
  show_idea: { type: 'say', say: [{ key: 'agent:moderation.idea', view: 'pending_idea' }], next: 'decide' },
  decide: {
    type: 'choice',
    prompt: [text('agent:moderation.decide')],
    choices: [
      { id: 'approve', label: text('agent:moderation.approve') },
      { id: 'reject', label: text('agent:moderation.reject') },
      { id: 'back', label: text('agent:moderation.back_to_list') },
    ],
    next: { byChoice: { approve: 'check_before_approving', reject: 'check_before_reason', back: 'pending_page' } },
  },
  check_before_approving: { type: 'branch', condition: 'pending_idea_chosen', then: 'approve', else: 'decided_meanwhile' },
  approve: { type: 'action', action: 'approve_idea', next: 'approved' },
  approved: afterDecision('agent:moderation.approved'),
  check_before_reason: { type: 'branch', condition: 'pending_idea_chosen', then: 'reason', else: 'decided_meanwhile' },
  reason: { type: 'text', prompt: [{ key: 'agent:moderation.ask_reason', view: 'pending_idea' }], rule: 'rejection_reason', assign: 'reason', next: 'check_before_rejecting' },
  check_before_rejecting: { type: 'branch', condition: 'pending_idea_chosen', then: 'reject', else: 'decided_meanwhile' },
  reject: { type: 'action', action: 'reject_idea', next: 'rejected' },
  rejected: afterDecision('agent:moderation.rejected'),
};

/** Open consultations with their answer counts; looking at one is recorded in the audit. */
const participationSteps: Readonly<Record<string, StepDefinition>> = {
  check_consultations: { type: 'branch', condition: 'agent_has_consultations', then: 'consultations', else: 'no_consultations' },
  no_consultations: { type: 'say', say: [text('agent:participation.none')], next: 'menu' },
  consultations: {
    type: 'choice',
    prompt: [text('agent:participation.list')],
    choices: { provider: 'agent_consultations' },
    assign: 'consultation_id',
    next: { byChoice: { back: 'menu' }, otherwise: 'check_consultation' },
  },
  check_consultation: { type: 'branch', condition: 'participation_chosen', then: 'view_participation', else: 'consultation_closed' },
  consultation_closed: { type: 'say', say: [text('agent:participation.closed_meanwhile')], next: 'check_consultations' },
  view_participation: { type: 'action', action: 'view_participation', next: 'participation' },
  participation: {
    type: 'choice',
    prompt: [{ key: 'agent:participation.detail', view: 'consultation_participation' }],
    choices: [
      { id: 'list', label: text('agent:participation.other_consultations') },
      { id: 'back', label: text('agent:back') },
    ],
    next: { byChoice: { list: 'check_consultations', back: 'menu' } },
  },
};

/**
 * The agent desk (AGENT, or the main menu's last entry): a city agent broadcasts a notice,
 * moderates ideas and follows participation from their messaging app. Only for people holding
 * the agent role, writing for themselves: anyone else is never in this flow, at any step.
 */
export const agentFlow: FlowDefinition = {
  id: 'agent',
  version: 1,
  when: 'is_agent',
  start: 'menu',
  steps: {
    menu: {
      type: 'choice',
      prompt: [text('agent:menu')],
      choices: { provider: 'agent_menu' },
      next: { byChoice: { broadcast: 'audience', moderation: 'check_pending', participation: 'check_consultations', menu: 'open_menu' } },
    },
    ...broadcastSteps,
    ...moderationSteps,
    ...participationSteps,
    open_menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};
