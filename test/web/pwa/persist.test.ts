import { createStore } from 'solid-js/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDerived } from '../../../bridge/protocol/index.ts';
import type { LiveState } from '../../../web/src/live/types.ts';
import { DEFAULTS } from '../../../web/src/pwa/defaults.ts';
import {
  idbSnapshotStore,
  makePersistence,
  memorySnapshotStore,
  type PersistableClient,
  parseSaved,
  type SavedSnapshot,
  SNAPSHOT_VERSION,
  toRecord,
} from '../../../web/src/pwa/persist.ts';
import { fakeIndexedDB } from './fakeIndexedDB.ts';

function liveState(activeCalls = 7, lastUpdate: number | null = 1_700_000_000_000): LiveState {
  const campaign = withDerived({
    campaignId: 'c1',
    name: 'Spring renewals',
    status: 'active',
    activeCalls,
    queueDepth: 120,
    dialingRate: 1.5,
    totalAttempts: 40,
    outcomes: {
      answered: 10,
      converted: 2,
      optOuts: 1,
      abandoned: 1,
      machine: 8,
      busy: 2,
      noAnswer: 12,
      failed: 1,
    },
    updatedAt: '2026-11-27T14:02:00.000Z',
  });
  const point = { t: 1_700_000_000_000, activeCalls, queueDepth: 120, dialingRate: 1.5 };
  return {
    campaigns: { c1: campaign },
    systemHealth: {
      cpuUsage: 0.3,
      memoryUsage: 0.5,
      answerRate: 0.35,
      activeCampaigns: 1,
      timestamp: '2026-11-27T14:02:00.000Z',
    },
    history: [point],
    campaignHistory: { c1: [point] },
    seq: 42,
    lastUpdate,
  };
}

