import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database';
import { encryptFile } from './backup-file';

/** What a backup wrote. */
export interface BackupWritten {
  readonly file: string;
  readonly bytes: number;
  readonly encrypted: boolean;
}

/**
 * Writes a consistent copy of the database to `file` while the bot goes on serving, through
 * SQLite's online backup (it copies the pages in steps between the event loop's other work, and
 * what this connection writes meanwhile goes into the copy). With a passphrase the copy is
 * encrypted (it holds personal data). The file appears only once complete: written beside it
 * under another name, then renamed, so a backup cut by a crash is never taken for a good one.
 * NOTE: https://www.sqlite.org/backup.html and https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#backupdestination-options---promise
 */
export async function takeBackup(db: Db, file: string, passphrase: string | null): Promise<BackupWritten> {
  // Only its owner may look into a folder of backups made for the purpose.
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  const plain = passphrase === null ? partial : `${file}.plain.partial`;
  try {
    await db.backup(plain);
    fs.chmodSync(plain, 0o600);
    if (passphrase !== null) await encryptFile(plain, partial, passphrase);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(`${file}.plain.partial`, { force: true });
    fs.rmSync(partial, { force: true });
  }
  return { file, bytes: fs.statSync(file).size, encrypted: passphrase !== null };
}
