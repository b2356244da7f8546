/**
 * A city's database at scale, made in seconds for the benchmark: a few template residents go
 * through Parlons for real (they register in chat, receive a session reminder and answer it, and
 * a notice; everything is delivered through a channel that sends nowhere), then bulk SQL copies
 * them, with their rows, into as many residents as asked — the same payloads, states and sent
 * texts Parlons writes, only repeated. Each copy has its own Telegram chat id, person and contact
 * ids, and a neighbourhood of its own; timestamps are the templates'.
 *
 * The history is what Parlons keeps (sent messages 90 days, ids of processed messages 30 days):
 * one resident in RECENT registered lately and has it all; the others registered long ago, and
 * only the reminder, their answer and the notice remain.
 */
import type { App } from '../src/app/create-app';
import { sendBroadcast } from '../src/broadcasts/send-broadcast';
import { OTHER_NEIGHBOURHOOD } from '../src/domain/profile';
import { seededRandom } from '../src/lib/seeded-random';
import { inTransaction, type Db } from '../src/store/database';
import { addSession } from '../src/sessions/manage-sessions';
import { NowhereChannel } from './nowhere-channel';
import { scriptResidents } from './registration-script';

/** Residents who go through Parlons for real, then are copied. */
const TEMPLATES = 10;
/** One resident in this many registered lately, and still has the messages of their registration. */
const RECENT = 10;
/** The prefix of the ids of registration messages, which only recent residents keep. */
const REGISTRATION = 'r';
/** Telegram chat ids of the residents: the templates' and their copies' follow this one. */
export const FIRST_CHAT_ID = 100_000_001;

/**
 * The tables that hold a resident (each copy, then its template's rows: CROSS JOIN keeps SQLite
 * to that order, an index lookup per copy): how a copy's columns differ from its template's (other columns
 * are copied as they are), and which of the template's rows a copy that registered long ago has
 * (`@registered`: the last outbox row of the registrations).
 */
const COPIED: readonly { readonly table: string; readonly from: string; readonly columns: Readonly<Record<string, string>>; readonly kept?: string }[] = [
  // Before their people: a person's reminder contact is checked at once then, through its primary key.
  { table: 'contact_point', from: 'copy c CROSS JOIN contact_point t ON t.id = c.template_contact', columns: { id: 'c.contact_id', person_id: 'c.person_id', address: 'c.chat_id' } },
  {
    table: 'person',
    from: 'copy c CROSS JOIN person t ON t.id = c.template_person',
    columns: {
      id: 'c.person_id',
      reminder_contact_id: 'CASE WHEN t.reminder_contact_id IS NULL THEN NULL ELSE c.contact_id END',
      neighbourhood: 'CASE WHEN t.neighbourhood IS NULL THEN NULL ELSE c.neighbourhood END',
    },
  },
  { table: 'person_role', from: 'copy c CROSS JOIN person_role t ON t.person_id = c.template_person', columns: { person_id: 'c.person_id' } },
  { table: 'consent', from: 'copy c CROSS JOIN consent t ON t.person_id = c.template_person', columns: { id: 'NULL', person_id: 'c.person_id' } },
  { table: 'conversation', from: 'copy c CROSS JOIN conversation t ON t.contact_id = c.template_contact', columns: { contact_id: 'c.contact_id' } },
  { table: 'session_rsvp', from: 'copy c CROSS JOIN session_rsvp t ON t.person_id = c.template_person', columns: { person_id: 'c.person_id' } },
  { table: 'outbox', from: 'copy c CROSS JOIN outbox t ON t.contact_id = c.template_contact', columns: { id: 'NULL', contact_id: 'c.contact_id' }, kept: 't.id > @registered' },
  // Ids of processed messages are per channel: each copy's are its own.
  {
    table: 'inbound_message',
    from: "temp.template tt CROSS JOIN inbound_message t ON t.external_id LIKE tt.chat_id || ':%' CROSS JOIN copy c ON c.template_chat_id = tt.chat_id",
    columns: { external_id: "c.chat_id || substr(t.external_id, instr(t.external_id, ':'))" },
    kept: `t.external_id NOT LIKE '%:${REGISTRATION}%'`,
  },
];

