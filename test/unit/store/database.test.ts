import fs from 'node:fs';
import path from 'node:path';
import { inTransaction, noteErasure, openDatabase, openDatabaseForReading, type Db } from '../../../src/store/database';
import { DatabaseServedElsewhereError, isServedElsewhere, takeServingLock } from '../../../src/store/serving-lock';
import { DatabaseUnavailableError } from '../../../src/store/store-problem';
import { tempDir } from '../../support/test-app';

let cleanups: (() => void)[] = [];

function open(...parts: string[]): { db: Db; file: string } {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, ...parts);
  const db = openDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
    cleanup();
  });
  return { db, file };
}

afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

describe('openDatabase', () => {
  test('uses WAL, full synchronous commits, foreign keys, a busy timeout and statement journals in memory', () => {
    const { db } = open('parlons.db');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    // 2 = MEMORY: a savepoint's journal (one per inbound message) never becomes a temporary file.
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
  });

  test('names the file and the problem when it cannot be used', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const notDb = path.join(dir, 'notes.txt');
    fs.writeFileSync(notDb, 'not a database, just some notes '.repeat(50));
    expect(() => openDatabase(notDb)).toThrow(DatabaseUnavailableError);
    expect(() => openDatabase(notDb)).toThrow(expect.objectContaining({ problem: 'not_a_database', file: notDb }));
    const underFile = path.join(notDb, 'inside', 'parlons.db');
    expect(() => openDatabase(underFile)).toThrow(expect.objectContaining({ problem: 'cannot_open', file: underFile }));
  });

  test('creates the file and its missing parent folders', () => {
    const { db, file } = open('nested', 'deeper', 'parlons.db');
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    expect(fs.existsSync(file)).toBe(true);
  });

  test('reopening a file finds what was written', () => {
    const { db, file } = open('parlons.db');
    db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (7);');
    db.close();
    const again = openDatabase(file);
    try {
      expect(again.prepare<[], { x: number }>('SELECT x FROM t').get()).toEqual({ x: 7 });
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      again.close();
    }
  });

  test('enforces foreign keys', () => {
    const { db } = open('parlons.db');
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)) STRICT;');
    expect(() => db.prepare('INSERT INTO child VALUES (1)').run()).toThrow(/FOREIGN KEY/);
  });

  test('opens an in-memory database for :memory:', () => {
    const db = openDatabase(':memory:');
    try {
      expect(db.memory).toBe(true);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('inTransaction', () => {
  test('commits the work and returns its result', () => {
    const { db } = open('parlons.db');
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    const result = inTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      return 'done';
    });
    expect(result).toBe('done');
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM t').get()?.n).toBe(1);
  });

  test('rolls everything back when the work throws', () => {
    const { db } = open('parlons.db');
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    expect(() =>
      inTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (1)').run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM t').get()?.n).toBe(0);
    expect(db.inTransaction).toBe(false);
  });
});

describe('erasure leaves no trace in the files', () => {
  test('a deleted row is overwritten, and the WAL emptied after the erasure commits', () => {
    const { db, file } = open('parlons.db');
    db.exec('CREATE TABLE person (name TEXT) STRICT');
    inTransaction(db, () => db.prepare('INSERT INTO person VALUES (?)').run('Zéphyrine-Unique'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    inTransaction(db, () => db.prepare("UPDATE person SET name = 'Zéphyrine-Unique2'").run());
    const files = () => ['', '-wal', '-shm'].map((suffix) => (fs.existsSync(file + suffix) ? fs.readFileSync(file + suffix).toString('latin1') : ''));
    expect(files().some((content) => content.includes(Buffer.from('Zéphyrine').toString('latin1')))).toBe(true);
    inTransaction(db, () => {
      db.prepare('DELETE FROM person').run();
      noteErasure(db);
    });
    // The connection is still open: the files are read as they are on disk now.
    expect(files().some((content) => content.includes(Buffer.from('Zéphyrine').toString('latin1')))).toBe(false);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
  });
});

describe('openDatabaseForReading', () => {
  test('reads an existing database without writing to it', () => {
    const { db, file } = open('parlons.db');
    db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (7);');
    const reading = openDatabaseForReading(file);
    try {
      expect(reading.db.prepare('SELECT x FROM t').pluck().get()).toBe(7);
      expect(() => reading.db.exec('INSERT INTO t VALUES (8)')).toThrow(/readonly/);
    } finally {
      reading.close();
    }
  });

  test('a missing file is not created', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    expect(() => openDatabaseForReading(path.join(dir, 'none.db'))).toThrow(expect.objectContaining({ problem: 'cannot_open' }));
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false);
  });
});

describe('takeServingLock', () => {
  test('one holder at a time, even within one process; free again once released', () => {
    const { file } = open('parlons.db');
    const lock = takeServingLock(file);
    expect(isServedElsewhere(file)).toBe(true);
    expect(() => takeServingLock(file)).toThrow(DatabaseServedElsewhereError);
    lock.release();
    expect(isServedElsewhere(file)).toBe(false);
    takeServingLock(file).release();
  });
});
