import v8 from 'node:v8';
import type { RecordChanges, SealedRecord } from './crypto-storage';
import { describePlace, IndexedDbRecords, type DatabaseSchema, type IndexedDbChanges, type RecordPlace, type RecordState } from './indexeddb-records';
import type { RecordSealer } from './record-sealer';

/** What one sealed row holds: a record of a database, or a database's schema. */
type Payload = { readonly kind: 'record'; readonly record: RecordState } | { readonly kind: 'schema'; readonly schema: DatabaseSchema };

/** Where a saved row belongs, to delete it with its store or database. */
interface RowOwner {
  readonly db: string;
  /** null for the database's schema row. */
  readonly store: string | null;
}

function schemaPlace(db: string): string {
  return `schema\u0000${db}`;
}

function recordPlace(place: RecordPlace): string {
  return `record\u0000${describePlace(place)}`;
}

/**
 * The crypto machine's IndexedDB, loaded from sealed rows and saved back as sealed rows: only the
 * records written since the last save, each sealed on its own (see RecordSealer). Values keep
 * their types (v8's structured serialisation, as IndexedDB itself clones them).
 */
export class PersistedCryptoState {
  private constructor(
    readonly records: IndexedDbRecords,
    private readonly sealer: RecordSealer,
    /** Every saved row, by id (hex), and what it belongs to. */
    private readonly rows: Map<string, RowOwner>,
  ) {}

  /** Opens the sealed rows (throws if one was altered) and loads them into a fresh IndexedDB. */
  static async load(sealed: readonly SealedRecord[], sealer: RecordSealer): Promise<PersistedCryptoState> {
    const rows = new Map<string, RowOwner>();
    const databases = new Map<string, { schema: DatabaseSchema | null; records: RecordState[] }>();
    const of = (db: string) => {
      const found = databases.get(db) ?? { schema: null, records: [] };
      databases.set(db, found);
      return found;
    };
    for (const row of sealed) {
      const payload = v8.deserialize(sealer.open(row.id, row.sealed)) as Payload;
      if (payload.kind === 'schema') {
        of(payload.schema.name).schema = payload.schema;
        rows.set(row.id.toString('hex'), { db: payload.schema.name, store: null });
      } else {
        of(payload.record.db).records.push(payload.record);
        rows.set(row.id.toString('hex'), { db: payload.record.db, store: payload.record.store });
      }
    }
    const saved = [...databases.values()].flatMap(({ schema, records }) => (schema ? [{ schema, records }] : []));
    return new PersistedCryptoState(await IndexedDbRecords.install(saved), sealer, rows);
  }

  /**
   * Seals what changed since the last save and hands it to `commit` (which writes it, with
   * whatever must go in the same transaction). If `commit` throws, the changes are kept for the
   * next save. Synchronous: call it when the machine is idle, and nothing can write meanwhile.
   */
  save(commit: (changes: RecordChanges) => void): void {
    const taken = this.records.takeChanges();
    const { changes, rows } = this.seal(taken);
    try {
      commit(changes);
    } catch (error) {
      this.records.putBack(taken);
      throw error;
    }
    for (const id of changes.deletes) this.rows.delete(id.toString('hex'));
    for (const [id, owner] of rows) this.rows.set(id, owner);
  }

  private seal(taken: IndexedDbChanges): { changes: RecordChanges; rows: Map<string, RowOwner> } {
    const upserts: SealedRecord[] = [];
    const deletes: Buffer[] = [];
    const rows = new Map<string, RowOwner>();
    const upsert = (place: string, owner: RowOwner, payload: Payload) => {
      const id = this.sealer.recordId(place);
      upserts.push({ id, sealed: this.sealer.seal(id, v8.serialize(payload)) });
      rows.set(id.toString('hex'), owner);
    };
    for (const record of taken.records) {
      const place = recordPlace(record);
      if (record.value === undefined) deletes.push(this.sealer.recordId(place));
      else upsert(place, { db: record.db, store: record.store }, { kind: 'record', record });
    }
    for (const schema of taken.schemas) {
      upsert(schemaPlace(schema.name), { db: schema.name, store: null }, { kind: 'schema', schema });
      // A store an upgrade removed took its records along, without a write to tell.
      const kept = new Set(schema.stores.map((s) => s.name));
      for (const [id, owner] of this.rows) {
        if (owner.db === schema.name && owner.store !== null && !kept.has(owner.store)) deletes.push(Buffer.from(id, 'hex'));
      }
    }
    return { changes: { upserts, deletes }, rows };
  }

  /** How many rows are saved. */
  get rowCount(): number {
    return this.rows.size;
  }

  /** Stops following the IndexedDB (the machine is closed). */
  close(): void {
    this.records.uninstall();
  }
}
