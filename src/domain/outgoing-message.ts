import type { Subject, Text } from './text';

/** One option offered to the person; `id` is what a button sends back and what flows branch on. */
export interface ChoiceView {
  readonly id: string;
  readonly label: Text;
}

/** The id of the button that submits the options ticked on a several-choices question. */
export const SUBMIT_TICKED = 'submit_ticked';

/** A question where several options may be ticked before submitting (buttons show ticks, then a submit button). */
export interface SeveralView {
  /** Option ids ticked so far. */
  readonly ticked: readonly string[];
  readonly submit: Text;
}

/**
 * A message the bot sends, before rendering: paragraphs of text and, optionally, choices that a
 * channel shows as buttons or as a numbered menu.
 */
export interface OutgoingMessage {
  readonly parts: readonly Text[];
  readonly choices?: readonly ChoiceView[];
  /**
   * It asks the question the conversation then waits on. A question not sent yet when another is
   * queued for the same person is never sent (the dispatcher cancels it as `superseded` when its
   * turn comes, rather than each inbound message rewriting the row): only the current question is
   * shown, so that a number typed answers the one on screen.
   */
  readonly question?: boolean;
  /** With `choices`: several of them may be ticked. */
  readonly several?: SeveralView;
  /** What the message is about: it expires, undelivered, once one of them is over (a session started, a consultation closed). */
  readonly about?: readonly Subject[];
  /** It shows what the person answered in a ballot (a summary, a receipt, an answer read back): it is removed when the consultation closes. */
  readonly secret?: boolean;
  /**
   * It replaces a message the channel already showed (a question whose button was pressed),
   * rather than being sent anew: with `answered`, the question shown answered, without buttons.
   */
  readonly replaces?: { readonly messageId: string; readonly answered?: string };
}
