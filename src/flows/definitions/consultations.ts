import { text } from '../../domain/text';
import type { AboutDefinition, FlowDefinition, StepDefinition } from '../engine/flow-definition';
import { participationConsentSteps } from './participation-consent-steps';

/** Ballot messages are about the consultation chosen: not delivered once it closed. */
const ABOUT: AboutDefinition = { consultation: 'consultation_id' };

/**
 * Answering one consultation (`data.consultation_id`): check it is open and the person may
 * answer, take consent if needed, then one question at a time (a majority judgment question asks
 * a grade per proposal), a summary to confirm, the ballot, a receipt. Answers live in flow data
 * until confirmed, so nothing half-answered is ever counted. Enter at `check_open`.
 */
function ballotSteps(done: string): Record<string, StepDefinition> {
  return {
    check_open: { type: 'branch', condition: 'consultation_open', then: 'check_audience', else: 'gone' },
    gone: { type: 'say', say: [text('consultations:gone')], next: done },
    check_audience: { type: 'branch', condition: 'may_answer_consultation', then: 'consent_check', else: 'not_invited' },
    not_invited: { type: 'say', say: [{ key: 'consultations:not_invited', view: 'consultation_audience' }], next: done },
    ...participationConsentSteps('intro', done),
    intro: {
      type: 'choice',
      prompt: [{ key: 'consultations:intro', view: 'consultation_intro' }],
      choices: [
        { id: 'answer', label: text('consultations:answer_now') },
        { id: 'later', label: text('consultations:later') },
      ],
      about: ABOUT,
      next: { byChoice: { answer: 'begin', later: 'postponed' } },
    },
    postponed: { type: 'say', say: [{ key: 'consultations:postponed', view: 'consultation_intro' }], next: done },
    begin: { type: 'action', action: 'begin_ballot', next: 'next' },
    next: {
      type: 'action',
      action: 'next_question',
      next: { byOutcome: { choice: 'ask_choice', several: 'ask_several', grade: 'ask_grade', comment: 'ask_comment', done: 'summary' } },
    },
    // What the person answers is theirs alone: a question asked again after an answer read back is secret too.
    ask_choice: {
      type: 'choice',
      prompt: [{ key: 'consultations:question', view: 'ballot_question' }],
      choices: { provider: 'question_options' },
      about: ABOUT,
      secret: 'answers',
      assign: 'answer',
      next: 'record',
    },
    ask_several: {
      type: 'several',
      prompt: [{ key: 'consultations:question_several', view: 'ballot_question' }],
      choices: { provider: 'several_options' },
      rule: 'several_choices',
      about: ABOUT,
      secret: 'answers',
      assign: 'answer',
      next: 'record',
    },
    ask_grade: {
      type: 'choice',
      prompt: [{ key: 'consultations:question_grade', view: 'ballot_question' }],
      choices: { provider: 'grade_options' },
      about: ABOUT,
      secret: 'answers',
      assign: 'answer',
      next: 'record',
    },
    ask_comment: {
      type: 'text',
      prompt: [{ key: 'consultations:question_comment', view: 'ballot_question' }],
      rule: 'ballot_comment',
      about: ABOUT,
      secret: 'answers',
      assign: 'answer',
      next: 'record',
    },
    record: { type: 'action', action: 'record_answer', next: 'next' },
    summary: {
      type: 'choice',
      prompt: [{ key: 'consultations:summary', view: 'ballot_summary' }],
      choices: [
        { id: 'confirm', label: text('consultations:confirm') },
        { id: 'redo', label: text('consultations:redo') },
        { id: 'cancel', label: text('consultations:cancel') },
      ],
      about: ABOUT,
      secret: 'shows',
      next: { byChoice: { confirm: 'check_still_open', redo: 'begin', cancel: 'not_cast' } },
    },
    not_cast: { type: 'say', say: [text('consultations:not_cast')], next: done },
    check_still_open: { type: 'branch', condition: 'consultation_open', then: 'cast', else: 'closed_meanwhile' },
    closed_meanwhile: { type: 'say', say: [text('consultations:closed_meanwhile')], next: done },
    cast: { type: 'action', action: 'cast_ballot', next: 'receipt' },
    receipt: { type: 'say', say: [{ key: 'consultations:receipt', view: 'ballot_receipt' }], about: ABOUT, secret: 'shows', next: done },
  };
}

/** CONSULTATION / VOTE and the menu entry: open consultations to answer, and results of past ones. */
export const consultationsFlow: FlowDefinition = {
  id: 'consultations',
  version: 1,
  start: 'check_any',
  steps: {
    check_any: { type: 'branch', condition: 'has_consultations', then: 'list', else: 'none' },
    none: { type: 'say', say: [text('consultations:none')], next: 'done' },
    list: {
      type: 'choice',
      prompt: [text('consultations:list')],
      choices: { provider: 'consultations' },
      assign: 'consultation_id',
      next: { byChoice: { menu: 'open_menu' }, otherwise: 'route' },
    },
    route: { type: 'branch', condition: 'chosen_results', then: 'results', else: 'check_open' },
    results: { type: 'say', say: [{ key: 'consultations:results', view: 'consultation_results' }], next: 'done' },
    ...ballotSteps('done'),
    done: { type: 'end', otherwise: 'main_menu' },
    open_menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};

/**
 * The invitation sent when a consultation opens: it interrupts what the person was doing, which
 * resumes once they answered or postponed (see ConversationService.interrupt). Invitations that
 * arrive before the person answered the first are grouped into one list (`consultation_ids`),
 * so that one screen holds one numbered choice; after each ballot, the list comes back with
 * those left to answer.
 */
export const consultationInvitationFlow: FlowDefinition = {
  id: 'consultation_invitation',
  version: 1,
  start: 'check_grouped',
  steps: {
    check_grouped: { type: 'branch', condition: 'invitations_waiting', then: 'choose', else: 'check_open' },
    choose: {
      type: 'choice',
      prompt: [{ key: 'consultations:invitations', view: 'invitations' }],
      choices: { provider: 'invited_consultations' },
      about: { consultation: 'consultation_ids' },
      assign: 'consultation_id',
      next: { byChoice: { later: 'all_postponed' }, otherwise: 'check_open' },
    },
    all_postponed: { type: 'say', say: [text('consultations:all_postponed')], next: 'end' },
    ...ballotSteps('done'),
    done: { type: 'action', action: 'invitation_handled', next: 'more' },
    more: { type: 'branch', condition: 'invitations_waiting', then: 'choose', else: 'end' },
    end: { type: 'end' },
  },
};
