import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * An encrypted backup: this header, a random salt and IV, the database encrypted with
 * AES-256-GCM under a key derived from the passphrase (scrypt), then GCM's tag, which proves
 * that nothing of the file was changed and that the passphrase is the right one.
 */
const MAGIC = Buffer.from('PARLONS-BACKUP-1');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES;
/** NOTE: https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options — N=2^15, r=8 takes 32 MiB and about 0.1 s. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** The backup's passphrase does not open it, or the file was changed or cut. */
export class BackupKeyError extends Error {
  constructor(readonly reason: 'key_needed' | 'wrong_key_or_damaged') {
    super(reason === 'key_needed' ? 'the backup is encrypted: a key is needed' : 'the key does not open this backup, or the file was changed');
    this.name = 'BackupKeyError';
  }
}

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(passphrase, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Whether `file` is an encrypted backup (else it should be a plain SQLite file). */
export function isEncryptedBackup(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, MAGIC.length, 0) === MAGIC.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** Encrypts the file `plain` into `encrypted` with `passphrase`, streaming (a large database never sits in memory). */
export async function encryptFile(plain: string, encrypted: string, passphrase: string): Promise<void> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv);
  const out = fs.createWriteStream(encrypted, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, salt, iv]));
  await pipeline(fs.createReadStream(plain), cipher, out, { end: false });
  out.end(cipher.getAuthTag());
  await new Promise<void>((resolve, reject) => out.once('finish', resolve).once('error', reject));
}

/** Decrypts the backup `encrypted` into `plain`; throws BackupKeyError when the key is wrong or the file changed (and `plain` is then removed). */
export async function decryptFile(encrypted: string, plain: string, passphrase: string | null): Promise<void> {
  if (passphrase === null) throw new BackupKeyError('key_needed');
  const size = fs.statSync(encrypted).size;
  if (size < HEADER_BYTES + TAG_BYTES) throw new BackupKeyError('wrong_key_or_damaged');
  const fd = fs.openSync(encrypted, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const iv = header.subarray(MAGIC.length + SALT_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  try {
    await pipeline(fs.createReadStream(encrypted, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }), decipher, fs.createWriteStream(plain, { mode: 0o600 }));
  } catch (error) {
    fs.rmSync(plain, { force: true });
    if ((error as Error).message.includes('authenticate')) throw new BackupKeyError('wrong_key_or_damaged');
    throw error;
  }
}
