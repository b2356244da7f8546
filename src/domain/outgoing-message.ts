import type { Text } from './text';

/** One option offered to the person; `id` is what a button sends back and what flows branch on. */
export interface ChoiceView {
  readonly id: string;
  readonly label: Text;
}

/**
 * A message the bot sends, before rendering: paragraphs of text and, optionally, choices that a
 * channel shows as buttons or as a numbered menu.
 */
export interface OutgoingMessage {
  readonly parts: readonly Text[];
  readonly choices?: readonly ChoiceView[];
  /**
   * What the message is about, when it must be written again from the data of the moment it
   * leaves, or not at all once its moment has passed (see MessageRefresher).
   */
  readonly about?: MessageSubject;
}

/** The thing a queued message is about: its kind and id. `kind` values are persisted (snake_case). */
export interface MessageSubject {
  readonly kind: string;
  readonly id: number;
}
