/**
 * The crypto machine's IndexedDB, in memory (fake-indexeddb), as records that can be saved
 * elsewhere and loaded back: which records changed since the last look, the databases' schemas,
 * and a way to load saved records into a fresh IndexedDB before the machine opens it.
 *
 * NOTE: Node has no IndexedDB, and the WASM crypto machine keeps its store in one (or in memory
 * only, which would make every start a new device). fake-indexeddb is a complete IndexedDB in
 * JavaScript. To know which records changed without reading every record at each save, this
 * module listens to the three internal methods every write goes through (storing a record,
 * deleting records, clearing a store: cursors, aborts and upgrades included), from
 * fake-indexeddb 6.2.8, pinned for that reason; the tests load back what was saved and compare
 * it with the whole store.
 */

/** An IndexedDB key (what fake-indexeddb keeps: numbers, strings, dates, binary, arrays of them). */
export type IdbKey = number | string | Date | ArrayBuffer | readonly IdbKey[];

/** An object store as created: enough to create it again. */
export interface StoreSchema {
  readonly name: string;
  readonly keyPath: string | string[] | null;
  readonly autoIncrement: boolean;
  readonly indexes: readonly { readonly name: string; readonly keyPath: string | string[]; readonly unique: boolean; readonly multiEntry: boolean }[];
}

/** A database: its version and object stores. */
export interface DatabaseSchema {
  readonly name: string;
  readonly version: number;
  readonly stores: readonly StoreSchema[];
}

/** Where a record lives. */
export interface RecordPlace {
  readonly db: string;
  readonly store: string;
  readonly key: IdbKey;
}

/** A record and its value; `value` undefined when the record is gone. */
export interface RecordState extends RecordPlace {
  readonly value: unknown;
}

/** What changed since the last look. */
export interface IndexedDbChanges {
  readonly records: readonly RecordState[];
  /** The schemas of databases created or upgraded since. */
  readonly schemas: readonly DatabaseSchema[];
}

// ——— fake-indexeddb's internals, only what is read here ———
interface RawRecord {
  readonly key: IdbKey;
  readonly value: unknown;
}
interface RawRecordStore {
  get(key: unknown): RawRecord | undefined;
  values(range?: unknown): Iterable<RawRecord>;
}
interface RawIndex {
  readonly name: string;
  readonly keyPath: string | string[];
  readonly unique: boolean;
  readonly multiEntry: boolean;
}
interface RawObjectStore {
  readonly name: string;
  readonly keyPath: string | string[] | null;
  readonly autoIncrement: boolean;
  readonly records: RawRecordStore;
  readonly rawIndexes: Map<string, RawIndex>;
  readonly rawDatabase: RawDatabase;
  storeRecord(record: unknown, noOverwrite: boolean, rollbackLog?: unknown): IdbKey;
  deleteRecord(key: unknown, rollbackLog?: unknown): void;
  clear(rollbackLog?: unknown): void;
}
interface RawDatabase {
  readonly name: string;
  readonly version: number;
  readonly rawObjectStores: Map<string, RawObjectStore>;
}
interface FakeFactory {
  readonly _databases: Map<string, RawDatabase>;
  open(name: string, version?: number): OpenRequest;
  deleteDatabase(name: string): OpenRequest;
}
interface KeyRangeClass {
  only(key: unknown): unknown;
}
interface OpenRequest {
  result: IdbDatabase;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
  onupgradeneeded: (() => void) | null;
  onblocked?: (() => void) | null;
  transaction: { objectStore(name: string): { _rawObjectStore: RawObjectStore } } | null;
}
interface IdbDatabase {
  createObjectStore(name: string, options: { keyPath?: string | string[] | null; autoIncrement?: boolean }): { createIndex(name: string, keyPath: string | string[], options: { unique: boolean; multiEntry: boolean }): void };
  transaction(stores: string[], mode: 'readwrite'): IdbTransaction;
  close(): void;
}
interface IdbTransaction {
  objectStore(name: string): { put(value: unknown, key?: unknown): void; delete(key: unknown): void; keyPath: unknown };
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  error: unknown;
}
type FakeIndexedDbModule = Record<string, unknown> & { IDBFactory: new () => FakeFactory; IDBKeyRange: KeyRangeClass };

/** The package, loaded only when encryption is used (its types are declared as an ES module's). */
function fakeIndexedDb(): FakeIndexedDbModule {
  return require('fake-indexeddb') as FakeIndexedDbModule;
}

