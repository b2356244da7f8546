import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';
import { correctionSteps, profileFieldSteps } from './profile-field-steps';

/** The volunteer's profile: see it, change any field, or withdraw. */
export const profileFlow: FlowDefinition = {
  id: 'profile',
  version: 1,
  start: 'check_volunteer',
  steps: {
    check_volunteer: { type: 'branch', condition: 'is_volunteer', then: 'load', else: 'not_volunteer' },
    not_volunteer: {
      type: 'choice',
      prompt: [text('profile:not_volunteer')],
      choices: [
        { id: 'register', label: text('menu:register') },
        { id: 'menu', label: text('common:back_to_menu') },
      ],
      next: { byChoice: { register: 'open_registration', menu: 'menu' } },
    },
    open_registration: { type: 'goto_flow', flow: 'volunteer_registration' },
    load: { type: 'action', action: 'load_profile', next: 'overview' },
    overview: {
      type: 'choice',
      prompt: [{ key: 'profile:overview', view: 'profile_summary' }],
      choices: [
        { id: 'change', label: text('profile:change') },
        { id: 'withdraw', label: text('profile:withdraw') },
        { id: 'menu', label: text('common:back_to_menu') },
      ],
      next: { byChoice: { change: 'which_field', withdraw: 'confirm_withdraw', menu: 'menu' } },
    },
    ...correctionSteps(),
    ...profileFieldSteps(),
    fields_done: { type: 'action', action: 'save_profile', next: 'saved' },
    saved: { type: 'say', say: [text('profile:saved')], next: 'overview' },
    confirm_withdraw: {
      type: 'choice',
      prompt: [text('profile:withdraw_confirm')],
      choices: [
        { id: 'yes', label: text('profile:withdraw_yes') },
        { id: 'no', label: text('profile:withdraw_no') },
      ],
      next: { byChoice: { yes: 'withdraw', no: 'overview' } },
    },
    withdraw: { type: 'action', action: 'withdraw_volunteer', next: 'withdrawn' },
    withdrawn: { type: 'say', say: [text('profile:withdrawn')], next: 'menu' },
    menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};
