import { createHash } from 'node:crypto';

/** A JSON value. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * The one text of a JSON value that anyone can recompute: object keys sorted (by UTF-16 code
 * unit, as JavaScript sorts), no spaces, numbers and strings as `JSON.stringify` writes them (the
 * shortest text that reads back as the same number). Parsing it and writing it again gives the
 * same text, so a record read from a file hashes as it did when it was made.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('a record holds only finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: Json) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: Json };
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key] as Json)}`).join(',')}}`;
}

/** SHA-256 of a text's UTF-8 bytes, in lowercase hexadecimal. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The commitment to a record: SHA-256 of its canonical JSON. */
export function commitmentOf(value: Json): string {
  return sha256Hex(canonicalJson(value));
}
