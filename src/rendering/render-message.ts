import type { ChannelCapabilities, RenderedMessage } from '../channels/channel';
import type { Language } from '../domain/language';
import type { OutgoingMessage } from '../domain/outgoing-message';
import type { Translator } from '../i18n/translator';

/**
 * Renders a message for a channel in the reader's language: paragraphs separated by a blank
 * line, and choices as buttons where the channel has them, else as a numbered menu (the engine
 * reads the number back). Nothing a channel cannot show is dropped: it becomes text.
 */
export function renderMessage(
  message: OutgoingMessage,
  language: Language | null,
  translator: Translator,
  capabilities: ChannelCapabilities,
): RenderedMessage {
  const context = capabilities.buttons ? 'buttons' : undefined;
  const body = message.parts.map((part) => translator.render(part, language, context)).filter((p) => p !== '').join('\n\n');
  const choices = (message.choices ?? []).map((choice) => ({ id: choice.id, label: translator.render(choice.label, language, context) }));
  if (choices.length === 0) return { text: body };
  if (capabilities.buttons) return { text: body, buttons: choices };
  const menu = choices.map((choice, index) => `${index + 1}. ${choice.label}`).join('\n');
  return { text: body === '' ? menu : `${body}\n${menu}` };
}
