import type { RecordPlace, RecordState } from './indexeddb-records';

/**
 * The texts a stored value holds: its strings, and what base64 strings decode to (the crypto
 * store keeps most values as base64 JSON), and binary read as UTF-8.
 */
function* texts(value: unknown, depth = 0): Iterable<string> {
  if (depth > 20 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    yield value;
    if (value.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) yield Buffer.from(value, 'base64').toString('utf8');
  } else if (value instanceof ArrayBuffer) {
    yield Buffer.from(value).toString('utf8');
  } else if (ArrayBuffer.isView(value)) {
    yield Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  } else if (value instanceof Map) {
    for (const [key, item] of value) yield* texts([key, item], depth + 1);
  } else if (typeof value === 'object') {
    for (const item of Object.values(value as object)) yield* texts(item, depth + 1);
  }
}

function mentions(record: RecordState, needles: readonly string[]): boolean {
  for (const text of [...texts(record.key), ...texts(record.value)]) if (needles.some((needle) => text.includes(needle))) return true;
  return false;
}

/** The Curve25519 keys of a user's devices, from the device records found. */
function deviceKeysOf(records: readonly RecordState[], userId: string): string[] {
  const keys: string[] = [];
  for (const record of records) {
    for (const text of texts(record.value)) {
      const json = text.trim().startsWith('{') ? safeJson(text) : null;
      const device = (json?.device_keys ?? json) as { user_id?: unknown; keys?: Record<string, unknown> } | null;
      if (device?.user_id !== userId || !device.keys) continue;
      for (const [id, key] of Object.entries(device.keys)) if (id.startsWith('curve25519:') && typeof key === 'string') keys.push(key);
    }
  }
  return keys;
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Every record of the crypto store about a direct chat and its person: the room's keys
 * (Megolm sessions, settings), the person's devices and identity, and the Olm sessions with those
 * devices (found by the devices' Curve25519 keys). Read from what the records say, whatever the
 * store's layout: an erased person's keys must go, in whatever record they are.
 */
export function recordsAbout(all: Iterable<RecordState>, roomId: string, userId: string): RecordPlace[] {
  const records = [...all];
  const direct = records.filter((record) => mentions(record, [roomId, userId]));
  const needles = [roomId, userId, ...deviceKeysOf(direct, userId)];
  return records.filter((record) => mentions(record, needles)).map(({ db, store, key }) => ({ db, store, key }));
}
