import type { AgentText } from './assembly-session';

/**
 * User-facing text as data: an i18n key with parameters, a literal taken from data files (a
 * neighbourhood's proper name), or a text an agent wrote in several languages. It is stored this
 * way in flow state and in the outbox and rendered in the reader's language only when it is sent.
 */
export type Text = TranslatedText | LiteralText | AgentTextValue;

/** Text looked up in `locales/` by key. */
export interface TranslatedText {
  readonly key: string;
  readonly params?: Readonly<Record<string, TextParam>>;
}

/** Text that is the same in every language (names from data files, what the person typed). */
export interface LiteralText {
  readonly literal: string;
}

/** A text an agent wrote per language (a session's title, a notice): the reader's language is picked when it is rendered. */
export interface AgentTextValue {
  readonly agentText: AgentText;
}

/** An instant, written in the reader's language on the city's clock when the text is rendered. */
export interface DateTimeParam {
  readonly dateTime: string;
}

/** Items joined as the reader's language joins a list: "Camille, Marc et Zoé", "Camille, Marc and Zoé". */
export interface ConjunctionParam {
  readonly conjunction: readonly TextParam[];
}

/**
 * What a message is about: a session, a consultation, or a seat in a draw waiting for its
 * person's answer. A message about one that is over (a seat answered, or its delay past) is not
 * delivered.
 */
export type Subject = { readonly session: number } | { readonly consultation: number } | { readonly drawSeat: number };

/** What an invitation to a draw says that may change after it is queued (a session moved, a delay extended). */
export type DrawInvitationField = 'name' | 'about' | 'sessions_line' | 'compensation_line' | 'until';

/** A field of a session, consultation or draw invitation that may change after a message is queued (an agent moves a session). */
export type LiveRef =
  | { readonly session: number; readonly field: 'title' | 'start' | 'place' | 'description_line' }
  | { readonly consultation: number; readonly field: 'title' | 'closes' | 'description_line' }
  | { readonly drawSeat: number; readonly field: DrawInvitationField };

/**
 * A value read again from the data when the message is sent, so that a session moved after its
 * reminder was queued shows its new time; `value` is what it was when the message was written,
 * used where there is nothing to read it from (matching typed answers, a session gone).
 */
export interface LiveParam {
  readonly live: LiveRef;
  readonly value: TextParam;
}

/**
 * A parameter value: a plain value, another text rendered first, a date, a list rendered one per
 * line, a list joined in a sentence, or a value read when the message is sent.
 */
export type TextParam = string | number | Text | DateTimeParam | ConjunctionParam | LiveParam | readonly TextParam[];

/** Builds a translated text. */
export function text(key: string, params?: Record<string, TextParam>): TranslatedText {
  return params ? { key, params } : { key };
}

/** Builds a literal text. */
export function literal(value: string): LiteralText {
  return { literal: value };
}

/** Nouns counted in texts, with their plural forms in `common` (`characters_one`, `characters_other`…). */
export type CountedNoun = 'characters' | 'days' | 'people' | 'people_invited' | 'answers' | 'segments' | 'options' | 'seats';

/** "1 caractère", "12 caractères": a number with its noun, by the reader's language's plural rules. */
export function counted(noun: CountedNoun, count: number): TranslatedText {
  return text(`common:${noun}`, { count });
}

/** Builds an agent's text, rendered in the reader's language (else the default one). */
export function agentTextValue(value: AgentText): AgentTextValue {
  return { agentText: value };
}

/** Builds a value read again when the message is sent (`value`: as it is now). */
export function live(ref: LiveRef, value: TextParam): LiveParam {
  return { live: ref, value };
}

/** Builds a list joined in a sentence ("a, b and c"), in the reader's language. */
export function conjunction(items: readonly TextParam[]): ConjunctionParam {
  return { conjunction: items };
}

/** Tells a text object apart from a plain parameter value. */
export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && ('key' in value || 'literal' in value || 'agentText' in value);
}
