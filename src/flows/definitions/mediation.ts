import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';
import { privacyNoticeSteps } from './participation-consent-steps';
import { correctionSteps, profileFieldSteps } from './profile-field-steps';

/**
 * The mediation desk, for mediators only (keyword RELAIS or the menu's last entry): register a
 * person who has no phone, or choose one of the people they support and act for them. Acting
 * itself is held by the conversation service, apart from the mediator's own conversation, which
 * stays idle meanwhile (`acting` ends it).
 */
export const mediationFlow: FlowDefinition = {
  id: 'mediation',
  version: 1,
  // A mediator whose role is revoked mid-desk is out of it at their next message.
  when: 'is_mediator',
  start: 'desk',
  steps: {
    desk: {
      type: 'choice',
      prompt: [{ key: 'mediation:desk', view: 'mediation_desk' }],
      choices: [
        { id: 'register', label: text('mediation:register_someone') },
        { id: 'people', label: text('mediation:my_people'), when: 'supports_anyone' },
        { id: 'menu', label: text('common:back_to_menu') },
      ],
      next: { byChoice: { register: 'open_registration', people: 'how_to_find', menu: 'open_menu' } },
    },
    open_registration: { type: 'goto_flow', flow: 'mediated_registration' },
    open_menu: { type: 'goto_flow', flow: 'main_menu' },
    how_to_find: { type: 'branch', condition: 'supports_many', then: 'search', else: 'everyone' },
    everyone: { type: 'action', action: 'list_everyone', next: 'choose_person' },
    search: { type: 'text', prompt: [text('mediation:search.ask')], rule: 'person_search', assign: 'search', next: 'choose_person' },
    choose_person: {
      type: 'choice',
      prompt: [{ key: 'mediation:search.results', view: 'person_search' }],
      choices: { provider: 'supported_people' },
      assign: 'person_id',
      next: { byChoice: { search: 'search', desk: 'desk' }, otherwise: 'act' },
    },
    act: { type: 'action', action: 'start_acting', next: 'acting' },
    // The person's conversation opens in the same turn; this one waits, idle, until acting ends.
    acting: { type: 'end', final: true },
  },
};

/**
 * A mediator registers a person who has no phone or internet: how the person consented (a paper
 * form, or orally) and where to find that again, the privacy notice the mediator read to them,
 * then the same profile questions as a volunteer's, answered for the person. Nothing is stored
 * until the summary is confirmed; the mediator then acts for the new person.
 */
export const mediatedRegistrationFlow: FlowDefinition = {
  id: 'mediated_registration',
  version: 1,
  when: 'is_mediator',
  start: 'consent_method',
  steps: {
    consent_method: {
      type: 'choice',
      prompt: [text('mediation:register.intro'), text('mediation:register.consent_method')],
      choices: [
        { id: 'paper', label: text('mediation:register.paper') },
        { id: 'oral', label: text('mediation:register.oral') },
        { id: 'desk', label: text('mediation:back_to_desk') },
      ],
      assign: 'consent_method',
      next: { byChoice: { desk: 'desk' }, otherwise: 'consent_reference' },
    },
    consent_reference: {
      type: 'text',
      prompt: [{ key: 'mediation:register.reference', view: 'consent_method' }],
      rule: 'consent_reference',
      assign: 'consent_reference',
      next: 'read_notice',
    },
    read_notice: { type: 'say', say: [text('mediation:register.read_notice')], next: 'notice' },
    ...privacyNoticeSteps({ notice: 'notice', details: 'notice_details', rights: 'notice_rights', accepted: 'record_consent', refused: 'refused' }),
    refused: { type: 'say', say: [text('mediation:register.refused')], next: 'desk' },
    record_consent: { type: 'action', action: 'record_mediated_consent', next: 'fill' },
    ...profileFieldSteps(),
    fields_done: {
      type: 'choice',
      prompt: [{ key: 'mediation:register.summary', view: 'mediated_summary' }],
      choices: [
        { id: 'confirm', label: text('registration:confirm') },
        { id: 'correct', label: text('registration:correct') },
      ],
      next: { byChoice: { confirm: 'save', correct: 'which_field' } },
    },
    ...correctionSteps(),
    save: { type: 'action', action: 'register_mediated_person', next: 'registered' },
    registered: { type: 'say', say: [{ key: 'mediation:register.done', view: 'mediated_summary' }], next: 'acting' },
    acting: { type: 'end', final: true },
    desk: { type: 'goto_flow', flow: 'mediation' },
  },
};
