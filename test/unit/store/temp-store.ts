import path from 'node:path';
import { openDatabase, type Db } from '../../../src/store/database';
import { migrate } from '../../../src/store/migrate';
import { createStore, type Store } from '../../../src/store/store';
import { tempDir } from '../../support/test-app';

/** A migrated SQLite file in a temporary folder, with every repository over it. */
export interface TempStore {
  readonly db: Db;
  readonly store: Store;
  readonly file: string;
  /** Closes the database and removes the folder. */
  close(): void;
}

/** Opens a fresh database file in a temporary folder and migrates it to the latest version. */
export function openTempStore(): TempStore {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'parlons.db');
  const db = openDatabase(file);
  migrate(db);
  return {
    db,
    store: createStore(db),
    file,
    close: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}

/** Counts the rows of `table` matching an optional WHERE clause. */
export function countRows(db: Db, table: string, where = '1 = 1', ...params: (string | number)[]): number {
  const row = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params);
  return row?.n ?? 0;
}

/** Fixed instants, so that every stored time in a test is known. */
export const T0 = new Date('2026-03-10T09:00:00.000Z');

/** `T0` plus `seconds`. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}
