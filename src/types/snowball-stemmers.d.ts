/** Types for snowball-stemmers (the Snowball stemming algorithms compiled to JavaScript), which ships none. */
declare module 'snowball-stemmers' {
  /** A stemmer for one language. */
  export interface Stemmer {
    /** The stem of one lower-case word, accents kept (`sécurisées` → `sécuris`). */
    stem(word: string): string;
  }
  /** The stemmer of `language` (`french`, `english`…); throws for a language it does not know. */
  export function newStemmer(language: string): Stemmer;
  /** The languages it has stemmers for. */
  export function algorithms(): string[];
}
