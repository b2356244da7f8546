import path from 'node:path';
import Database from 'better-sqlite3';
import { InboundNotCommitted, type InboundMessage } from '../../../src/channels/channel';
import { InboundCommitter } from '../../../src/conversation/inbound-committer';
import { systemClock } from '../../../src/lib/clock';
import { silentLogger } from '../../../src/lib/logger';
import { openDatabase, type Db } from '../../../src/store/database';
import { StoreOutage } from '../../../src/store/store-outage';
import { tempDir } from '../../support/test-app';

let dir: { dir: string; cleanup: () => void };
let db: Db;

function message(text: string): InboundMessage {
  return { channel: 'console', address: 'a', externalId: text, text };
}

/** A committer whose handling inserts the text, and fails on "bug". */
function committer(onCommit: () => void = () => undefined): InboundCommitter {
  return new InboundCommitter(
    db,
    (m) => {
      db.prepare('INSERT INTO seen (text) VALUES (?)').run(m.text);
      if (m.text === 'bug') throw new Error('a bug');
      return { outcome: 'processed' };
    },
    new StoreOutage(silentLogger, systemClock, 'x.db', 'inbound'),
    onCommit,
  );
}

const seen = () => db.prepare<[], string>('SELECT text FROM seen ORDER BY rowid').pluck().all();

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir.dir, 'x.db'), { busyTimeoutMs: 50 });
  db.exec('CREATE TABLE seen (text TEXT NOT NULL)');
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

test('messages handed in together are committed in one transaction, in order, then resolved', async () => {
  let committed = 0;
  const c = committer(() => committed++);
  const results = await Promise.all(['a', 'b', 'c'].map((text) => c.submit(message(text))));
  expect(results).toEqual([{ outcome: 'processed' }, { outcome: 'processed' }, { outcome: 'processed' }]);
  expect(seen()).toEqual(['a', 'b', 'c']);
  expect(committed).toBe(1);
});

test('a message whose handling fails rolls back alone; the others commit', async () => {
  const c = committer();
  const outcomes = await Promise.allSettled(['a', 'bug', 'c'].map((text) => c.submit(message(text))));
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('a bug'));
  expect(seen()).toEqual(['a', 'c']);
});

test('when the database is locked, nothing of the group is kept and every message is told to come again', async () => {
  const other = new Database(path.join(dir.dir, 'x.db'));
  other.exec('BEGIN IMMEDIATE');
  const c = committer();
  const outcomes = await Promise.allSettled(['a', 'b'].map((text) => c.submit(message(text))));
  other.exec('ROLLBACK');
  other.close();
  for (const outcome of outcomes) {
    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(InboundNotCommitted);
    expect((outcome as PromiseRejectedResult).reason).toMatchObject({ problem: 'locked', retryAfterMs: 250 });
  }
  expect(seen()).toEqual([]);
  // Once free, the same messages go through.
  await Promise.all(['a', 'b'].map((text) => c.submit(message(text))));
  expect(seen()).toEqual(['a', 'b']);
});

test('messages handed in one after another, awaiting each, are committed one by one', async () => {
  let committed = 0;
  const c = committer(() => committed++);
  for (const text of ['a', 'b']) await c.submit(message(text));
  expect(committed).toBe(2);
});
