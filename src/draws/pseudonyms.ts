import { randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O, U, so that a pseudonym read aloud or copied by hand is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `count` distinct random pseudonyms such as `K7F3-9QX2` (40 bits each): drawn afresh for every
 * draw, so that nothing links a person's pseudonyms across draws, nor a pseudonym to an id.
 */
export function newPseudonyms(count: number, random: (max: number) => number = randomInt): string[] {
  const made = new Set<string>();
  while (made.size < count) {
    const chars = Array.from({ length: 8 }, () => ALPHABET[random(ALPHABET.length)] ?? '0').join('');
    made.add(`${chars.slice(0, 4)}-${chars.slice(4)}`);
  }
  return [...made];
}