/** A live client stand-in holding a real Solid store (a proxy, as in the app). */
function fakeClient(initial: LiveState) {
  const [state, setState] = createStore<LiveState>(initial);
  const listeners = new Set<() => void>();
  const hydrated: SavedSnapshot[] = [];
  const client: PersistableClient = {
    state,
    hydrate: (saved) => {
      hydrated.push(saved);
      setState(saved.state);
    },
    onStateChange: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  const change = (patch: Partial<LiveState>) => {
    setState(patch);
    for (const cb of listeners) cb();
  };
  return { client, change, hydrated, listeners };
}

afterEach(() => vi.useRealTimers());

/** Fake timers from a fixed time, an in-memory store with its writes counted, and a client. */
function onFakeClock() {
  vi.useFakeTimers();
  vi.setSystemTime(100_000);
  const store = memorySnapshotStore();
  const write = vi.spyOn(store, 'write');
  return { store, write, ...fakeClient(liveState(1)) };
}

describe('snapshot persistence', () => {
  it('round-trips the state and history through IndexedDB', async () => {
    const idb = fakeIndexedDB();
    const first = fakeClient(liveState(7));
    const p1 = makePersistence({
      store: idbSnapshotStore(idb.factory),
      client: first.client,
      now: () => 5_000,
    });
    expect(await p1.start()).toBeNull();
    await p1.flush();
    p1.dispose();

    // a later visit, opened offline: the same database gives the state back before any live data
    const second = fakeClient({
      ...liveState(0, null),
      campaigns: {},
      history: [],
      campaignHistory: {},
      seq: -1,
    });
    const p2 = makePersistence({ store: idbSnapshotStore(idb.factory), client: second.client });
    const loaded = await p2.start();
    expect(loaded?.savedAt).toBe(5_000);
    expect(second.hydrated).toHaveLength(1);
    expect(second.client.state).toEqual(liveState(7));
    expect(idb.databases.get(DEFAULTS.dbName)?.stores.has(DEFAULTS.storeName)).toBe(true);
    p2.dispose();
  });

  it('writes at most once per throttle interval, and the newest state at the end of it', async () => {
    const { store, write, client, change } = onFakeClock();
    const p = makePersistence({ store, client, throttleMs: 5_000 });
    await p.start();
    change({ seq: 43 }); // first change: written at once
    for (let i = 2; i <= 20; i++) {
      vi.advanceTimersByTime(200);
      change({ seq: 42 + i });
    }
    expect(write).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(write).toHaveBeenCalledTimes(2);
    expect(parseSaved(await store.read())?.state.seq).toBe(62);
    p.dispose();
  });

  it('saves nothing in the first seconds after start, unless flushed, then saves as usual', async () => {
    const { store, write, client, change } = onFakeClock();
    const p = makePersistence({ store, client, throttleMs: 1_000, firstSaveAfterMs: 5_000 });
    await p.start();
    change({ seq: 43 });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(write).toHaveBeenCalledTimes(1);
    expect(parseSaved(await store.read())?.state.seq).toBe(43);
    p.dispose();

    // leaving the page early still saves at once
    const early = makePersistence({ store, client, firstSaveAfterMs: 5_000 });
    await early.start();
    change({ seq: 44 });
    await early.flush();
    expect(parseSaved(await store.read())?.state.seq).toBe(44);
    early.dispose();
  });

  it('never overwrites a saved snapshot with a state that holds no data yet', async () => {
    const store = memorySnapshotStore();
    await store.write(toRecord(liveState(9), 1));
    const { client, change } = fakeClient({ ...liveState(0, null), campaigns: {}, seq: -1 });
    // hydrate does not happen here: the client ignores it (e.g. live data raced ahead and then was cleared)
    client.hydrate = () => {};
    const p = makePersistence({ store, client });
    await p.start();
    change({ seq: -1 });
    await p.flush();
    expect(parseSaved(await store.read())?.state.campaigns.c1?.activeCalls).toBe(9);
    p.dispose();
  });

  it('ignores a stored record of another version or shape, with a warning', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    const good = toRecord(liveState(), 1) as { version: number; state: LiveState; savedAt: number };
    expect(parseSaved(good, warn)).not.toBeNull();
    expect(parseSaved({ ...good, version: SNAPSHOT_VERSION + 1 }, warn)).toBeNull();
    expect(parseSaved({ ...good, state: { ...good.state, history: 'x' } }, warn)).toBeNull();
    expect(parseSaved('garbage', warn)).toBeNull();
    expect(parseSaved(undefined, warn)).toBeNull();
    expect(warnings).toHaveLength(3);
    expect(warnings[1]).toContain('state.history');
  });

  it('keeps the app running when the store fails to read or write', async () => {
    const warnings: string[] = [];
    const { client, change } = fakeClient(liveState());
    const p = makePersistence({
      store: {
        read: () => Promise.reject(new Error('disk gone')),
        write: () => Promise.reject(new Error('quota')),
      },
      client,
      warn: (m) => warnings.push(m),
    });
    expect(await p.start()).toBeNull();
    change({ seq: 50 });
    await p.flush();
    expect(warnings.some((w) => w.includes('disk gone'))).toBe(true);
    expect(warnings.some((w) => w.includes('quota'))).toBe(true);
    p.dispose();
  });

  it('stops saving once disposed', async () => {
    const store = memorySnapshotStore();
    const { client, change, listeners } = fakeClient(liveState());
    const p = makePersistence({ store, client });
    await p.start();
    p.dispose();
    expect(listeners.size).toBe(0);
    change({ seq: 99 });
    await p.flush();
    expect(store.records.size).toBe(0);
  });

  it('opens the database once for many reads and writes', async () => {
    const idb = fakeIndexedDB();
    const store = idbSnapshotStore(idb.factory);
    await store.write(toRecord(liveState(), 1));
    await store.write(toRecord(liveState(), 2));
    expect((await store.read()) as { savedAt: number }).toMatchObject({ savedAt: 2 });
    expect(idb.opens()).toBe(1);
  });
});
