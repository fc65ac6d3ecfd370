import { render } from '@solidjs/testing-library';
import { createRoot, For } from 'solid-js';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { aggregate } from '../../../bridge/protocol/index.ts';
import { liveClient, makeLiveClient, setLiveClient } from '../../../web/src/live/client.ts';
import { DEFAULTS } from '../../../web/src/live/config.ts';
import { createRealTimeMetrics } from '../../../web/src/live/createRealTimeMetrics.ts';
import {
  campaign,
  FakeEventSource,
  FakeWebSocket,
  FakeWebSocketCtor,
  metricsEnv,
  snapshotEnv,
} from './fakes.ts';
import { feed, setupClient } from './harness.ts';

let h: ReturnType<typeof setupClient>;
const ws = () => FakeWebSocket.last();
const C = [
  campaign('c1', { name: 'Renewals', activeCalls: 4 }),
  campaign('c2', { name: 'Acquisition', activeCalls: 6 }),
  campaign('c3', { name: 'Winback', activeCalls: 1 }),
];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T08:00:00Z'));
  h = setupClient({}, { connect: false });
  setLiveClient(h.client);
});
afterEach(() => {
  setLiveClient(undefined);
  h.close();
  vi.useRealTimers();
});

/** create in a root, run fn, dispose */
function withMetrics<T>(
  opts: Parameters<typeof createRealTimeMetrics>[0],
  fn: (m: ReturnType<typeof createRealTimeMetrics>) => T,
): T {
  return createRoot((dispose) => {
    try {
      return fn(createRealTimeMetrics(opts));
    } finally {
      dispose();
    }
  });
}

describe('createRealTimeMetrics', () => {
  test('lists every campaign sorted by name, with the aggregate over them', () => {
    withMetrics({}, (m) => {
      ws().accept(snapshotEnv(1, C));
      expect(m.campaignMetrics().map((c) => c.name)).toEqual(['Acquisition', 'Renewals', 'Winback']);
      expect(m.aggregateMetrics()).toEqual(aggregate(C));
      expect(m.campaign('c3')?.name).toBe('Winback');
      expect(m.systemHealth()).not.toBeNull();
      expect(m.history().at(-1)?.activeCalls).toBe(11);
    });
  });

  test('sorts names case-insensitively, and equal names by id, so the order never flickers', () => {
    withMetrics({}, (m) => {
      ws().accept(
        snapshotEnv(1, [
          campaign('z2', { name: 'beta' }),
          campaign('a1', { name: 'Alpha' }),
          campaign('z1', { name: 'Beta' }),
          campaign('b1', { name: 'beta' }),
        ]),
      );
      expect(m.campaignMetrics().map((c) => c.campaignId)).toEqual(['a1', 'b1', 'z1', 'z2']);
    });
  });

  test('with a campaignId shows only that campaign, its aggregate and its history', () => {
    withMetrics({ campaignId: 'c1' }, (m) => {
      ws().accept(snapshotEnv(1, C));
      expect(m.campaignMetrics().map((c) => c.campaignId)).toEqual(['c1']);
      expect(m.aggregateMetrics()).toEqual(aggregate([C[0]!]));
      ws().serverSend(metricsEnv(2, campaign('c1', { name: 'Renewals', activeCalls: 9 })));
      expect(m.aggregateMetrics().totalActiveCalls).toBe(9);
      expect(m.history().at(-1)?.activeCalls).toBe(9);
      expect(m.campaignHistory('c2').at(-1)?.activeCalls).toBe(6);
    });
  });

  test('an unknown campaignId shows nothing rather than failing', () => {
    withMetrics({ campaignId: 'nope' }, (m) => {
      ws().accept(snapshotEnv(1, C));
      expect(m.campaignMetrics()).toEqual([]);
      expect(m.aggregateMetrics().totalAttempts).toBe(0);
      expect(m.history()).toEqual([]);
    });
  });

  test('reports the channel, the connection and the time of the newest data', () => {
    withMetrics({}, (m) => {
      expect(m.isConnected()).toBe(false);
      expect(m.transport()).toBe('offline');
      expect(m.lastUpdate()).toBeNull();
      ws().accept(snapshotEnv(1, C));
      expect(m.isConnected()).toBe(true);
      expect(m.transport()).toBe('websocket');
      expect(m.lastUpdate()).toBe(Date.now());
      ws().serverClose(1006);
      // re-establishing the channel: not connected, but not "Offline since" either
      expect(m.isConnected()).toBe(false);
      expect(m.transport()).toBe('websocket');
      expect(m.offlineSince()).toBeNull();
    });
  });

  test('autoConnect false leaves connecting to the caller', () => {
    withMetrics({ autoConnect: false }, (m) => {
      expect(h.sockets()).toBe(0);
      m.connect();
      expect(h.sockets()).toBe(1);
    });
  });

  test('refreshMetrics reloads the state over REST once', async () => {
    await createRoot(async (dispose) => {
      const m = createRealTimeMetrics({ autoConnect: false });
      await m.refreshMetrics();
      expect(h.net.calls).toEqual(['/analytics/metrics', '/analytics/system/health']);
      expect(m.campaignMetrics().map((c) => c.campaignId)).toEqual(['a']);
      h.routes.set('/analytics/metrics', 503);
      await expect(m.refreshMetrics()).rejects.toThrow('GET http://127.0.0.1:1/analytics/metrics: HTTP 503');
      dispose();
    });
  });

  test('pollingInterval sets how often the polling channel polls', async () => {
    const dispose = createRoot((d) => {
      createRealTimeMetrics({ pollingInterval: 10_000 });
      return d;
    });
    ws().serverClose(1006);
    FakeEventSource.last().serverFail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.channel()).toBe('polling');
    const first = h.net.calls.length;
    await vi.advanceTimersByTimeAsync(9_999); // random 0.5: exactly the interval
    expect(h.net.calls.length).toBe(first);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.net.calls.length).toBe(first + 2);
    dispose();
  });
});

