import { createHash } from 'node:crypto';

/**
 * An incoming SMS as the Gammu SMSD files service stores it: one file per part, named
 * `IN<yyyymmdd>_<hhmmss>_<serial>_<sender>_<part>.txt`.
 * NOTE: https://docs.gammu.org/smsd/files.html#receiving-of-messages
 */
export interface InboxMessage {
  /** The message's files, in part order. */
  readonly files: readonly string[];
  readonly sender: string;
  /** The processed-message id: a hash of the first file's name, which holds the sender's number. */
  readonly id: string;
}

const INBOX_NAME = /^IN(\d{8}_\d{6}_\d{2})_(.+)_(\d{2})\.txt$/;

/** Groups inbox file names into messages (parts of one message share all but the part number). */
export function inboxMessages(names: readonly string[]): InboxMessage[] {
  const groups = new Map<string, { sender: string; parts: { part: number; name: string }[] }>();
  for (const name of names) {
    const match = INBOX_NAME.exec(name);
    if (!match) continue;
    const [, stamp = '', sender = '', part = '0'] = match;
    const key = `${stamp}\u0000${sender}`;
    const group = groups.get(key) ?? { sender, parts: [] };
    group.parts.push({ part: Number(part), name });
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => {
      const files = group.parts.sort((a, b) => a.part - b.part).map((p) => p.name);
      return { files, sender: group.sender, id: `gammu:${createHash('sha256').update(files[0] ?? '').digest('hex').slice(0, 32)}` };
    })
    .sort((a, b) => (a.files[0] ?? '').localeCompare(b.files[0] ?? ''));
}

/**
 * Reads a message file: `inboxformat = unicode` writes UTF-16 with a byte order mark (big-endian
 * in Gammu 1.42), `standard` writes 8-bit text, read as UTF-8. Trailing NULs are dropped.
 */
export function decodeSpoolFile(bytes: Buffer): string {
  let text: string;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    text = swapped.toString('utf16le');
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = bytes.subarray(2).toString('utf16le');
  } else {
    text = bytes.toString('utf8');
  }
  return text.replace(/\u0000+$/, '');
}

/** The `inboxpath` of the `[smsd]` section of a Gammu SMSD configuration, or null. */
export function inboxPathOf(config: string): string | null {
  let inSmsd = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) inSmsd = section[1]?.trim().toLowerCase() === 'smsd';
    const entry = /^inboxpath\s*=\s*(.+)$/i.exec(line);
    if (inSmsd && entry?.[1]) return entry[1].trim();
  }
  return null;
}
