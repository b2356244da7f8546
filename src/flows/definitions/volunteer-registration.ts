import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';
import { correctionSteps, profileFieldSteps } from './profile-field-steps';

/**
 * Volunteer registration: privacy notice and consent first, then the profile one question at a
 * time, then a summary the person confirms or corrects field by field. Nothing is stored about
 * them (beyond the conversation's progress) until they confirm.
 */
export const volunteerRegistrationFlow: FlowDefinition = {
  id: 'volunteer_registration',
  version: 1,
  start: 'check_registered',
  steps: {
    check_registered: { type: 'branch', condition: 'is_volunteer', then: 'already_registered', else: 'intro' },
    already_registered: { type: 'say', say: [text('registration:already_registered')], next: 'open_profile' },
    open_profile: { type: 'goto_flow', flow: 'profile' },
    intro: { type: 'say', say: [text('registration:intro')], next: 'privacy_notice' },
    privacy_notice: {
      type: 'choice',
      prompt: [{ key: 'privacy:notice', view: 'privacy_notice' }],
      choices: [
        { id: 'accept', label: text('registration:consent.accept') },
        { id: 'details', label: text('registration:consent.details') },
        { id: 'refuse', label: text('registration:consent.refuse') },
      ],
      next: { byChoice: { accept: 'record_consent', details: 'privacy_details', refuse: 'refused' } },
    },
    // Two messages rather than one: by SMS, each stays within three segments.
    privacy_details: { type: 'say', say: [{ key: 'privacy:details', view: 'privacy_notice' }], next: 'privacy_rights' },
    privacy_rights: { type: 'say', say: [{ key: 'privacy:details_rights', view: 'privacy_notice' }], next: 'privacy_notice' },
    refused: { type: 'say', say: [text('registration:refused')], next: 'menu' },
    record_consent: { type: 'action', action: 'record_consent', next: 'fill' },
    ...profileFieldSteps(),
    fields_done: {
      type: 'choice',
      prompt: [{ key: 'registration:summary', view: 'profile_summary' }],
      choices: [
        { id: 'confirm', label: text('registration:confirm') },
        { id: 'correct', label: text('registration:correct') },
      ],
      next: { byChoice: { confirm: 'save', correct: 'which_field' } },
    },
    ...correctionSteps(),
    save: { type: 'action', action: 'register_volunteer', next: 'thanks' },
    thanks: { type: 'say', say: [text('registration:done')], next: 'menu' },
    menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};
