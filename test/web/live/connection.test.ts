// The transport state machine, driven through the real client with fake sockets and fake timers.
// Tuning is the shipped DEFAULTS unless a test says otherwise; random() is 0.5, so a full-jitter
// delay is half its ceiling and a probe waits between(30 s, 55 s) = 42.5 s.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULTS } from '../../../web/src/live/config.ts';
import { makeConnection } from '../../../web/src/live/connection.ts';
import type { Incoming } from '../../../web/src/live/envelope.ts';
import type { Transport, TransportCallbacks } from '../../../web/src/live/transports/types.ts';
import { campaign, FakeEventSource, FakeWebSocket, healthEnv, metricsEnv, snapshotEnv } from './fakes.ts';
import { feed, setupClient } from './harness.ts';

const PROBE_MS = 42_500;
let h: ReturnType<typeof setupClient>;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T08:00:00Z'));
});
afterEach(() => {
  h?.close();
  vi.useRealTimers();
});

const ws = () => FakeWebSocket.last();
const es = () => FakeEventSource.last();

describe('opening', () => {
  test('streams over WebSocket once the bridge answers the subscribe with a snapshot', () => {
    h = setupClient();
    expect(ws().url).toBe('ws://127.0.0.1:1/ws');
    ws().serverOpen();
    expect(ws().actions()).toEqual(['subscribe']);
    expect(h.client.status.connected).toBe(false);
    ws().serverSend(snapshotEnv(1, [campaign('a'), campaign('b')]));
    expect(h.client.status).toMatchObject({ channel: 'websocket', connected: true, offlineSince: null });
    ws().serverSend(metricsEnv(2, campaign('a', { activeCalls: 9 })));
    expect(h.client.state.campaigns.a?.activeCalls).toBe(9);
    expect(h.client.state.seq).toBe(2);
    expect(h.streams()).toBe(0);
  });

  test('fails over to SSE at once when the WebSocket closes before opening', () => {
    h = setupClient();
    ws().serverClose(1006);
    expect(h.streams()).toBe(1);
    expect(es().url).toBe('http://127.0.0.1:1/analytics/stream');
    es().accept(snapshotEnv(1, [campaign('a')]));
    expect(h.channel()).toBe('sse');
    expect(h.client.state.campaigns.a).toBeDefined();
  });

  test('fails over to SSE within 7 s when the WebSocket handshake hangs', async () => {
    h = setupClient();
    await vi.advanceTimersByTimeAsync(DEFAULTS.openTimeoutMs - 1);
    expect(h.streams()).toBe(0);
    await vi.advanceTimersByTimeAsync(DEFAULTS.livenessCheckMs);
    expect(h.streams()).toBe(1);
    expect(ws().closedByClient).not.toBeNull();
    es().accept(snapshotEnv(1, [campaign('a')]));
    expect(h.channel()).toBe('sse');
    expect(Date.now() - new Date('2026-01-01T08:00:00Z').getTime()).toBeLessThanOrEqual(7_000);
  });

  test('falls to polling when SSE is refused for good, reading metrics and system health', async () => {
    h = setupClient();
    ws().serverClose(1006);
    es().serverFail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.net.calls).toEqual(['/analytics/metrics', '/analytics/system/health']);
    expect(h.channel()).toBe('polling');
    expect(h.client.state.campaigns.a).toBeDefined();
    expect(h.client.state.systemHealth).not.toBeNull();
  });

  test('goes offline with the time it happened and retries from WebSocket after backoff', async () => {
    h = setupClient();
    h.routes.clear();
    ws().serverClose(1006);
    es().serverFail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.client.status).toMatchObject({ channel: 'offline', connected: false, offlineSince: Date.now() });
    // full jitter, attempt 0: 0.5 · 500 ms
    await vi.advanceTimersByTimeAsync(249);
    expect(h.sockets()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets()).toBe(2);
    ws().accept(snapshotEnv(1, [campaign('a')]));
    expect(h.client.status).toMatchObject({ channel: 'websocket', connected: true, offlineSince: null });
  });
});