/** What making the city took, and what it holds. */
export interface CityAtScale {
  readonly residents: number;
  readonly templates: number;
  readonly seconds: number;
  /** Rows per table once made. */
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Fills `app`'s empty database with `residents` registered volunteers (at least the templates)
 * on Telegram, with their history: registration, a session reminder answered, a notice.
 */
export async function makeCityAtScale(app: App, residents: number, seed = 1): Promise<CityAtScale> {
  const started = process.hrtime.bigint();
  const templates = Math.min(TEMPLATES, residents);
  const registered = await liveTemplates(app, templates, seed);
  copyTemplates(app.store.db, app.settings.city.neighbourhoods.map((n) => n.id), templates, residents - templates, registered);
  const rows = Object.fromEntries(COPIED.map(({ table }) => [table, app.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0]));
  return { residents, templates, seconds: Number(process.hrtime.bigint() - started) / 1e9, rows };
}

/** The templates live their history through Parlons itself; returns the last outbox row of their registrations. */
async function liveTemplates(app: App, count: number, seed: number): Promise<number> {
  const now = app.clock.now();
  const hour = 3_600_000;
  // One session whose last reminder (2 hours before) is due now, and one next month.
  const session = (title: string, startsIn: number) =>
    addSession(
      app.store,
      { title: { fr: title, en: title }, description: null, place: 'Salle des fêtes des Trois-Cités', startsAt: new Date(now.getTime() + startsIn).toISOString(), endsAt: new Date(now.getTime() + startsIn + 2 * hour).toISOString(), reminderOffsets: [120] },
      [],
      now,
    );
  session('Séance 2 : choisir les questions', 2 * hour - 60_000);
  session('Séance 3 : débattre', 30 * 24 * hour);
  const scripts = scriptResidents('template', count, seededRandom(seed));
  const chat = (i: number) => String(FIRST_CHAT_ID + i);
  const say = (i: number, id: string, text: string) => {
    const { outcome } = app.conversations.handle({ channel: 'telegram', address: chat(i), externalId: `${chat(i)}:${id}`, text });
    if (outcome !== 'processed') throw new Error(`template ${i}, message ${id} (${JSON.stringify(text)}): ${outcome}`);
  };
  const deliver = () => app.dispatcher([new NowhereChannel('telegram')]).dispatchDue();
  scripts.forEach((script, i) => script.messages.forEach((text, k) => say(i, `${REGISTRATION}${k}`, text)));
  await deliver();
  const registered = app.store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM outbox').get()?.id ?? 0;
  app.runScheduler(now);
  sendBroadcast(app.store, { audience: [{ kind: 'all' }], texts: { fr: 'La séance de samedi est déplacée à la salle des fêtes, même heure.', en: "Saturday's session moves to the community hall, same time." }, sendAt: now }, now);
  await deliver();
  // Those who were reminded say they will come.
  scripts.forEach((_, i) => say(i, 'reminder', '1'));
  await deliver();
  return registered;
}

/**
 * Copies template resident `n % templates` into resident `templates + n`, for `copies` of them,
 * table by table, each in one INSERT … SELECT (one transaction in all).
 */
function copyTemplates(db: Db, neighbourhoods: readonly string[], templates: number, copies: number, registered: number): void {
  if (copies <= 0) return;
  const [firstPerson, firstContact] = [maxId(db, 'person'), maxId(db, 'contact_point')];
  const places = [...neighbourhoods, OTHER_NEIGHBOURHOOD];
  inTransaction(db, () => {
    // A contact point names its person, who is inserted after it: checked at commit.
    db.pragma('defer_foreign_keys = ON');
    db.exec('CREATE TEMP TABLE template (k INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, contact_id INTEGER NOT NULL, chat_id TEXT NOT NULL)');
    db.prepare(
      `INSERT INTO temp.template (k, person_id, contact_id, chat_id)
       SELECT row_number() OVER (ORDER BY id) - 1, person_id, id, address FROM contact_point WHERE channel = 'telegram' ORDER BY id`,
    ).run();
    db.exec(`CREATE TEMP TABLE place (k INTEGER PRIMARY KEY, id TEXT NOT NULL)`);
    const place = db.prepare<[number, string]>('INSERT INTO temp.place (k, id) VALUES (?, ?)');
    places.forEach((id, k) => place.run(k, id));
    db.prepare<{ copies: number; templates: number; places: number; recent: number; firstPerson: number; firstContact: number; firstChat: number }>(
      `CREATE TEMP TABLE copy AS
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @copies)
       SELECT t.person_id AS template_person, t.contact_id AS template_contact, t.chat_id AS template_chat_id,
              @firstPerson + n.i AS person_id, @firstContact + n.i AS contact_id, CAST(@firstChat + @templates + n.i - 1 AS TEXT) AS chat_id,
              p.id AS neighbourhood, n.i % @recent = 0 AS recent
       FROM n JOIN temp.template t ON t.k = n.i % @templates JOIN temp.place p ON p.k = n.i % @places`,
    ).run({ copies, templates, places: places.length, recent: RECENT, firstPerson, firstContact, firstChat: FIRST_CHAT_ID });
    db.exec('CREATE INDEX temp.copy_of_chat ON copy (template_chat_id)');
    for (const { table, from, columns, kept } of COPIED) {
      const names = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
      const values = names.map((name) => columns[name] ?? `t.${name}`);
      const where = kept ? `WHERE c.recent OR ${kept}` : '';
      db.prepare(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${from} ${where}`).run(kept?.includes('@registered') ? { registered } : {});
    }
    // Counters and recipients as if everyone had been there.
    const scale = (templates + copies) / templates;
    db.prepare('UPDATE stat_counter SET value = CAST(value * ? AS INTEGER)').run(scale);
    db.prepare('UPDATE broadcast SET recipients = CAST(recipients * ? AS INTEGER)').run(scale);
    db.exec('DROP TABLE temp.copy; DROP TABLE temp.template; DROP TABLE temp.place');
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function maxId(db: Db, table: string): number {
  return db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM ${table}`).get()?.id ?? 0;
}
