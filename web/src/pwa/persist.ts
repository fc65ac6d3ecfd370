// The last state and chart history, kept on the device so the app opens offline with something
// honest to show (marked "Offline since hh:mm"). The storage backend is injected: IndexedDB in the
// browser, a Map in tests. What is read back is validated like any other input: an older app
// version or a corrupted store must not take the views down.
import { unwrap } from 'solid-js/store';
import * as v from 'valibot';
import { CampaignViewSchema, SystemHealthSchema } from '../../../bridge/protocol/index.ts';
import type { LiveState } from '../live/types.ts';
import { DEFAULTS } from './defaults.ts';

export interface SavedSnapshot {
  state: LiveState;
  /** wall-clock ms when it was written */
  savedAt: number;
}

/** Bumped when LiveState changes shape incompatibly: an old record is then dropped, not misread. */
export const SNAPSHOT_VERSION = 1;

export interface SnapshotStore {
  /** the stored record as it is (unvalidated), undefined when there is none */
  read(): Promise<unknown>;
  write(record: unknown): Promise<void>;
}

/** What persistence needs from the live client (liveClient() satisfies it). */
export interface PersistableClient {
  readonly state: LiveState;
  hydrate(saved: SavedSnapshot): void;
  onStateChange(cb: () => void): () => void;
}

const finite = v.pipe(v.number(), v.finite());
const HistoryPointSchema = v.object({
  t: finite,
  activeCalls: finite,
  queueDepth: finite,
  dialingRate: finite,
});
const LiveStateSchema = v.object({
  campaigns: v.record(v.string(), CampaignViewSchema),
  systemHealth: v.nullable(SystemHealthSchema),
  history: v.array(HistoryPointSchema),
  campaignHistory: v.record(v.string(), v.array(HistoryPointSchema)),
  seq: v.pipe(v.number(), v.integer()),
  lastUpdate: v.nullable(finite),
});
const RecordSchema = v.object({
  version: v.literal(SNAPSHOT_VERSION),
  savedAt: finite,
  state: LiveStateSchema,
});

/** The stored record as a snapshot, or null (with the reason in `warn`) when it is missing or unusable. */
export function parseSaved(
  record: unknown,
  warn: (message: string) => void = console.warn,
): SavedSnapshot | null {
  if (record === undefined || record === null) return null;
  const result = v.safeParse(RecordSchema, record);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    warn(`saved snapshot ignored: ${path ?? 'record'} ${issue?.message ?? 'is invalid'}`);
    return null;
  }
  return { state: result.output.state, savedAt: result.output.savedAt };
}

/**
 * A plain copy of the state (the store is a proxy, which IndexedDB cannot clone). Copied from the
 * unwrapped object: walking the proxy instead costs a trap per field, ~10× the time.
 */
export function toRecord(state: LiveState, savedAt: number): unknown {
  return {
    version: SNAPSHOT_VERSION,
    savedAt,
    state: JSON.parse(JSON.stringify(unwrap(state))) as LiveState,
  };
}

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** IndexedDB: database DEFAULTS.dbName, one object store, one record under a fixed key. */
export function idbSnapshotStore(factory: IDBFactory, names = DEFAULTS): SnapshotStore {
  let db: Promise<IDBDatabase> | null = null;
  function open(): Promise<IDBDatabase> {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(names.dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(names.storeName))
          req.result.createObjectStore(names.storeName);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB open blocked by another tab'));
    }).catch((err: unknown) => {
      db = null; // let a later call try again
      throw err;
    });
    return db;
  }
  return {
    async read() {
      const tx = (await open()).transaction(names.storeName, 'readonly');
      return promised(tx.objectStore(names.storeName).get(names.snapshotKey));
    },
    async write(record) {
      const tx = (await open()).transaction(names.storeName, 'readwrite');
      tx.objectStore(names.storeName).put(record, names.snapshotKey);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
      });
    },
  };
}

export function memorySnapshotStore(): SnapshotStore & { records: Map<string, unknown> } {
  const records = new Map<string, unknown>();
  return {
    records,
    read: async () => structuredClone(records.get(DEFAULTS.snapshotKey)),
    write: async (record) => {
      records.set(DEFAULTS.snapshotKey, structuredClone(record));
    },
  };
}

export interface PersistenceOptions {
  store: SnapshotStore;
  client: PersistableClient;
  throttleMs?: number;
  /** no write from a change sooner than this after start() (flush still writes at once) */
  firstSaveAfterMs?: number;
  now?: () => number;
  warn?: (message: string) => void;
}

export interface Persistence {
  /** Loads the saved snapshot into the client, then saves changes (throttled). Resolves with what was loaded. */
  start(): Promise<SavedSnapshot | null>;
  /** Writes the current state now (before a reload, when the page is hidden). */
  flush(): Promise<void>;
  dispose(): void;
}

export function makePersistence(options: PersistenceOptions): Persistence {
  const { store, client } = options;
  const throttleMs = options.throttleMs ?? DEFAULTS.persistThrottleMs;
  const now = options.now ?? Date.now;
  const warn = options.warn ?? console.warn;
  let lastSaveAt = Number.NEGATIVE_INFINITY;
  let notBefore = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | null = null;
  let disposed = false;

  async function save(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // nothing received yet: keep the previous session's data rather than overwrite it with nothing
    if (disposed || client.state.lastUpdate === null) return;
    lastSaveAt = now();
    try {
      await store.write(toRecord(client.state, lastSaveAt));
    } catch (err) {
      warn(`snapshot not saved: ${String(err)}`);
    }
  }

  function onChange(): void {
    if (timer !== undefined || disposed) return;
    // never inside the caller's task: changes are reported from the frame that renders them
    const wait = Math.max(0, lastSaveAt + throttleMs - now(), notBefore - now());
    timer = setTimeout(() => void save(), wait);
  }

  return {
    async start() {
      notBefore = now() + (options.firstSaveAfterMs ?? 0);
      let saved: SavedSnapshot | null = null;
      try {
        saved = parseSaved(await store.read(), warn);
      } catch (err) {
        warn(`saved snapshot not read: ${String(err)}`);
      }
      if (disposed) return saved;
      if (saved) client.hydrate(saved);
      unsubscribe = client.onStateChange(onChange);
      return saved;
    },
    flush: save,
    dispose() {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      unsubscribe?.();
    },
  };
}
