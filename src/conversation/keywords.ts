import { foldText } from '../lib/text/normalize';

/** Words that work at any moment, whatever the conversation is doing. Ids match `keywords.json`. */
export const KEYWORDS = ['menu', 'help', 'cancel', 'language', 'stop', 'start', 'my_data', 'erase', 'sessions', 'ideas', 'consultations'] as const;
/** A keyword id. */
export type Keyword = (typeof KEYWORDS)[number];

/**
 * Recognises keywords written alone, in any supported language, any case, with or without
 * accents (`arret`, `ARRÊT`, `Stop`). A keyword inside a sentence is not one: "je veux stopper
 * le bruit" is an idea, not an opt-out.
 */
export class KeywordDetector {
  private readonly byWord = new Map<string, Keyword>();

  /** `wordsOf` gives the words of a keyword in every language (see `Translator.keywordWords`). */
  constructor(wordsOf: (keyword: Keyword) => readonly string[]) {
    for (const keyword of KEYWORDS) {
      for (const word of wordsOf(keyword)) {
        const folded = foldText(word);
        if (folded !== '') this.byWord.set(folded, keyword);
      }
    }
  }

  /** The keyword `input` is, or null. */
  detect(input: string): Keyword | null {
    return this.byWord.get(foldText(input)) ?? null;
  }
}
