import { SUPPORTED_LANGUAGES } from '../../domain/language';
import { text } from '../../domain/text';
import type { ChoiceStep } from '../engine/flow-definition';

/** "Which language?", with each language named in itself. Used at first contact and by LANGUE. */
export function languageChoiceStep(promptKey: string, next: string): ChoiceStep {
  return {
    type: 'choice',
    prompt: [{ key: promptKey, view: 'city' }],
    choices: SUPPORTED_LANGUAGES.map((language) => ({ id: language, label: text(`common:language_name.${language}`) })),
    assign: 'language',
    next,
  };
}
