/**
 * Words too common to tell two ideas apart, per language, already folded (lower case, no
 * accents). Similar-idea search ignores them in every language at once, since people mix them.
 * A new language adds its list here.
 */
export const STOP_WORDS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  fr: (
    'a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous ' +
    'c d j l m n s t y est sont etre avoir faire fait plus moins tres tout tous toute toutes autre autres comme aussi sans sous entre chez ' +
    'il faut faudrait pourrait devrait veux voudrais souhaite propose proposer proposition idee idees mettre avoir ville quartier quartiers poitiers'
  ).split(' '),
  en: (
    'a an the and or but of to in on at for with by from as is are be been was were it its this that these those we you they he she our your their ' +
    'not no more less very all some any other into about should could would want wish propose proposal idea ideas make have city neighbourhood neighborhood'
  ).split(' '),
};

/** Every language's stop words in one set. */
export const ALL_STOP_WORDS: ReadonlySet<string> = new Set(Object.values(STOP_WORDS_BY_LANGUAGE).flat());
