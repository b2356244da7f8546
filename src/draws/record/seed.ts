import { sha256Hex } from './canonical-json';

/** 2^52: a SHA-256 prefix of 13 hexadecimal digits read as an integer, divided by this, is exact in a double. */
const TWO_POW_52 = 2 ** 52;

/**
 * The seed as it is used: the text published by the public source, with spaces at either end
 * removed and its characters in one Unicode form (NFC), so that "é" typed two ways is one seed.
 */
export function normalizeSeed(seed: string): string {
  return seed.normalize('NFC').trim();
}

/**
 * A number in [0, 1) from a text: the first 13 hexadecimal digits (52 bits) of its SHA-256,
 * divided by 2^52. Anyone can recompute it: `printf '%s' "$seed" | sha256sum`, then
 * 0x(first 13 digits) / 4503599627370496.
 */
export function uniformFromText(text: string): number {
  return Number.parseInt(sha256Hex(text).slice(0, 13), 16) / TWO_POW_52;
}

/**
 * The seed of a replacement round, derived from the published seed so that nobody chooses it:
 * the published seed, a slash, `replacement-` and the round's number.
 */
export function replacementSeed(seed: string, round: number): string {
  return `${normalizeSeed(seed)}/replacement-${round}`;
}

/** An endless sequence of numbers in [0, 1) from a seed and a label: the i-th is uniformFromText("seed/label/i"). */
export function randomStream(seed: string, label: string): () => number {
  let index = 0;
  return () => uniformFromText(`${seed}/${label}/${index++}`);
}
