import { timingSafeEqual } from 'node:crypto';
import type { FormFields } from './web-routes';

/** Whether a secret sent back equals the one expected, compared in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A posted form's fields, whatever shape the parser gave them (one value, several, none). */
export function formFields(body: unknown): FormFields {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const all = (name: string): string[] => {
    const value = fields[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
  };
  return { all, get: (name) => all(name).at(-1) ?? '', has: (name) => fields[name] !== undefined };
}

/** A route's parameters or query as strings only (anything else a client sent is dropped). */
export function stringRecord(value: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string') record[key] = v;
  }
  return record;
}