describe('connecting after the first render', () => {
  test('with autoConnectIn, the first user connects when that callback runs, and not at all if it left first', () => {
    const waiting: Array<() => void> = [];
    const client = makeLiveClient({
      endpoints: { wsUrl: 'ws://127.0.0.1:1/ws', apiBase: 'http://127.0.0.1:1' },
      WebSocket: FakeWebSocketCtor,
      lifecycle: null,
      autoConnectIn: (connect) => waiting.push(connect),
    });
    const before = FakeWebSocket.instances.length;
    const release = client.retain(true);
    expect(FakeWebSocket.instances.length).toBe(before); // not inside the render that retained it
    waiting.shift()?.();
    expect(FakeWebSocket.instances.length).toBe(before + 1);
    release();
    client.disconnect();
    // a user that is gone before its turn comes opens nothing
    const releaseAgain = client.retain(true);
    releaseAgain();
    waiting.shift()?.();
    expect(FakeWebSocket.instances.length).toBe(before + 1);
  });
});

describe('the shared connection', () => {
  test('is opened once for every user and survives a page change', async () => {
    const disposeA = createRoot((d) => {
      createRealTimeMetrics();
      return d;
    });
    const disposeB = createRoot((d) => {
      createRealTimeMetrics({ campaignId: 'c1' });
      return d;
    });
    expect(h.sockets()).toBe(1);
    ws().accept(snapshotEnv(1, C));
    // a page change: the old page's user goes, the new page's user comes within the grace period
    disposeA();
    disposeB();
    await vi.advanceTimersByTimeAsync(DEFAULTS.releaseGraceMs - 1);
    const disposeC = createRoot((d) => {
      createRealTimeMetrics({ campaignId: 'c2' });
      return d;
    });
    await feed((e) => ws().serverSend(e), 1, 10_000);
    expect(h.sockets()).toBe(1);
    expect(ws().closedByClient).toBeNull();
    disposeC();
    await vi.advanceTimersByTimeAsync(DEFAULTS.releaseGraceMs);
    expect(ws().closedByClient).not.toBeNull();
    expect(h.channel()).toBe('offline');
  });

  test('liveClient() returns the one shared client', () => {
    expect(liveClient()).toBe(h.client);
    expect(liveClient()).toBe(liveClient());
  });

  test('onStateChange hears each store change as it happens, and nothing once turned off', () => {
    // this harness applies messages at once; in a browser the coalescer commits once a frame
    const calls: number[] = [];
    const off = h.client.onStateChange(() => calls.push(h.client.state.campaigns.c1?.activeCalls ?? -1));
    h.client.connect();
    ws().accept(snapshotEnv(1, C));
    expect(calls).toHaveLength(1);
    for (let i = 2; i < 5; i++) ws().serverSend(metricsEnv(i, campaign('c1', { activeCalls: i })));
    // each listener call already sees the change it reports
    expect(calls.slice(1)).toEqual([2, 3, 4]);
    off();
    ws().serverSend(metricsEnv(5, campaign('c1', { activeCalls: 5 })));
    expect(calls).toHaveLength(4);
  });
});

describe('in the DOM', () => {
  test('a message reaches the rendered text without waiting for a timer', () => {
    function Board() {
      const live = createRealTimeMetrics();
      return (
        <ul>
          <For each={live.campaignMetrics()}>
            {(c) => (
              <li data-id={c.campaignId}>
                {c.name}: {c.activeCalls}
              </li>
            )}
          </For>
        </ul>
      );
    }
    const { container, unmount } = render(() => <Board />);
    ws().accept(snapshotEnv(1, C));
    const li = container.querySelector('[data-id=c1]');
    expect(li?.textContent).toBe('Renewals: 4');
    ws().serverSend(metricsEnv(2, campaign('c1', { name: 'Renewals', activeCalls: 17 })));
    expect(container.querySelector('[data-id=c1]')).toBe(li);
    expect(li?.textContent).toBe('Renewals: 17');
    unmount();
  });
});
