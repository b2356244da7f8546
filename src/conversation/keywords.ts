import type { Role } from '../domain/role';
import { foldText } from '../lib/text/normalize';

/** Words that work at any moment, whatever the conversation is doing. Ids match `keywords.json`. */
export const KEYWORDS = [
  'menu',
  'help',
  'cancel',
  'language',
  'stop',
  'start',
  'my_data',
  'erase',
  'sessions',
  'ideas',
  'consultations',
  'mediation',
  'agent',
  'web',
  'end_acting',
] as const;
/** A keyword id. */
export type Keyword = (typeof KEYWORDS)[number];

/**
 * Keywords that exist only for staff: for anyone without the role they are ordinary words (a
 * resident typing AGENT is not understood as usual, with no hint that the word means anything).
 */
const STAFF_KEYWORD_ROLES: Readonly<Partial<Record<Keyword, readonly Role[]>>> = {
  mediation: ['mediator'],
  end_acting: ['mediator'],
  agent: ['agent'],
  // A sign-in link to the web face: the back-office for agents, their own pages for mediators.
  web: ['agent', 'mediator'],
};

/** Whether a person holding `roles` may use `keyword`; `acting`: they are acting for someone (FIN means something only then). */
export function keywordAllowed(keyword: Keyword, roles: readonly Role[], acting: boolean): boolean {
  const allowed = STAFF_KEYWORD_ROLES[keyword];
  if (allowed === undefined) return true;
  if (!allowed.some((role) => roles.includes(role))) return false;
  return keyword !== 'end_acting' || acting;
}

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
