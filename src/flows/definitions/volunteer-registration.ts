import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';
import { privacyNoticeSteps } from './participation-consent-steps';
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
    ...privacyNoticeSteps({ notice: 'privacy_notice', details: 'privacy_details', rights: 'privacy_rights', accepted: 'record_consent', refused: 'refused' }),
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
