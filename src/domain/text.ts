/**
 * User-facing text as data: an i18n key with parameters, or a literal taken from data files
 * (a neighbourhood's proper name). It is stored this way in flow state and in the outbox and
 * rendered in the reader's language only when it is sent.
 */
export type Text = TranslatedText | LiteralText;

/** Text looked up in `locales/` by key. */
export interface TranslatedText {
  readonly key: string;
  readonly params?: Readonly<Record<string, TextParam>>;
}

/** Text that is the same in every language (names from data files, what the person typed). */
export interface LiteralText {
  readonly literal: string;
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
 * A parameter value: a plain value, another text rendered first, a date, a list rendered one per
 * line, or a list joined in a sentence.
 */
export type TextParam = string | number | Text | DateTimeParam | ConjunctionParam | readonly TextParam[];

/** Builds a translated text. */
export function text(key: string, params?: Record<string, TextParam>): TranslatedText {
  return params ? { key, params } : { key };
}

/** Builds a literal text. */
export function literal(value: string): LiteralText {
  return { literal: value };
}

/** Builds a list joined in a sentence ("a, b and c"), in the reader's language. */
export function conjunction(items: readonly TextParam[]): ConjunctionParam {
  return { conjunction: items };
}

/** Tells a text object apart from a plain parameter value. */
export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && ('key' in value || 'literal' in value);
}
