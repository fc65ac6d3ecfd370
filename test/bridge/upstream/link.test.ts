import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../../bridge/log.ts';
import {
  createUpstreamLink,
  type UpstreamLink,
  type UpstreamLinkOptions,
} from '../../../bridge/upstream/link.ts';
import { callNumbers, type FakeUpstream, newFakeState, startFakeUpstream, waitFor } from './fakeUpstream.ts';
import { WebSocket } from './nodeWs.ts';
import { type RecordingSink, recordingSink } from './recordingSink.ts';
import { seededRandom } from './seededRandom.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fake(opts: Parameters<typeof startFakeUpstream>[0] = {}): Promise<FakeUpstream> {
  const f = await startFakeUpstream(opts);
  let closed = false;
  const close = f.close;
  f.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(() => f.close());
  return f;
}

function capturingLog(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ write: (line) => lines.push(JSON.parse(line)) });
  return Object.assign(log, { lines });
}

function link(
  up: { wsUrl: string; apiBase: string },
  extra: Partial<UpstreamLinkOptions> = {},
): { link: UpstreamLink; sink: RecordingSink; log: ReturnType<typeof capturingLog> } {
  const sink = recordingSink();
  const log = capturingLog();
  const l = createUpstreamLink(
    {
      wsUrl: up.wsUrl,
      apiBase: up.apiBase,
      WebSocket,
      subscribeSettleMs: 50,
      backoff: { baseMs: 20, capMs: 200, minUptimeMs: 100 },
      random: seededRandom(7),
      log,
      ...extra,
    },
    sink,
  );
  cleanups.push(() => l.stop());
  l.start();
  return { link: l, sink, log };
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('upstream link', () => {
  it('subscribes, loads the state over REST, then forwards live envelopes in order', async () => {
    const up = await fake();
    const { link: l, sink } = link(up);
    await waitFor('live', () => l.stats().live);

    expect(up.received[0]).toBe('{"action":"subscribe"}');
    const first = sink.events.find((e) => e.kind !== 'status');
    expect(first?.kind).toBe('resync');
    expect([...sink.campaigns.values()]).toEqual([...up.state.campaigns.values()]);
    expect(sink.health()).toEqual(up.state.health);

    up.callEvent();
    const c1 = up.update('c1', { activeCalls: 4 });
    up.callEvent();
    await waitFor('3 envelopes', () => sink.envelopes().length === 3);
    expect(sink.envelopes().map((e) => e.type)).toEqual(['call_event', 'metrics_update', 'call_event']);
    expect(sink.campaigns.get('c1')).toEqual(c1);
    expect(l.stats()).toMatchObject({ connects: 1, live: true, invalidMessages: 0 });
  });

  it('sends {"action":"ping"} on a timer so the idle timeout never fires', async () => {
    const up = await fake();
    const { link: l } = link(up, { pingIntervalMs: 30 });
    await waitFor('live', () => l.stats().live);
    await waitFor('three pings', () => up.received.filter((t) => t === '{"action":"ping"}').length >= 3);
    expect(up.connections()).toBe(1);
  });

  it('holds the events that arrive while REST loads and replays them after the state, losing none', async () => {
    const up = await fake({ restDelayMs: 300 });
    up.stream(5);
    const { link: l, sink } = link(up, { subscribeSettleMs: 1_000 });
    await waitFor('live', () => l.stats().live);
    up.update('c1');
    await waitFor('more events after live', () => callNumbers(sink.envelopes()).length > 20);
    up.stopStream();
    const last = up.callEvent(); // sent after everything else: once it is in, all before it are
    await waitFor('the last event', () => callNumbers(sink.envelopes()).at(-1) === last);

    const kinds = sink.events.filter((e) => e.kind !== 'status').map((e) => e.kind);
    expect(kinds[0]).toBe('resync');
    expect(kinds.filter((k) => k === 'resync')).toHaveLength(1);
    const after = up.subscribedAfterCall[0] ?? -1;
    // Every call broadcast after the subscription reached the sink once, in order — including the
    // ones that arrived during the 300 ms REST answer.
    expect(callNumbers(sink.envelopes())).toEqual(range(after + 1, last));
    expect(after + 1).toBeLessThan(callNumbers(sink.envelopes()).length);
    expect([...sink.campaigns.values()]).toEqual([...up.state.campaigns.values()]);
  });

  it('reconnects after the upstream is killed and restarted on the same port, and converges to its REST state', async () => {
    const state = newFakeState(['c1', 'c2', 'c3']);
    const first = await fake({ state });
    const { link: l, sink } = link(first);
    await waitFor('live', () => l.stats().live);
    first.update('c1');
    await waitFor('first update', () => sink.envelopes().length === 1);

    await first.close();
    await waitFor('not live', () => !l.stats().live);
    // While the upstream is down the world moves on: nothing of this is ever sent live.
    state.campaigns.set('c2', { ...state.campaigns.get('c2')!, status: 'paused', queueDepth: 7 });
    state.campaigns.delete('c3');

    const second = await fake({ state, port: first.port });
    await waitFor('live again', () => l.stats().live && l.stats().connects === 2, 10_000);
    second.update('c1', { activeCalls: 9 });
    await waitFor('update after restart', () => sink.envelopes().length === 2);

    expect([...sink.campaigns.values()]).toEqual([...state.campaigns.values()]);
    expect(sink.health()).toEqual(state.health);
    expect(l.stats().failures).toBeGreaterThanOrEqual(1);
    expect(second.received[0]).toBe('{"action":"subscribe"}');
  });

  it.each([
    ['one message at a time', 1, false],
    ['bursts, so the old socket runs ahead', 40, false],
    ['bursts sent to the newest socket first, so the new one runs ahead', 40, true],
  ])(
    'rotates before the maximum connection duration with no gap and no duplicate (%s)',
    async (_, burst, newestFirst) => {
      const up = await fake({ maxConnectionMs: 1_500, newestFirst });
      up.stream(4 * burst, burst);
      const { link: l, sink } = link(up, { maxConnectionMs: 1_500, rotateMarginMs: 500 });
      await waitFor('two rotations', () => l.stats().rotations >= 2, 10_000);
      up.stopStream();
      const last = up.callEvent(); // sent after everything else: once it is in, all before it are
      await waitFor('the last event', () => callNumbers(sink.envelopes()).at(-1) === last);

      const after = up.subscribedAfterCall[0] ?? -1;
      expect(callNumbers(sink.envelopes())).toEqual(range(after + 1, last));
      // The upstream's 1001 at 1.5 s never hit: no reconnect, one REST resync, one socket left.
      expect(l.stats()).toMatchObject({ connects: 1, failures: 0 });
      expect(sink.resyncs()).toBe(1);
      const firstLive = sink.events.findIndex((e) => e.kind === 'status' && e.live);
      expect(sink.events.slice(firstLive).some((e) => e.kind === 'status' && !e.live)).toBe(false);
      await waitFor('old sockets closed', () => up.connections() === 1);
    },
  );

  it('falls back to a REST resync when the two sockets of a rotation never deliver the same text', async () => {
    const up = await fake({ distinctTexts: true });
    up.stream(5);
    const { link: l, sink } = link(up, { maxConnectionMs: 600, rotateMarginMs: 300, rotateSettleMs: 200 });
    await waitFor(
      'a rotation with resync',
      () => l.stats().rotations >= 1 && l.stats().connects >= 2,
      10_000,
    );
    up.stopStream();
    expect(sink.resyncs()).toBeGreaterThanOrEqual(2);
    // The feed stayed up: readiness never dropped after the first live.
    const firstLive = sink.events.findIndex((e) => e.kind === 'status' && e.live);
    expect(sink.events.slice(firstLive).some((e) => e.kind === 'status' && !e.live)).toBe(false);
    expect(l.stats().failures).toBe(0);
  });

  it('continues on the new socket with a resync when the old one dies mid-rotation', async () => {
    const up = await fake({ distinctTexts: true }); // no common text: the overlap stays open
    up.stream(5);
    const { link: l, sink } = link(up, { maxConnectionMs: 600, rotateMarginMs: 300, rotateSettleMs: 30_000 });
    await waitFor('both sockets subscribed', () => up.subscribers() === 2, 10_000);
    up.killOldest();
    await waitFor('live on the new socket', () => l.stats().live && l.stats().connects === 2, 10_000);
    expect(up.accepted).toBe(2); // the rotation's socket was kept, not replaced by a reconnect
    expect(l.stats()).toMatchObject({ failures: 1 });
    expect(sink.resyncs()).toBe(2);
    const n = up.state.lastCall + 1;
    up.stopStream();
    up.callEvent();
    await waitFor('traffic on the new socket', () => callNumbers(sink.envelopes()).includes(n));
  });

  it('gives up on a socket that does not open within connectTimeoutMs and tries again', async () => {
    // Accepts TCP and never answers the upgrade: the socket stays CONNECTING.
    const hole = createServer(() => {});
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      hole.closeAllConnections();
      await new Promise<void>((resolve) => hole.close(() => resolve()));
    });
    const port = (hole.address() as AddressInfo).port;
    const up = { wsUrl: `ws://127.0.0.1:${port}/production`, apiBase: `http://127.0.0.1:${port}/api` };
    const { link: l, sink, log } = link(up, { connectTimeoutMs: 50 });
    await waitFor('two timeouts', () => l.stats().failures >= 2);
    expect(l.stats().live).toBe(false);
    const reasons = sink.events.flatMap((e) => (e.kind === 'status' ? [e.reason] : []));
    expect(reasons.some((r) => /not open after 50 ms/.test(r))).toBe(true);
    expect(log.lines.some((x) => x.code === 4001)).toBe(true);
  });

  it('survives a sink that throws and keeps delivering', async () => {
    const up = await fake();
    const { link: l, sink, log } = link(up);
    await waitFor('live', () => l.stats().live);
    const envelope = sink.envelope;
    let thrown = 0;
    sink.envelope = (env) => {
      envelope(env);
      if (thrown++ === 0) throw new Error('bridge bug');
    };
    up.callEvent();
    up.callEvent();
    await waitFor('both events', () => sink.envelopes().length === 2);
    expect(log.lines.find((x) => x.msg === 'upstream sink threw')).toMatchObject({
      err: { message: 'bridge bug' },
    });
    expect(l.stats().connects).toBe(1);
  });

  it('drops, counts and logs garbage from upstream without touching the healthy connection', async () => {
    const up = await fake();
    const { link: l, sink, log } = link(up);
    await waitFor('live', () => l.stats().live);

    up.broadcast('not json');
    up.broadcast(
      '{"type":"metrics_update","data":{"campaignId":"c1"},"timestamp":"2026-11-27T10:00:00.000Z"}',
    );
    up.broadcast(Buffer.from([1, 2, 3]));
    up.broadcast('{"type":"future_feature","data":{}}');
    up.broadcast(
      '{"type":"error","data":{"code":"bad_json","message":"could not parse"},"timestamp":"2026-11-27T10:00:00.000Z"}',
    );
    for (let i = 0; i < 200; i++) up.broadcast(`garbage ${i}`);
    const n = up.callEvent();
    await waitFor('the valid event', () => sink.envelopes().length === 1);

    expect(callNumbers(sink.envelopes())).toEqual([n]);
    expect(l.stats()).toMatchObject({
      invalidMessages: 203,
      ignoredMessages: 1,
      upstreamErrors: 1,
      connects: 1,
      live: true,
    });
    expect(up.connections()).toBe(1);
    const dropped = log.lines.filter((x) => x.msg === 'upstream message dropped');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThan(5); // rate-limited: 203 bad frames, a line or two
    expect(String(dropped[0]?.problem)).toMatch(/JSON/);
  });

  it('treats a failed REST answer as a failed connect and retries with backoff until it succeeds', async () => {
    const up = await fake({ failRest: { n: 3, status: 503 } });
    const { link: l, sink, log } = link(up);
    await waitFor('live', () => l.stats().live, 10_000);
    expect(l.stats()).toMatchObject({ connects: 1, failures: 2 });
    expect(sink.resyncs()).toBe(1);
    const reasons = sink.events.flatMap((e) => (e.kind === 'status' ? [e.reason] : []));
    expect(reasons.some((r) => r.includes('HTTP 503'))).toBe(true);
    expect(
      log.lines.some((x) => x.msg === 'upstream link lost' && String(x.reason).includes('resync failed')),
    ).toBe(true);
  });

  it('backs off long after a 1009 close and comes back quickly after a 1001', async () => {
    const up = await fake();
    const backoff = { baseMs: 20, capMs: 300, minUptimeMs: 0 };
    const { link: l, log } = link(up, { backoff });
    await waitFor('live', () => l.stats().live);

    up.dropConnections(1001);
    await waitFor('live after 1001', () => l.stats().connects === 2);
    up.dropConnections(1009);
    await waitFor('live after 1009', () => l.stats().connects === 3, 10_000);

    const retries = log.lines.filter((x) => typeof x.retryInMs === 'number');
    const quick = retries.find((x) => x.code === 1001);
    const long = retries.find((x) => x.code === 1009);
    expect(quick?.retryInMs).toBeLessThan(backoff.baseMs);
    expect(long?.retryInMs).toBeGreaterThanOrEqual(backoff.capMs);
    expect(long?.level).toBe('error');
  });

  it('reconnects when a silence watchdog is set and the upstream goes quiet', async () => {
    const up = await fake();
    const { link: l, log } = link(up, { silenceTimeoutMs: 150 });
    await waitFor('a reconnect', () => l.stats().connects >= 2, 10_000);
    expect(log.lines.some((x) => x.code === 4002)).toBe(true);
  });

  it('stops: closes its socket, reports not live and never reconnects', async () => {
    const up = await fake();
    const { link: l, sink } = link(up);
    await waitFor('live', () => l.stats().live);
    await l.stop();
    await waitFor('socket closed', () => up.connections() === 0);
    expect(sink.events.at(-1)).toEqual({ kind: 'status', live: false, reason: 'stopped' });
    up.callEvent();
    await new Promise((r) => setTimeout(r, 150)); // several backoff periods: a reconnect would show
    expect(up.connections()).toBe(0);
    expect(sink.envelopes()).toHaveLength(0);
  });

  it('rejects bad options with a message naming the option', () => {
    const sink = recordingSink();
    const base = { wsUrl: 'ws://127.0.0.1:1/production', apiBase: 'http://127.0.0.1:1/api', WebSocket };
    expect(() => createUpstreamLink({ ...base, wsUrl: 'http://x/production' }, sink)).toThrow(/wsUrl/);
    expect(() => createUpstreamLink({ ...base, apiBase: 'nope' }, sink)).toThrow(/apiBase/);
    expect(() => createUpstreamLink({ ...base, pingIntervalMs: 0 }, sink)).toThrow(/pingIntervalMs/);
    expect(() => createUpstreamLink({ ...base, maxConnectionMs: 100, rotateMarginMs: 100 }, sink)).toThrow(
      /rotateMarginMs/,
    );
    expect(() =>
      createUpstreamLink({ ...base, backoff: { baseMs: 10, capMs: 5, minUptimeMs: 0 } }, sink),
    ).toThrow(/backoff\.capMs/);
  });
});