describe('hand-over', () => {
  test('a channel that dies with another one ready never shows Offline in between', async () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    ws().serverClose(1009); // does not loop on WebSocket: SSE at once
    es().accept(snapshotEnv(2, [campaign('a')]));
    es().serverFail(true); // SSE gone for good: polling
    await vi.advanceTimersByTimeAsync(0);
    expect(h.channel()).toBe('polling');
    // the first entry is the state before connecting
    expect(h.seen.slice(1).filter((s) => s.startsWith('offline'))).toEqual([]);
    expect(h.client.status.offlineSince).toBeNull();
  });

  test('an open channel that dies with nothing else working does go Offline, dated', async () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    h.routes.clear();
    ws().serverClose(1009);
    es().serverFail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.client.status).toMatchObject({ channel: 'offline', connected: false, offlineSince: Date.now() });
  });
});

describe('liveness', () => {
  test('a silent WebSocket is asked for a snapshot, then replaced within 7 s of its last message', async () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    const lastMessageAt = Date.now();
    await vi.advanceTimersByTimeAsync(DEFAULTS.quietMs);
    expect(ws().actions()).toEqual(['subscribe', 'subscribe']);
    while (h.streams() === 0 && Date.now() - lastMessageAt < 10_000) await vi.advanceTimersByTimeAsync(100);
    expect(h.streams()).toBe(1);
    es().accept(snapshotEnv(2, [campaign('a')]));
    expect(h.channel()).toBe('sse');
    expect(Date.now() - lastMessageAt).toBeLessThanOrEqual(7_000);
    expect(FakeWebSocket.instances[0]?.closedByClient).not.toBeNull();
  });

  test('an answer to the re-subscribe keeps the WebSocket', async () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    await vi.advanceTimersByTimeAsync(DEFAULTS.quietMs);
    ws().serverSend(snapshotEnv(2, [campaign('a')]));
    await vi.advanceTimersByTimeAsync(DEFAULTS.silenceMs - 1);
    expect(h.streams()).toBe(0);
    expect(h.channel()).toBe('websocket');
  });

  test('a stream that keeps delivering is never replaced', async () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    await feed((e) => ws().serverSend(e), 1, 60_000);
    expect(h.sockets()).toBe(1);
    expect(h.streams()).toBe(0);
    expect(
      ws()
        .actions()
        .filter((a) => a === 'subscribe'),
    ).toHaveLength(1);
  });

  test('after the device slept it starts over from WebSocket instead of trusting the old channel', async () => {
    h = setupClient();
    ws().serverClose(1006);
    es().accept(snapshotEnv(1, [campaign('a')]));
    expect(h.channel()).toBe('sse');
    // the clock jumps while no timer runs: a laptop lid closed for ten minutes
    vi.setSystemTime(Date.now() + 600_000);
    await vi.advanceTimersByTimeAsync(DEFAULTS.livenessCheckMs);
    expect(h.sockets()).toBe(2);
    expect(es().closed).toBe(true);
    ws().accept(snapshotEnv(2, [campaign('a')]));
    expect(h.channel()).toBe('websocket');
  });
});

describe('back to WebSocket', () => {
  test('a background probe takes over from SSE with no gap and closes the fallback', async () => {
    h = setupClient();
    ws().serverClose(1006);
    const stream = es();
    stream.accept(snapshotEnv(1, [campaign('a')]));
    let seq = await feed((e) => stream.emit(e as never), 1, PROBE_MS - 1);
    expect(h.sockets()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets()).toBe(2);
    const probe = ws();
    probe.serverOpen();
    // SSE keeps delivering until the probe has a full state
    stream.emit(metricsEnv(++seq, campaign('a', { activeCalls: 7 })));
    expect(h.client.state.campaigns.a?.activeCalls).toBe(7);
    expect(h.channel()).toBe('sse');
    probe.serverSend(snapshotEnv(++seq, [campaign('a', { activeCalls: 8 })]));
    expect(h.channel()).toBe('websocket');
    expect(stream.closed).toBe(true);
    expect(h.client.state.campaigns.a?.activeCalls).toBe(8);
    // from the first data on, the UI never saw a disconnected state
    expect(h.seen.slice(h.seen.indexOf('sse:true'))).toEqual(['sse:true', 'websocket:true']);
    expect(h.client.stats().promotions).toBe(1);
  });

  test('the probe takes over only with a full state, not with the first message of any kind', async () => {
    h = setupClient();
    ws().serverClose(1006);
    const stream = es();
    stream.accept(snapshotEnv(1, [campaign('a')]));
    await feed((e) => stream.emit(e as never), 1, PROBE_MS);
    const probe = ws();
    probe.serverOpen();
    probe.serverSend({
      type: 'error',
      data: { code: 'rate_limited', message: 'slow down' },
      timestamp: new Date().toISOString(),
    });
    probe.serverSend(healthEnv(1000));
    expect(h.channel()).toBe('sse');
    expect(stream.closed).toBe(false);
    expect(h.client.state.seq).toBeLessThan(1000);
  });

  test('a failed probe leaves SSE in place and is tried again later', async () => {
    h = setupClient();
    ws().serverClose(1006);
    const stream = es();
    stream.accept(snapshotEnv(1, [campaign('a')]));
    let seq = await feed((e) => stream.emit(e as never), 1, PROBE_MS);
    ws().serverClose(1006);
    expect(h.channel()).toBe('sse');
    expect(h.streams()).toBe(1);
    seq = await feed((e) => stream.emit(e as never), seq, PROBE_MS - 1);
    expect(h.sockets()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets()).toBe(3);
    ws().accept(snapshotEnv(seq + 1, [campaign('a')]));
    expect(h.channel()).toBe('websocket');
  });

  test('the probe also brings polling back to WebSocket', async () => {
    h = setupClient();
    ws().serverClose(1006);
    es().serverFail(true);
    await vi.advanceTimersByTimeAsync(PROBE_MS);
    expect(h.channel()).toBe('polling');
    expect(h.sockets()).toBe(2);
    ws().accept(snapshotEnv(1, [campaign('a')]));
    expect(h.channel()).toBe('websocket');
    const polls = h.net.calls.length;
    await feed((e) => ws().serverSend(e), 1, 10_000);
    expect(h.net.calls.length).toBe(polls);
    expect(h.channel()).toBe('websocket');
  });
});

