import { createMemo, createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { BridgeEnvelope } from '../../../bridge/protocol/index.ts';
import { aggregate } from '../../../bridge/protocol/index.ts';
import { DEFAULTS } from '../../../web/src/live/config.ts';
import { emptyState, type LiveStore, makeLiveStore } from '../../../web/src/live/store.ts';
import { campaign, healthEnv, metricsEnv, metricsResponse, snapshotEnv } from './fakes.ts';

const T0 = new Date('2026-01-01T08:00:00Z').getTime();
let store: LiveStore;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  store = makeLiveStore(DEFAULTS);
});
afterEach(() => vi.useRealTimers());

/** an envelope stamped `ms` after T0 (bridge time) */
const at = <E extends BridgeEnvelope>(ms: number, env: E): E => ({
  ...env,
  timestamp: new Date(T0 + ms).toISOString(),
});

describe('snapshots', () => {
  test('keep the object of an unchanged campaign and update a changed one in place', () => {
    store.apply(snapshotEnv(1, [campaign('a'), campaign('b')]));
    const a = store.state.campaigns.a;
    const b = store.state.campaigns.b;
    store.apply(snapshotEnv(2, [campaign('a'), campaign('b', { activeCalls: 42 })]));
    expect(store.state.campaigns.a).toBe(a);
    expect(store.state.campaigns.b).toBe(b);
    expect(store.state.campaigns.b?.activeCalls).toBe(42);
  });

  test('drop campaigns the snapshot no longer holds, with their sparklines', () => {
    store.apply(snapshotEnv(1, [campaign('a'), campaign('b')]));
    store.apply(snapshotEnv(2, [campaign('a')]));
    expect(Object.keys(store.state.campaigns)).toEqual(['a']);
    expect(Object.keys(store.state.campaignHistory)).toEqual(['a']);
  });

  test('always apply, even with a lower seq (a restarted bridge counts from 0 again)', () => {
    store.apply(snapshotEnv(900, [campaign('a')]));
    expect(store.apply(snapshotEnv(3, [campaign('a', { activeCalls: 1 })]))).toBe('ok');
    expect(store.state.seq).toBe(3);
    expect(store.state.campaigns.a?.activeCalls).toBe(1);
  });

  test('a REST state applies like a snapshot but leaves seq alone and keeps health when it has none', () => {
    store.apply(snapshotEnv(7, [campaign('a')]));
    const health = store.state.systemHealth;
    const rest = metricsResponse([campaign('a', { queueDepth: 5 })]);
    store.apply({
      type: 'rest',
      data: { campaigns: rest.campaigns, systemHealth: null },
      timestamp: rest.timestamp,
    });
    expect(store.state.seq).toBe(7);
    expect(store.state.campaigns.a?.queueDepth).toBe(5);
    expect(store.state.systemHealth).toEqual(health);
  });
});

describe('deltas', () => {
  test('a metrics_update writes one campaign and leaves the others untouched', () => {
    store.apply(snapshotEnv(1, [campaign('a'), campaign('b')]));
    const a = store.state.campaigns.a;
    const b = store.state.campaigns.b;
    store.apply(metricsEnv(2, campaign('a', { activeCalls: 11 })));
    expect(store.state.campaigns.a).toBe(a);
    expect(a?.activeCalls).toBe(11);
    expect(store.state.campaigns.b).toBe(b);
  });

  test('a metrics_update for a new campaign adds it', () => {
    store.apply(snapshotEnv(1, [campaign('a')]));
    store.apply(metricsEnv(2, campaign('z')));
    expect(Object.keys(store.state.campaigns).sort()).toEqual(['a', 'z']);
  });

  test('a status change sets the status of a known campaign and ignores an unknown one', () => {
    store.apply(snapshotEnv(1, [campaign('a')]));
    const change = (seq: number, id: string): BridgeEnvelope => ({
      type: 'campaign_status_change',
      data: { campaignId: id, status: 'paused', previousStatus: 'active' },
      timestamp: new Date().toISOString(),
      seq,
    });
    store.apply(change(2, 'a'));
    store.apply(change(3, 'nope'));
    expect(store.state.campaigns.a?.status).toBe('paused');
    expect(store.state.campaigns.nope).toBeUndefined();
  });

  test('system health updates replace the health and stamp lastUpdate with the wall clock', () => {
    store.apply(snapshotEnv(1, [campaign('a')]));
    vi.setSystemTime(T0 + 1234);
    store.apply({ ...healthEnv(2), data: { ...healthEnv(2).data, cpuUsage: 0.9 } } as BridgeEnvelope);
    expect(store.state.systemHealth?.cpuUsage).toBe(0.9);
    expect(store.state.lastUpdate).toBe(T0 + 1234);
  });

  test('reports a gap when seq jumps, and duplicates when it does not advance', () => {
    store.apply(snapshotEnv(10, [campaign('a')]));
    expect(store.apply(healthEnv(11))).toBe('ok');
    expect(store.apply(healthEnv(11))).toBe('duplicate');
    expect(store.apply(healthEnv(9))).toBe('duplicate');
    expect(store.apply(healthEnv(15))).toBe('gap');
    expect(store.state.seq).toBe(15);
  });

  test('a long run of duplicates asks for a resync once: the stream restarted under us', () => {
    store.apply(snapshotEnv(500, [campaign('a')]));
    const results = Array.from({ length: DEFAULTS.maxDuplicateRun }, (_, i) => store.apply(healthEnv(i + 1)));
    expect(results.slice(0, -1).every((r) => r === 'duplicate')).toBe(true);
    expect(results.at(-1)).toBe('resync');
    // asked once: the next duplicates start a new run instead of asking on every message
    expect(store.apply(healthEnv(1))).toBe('duplicate');
    expect(store.state.seq).toBe(500);
  });
});

