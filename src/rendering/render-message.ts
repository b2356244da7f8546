import type { ChannelCapabilities, RenderedMessage } from '../channels/channel';
import type { Language } from '../domain/language';
import { SUBMIT_TICKED, type OutgoingMessage } from '../domain/outgoing-message';
import type { RenderOptions, Translator } from '../i18n/translator';

/** What a ticked and an unticked option look like on a button. */
const TICKED = '☑️';
const UNTICKED = '⬜';

/**
 * Renders a message for a channel in the reader's language: paragraphs separated by a blank
 * line, and choices as buttons where the channel has them, else as a numbered menu (the engine
 * reads the number back). Nothing a channel cannot show is dropped: it becomes text. A question
 * where several options may be ticked shows ticks and a submit button on buttons, and a
 * numbered menu elsewhere (where the numbers are typed together, "1 3").
 */
export function renderMessage(
  message: OutgoingMessage,
  language: Language | null,
  translator: Translator,
  capabilities: ChannelCapabilities,
  options: Omit<RenderOptions, 'context'> = {},
): RenderedMessage {
  const renderOptions: RenderOptions = { ...options, ...(capabilities.buttons ? { context: 'buttons' } : {}) };
  const body = message.parts.map((part) => translator.render(part, language, renderOptions)).filter((p) => p !== '').join('\n\n');
  const replaces = message.replaces && capabilities.buttons ? { replaces: message.replaces } : {};
  const choices = (message.choices ?? []).map((choice) => ({ id: choice.id, label: translator.render(choice.label, language, renderOptions) }));
  if (choices.length === 0) return { text: body, ...replaces };
  if (capabilities.buttons) {
    const several = message.several;
    const buttons = several
      ? [
          ...choices.map((c) => ({ id: c.id, label: `${several.ticked.includes(c.id) ? TICKED : UNTICKED} ${c.label}` })),
          { id: SUBMIT_TICKED, label: translator.render(several.submit, language, renderOptions) },
        ]
      : choices;
    return { text: body, buttons, ...replaces };
  }
  const menu = choices.map((choice, index) => `${index + 1}. ${choice.label}`).join('\n');
  return { text: body === '' ? menu : `${body}\n${menu}` };
}
