// A tiny in-memory stand-in for the part of IndexedDB the snapshot store uses (jsdom has none):
// open with upgrade, one-key get/put in a transaction, events fired asynchronously like the real one,
// values stored by structured clone (so a value IndexedDB could not store fails here too).
type Handler = (() => void) | null;

class FakeRequest<T> {
  result!: T;
  error: DOMException | null = null;
  onsuccess: Handler = null;
  onerror: Handler = null;
  onupgradeneeded: Handler = null;
  onblocked: Handler = null;
}

class FakeTransaction {
  oncomplete: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;
  error: DOMException | null = null;
  constructor(private readonly data: Map<IDBValidKey, unknown>) {
    setTimeout(() => this.oncomplete?.(), 0);
  }
  objectStore(_name: string) {
    const data = this.data;
    return {
      get(key: IDBValidKey) {
        const req = new FakeRequest<unknown>();
        setTimeout(() => {
          req.result = structuredClone(data.get(key));
          req.onsuccess?.();
        }, 0);
        return req;
      },
      put(value: unknown, key: IDBValidKey) {
        data.set(key, structuredClone(value)); // throws DataCloneError like IndexedDB would
        return new FakeRequest<IDBValidKey>();
      },
    };
  }
}

class FakeDatabase {
  readonly stores = new Map<string, Map<IDBValidKey, unknown>>();
  readonly objectStoreNames = { contains: (name: string) => this.stores.has(name) };
  createObjectStore(name: string): void {
    this.stores.set(name, new Map());
  }
  transaction(name: string, _mode: IDBTransactionMode): FakeTransaction {
    const store = this.stores.get(name);
    if (!store) throw new DOMException(`no object store ${name}`, 'NotFoundError');
    return new FakeTransaction(store);
  }
}

export function fakeIndexedDB(): {
  factory: IDBFactory;
  databases: Map<string, FakeDatabase>;
  opens: () => number;
} {
  const databases = new Map<string, FakeDatabase>();
  let opens = 0;
  const factory = {
    open(name: string, _version?: number) {
      opens++;
      const req = new FakeRequest<FakeDatabase>();
      setTimeout(() => {
        let db = databases.get(name);
        const created = !db;
        if (!db) {
          db = new FakeDatabase();
          databases.set(name, db);
        }
        req.result = db;
        if (created) req.onupgradeneeded?.();
        req.onsuccess?.();
      }, 0);
      return req;
    },
  };
  return { factory: factory as unknown as IDBFactory, databases, opens: () => opens };
}
