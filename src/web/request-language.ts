import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../domain/language';

/**
 * The language to answer a visitor in: the one they chose with the switch (a cookie), else the
 * first language of their browser's `Accept-Language` that Parlons speaks, by preference, else
 * the city's default.
 */
export function requestLanguage(chosen: string | undefined, acceptLanguage: string | undefined, fallback: Language): Language {
  if (isLanguage(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [range = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: range.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find((language): language is Language => (SUPPORTED_LANGUAGES as readonly string[]).includes(language)) ?? fallback;
}