/** The journals listening to writes, one per IndexedDbRecords alive. */
const journals = new Set<IndexedDbRecords>();
const PATCHED = Symbol.for('parlons.indexeddb-journal');

function notify(store: RawObjectStore, keys: readonly IdbKey[]): void {
  for (const journal of journals) journal.written(store, keys);
}

/** Makes every write to any fake-indexeddb object store tell the journals which keys it touched. */
function listenToWrites(prototype: RawObjectStore & { [PATCHED]?: true }, keyRange: KeyRangeClass): void {
  if (prototype[PATCHED]) return;
  const { storeRecord, deleteRecord, clear } = prototype;
  const affected = (store: RawObjectStore, key: unknown): IdbKey[] => {
    const range = key !== null && typeof key === 'object' && 'lower' in key ? key : keyRange.only(key);
    return [...store.records.values(range)].map((record) => record.key);
  };
  Object.assign(prototype, {
    [PATCHED]: true,
    storeRecord(this: RawObjectStore, record: unknown, noOverwrite: boolean, rollbackLog?: unknown): IdbKey {
      const key = storeRecord.call(this, record, noOverwrite, rollbackLog);
      notify(this, [key]);
      return key;
    },
    deleteRecord(this: RawObjectStore, key: unknown, rollbackLog?: unknown): void {
      const keys = affected(this, key);
      deleteRecord.call(this, key, rollbackLog);
      notify(this, keys);
    },
    clear(this: RawObjectStore, rollbackLog?: unknown): void {
      const keys = [...this.records.values()].map((record) => record.key);
      clear.call(this, rollbackLog);
      notify(this, keys);
    },
  });
}

function request<T>(open: OpenRequest, upgrade?: (request: OpenRequest) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    open.onupgradeneeded = () => upgrade?.(open);
    open.onsuccess = () => resolve(open.result as T);
    open.onerror = () => reject(open.error as Error);
  });
}

function transactionDone(tx: IdbTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error as Error);
    tx.onabort = () => reject((tx.error as Error | null) ?? new Error('IndexedDB transaction aborted'));
  });
}

/** A text that says which record this is, the same for equal keys (used to name its saved row). */
export function describePlace(place: RecordPlace): string {
  return `${place.db}\u0000${place.store}\u0000${describeKey(place.key)}`;
}

function describeKey(key: IdbKey): string {
  if (typeof key === 'number') return `n${key}`;
  if (typeof key === 'string') return `s${JSON.stringify(key)}`;
  if (key instanceof Date) return `d${key.getTime()}`;
  if (key instanceof ArrayBuffer) return `b${Buffer.from(key).toString('hex')}`;
  if (ArrayBuffer.isView(key)) return `b${Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex')}`;
  return `[${key.map(describeKey).join(',')}]`;
}

function schemaOf(db: RawDatabase): DatabaseSchema {
  return {
    name: db.name,
    version: db.version,
    stores: [...db.rawObjectStores.values()].map((store) => ({
      name: store.name,
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.rawIndexes.values()].map((index) => ({ name: index.name, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry })),
    })),
  };
}

/**
 * One in-memory IndexedDB (installed as `globalThis.indexedDB` for the WASM machine) and the
 * journal of its writes.
 */
export class IndexedDbRecords {
  private readonly factory: FakeFactory;
  /** Records written since the last `takeChanges`, by place. */
  private dirty = new Map<string, RecordPlace>();
  /** The schema last taken, per database, as JSON. */
  private knownSchemas = new Map<string, string>();

  private constructor(factory: FakeFactory) {
    this.factory = factory;
  }

  /**
   * A fresh IndexedDB, made the global one, with the saved databases loaded (schemas, then
   * records), its journal starting empty.
   */
  static async install(saved: readonly { readonly schema: DatabaseSchema; readonly records: readonly RecordState[] }[]): Promise<IndexedDbRecords> {
    const module = fakeIndexedDb();
    const factory = new module.IDBFactory();
    const classes = Object.fromEntries(Object.entries(module).filter(([name]) => name.startsWith('IDB')));
    // NOTE: the WASM bindings check `instanceof IDBDatabase`, `IDBRequest`… against the globals.
    Object.assign(globalThis, classes, { indexedDB: factory });
    const records = new IndexedDbRecords(factory);
    await records.listen(module.IDBKeyRange);
    for (const { schema, records: stored } of saved) await records.load(schema, stored);
    records.dirty.clear();
    for (const db of factory._databases.values()) records.knownSchemas.set(db.name, JSON.stringify(schemaOf(db)));
    journals.add(records);
    return records;
  }

