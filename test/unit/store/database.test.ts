import fs from 'node:fs';
import path from 'node:path';
import { inTransaction, openDatabase, type Db } from '../../../src/store/database';
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
  test('uses WAL, full synchronous commits, foreign keys and a busy timeout', () => {
    const { db } = open('parlons.db');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
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