describe('backoff', () => {
  /** advance until a new WebSocket appears; returns how long that took */
  async function nextSocketAfter(): Promise<number> {
    const start = Date.now();
    const count = FakeWebSocket.instances.length;
    while (FakeWebSocket.instances.length === count && Date.now() - start < 60_000)
      await vi.advanceTimersByTimeAsync(10);
    return Date.now() - start;
  }

  test('grows while connections die young and resets only after minUptime', async () => {
    h = setupClient({ maxGapMs: 60_000 });
    const delays: number[] = [];
    for (const upMs of [1_000, 1_000, 1_000, DEFAULTS.backoff.minUptimeMs, 1_000]) {
      ws().accept(snapshotEnv(1, [campaign('a')]));
      await feed((e) => ws().serverSend(e), 1, upMs);
      ws().serverClose(1006);
      delays.push(await nextSocketAfter());
    }
    // 0.5 · 500 · 2^n, back to attempt 0 after the connection that stayed up 5 s
    expect(delays).toEqual([250, 500, 1_000, 250, 500]);
    expect(h.streams()).toBe(0);
  });

  test('a wait longer than maxGapMs is spent on SSE, and the WebSocket retry comes as a probe', async () => {
    h = setupClient({ backoff: { baseMs: 10_000, capMs: 20_000, minUptimeMs: 5_000 } });
    ws().accept(snapshotEnv(1, [campaign('a')]));
    ws().serverClose(1006);
    expect(h.streams()).toBe(1);
    const stream = es();
    stream.accept(snapshotEnv(2, [campaign('a')]));
    await feed((e) => stream.emit(e as never), 2, 4_999);
    expect(h.sockets()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets()).toBe(2);
  });
});