  /** Stops listening (the machine is closed). */
  uninstall(): void {
    journals.delete(this);
  }

  /** Reaches the object store class through a throw-away database, to listen to its writes. */
  private async listen(keyRange: KeyRangeClass): Promise<void> {
    const name = 'parlons-probe';
    let prototype: RawObjectStore | null = null;
    const db = await request<IdbDatabase>(this.factory.open(name, 1), (open) => {
      open.result.createObjectStore('probe', {});
      prototype = Object.getPrototypeOf(open.transaction?.objectStore('probe')._rawObjectStore) as RawObjectStore;
    });
    db.close();
    await request(this.factory.deleteDatabase(name));
    if (!prototype) throw new Error('fake-indexeddb: no object store to listen to');
    listenToWrites(prototype, keyRange);
  }

  private async load(schema: DatabaseSchema, stored: readonly RecordState[]): Promise<void> {
    const db = await request<IdbDatabase>(this.factory.open(schema.name, schema.version), (open) => {
      for (const store of schema.stores) {
        const created = open.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
        for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    });
    const storeNames = schema.stores.map((s) => s.name);
    if (stored.length > 0 && storeNames.length > 0) {
      const tx = db.transaction(storeNames, 'readwrite');
      for (const record of stored) {
        const store = tx.objectStore(record.store);
        if (store.keyPath === null) store.put(record.value, record.key);
        else store.put(record.value);
      }
      await transactionDone(tx);
    }
    db.close();
  }

  /** Called for every write to a fake-indexeddb store; keeps those of this IndexedDB. */
  written(store: RawObjectStore, keys: readonly IdbKey[]): void {
    const db = store.rawDatabase;
    if (this.factory._databases.get(db.name) !== db) return;
    for (const key of keys) {
      const place = { db: db.name, store: store.name, key };
      this.dirty.set(describePlace(place), place);
    }
  }

  /**
   * What changed since the last call, with the records' current values, read at once (no write
   * can come in between: this never awaits). Give it back with `putBack` if it could not be saved.
   */
  takeChanges(): IndexedDbChanges {
    const places = [...this.dirty.values()];
    this.dirty = new Map();
    const records = places.map((place) => ({ ...place, value: this.factory._databases.get(place.db)?.rawObjectStores.get(place.store)?.records.get(place.key)?.value }));
    const schemas: DatabaseSchema[] = [];
    for (const db of this.factory._databases.values()) {
      const schema = schemaOf(db);
      const json = JSON.stringify(schema);
      if (this.knownSchemas.get(db.name) !== json) {
        schemas.push(schema);
        this.knownSchemas.set(db.name, json);
      }
    }
    return { records, schemas };
  }

  /** Changes that could not be saved: they will be taken again next time (with the values of then). */
  putBack(changes: IndexedDbChanges): void {
    for (const record of changes.records) {
      const place = { db: record.db, store: record.store, key: record.key };
      const name = describePlace(place);
      if (!this.dirty.has(name)) this.dirty.set(name, place);
    }
    for (const schema of changes.schemas) this.knownSchemas.delete(schema.name);
  }

  /** Every record of every database (for looking through them: erasure, tests). */
  *all(): Iterable<RecordState> {
    for (const db of this.factory._databases.values()) {
      for (const store of db.rawObjectStores.values()) {
        for (const record of store.records.values()) yield { db: db.name, store: store.name, key: record.key, value: record.value };
      }
    }
  }

  /** Deletes records (through IndexedDB, one transaction per database). */
  async delete(places: readonly RecordPlace[]): Promise<void> {
    const byDb = new Map<string, RecordPlace[]>();
    for (const place of places) byDb.set(place.db, [...(byDb.get(place.db) ?? []), place]);
    for (const [name, list] of byDb) {
      const db = await request<IdbDatabase>(this.factory.open(name));
      const tx = db.transaction([...new Set(list.map((p) => p.store))], 'readwrite');
      for (const place of list) tx.objectStore(place.store).delete(place.key);
      await transactionDone(tx);
      db.close();
    }
  }
}
