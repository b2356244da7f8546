import { createHash, randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied (Crockford's base 32). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random characters in a code: 40 bits, far beyond guessing within its 48 hours. */
const CODE_LENGTH = 8;
/** Every code starts with this word, so that the bot recognises one whatever else the person might be typing. */
const PREFIX = 'PARLONS';

/** A new one-time code, `PARLONS-XXXX-XXXX`. `pick` gives a random index below its argument (crypto by default). */
export function newInvitationCode(pick: (below: number) => number = randomInt): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[pick(ALPHABET.length)]).join('');
  return `${PREFIX}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * The code a message holds, in its canonical form, or null when the message is not shaped like a
 * code. Case, spaces and dashes do not matter, and the letters people confuse with digits (O, I,
 * L) are read as the digits, as Crockford's alphabet intends.
 */
export function readInvitationCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (!compact.startsWith(PREFIX)) return null;
  const chars = compact.slice(PREFIX.length).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== CODE_LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  return `${PREFIX}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What the database keeps of a code: its hash, so that a copy of the database gives no usable code. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