describe('close codes', () => {
  // quick: 0.5 · 100 ms; backoff (attempt 0): 0.5 · 1000 ms; long: 15 s + 500 ms, spent on SSE
  const tuning = { quickReconnectMs: 100, backoff: { baseMs: 1_000, capMs: 20_000, minUptimeMs: 5_000 } };
  const cases: [number, string, number | null][] = [
    [1000, 'reconnects after backoff (the dashboard always wants data)', 500],
    [1001, 'reconnects quickly (going away)', 50],
    [1012, 'reconnects quickly (service restart)', 50],
    [1006, 'reconnects after backoff (abnormal closure)', 500],
    [1011, 'reconnects after backoff (server error)', 500],
    [4000, 'reconnects quickly to resync', 50],
    [4499, 'reconnects quickly to resync', 50],
  ];
  test.each(cases)('%i %s', async (code, _what, delay) => {
    h = setupClient(tuning);
    ws().accept(snapshotEnv(1, [campaign('a')]));
    ws().serverClose(code);
    // reconnecting, not offline: the data on screen is seconds old and the offline mark stays away
    expect(h.client.status).toMatchObject({ channel: 'websocket', connected: false, offlineSince: null });
    await vi.advanceTimersByTimeAsync(delay! - 1);
    expect(h.sockets()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets()).toBe(2);
    expect(h.streams()).toBe(0);
  });

  test.each([1009, 4500, 4999])(
    '%i does not loop on WebSocket: SSE at once, WebSocket only as a later probe',
    async (code) => {
      h = setupClient(tuning);
      ws().accept(snapshotEnv(1, [campaign('a')]));
      ws().serverClose(code);
      expect(h.streams()).toBe(1);
      es().accept(snapshotEnv(2, [campaign('a')]));
      await feed((e) => es().emit(e as never), 2, PROBE_MS - 1);
      expect(h.sockets()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(h.sockets()).toBe(2);
    },
  );

  test('1013 waits long before WebSocket again, on SSE meanwhile', async () => {
    h = setupClient(tuning);
    ws().accept(snapshotEnv(1, [campaign('a')]));
    ws().serverClose(1013);
    expect(h.streams()).toBe(1);
    es().accept(snapshotEnv(2, [campaign('a')]));
    await feed((e) => es().emit(e as never), 2, 15_499);
    expect(h.sockets()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets()).toBe(2);
  });

  test('a quick close right after a quick reconnect backs off instead of looping', async () => {
    h = setupClient(tuning);
    ws().accept(snapshotEnv(1, [campaign('a')]));
    ws().serverClose(1012);
    await vi.advanceTimersByTimeAsync(50);
    ws().accept(snapshotEnv(2, [campaign('a')]));
    ws().serverClose(1012);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.sockets()).toBe(2);
    await vi.advanceTimersByTimeAsync(1); // attempt 1: 0.5 · 2000 ms
    expect(h.sockets()).toBe(3);
  });
});

describe('page lifecycle', () => {
  const slow = { backoff: { baseMs: 10_000, capMs: 20_000, minUptimeMs: 5_000 } };
  function allDown() {
    h.routes.clear();
    ws().serverClose(1006);
    es().serverFail(true);
  }

  test.each([
    ['the page becomes visible', () => h.lifecycle.document.dispatchEvent(new Event('visibilitychange'))],
    [
      'the page is restored from the back/forward cache',
      () => {
        const e = Object.assign(new Event('pageshow'), { persisted: true });
        h.lifecycle.window.dispatchEvent(e);
      },
    ],
    ['the browser comes online', () => h.lifecycle.window.dispatchEvent(new Event('online'))],
  ])('reconnects at once, skipping the backoff wait, when %s', async (_when, fire) => {
    h = setupClient(slow);
    allDown();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.channel()).toBe('offline');
    fire();
    expect(h.sockets()).toBe(2);
  });

  test('ignores the page going hidden and a pageshow that is not a restore', async () => {
    h = setupClient(slow);
    allDown();
    await vi.advanceTimersByTimeAsync(0);
    h.lifecycle.document.visibilityState = 'hidden';
    h.lifecycle.document.dispatchEvent(new Event('visibilitychange'));
    h.lifecycle.window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    expect(h.sockets()).toBe(1);
  });

  test('a healthy connection is kept when the page becomes visible', () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    h.lifecycle.document.dispatchEvent(new Event('visibilitychange'));
    expect(h.sockets()).toBe(1);
    expect(h.channel()).toBe('websocket');
  });

  test('becoming visible on a fallback probes WebSocket now', () => {
    h = setupClient();
    ws().serverClose(1006);
    es().accept(snapshotEnv(1, [campaign('a')]));
    h.lifecycle.document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(0);
    expect(h.sockets()).toBe(2);
  });

  test('marks the client offline as soon as the browser reports the network gone', () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    h.lifecycle.window.dispatchEvent(new Event('offline'));
    expect(h.client.status).toMatchObject({ channel: 'offline', connected: false, offlineSince: Date.now() });
    expect(ws().closedByClient).not.toBeNull();
  });
});

