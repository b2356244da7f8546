import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';
import { languageChoiceStep } from './language-choice';

/**
 * First contact: asks the language (unless known), says who the bot is and what it does, then
 * the menu, or the flow a deep link asked for (`continue_with`).
 */
export const welcomeFlow: FlowDefinition = {
  id: 'welcome',
  version: 1,
  start: 'check_language',
  steps: {
    check_language: { type: 'branch', condition: 'has_language', then: 'introduce', else: 'choose_language' },
    choose_language: languageChoiceStep('welcome:choose_language', 'save_language'),
    save_language: { type: 'action', action: 'set_language', next: 'introduce' },
    introduce: { type: 'say', say: [{ key: 'welcome:introduction', view: 'city' }, text('welcome:how_to_get_help')], next: 'menu' },
    menu: { type: 'goto_flow', flow: 'main_menu', flowFromData: 'continue_with' },
  },
};
