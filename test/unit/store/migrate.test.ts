import path from 'node:path';
import { openDatabase, type Db } from '../../../src/store/database';
import { DatabaseTooNewError, migrate, schemaVersion } from '../../../src/store/migrate';
import { MIGRATIONS } from '../../../src/store/migrations';
import type { Migration } from '../../../src/store/migrations/migration';
import { tempDir } from '../../support/test-app';

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

type Row = Record<string, unknown>;

let cleanups: (() => void)[] = [];

function openTempDb(): Db {
  const { dir, cleanup } = tempDir();
  const db = openDatabase(path.join(dir, 'parlons.db'));
  cleanups.push(() => {
    if (db.open) db.close();
    cleanup();
  });
  return db;
}

afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

function tables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((t) => t.name);
}

function schemaSql(db: Db): string[] {
  return db
    .prepare<[], { sql: string | null }>('SELECT sql FROM sqlite_schema ORDER BY type, name')
    .all()
    .map((r) => r.sql ?? '');
}

function columns(db: Db, table: string): string[] {
  return db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all().map((c) => c.name);
}

/** Every row of `table`, with only `cols`, in a stable order. */
function rowsOf(db: Db, table: string, cols: readonly string[]): Row[] {
  const list = cols.map((c) => `"${c}"`).join(', ');
  return db.prepare<[], Row>(`SELECT ${list} FROM ${table} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).all();
}

function expectHealthy(db: Db): void {
  expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

/**
 * Representative rows for every table, in an order that satisfies foreign keys. A new table in a
 * migration needs a seeder here: the upgrade tests fail until it has one.
 */
const SEEDERS: readonly (readonly [table: string, seed: (db: Db) => void])[] = [
  [
    'person',
    (db) => {
      db.prepare(
        `INSERT INTO person (id, created_at, updated_at, language, volunteer_status, volunteer_since, first_name, neighbourhood,
           age_bracket, gender, equipment, reminders, opted_out_at)
         VALUES (1, '2026-01-05T10:00:00.000Z', '2026-01-06T10:00:00.000Z', 'fr', 'volunteer', '2026-01-06T10:00:00.000Z',
           'Camille', 'trois_cites', '35_49', 'woman', 'smartphone', 'sms', NULL)`,
      ).run();
      db.prepare("INSERT INTO person (id, created_at, updated_at, language) VALUES (2, '2026-02-01T08:00:00.000Z', '2026-02-01T08:00:00.000Z', NULL)").run();
      db.prepare("INSERT INTO person (id, created_at, updated_at, language, opted_out_at) VALUES (3, '2026-02-02T08:00:00.000Z', '2026-02-02T08:00:00.000Z', 'en', '2026-02-03T08:00:00.000Z')").run();
    },
  ],
  [
    'contact_point',
    (db) => {
      db.prepare(
        "INSERT INTO contact_point (id, person_id, channel, address, created_at, last_seen_at) VALUES (10, 1, 'telegram', '123456', '2026-01-05T10:00:00.000Z', '2026-01-06T10:00:00.000Z')",
      ).run();
      db.prepare("INSERT INTO contact_point (id, person_id, channel, address, created_at) VALUES (11, 1, 'sms', '+33612345678', '2026-01-06T10:00:00.000Z')").run();
      db.prepare(
        "INSERT INTO contact_point (id, person_id, channel, address, created_at, unreachable_at) VALUES (12, 3, 'matrix', '@sam:example.org', '2026-02-02T08:00:00.000Z', '2026-02-04T08:00:00.000Z')",
      ).run();
      db.prepare('UPDATE person SET reminder_contact_id = 11 WHERE id = 1').run();
    },
  ],
  [
    'person_role',
    (db) => {
      db.prepare("INSERT INTO person_role (person_id, role, granted_at) VALUES (1, 'resident', '2026-01-05T10:00:00.000Z')").run();
      db.prepare("INSERT INTO person_role (person_id, role, granted_at) VALUES (1, 'mediator', '2026-01-07T10:00:00.000Z')").run();
      db.prepare("INSERT INTO person_role (person_id, role, granted_at) VALUES (2, 'resident', '2026-02-01T08:00:00.000Z')").run();
    },
  ],
  [
    'consent',
    (db) => {
      db.prepare(
        "INSERT INTO consent (id, person_id, purpose, notice_version, given_at, method) VALUES (1, 1, 'volunteer_registration', '2026-01', '2026-01-06T10:00:00.000Z', 'chat')",
      ).run();
      db.prepare(
        "INSERT INTO consent (id, person_id, purpose, notice_version, given_at, method, withdrawn_at) VALUES (2, 3, 'volunteer_registration', '2026-01', '2026-02-02T08:00:00.000Z', 'chat', '2026-02-03T08:00:00.000Z')",
      ).run();
    },
  ],
  [
    'conversation',
    (db) => {
      const state = JSON.stringify({ flowId: 'main_menu', flowVersion: 1, stepId: 'menu', data: {}, misunderstandings: 0, offered: ['register'] });
      db.prepare("INSERT INTO conversation (contact_id, state, updated_at) VALUES (10, ?, '2026-01-06T10:00:00.000Z')").run(state);
    },
  ],
  [
    'inbound_message',
    (db) => {
      db.prepare("INSERT INTO inbound_message (channel, external_id, received_at) VALUES ('telegram', 'upd-1', '2026-01-06T10:00:00.000Z')").run();
      db.prepare("INSERT INTO inbound_message (channel, external_id, received_at) VALUES ('sms', 'SM123', '2026-01-06T10:01:00.000Z')").run();
    },
  ],
  [
    'outbox',
    (db) => {
      const payload = JSON.stringify({ parts: [{ key: 'menu:prompt' }] });
      db.prepare(
        `INSERT INTO outbox (id, contact_id, channel, kind, payload, status, attempts, not_before, created_at, updated_at, sent_at, provider_id)
         VALUES (1, 10, 'telegram', 'reply', ?, 'sent', 1, '2026-01-06T10:00:00.000Z', '2026-01-06T10:00:00.000Z', '2026-01-06T10:00:01.000Z', '2026-01-06T10:00:01.000Z', 'tg-1')`,
      ).run(payload);
      db.prepare(
        `INSERT INTO outbox (id, contact_id, channel, kind, payload, status, attempts, not_before, created_at, updated_at, error)
         VALUES (2, 11, 'sms', 'bulk', ?, 'queued', 2, '2026-01-07T10:00:00.000Z', '2026-01-06T10:00:00.000Z', '2026-01-06T10:05:00.000Z', 'timeout')`,
      ).run(payload);
      db.prepare(
        `INSERT INTO outbox (id, contact_id, channel, address, language, kind, payload, ignore_opt_out, not_before, created_at, updated_at)
         VALUES (3, NULL, 'console', 'gone', 'en', 'reply', ?, 1, '2026-01-08T10:00:00.000Z', '2026-01-08T10:00:00.000Z', '2026-01-08T10:00:00.000Z')`,
      ).run(payload);
    },
  ],
  [
    'stat_counter',
    (db) => {
      db.prepare("INSERT INTO stat_counter (name, month, value) VALUES ('inbound_message', '2026-01', 42)").run();
      db.prepare("INSERT INTO stat_counter (name, month, value) VALUES ('person_erased', '2026-02', 1)").run();
    },
  ],
  [
    'broadcast',
    (db) => {
      db.prepare(
        `INSERT INTO broadcast (id, created_at, send_at, audience, texts, recipients)
         VALUES (1, '2026-02-05T10:00:00.000Z', '2026-02-05T10:00:00.000Z', '[{"kind":"all"}]', '{"fr":"Séance demain"}', 2)`,
      ).run();
    },
  ],
  [
    'assembly_session',
    (db) => {
      db.prepare(
        `INSERT INTO assembly_session (id, title, place, starts_at, ends_at, created_at, updated_at)
         VALUES (1, '{"fr":"Séance 1"}', 'Salle des fêtes', '2026-03-07T09:00:00.000Z', '2026-03-07T12:00:00.000Z', '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'session_rsvp',
    (db) => {
      db.prepare("INSERT INTO session_rsvp (session_id, person_id, answer, answered_at) VALUES (1, 1, 'yes', '2026-02-02T10:00:00.000Z')").run();
    },
  ],
  [
    'session_reminder',
    (db) => {
      db.prepare("INSERT INTO session_reminder (id, session_id, offset_minutes, due_at) VALUES (1, 1, 1440, '2026-03-06T09:00:00.000Z')").run();
    },
  ],
  [
    'idea_call',
    (db) => {
      db.prepare("INSERT INTO idea_call (id, theme, opens_at, closes_at, created_at) VALUES (1, NULL, '2026-03-01T08:00:00.000Z', '2026-03-31T20:00:00.000Z', '2026-02-20T10:00:00.000Z')").run();
    },
  ],
  [
    'idea',
    (db) => {
      db.prepare(
        `INSERT INTO idea (id, call_id, author_id, title, body, neighbourhood, status, submitted_at)
         VALUES (1, 1, 1, 'Pistes cyclables', 'Des pistes sûres vers le centre.', 'trois_cites', 'published', '2026-03-02T10:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'idea_support',
    (db) => {
      db.prepare("INSERT INTO idea_support (idea_id, person_id, supported_at) VALUES (1, 3, '2026-03-03T10:00:00.000Z')").run();
    },
  ],
  [
    'consultation',
    (db) => {
      db.prepare(
        `INSERT INTO consultation (id, definition, audience, opens_at, closes_at, status, created_at)
         VALUES (1, '{"questions":[]}', 'registered', '2026-04-01T08:00:00.000Z', '2026-04-15T18:00:00.000Z', 'open', '2026-03-20T10:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'ballot',
    (db) => {
      db.prepare(`INSERT INTO ballot (id, consultation_id, person_id, answers, cast_at) VALUES (1, 1, 1, '{"q1":{"choice":"yes"}}', '2026-04-02T10:00:00.000Z')`).run();
    },
  ],
  [
    'consultation_participant',
    (db) => {
      db.prepare('INSERT INTO consultation_participant (consultation_id, person_id) VALUES (1, 1)').run();
    },
  ],
  [
    'matrix_sync',
    (db) => {
      db.prepare("INSERT INTO matrix_sync (id, next_batch) VALUES (1, 's72594_4483_1934')").run();
    },
  ],
  [
    'matrix_direct_room',
    (db) => {
      db.prepare("INSERT INTO matrix_direct_room (user_id, room_id, left) VALUES ('@sam:example.org', '!dm:example.org', 0)").run();
    },
  ],
  [
    'matrix_room_to_leave',
    (db) => {
      db.prepare("INSERT INTO matrix_room_to_leave (room_id) VALUES ('!group:example.org')").run();
    },
  ],
  [
    'matrix_crypto_account',
    (db) => {
      db.prepare(
        `INSERT INTO matrix_crypto_account (id, user_id, device_id, kdf, key_check, cross_signed_at, created_at)
         VALUES (1, '@parlons:example.org', 'PARLONSDEV', '{"name":"scrypt","N":32768,"r":8,"p":1,"salt":"c2FsdA=="}', x'0102', '2026-04-01T08:00:01.000Z', '2026-04-01T08:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'matrix_crypto_record',
    (db) => {
      db.prepare("INSERT INTO matrix_crypto_record (id, sealed) VALUES (x'a1b2', x'c3d4e5')").run();
    },
  ],
  [
    'matrix_room_encryption',
    (db) => {
      db.prepare("INSERT INTO matrix_room_encryption (room_id, algorithm, rotation_period_ms, rotation_period_msgs, history_visibility) VALUES ('!dm:example.org', 'm.megolm.v1.aes-sha2', 604800000, 100, 'shared')").run();
    },
  ],
  [
    'matrix_undecryptable',
    (db) => {
      db.prepare(
        `INSERT INTO matrix_undecryptable (seq, event_id, room_id, sender, session_id, event, received_at, answered_at)
         VALUES (1, '$utd', '!dm:example.org', '@sam:example.org', 'sess1', '{"type":"m.room.encrypted"}', '2026-04-01T09:00:00.000Z', NULL)`,
      ).run();
    },
  ],
  [
    'matrix_crypto_forget',
    (db) => {
      db.prepare("INSERT INTO matrix_crypto_forget (room_id, user_id) VALUES ('!gone:example.org', '@gone:example.org')").run();
    },
  ],
  [
    'role_invitation',
    (db) => {
      db.prepare(
        `INSERT INTO role_invitation (id, code_hash, role, organisation, created_at, expires_at)
         VALUES (1, 'c0ffee', 'mediator', 'Centre social', '2026-04-01T08:00:00.000Z', '2026-04-03T08:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'mediator_support',
    (db) => {
      db.prepare("INSERT INTO mediator_support (mediator_id, person_id, via, since) VALUES (1, 2, 'registered', '2026-04-02T08:00:00.000Z')").run();
    },
  ],
  [
    'acting_for',
    (db) => {
      db.prepare(
        "INSERT INTO acting_for (contact_id, mediator_id, person_id, started_at, last_active_at, state) VALUES (10, 1, 2, '2026-04-02T08:00:00.000Z', '2026-04-02T08:05:00.000Z', NULL)",
      ).run();
    },
  ],
  [
    'audit_event',
    (db) => {
      db.prepare(
        `INSERT INTO audit_event (id, at, action, actor_id, subject_id, channel, contact_id, detail)
         VALUES (1, '2026-04-02T08:05:00.000Z', 'answer_session', 1, 2, 'telegram', 10, '{"session_id":1}')`,
      ).run();
    },
  ],
  [
    'mediator_digest_item',
    (db) => {
      db.prepare("INSERT INTO mediator_digest_item (id, mediator_id, person_id, kind, ref_id, due_at) VALUES (1, 1, 2, 'session_reminder', 1, '2026-04-02T08:00:00.000Z')").run();
    },
  ],
  [
    'web_sign_in',
    (db) => {
      db.prepare(
        `INSERT INTO web_sign_in (id, person_id, requested_at, token_hash, sent_at, expires_at, used_at)
         VALUES (1, 1, '2026-04-03T08:00:00.000Z', 'beef', '2026-04-03T08:00:01.000Z', '2026-04-03T08:10:01.000Z', '2026-04-03T08:01:00.000Z')`,
      ).run();
      db.prepare("INSERT INTO web_sign_in (id, person_id, requested_at, expires_at) VALUES (2, 1, '2026-04-03T09:00:00.000Z', '2026-04-03T09:10:00.000Z')").run();
    },
  ],
  [
    'web_session',
    (db) => {
      db.prepare(
        `INSERT INTO web_session (id, token_hash, person_id, csrf_token, created_at, last_seen_at)
         VALUES (1, 'f00d', 1, 'csrf-1', '2026-04-03T08:01:00.000Z', '2026-04-03T08:20:00.000Z')`,
      ).run();
    },
  ],
  [
    'draw',
    (db) => {
      db.prepare(
        `INSERT INTO draw (id, definition, status, prepared, commitment, seed, outcome, created_at, drawn_at)
         VALUES (1, '{"panelSize":2}', 'drawn', '{"format":"parlons-draw/1"}', 'ab12', '12 25 31', '{"panel":["K7F3-9QX2"]}', '2026-04-03T08:00:00.000Z', '2026-04-05T08:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'draw_pool_member',
    (db) => {
      db.prepare("INSERT INTO draw_pool_member (draw_id, pseudonym, person_id) VALUES (1, 'K7F3-9QX2', 1)").run();
      db.prepare("INSERT INTO draw_pool_member (draw_id, pseudonym, person_id) VALUES (1, 'ZZ99-0000', NULL)").run();
    },
  ],
  [
    'draw_seat',
    (db) => {
      db.prepare(
        `INSERT INTO draw_seat (id, draw_id, pseudonym, round, status, invited_at, remind_at, answer_by, answered_at)
         VALUES (1, 1, 'K7F3-9QX2', 0, 'accepted', '2026-04-05T08:00:00.000Z', '2026-04-10T08:00:00.000Z', '2026-04-12T08:00:00.000Z', '2026-04-06T08:00:00.000Z')`,
      ).run();
    },
  ],
  [
    'draw_round',
    (db) => {
      db.prepare(`INSERT INTO draw_round (draw_id, round, record, at) VALUES (1, 1, '{"round":1}', '2026-04-13T08:00:00.000Z')`).run();
    },
  ],
  [
    'person_answer',
    (db) => {
      db.prepare("INSERT INTO person_answer (person_id, question, answer, answered_at) VALUES (1, 'family_situation', 'couple_children', '2026-04-01T08:00:00.000Z')").run();
    },
  ],
  [
    'group_chat',
    (db) => {
      db.prepare("INSERT INTO group_chat (channel, address, told_at) VALUES ('telegram', '-100123', '2026-02-05T10:00:00.000Z')").run();
    },
  ],
];

/** Seeds every table present and returns, per table, the columns and rows it holds. */
function seedPresentTables(db: Db): Map<string, { cols: string[]; rows: Row[] }> {
  const present = tables(db);
  const known = new Set(SEEDERS.map(([table]) => table));
  expect(present.filter((t) => !known.has(t))).toEqual([]);
  for (const [table, seed] of SEEDERS) if (present.includes(table)) seed(db);
  const snapshot = new Map<string, { cols: string[]; rows: Row[] }>();
  for (const table of present) {
    const cols = columns(db, table);
    snapshot.set(table, { cols, rows: rowsOf(db, table, cols) });
  }
  return snapshot;
}

describe('the migration list', () => {
  // NOTE: versions only need to increase (migrate() skips those at or below the database's); a
  // branch takes its number before others land, and the list is renumbered when branches merge.
  test('has increasing versions from 1, with unique snake_case names', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions.every((version, i) => i === 0 || version > (versions[i - 1] ?? 0))).toBe(true);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });
});

describe('migrate', () => {
  test('brings an empty database to the latest version and creates the tables', () => {
    const db = openTempDb();
    expect(schemaVersion(db)).toBe(0);
    const report = migrate(db);
    expect(report).toEqual({ from: 0, to: LATEST, applied: MIGRATIONS.map((m) => m.name) });
    expect(schemaVersion(db)).toBe(LATEST);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['person', 'person_role', 'consent', 'contact_point', 'conversation', 'inbound_message', 'outbox', 'stat_counter']),
    );
    expectHealthy(db);
  });

  test('creates only STRICT tables', () => {
    const db = openTempDb();
    migrate(db);
    const list = db
      .prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
  });

  test('STRICT tables reject a value of the wrong type', () => {
    const db = openTempDb();
    migrate(db);
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare('INSERT INTO person (id, created_at, updated_at) VALUES (1, ?, ?)').run(at, at);
    expect(() => db.prepare('INSERT INTO consent (person_id, purpose, notice_version, given_at, method) VALUES (?, ?, ?, ?, ?)').run('not a number', 'p', 'v', at, 'chat')).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    expect(() => db.prepare("INSERT INTO stat_counter (name, month, value) VALUES ('x', '2026-01', 'many')").run()).toThrow(/INTEGER/);
    expect(() => db.prepare('INSERT INTO person (created_at, updated_at) VALUES (?, ?)').run(Buffer.from([1, 2]), at)).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM consent').get()?.n).toBe(0);
  });

  test('CHECK constraints reject unknown enum values', () => {
    const db = openTempDb();
    migrate(db);
    const at = '2026-01-01T00:00:00.000Z';
    expect(() => db.prepare("INSERT INTO person (created_at, updated_at, volunteer_status) VALUES (?, ?, 'maybe')").run(at, at)).toThrow(/CHECK/);
    db.prepare('INSERT INTO person (id, created_at, updated_at) VALUES (1, ?, ?)').run(at, at);
    expect(() => db.prepare("INSERT INTO person_role (person_id, role, granted_at) VALUES (1, 'king', ?)").run(at)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO outbox (contact_id, address, channel, kind, payload, not_before, created_at, updated_at) VALUES (NULL, NULL, 'sms', 'reply', '{}', ?, ?, ?)").run(at, at, at),
    ).toThrow(/CHECK/);
  });

  test('migrating twice is a no-op', () => {
    const db = openTempDb();
    migrate(db);
    const schemaBefore = schemaSql(db);
    const report = migrate(db);
    expect(report).toEqual({ from: LATEST, to: LATEST, applied: [] });
    expect(schemaSql(db)).toEqual(schemaBefore);
  });

  test('upTo stops at that version', () => {
    const db = openTempDb();
    const report = migrate(db, MIGRATIONS, 1);
    expect(report).toEqual({ from: 0, to: 1, applied: [MIGRATIONS[0]!.name] });
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['consent', 'contact_point', 'person', 'person_role']);
  });

  const previousVersions = MIGRATIONS.slice(0, -1).map((m) => m.version);

  test('there is at least one previous version to upgrade from', () => {
    expect(previousVersions.length).toBeGreaterThan(0);
  });

  test.each(previousVersions)('a database at version %i keeps its rows when migrated to the latest version', (version) => {
    const db = openTempDb();
    expect(migrate(db, MIGRATIONS, version).to).toBe(version);
    const before = seedPresentTables(db);
    expect(before.size).toBeGreaterThan(0);
    for (const { rows } of before.values()) expect(rows.length).toBeGreaterThan(0);

    const report = migrate(db);
    expect(report.from).toBe(version);
    expect(report.to).toBe(LATEST);
    expect(report.applied).toEqual(MIGRATIONS.filter((m) => m.version > version).map((m) => m.name));

    for (const [table, { cols, rows }] of before) {
      expect({ table, rows: rowsOf(db, table, cols) }).toEqual({ table, rows });
    }
    expectHealthy(db);
  });

  test('a database seeded at version 1 still links people to their contact points after the upgrade', () => {
    const db = openTempDb();
    migrate(db, MIGRATIONS, 1);
    seedPresentTables(db);
    migrate(db);
    const row = db
      .prepare<[], { first_name: string; address: string }>('SELECT p.first_name, c.address FROM person p JOIN contact_point c ON c.id = p.reminder_contact_id WHERE p.id = 1')
      .get();
    expect(row).toEqual({ first_name: 'Camille', address: '+33612345678' });
    // The upgraded schema accepts the new tables' rows for the old people.
    db.prepare("INSERT INTO conversation (contact_id, state, updated_at) VALUES (11, '{}', '2026-03-01T00:00:00.000Z')").run();
    expectHealthy(db);
  });

  test('refuses a database newer than the code and leaves it unchanged', () => {
    const db = openTempDb();
    migrate(db);
    db.prepare("INSERT INTO stat_counter (name, month, value) VALUES ('opt_out', '2026-01', 3)").run();
    db.pragma(`user_version = ${LATEST + 1}`);
    const schemaBefore = schemaSql(db);

    let error: unknown;
    try {
      migrate(db);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect(error).toMatchObject({ name: 'DatabaseTooNewError', found: LATEST + 1, supported: LATEST });
    expect(String((error as Error).message)).toContain(String(LATEST + 1));

    expect(schemaVersion(db)).toBe(LATEST + 1);
    expect(schemaSql(db)).toEqual(schemaBefore);
    expect(db.prepare<[], { value: number }>("SELECT value FROM stat_counter WHERE name = 'opt_out'").get()).toEqual({ value: 3 });
  });

  test('refuses an otherwise empty database stamped with a future version, creating nothing', () => {
    const db = openTempDb();
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(tables(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(999);
  });

  test('a failing migration is rolled back whole and the database stays at the last complete version', () => {
    const db = openTempDb();
    const migrations: Migration[] = [
      { version: 1, name: 'first', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (y INTEGER) STRICT; CREATE TABLE c (oops' },
      { version: 3, name: 'third', sql: 'CREATE TABLE d (z INTEGER) STRICT;' },
    ];
    expect(() => migrate(db, migrations)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    expect(db.inTransaction).toBe(false);
  });
});

describe('outbox_as_sent', () => {
  test('rows queued or sent before it stay as they were, with nothing recorded as sent, no part out, no ballot shown', () => {
    const db = openTempDb();
    const before = MIGRATIONS.find((m) => m.name === 'outbox_as_sent')!.version - 1;
    migrate(db, MIGRATIONS, before);
    seedPresentTables(db);
    migrate(db);
    const rows = db.prepare<[], Row>('SELECT id, status, sent, parts_sent, ballot_of, redacted FROM outbox ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, status: 'sent', sent: null, parts_sent: 0, ballot_of: null, redacted: null },
      { id: 2, status: 'queued', sent: null, parts_sent: 0, ballot_of: null, redacted: null },
      { id: 3, status: 'queued', sent: null, parts_sent: 0, ballot_of: null, redacted: null },
    ]);
    // What the new columns hold: a row showing consultation 1's ballot, its content removed at the closing.
    db.prepare(
      `INSERT INTO outbox (id, contact_id, channel, kind, payload, status, not_before, created_at, updated_at, sent, parts_sent, ballot_of, redacted)
       VALUES (4, 10, 'telegram', 'reply', '{"parts":[]}', 'sent', ?, ?, ?, NULL, 2, 1, 'receipt')`,
    ).run('2026-04-02T10:00:00.000Z', '2026-04-02T10:00:00.000Z', '2026-04-15T18:00:00.000Z');
    expect(() => db.prepare("UPDATE outbox SET redacted = 'everything' WHERE id = 4").run()).toThrow(/CHECK/);
    expectHealthy(db);
  });
});

describe('outbox_question_and_about', () => {
  test('rows written before it get the question flag and the subjects of their payloads; the finished-rows index keeps finished rows only', () => {
    const db = openTempDb();
    const before = MIGRATIONS.find((m) => m.name === 'outbox_question_and_about')!.version - 1;
    migrate(db, MIGRATIONS, before);
    seedPresentTables(db);
    const insert = db.prepare<[number, string, string]>(
      `INSERT INTO outbox (id, contact_id, channel, kind, payload, status, not_before, created_at, updated_at)
       VALUES (?, 10, 'telegram', 'bulk', ?, ?, '2026-04-02T10:00:00.000Z', '2026-04-02T10:00:00.000Z', '2026-04-02T10:00:00.000Z')`,
    );
    insert.run(4, JSON.stringify({ parts: [{ key: 'reminders:ask' }], question: true, about: [{ session: 3 }, { consultation: 1 }] }), 'queued');
    insert.run(5, '{"parts":[]', 'cancelled');
    migrate(db);
    expect(db.prepare<[], Row>('SELECT id, question, about FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, question: 0, about: null },
      { id: 2, question: 0, about: null },
      { id: 3, question: 0, about: null },
      { id: 4, question: 1, about: '[{"session":3},{"consultation":1}]' },
      // A payload that does not read is left as it was: no question, about nothing.
      { id: 5, question: 0, about: null },
    ]);
    const finishedIndex = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'outbox_finished'").get();
    expect(finishedIndex?.sql).toContain("WHERE status IN ('sent', 'failed', 'cancelled')");
    expect(() => db.prepare('UPDATE outbox SET question = 2 WHERE id = 1').run()).toThrow(/CHECK/);
    expectHealthy(db);
  });
});
