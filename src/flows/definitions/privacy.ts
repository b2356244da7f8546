import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';

/** The privacy menu: see one's data, erase it, or go back. */
export const privacyFlow: FlowDefinition = {
  id: 'privacy',
  version: 1,
  start: 'menu',
  steps: {
    menu: {
      type: 'choice',
      prompt: [text('privacy:menu')],
      choices: [
        { id: 'my_data', label: text('privacy:see_my_data') },
        { id: 'erase', label: text('privacy:erase_my_data') },
        { id: 'back', label: text('common:back_to_menu') },
      ],
      next: { byChoice: { my_data: 'open_my_data', erase: 'open_erase', back: 'open_menu' } },
    },
    open_my_data: { type: 'goto_flow', flow: 'my_data' },
    open_erase: { type: 'goto_flow', flow: 'erase_data' },
    open_menu: { type: 'goto_flow', flow: 'main_menu' },
  },
};

/** MES DONNÉES / MY DATA: everything stored about the person, in words. */
export const myDataFlow: FlowDefinition = {
  id: 'my_data',
  version: 1,
  start: 'show',
  steps: {
    // Three messages rather than one: by SMS, each stays within three segments.
    show: { type: 'say', say: [{ key: 'privacy:my_data.summary', view: 'my_data' }], next: 'show_contacts' },
    show_contacts: { type: 'say', say: [{ key: 'privacy:my_data.summary_contacts', view: 'my_data' }], next: 'show_answers' },
    show_answers: { type: 'say', say: [{ key: 'privacy:my_data.summary_answers', view: 'my_data' }], next: 'check_draws' },
    check_draws: { type: 'branch', condition: 'has_draw_seats', then: 'show_draws', else: 'check_actions' },
    show_draws: { type: 'say', say: [{ key: 'privacy:my_data.summary_draws', view: 'my_draws' }], next: 'check_actions' },
    check_actions: { type: 'branch', condition: 'has_mediator_actions', then: 'show_actions', else: 'done' },
    show_actions: { type: 'say', say: [{ key: 'privacy:my_data.summary_actions', view: 'my_data' }], next: 'done' },
    done: { type: 'end', otherwise: 'main_menu' },
  },
};

/** EFFACER / DELETE: erase everything after an explicit confirmation. */
export const eraseDataFlow: FlowDefinition = {
  id: 'erase_data',
  version: 1,
  start: 'confirm',
  steps: {
    confirm: {
      type: 'choice',
      prompt: [text('privacy:erase.confirm')],
      choices: [
        { id: 'erase', label: text('privacy:erase.yes') },
        { id: 'keep', label: text('privacy:erase.no') },
      ],
      next: { byChoice: { erase: 'erase', keep: 'kept' } },
    },
    erase: { type: 'action', action: 'erase_person', next: 'erased' },
    erased: { type: 'say', say: [text('privacy:erase.done')], next: 'gone' },
    gone: { type: 'end', final: true },
    kept: { type: 'say', say: [text('privacy:erase.kept')], next: 'done' },
    done: { type: 'end', otherwise: 'main_menu' },
  },
};
