import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';
import { languageChoiceStep } from './language-choice';

/** LANGUE / LANGUAGE: change the language, then back to where the person was. */
export const languageFlow: FlowDefinition = {
  id: 'language',
  version: 1,
  start: 'choose',
  steps: {
    choose: languageChoiceStep('language:ask', 'apply'),
    apply: { type: 'action', action: 'set_language', next: 'changed' },
    changed: { type: 'say', say: [text('language:changed')], next: 'done' },
    done: { type: 'end', otherwise: 'main_menu' },
  },
};
