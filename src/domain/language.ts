/** Languages the bot speaks. French is the default; adding one means a folder in `locales/` and an entry here. */
export const SUPPORTED_LANGUAGES = ['fr', 'en'] as const;

/** A language code the bot can speak. */
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Tells whether a string is one of the supported language codes. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