describe('seq', () => {
  test('a gap on the WebSocket applies the newer data and re-subscribes for a fresh snapshot', () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    ws().serverSend(metricsEnv(2, campaign('a', { activeCalls: 4 })));
    expect(ws().actions()).toEqual(['subscribe']);
    ws().serverSend(metricsEnv(5, campaign('a', { activeCalls: 6 })));
    expect(ws().actions()).toEqual(['subscribe', 'subscribe']);
    expect(h.client.state.campaigns.a?.activeCalls).toBe(6);
    expect(h.client.stats().gaps).toBe(1);
  });

  test('a gap on SSE reopens the stream, which starts with a snapshot', () => {
    h = setupClient();
    ws().serverClose(1006);
    const first = es();
    first.accept(snapshotEnv(1, [campaign('a')]));
    first.emit(healthEnv(3));
    expect(h.streams()).toBe(2);
    expect(first.closed).toBe(true);
    es().accept(snapshotEnv(4, [campaign('a')]));
    expect(h.channel()).toBe('sse');
  });

  test('duplicates from a replay overlap are dropped', () => {
    h = setupClient();
    ws().accept(snapshotEnv(5, [campaign('a', { activeCalls: 3 })]));
    ws().serverSend(metricsEnv(5, campaign('a', { activeCalls: 99 })));
    ws().serverSend(metricsEnv(4, campaign('a', { activeCalls: 98 })));
    expect(h.client.state.campaigns.a?.activeCalls).toBe(3);
    ws().serverSend(metricsEnv(6, campaign('a', { activeCalls: 7 })));
    expect(h.client.state.campaigns.a?.activeCalls).toBe(7);
    expect(ws().actions()).toEqual(['subscribe']);
  });

  test('a long run of old seq numbers (a restarted stream) re-subscribes once for a fresh snapshot', () => {
    h = setupClient();
    ws().accept(snapshotEnv(500, [campaign('a')]));
    for (let i = 1; i <= DEFAULTS.maxDuplicateRun + 5; i++) ws().serverSend(healthEnv(i));
    expect(ws().actions()).toEqual(['subscribe', 'subscribe']);
  });

  test('an invalid message is counted and dropped without touching the state or the channel', () => {
    h = setupClient();
    ws().accept(snapshotEnv(1, [campaign('a')]));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    ws().serverSendText(
      JSON.stringify({ ...metricsEnv(2, campaign('a')), data: { campaignId: 'a', activeCalls: -1 } }),
    );
    expect(warn.mock.calls[0]?.[0]).toMatch(/invalid message on websocket: data\.\w+/);
    expect(h.client.stats().invalid).toBe(1);
    expect(h.client.state.seq).toBe(1);
    expect(h.channel()).toBe('websocket');
    warn.mockRestore();
  });
});

describe('stale callbacks', () => {
  /** A channel that keeps calling back after it was closed, as a buggy transport might. */
  function leakyTransport(name: 'websocket' | 'sse' | 'polling') {
    const opened: TransportCallbacks[] = [];
    const t: Transport = {
      name,
      supported: () => true,
      open(cb) {
        opened.push(cb);
        return { refresh() {}, close() {} };
      },
    };
    return { t, opened };
  }

  test('a superseded channel can neither write data nor end the current one', async () => {
    const a = leakyTransport('websocket');
    const b = leakyTransport('sse');
    const delivered: Incoming[] = [];
    const conn = makeConnection({
      transports: [a.t, b.t],
      tuning: DEFAULTS,
      deliver: (m) => {
        delivered.push(m);
        return 'ok';
      },
      lifecycle: null,
      random: () => 0.5,
    });
    conn.start();
    a.opened[0]!.message(snapshotEnv(1, [campaign('a')]) as Incoming);
    await vi.advanceTimersByTimeAsync(DEFAULTS.silenceMs + DEFAULTS.livenessCheckMs);
    expect(b.opened).toHaveLength(1);
    b.opened[0]!.message(snapshotEnv(2, [campaign('a')]) as Incoming);
    expect(conn.status().channel).toBe('sse');
    const count = delivered.length;
    a.opened[0]!.message(metricsEnv(3, campaign('a')) as Incoming);
    a.opened[0]!.end({ code: 1006, reason: 'late' });
    expect(delivered.length).toBe(count);
    expect(conn.status().channel).toBe('sse');
    expect(conn.pending().primary).toBe('sse');
    conn.stop();
  });
});

test('stop() closes every channel and nothing reopens afterwards', async () => {
  h = setupClient();
  ws().serverClose(1006);
  es().accept(snapshotEnv(1, [campaign('a')]));
  h.client.disconnect();
  expect(es().closed).toBe(true);
  expect(h.channel()).toBe('offline');
  await vi.advanceTimersByTimeAsync(120_000);
  expect(h.sockets()).toBe(1);
  expect(h.streams()).toBe(1);
});