test('an error envelope is logged and changes nothing, not even lastUpdate', () => {
  store.apply(snapshotEnv(1, [campaign('a')]));
  vi.setSystemTime(T0 + 5_000);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const r = store.apply({
    type: 'error',
    data: { code: 'rate_limited', message: 'slow down' },
    timestamp: new Date().toISOString(),
  });
  expect(r).toBe('ignored');
  expect(warn.mock.calls[0]?.[0]).toBe('live feed error rate_limited: slow down');
  expect(store.state.lastUpdate).toBe(T0);
  warn.mockRestore();
});

describe('history', () => {
  test('updates within one interval replace the bucket; a later interval appends', () => {
    store.apply(
      at(0, snapshotEnv(1, [campaign('a', { activeCalls: 1 }), campaign('b', { activeCalls: 2 })])),
    );
    store.apply(at(500, metricsEnv(2, campaign('a', { activeCalls: 5 }))));
    expect(store.state.history).toEqual([{ t: T0, activeCalls: 7, queueDepth: 200, dialingRate: 3 }]);
    store.apply(at(2_100, metricsEnv(3, campaign('b', { activeCalls: 0 }))));
    expect(store.state.history.map((p) => [p.t - T0, p.activeCalls])).toEqual([
      [0, 7],
      [2_000, 5],
    ]);
    expect(store.state.campaignHistory.b?.map((p) => p.activeCalls)).toEqual([2, 0]);
    expect(store.state.campaignHistory.a?.map((p) => p.activeCalls)).toEqual([5]);
  });

  test('keeps at most historyLength points, dropping the oldest', () => {
    for (let i = 0; i < 30; i++)
      store.apply(at(i * 2_000, snapshotEnv(i, [campaign('a', { activeCalls: i })])));
    expect(store.state.history).toHaveLength(20);
    expect(store.state.history[0]?.activeCalls).toBe(10);
    expect(store.state.history.at(-1)?.activeCalls).toBe(29);
    expect(store.state.campaignHistory.a).toHaveLength(20);
  });

  test('the length and the interval are configurable', () => {
    store = makeLiveStore({ ...DEFAULTS, historyLength: 3, historyIntervalMs: 10_000 });
    for (let i = 0; i < 10; i++)
      store.apply(at(i * 5_000, snapshotEnv(i, [campaign('a', { activeCalls: i })])));
    expect(store.state.history.map((p) => [p.t - T0, p.activeCalls])).toEqual([
      [20_000, 5],
      [30_000, 7],
      [40_000, 9],
    ]);
  });

  test('an update stamped before the newest bucket does not rewrite history', () => {
    store.apply(at(4_000, snapshotEnv(1, [campaign('a', { activeCalls: 1 })])));
    store.apply(at(1_000, metricsEnv(2, campaign('a', { activeCalls: 9 }))));
    expect(store.state.history.map((p) => p.activeCalls)).toEqual([1]);
    expect(store.state.campaigns.a?.activeCalls).toBe(9);
  });
});

describe('derived values', () => {
  test('an aggregate memo over the store equals the shared aggregate() and follows deltas', () => {
    createRoot((dispose) => {
      const agg = createMemo(() => aggregate(Object.values(store.state.campaigns)));
      store.apply(snapshotEnv(1, [campaign('a'), campaign('b', { activeCalls: 10 })]));
      expect(agg()).toEqual(aggregate([campaign('a'), campaign('b', { activeCalls: 10 })]));
      store.apply(metricsEnv(2, campaign('a', { activeCalls: 0, status: 'paused' })));
      expect(agg().totalActiveCalls).toBe(10);
      expect(agg().activeCampaigns).toBe(1);
      dispose();
    });
  });
});

describe('hydrate', () => {
  const saved = () => {
    const s = emptyState();
    s.campaigns.a = campaign('a', { activeCalls: 4 });
    s.history = [{ t: T0, activeCalls: 4, queueDepth: 1, dialingRate: 1 }];
    s.seq = 99;
    s.lastUpdate = T0 - 60_000;
    return { state: s, savedAt: T0 - 60_000 };
  };

  test('shows persisted data before the first live message, and the live snapshot then wins', () => {
    expect(store.hydrate(saved())).toBe(true);
    expect(store.state.campaigns.a?.activeCalls).toBe(4);
    expect(store.state.lastUpdate).toBe(T0 - 60_000);
    expect(store.state.seq).toBe(-1);
    store.apply(snapshotEnv(3, [campaign('b')]));
    expect(Object.keys(store.state.campaigns)).toEqual(['b']);
  });

  test('is ignored once live data has arrived', () => {
    store.apply(snapshotEnv(1, [campaign('b')]));
    expect(store.hydrate(saved())).toBe(false);
    expect(Object.keys(store.state.campaigns)).toEqual(['b']);
  });

  test('rejects persisted data of the wrong shape, naming the field', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bad = saved();
    (bad.state as unknown as { history: unknown }).history = 'nope';
    expect(store.hydrate(bad)).toBe(false);
    expect(warn.mock.calls[0]?.[0]).toMatch(/state\.history/);
    expect(store.state.campaigns).toEqual({});
    warn.mockRestore();
  });
});
