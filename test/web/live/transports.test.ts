// One contract, three channels: every transport delivers validated messages, reports bad ones
// without ending, ends once when the server goes away, never after close(), and refreshes on demand.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Incoming } from '../../../web/src/live/envelope.ts';
import { pollingTransport } from '../../../web/src/live/transports/polling.ts';
import { makeSocketWorkerHost } from '../../../web/src/live/transports/socketWorkerHost.ts';
import { sseTransport } from '../../../web/src/live/transports/sse.ts';
import type { Transport, TransportCallbacks, TransportEnd } from '../../../web/src/live/transports/types.ts';
import { websocketTransport } from '../../../web/src/live/transports/websocket.ts';
import { workerWebsocketTransport } from '../../../web/src/live/transports/workerWebsocket.ts';
import {
  campaign,
  FakeEventSource,
  FakeEventSourceCtor,
  FakeWebSocket,
  FakeWebSocketCtor,
  makeFakeFetch,
  makeInProcessWorker,
  metricsResponse,
  snapshotEnv,
} from './fakes.ts';

interface Driver {
  transport: Transport;
  /** make the server deliver one full state and let it arrive */
  deliver(): Promise<void>;
  /** make the server send something that is not a valid message */
  garbage(): Promise<void>;
  /** make the server go away for good */
  kill(): Promise<void>;
  /** how many full states the client has asked for so far */
  requests(): number;
}

function wsDriver(): Driver {
  const transport = websocketTransport({
    url: 'ws://127.0.0.1:1/ws',
    pingIntervalMs: 15_000,
    WebSocket: FakeWebSocketCtor,
  });
  const ws = () => FakeWebSocket.last();
  return {
    transport,
    async deliver() {
      if (ws().readyState === 0) ws().serverOpen();
      ws().serverSend(snapshotEnv(1, [campaign('a')]));
    },
    async garbage() {
      if (ws().readyState === 0) ws().serverOpen();
      ws().serverSendText('{"type":"metrics_update","data":{"campaignId":"a"},"seq":2}');
    },
    async kill() {
      ws().serverClose(1006);
    },
    requests: () =>
      ws()
        .actions()
        .filter((a) => a === 'subscribe').length,
  };
}

/** The same WebSocket, run by the socket worker (in-process here: the real pump behind a fake Worker). */
function workerWsDriver(): Driver {
  const url = 'ws://127.0.0.1:1/ws';
  const inProcess = makeInProcessWorker();
  const transport = workerWebsocketTransport({
    url,
    pingIntervalMs: 15_000,
    host: makeSocketWorkerHost(() => inProcess.worker),
    fallback: websocketTransport({ url, pingIntervalMs: 15_000, WebSocket: FakeWebSocketCtor }),
  });
  const ws = () => FakeWebSocket.last();
  // page → worker and worker → page are each one postMessage (a fake timer tick) away; a timer set
  // during a tick is due 1 ms later under fake timers
  const settle = async () => {
    for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(1);
  };
  return {
    transport,
    async deliver() {
      await settle();
      if (ws().readyState === 0) ws().serverOpen();
      ws().serverSend(snapshotEnv(1, [campaign('a')]));
      await settle();
    },
    async garbage() {
      await settle();
      ws().serverSendText('{"type":"metrics_update","data":{"campaignId":"a"},"seq":2}');
      await settle();
    },
    async kill() {
      await settle();
      ws().serverClose(1006);
      await settle();
    },
    requests: () =>
      ws()
        .actions()
        .filter((a) => a === 'subscribe').length,
  };
}

function sseDriver(): Driver {
  const transport = sseTransport({
    url: 'http://127.0.0.1:1/analytics/stream',
    EventSource: FakeEventSourceCtor,
  });
  return {
    transport,
    async deliver() {
      FakeEventSource.last().accept(snapshotEnv(1, [campaign('a')]));
    },
    async garbage() {
      FakeEventSource.last().emitText('metrics_update', 'not json');
    },
    async kill() {
      FakeEventSource.last().serverFail(true);
    },
    requests: () => FakeEventSource.instances.length,
  };
}

function pollingDriver(): Driver {
  const routes = new Map<string, unknown>();
  const { fetch, calls } = makeFakeFetch(routes);
  const transport = pollingTransport({
    apiBase: 'http://127.0.0.1:1',
    intervalMs: () => 2_000,
    jitter: 0.2,
    maxFailures: 2,
    fetch,
    random: () => 0.5,
  });
  routes.set('/analytics/metrics', metricsResponse([campaign('a')]));
  return {
    transport,
    async deliver() {
      routes.set('/analytics/metrics', metricsResponse([campaign('a')]));
      await vi.advanceTimersByTimeAsync(2_000);
    },
    async garbage() {
      routes.set('/analytics/metrics', { campaigns: 'nope' });
      await vi.advanceTimersByTimeAsync(2_000);
    },
    async kill() {
      routes.delete('/analytics/metrics');
      await vi.advanceTimersByTimeAsync(10_000);
    },
    requests: () => calls.filter((p) => p === '/analytics/metrics').length,
  };
}

function record() {
  const messages: Incoming[] = [];
  const invalid: string[] = [];
  const ends: TransportEnd[] = [];
  const cb: TransportCallbacks = {
    message: (m) => messages.push(m),
    invalid: (p) => invalid.push(p),
    end: (e) => ends.push(e),
  };
  return { cb, messages, invalid, ends };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.reset();
  FakeEventSource.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

const drivers: [string, () => Driver][] = [
  ['websocket', wsDriver],
  ['websocket in a worker', workerWsDriver],
  ['sse', sseDriver],
  ['polling', pollingDriver],
];

describe.each(drivers)('%s transport', (name, makeDriver) => {
  test('is named after its channel and supported when its browser API exists', () => {
    const d = makeDriver();
    expect(d.transport.name).toBe(name.split(' ')[0]);
    expect(d.transport.supported()).toBe(true);
  });

  test('delivers a full state as a validated message with its campaigns', async () => {
    const d = makeDriver();
    const r = record();
    d.transport.open(r.cb);
    await d.deliver();
    const full = r.messages.find((m) => m.type === 'snapshot' || m.type === 'rest');
    expect(
      full?.type === 'snapshot' || full?.type === 'rest' ? full.data.campaigns[0]?.campaignId : null,
    ).toBe('a');
    expect(r.ends).toEqual([]);
  });

  test('reports an invalid message without ending the channel', async () => {
    const d = makeDriver();
    const r = record();
    d.transport.open(r.cb);
    await d.deliver();
    await d.garbage();
    expect(r.invalid.length).toBeGreaterThan(0);
    expect(r.ends).toEqual([]);
  });

  test('ends exactly once when the server goes away', async () => {
    const d = makeDriver();
    const r = record();
    d.transport.open(r.cb);
    await d.deliver();
    await d.kill();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.ends).toHaveLength(1);
  });

  test('never ends nor delivers after the client closed it', async () => {
    const d = makeDriver();
    const r = record();
    const handle = d.transport.open(r.cb);
    await d.deliver();
    const before = r.messages.length;
    handle.close();
    await d.kill().catch(() => {});
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.ends).toEqual([]);
    expect(r.messages.length).toBe(before);
  });

  test('asks the server for a fresh full state on refresh()', async () => {
    const d = makeDriver();
    const r = record();
    const handle = d.transport.open(r.cb);
    await d.deliver();
    const before = d.requests();
    handle.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(d.requests()).toBe(before + 1);
  });
});

describe('websocket transport details', () => {
  test('subscribes on open and pings at its interval', async () => {
    const r = record();
    websocketTransport({
      url: 'ws://127.0.0.1:1/ws',
      pingIntervalMs: 1_000,
      WebSocket: FakeWebSocketCtor,
    }).open(r.cb);
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(ws.actions()).toEqual(['subscribe', 'ping', 'ping', 'ping']);
  });

  test('passes the close code on so the connection can choose its next step', () => {
    const r = record();
    websocketTransport({
      url: 'ws://127.0.0.1:1/ws',
      pingIntervalMs: 1_000,
      WebSocket: FakeWebSocketCtor,
    }).open(r.cb);
    FakeWebSocket.last().serverOpen();
    FakeWebSocket.last().serverClose(4501, 'terminal');
    expect(r.ends).toEqual([{ code: 4501, reason: 'terminal' }]);
  });
});

describe('sse transport details', () => {
  test('lets the browser retry a dropped stream and only ends on a permanent failure', () => {
    const r = record();
    sseTransport({ url: 'http://127.0.0.1:1/analytics/stream', EventSource: FakeEventSourceCtor }).open(r.cb);
    const es = FakeEventSource.last();
    es.accept(snapshotEnv(1, [campaign('a')]));
    es.serverFail(false);
    expect(r.ends).toEqual([]);
    es.serverFail(true);
    expect(r.ends).toHaveLength(1);
    expect(es.closed).toBe(true);
  });

  test('reads `event: error` frames as error envelopes, not as a broken connection', () => {
    const r = record();
    sseTransport({ url: 'http://127.0.0.1:1/analytics/stream', EventSource: FakeEventSourceCtor }).open(r.cb);
    const es = FakeEventSource.last();
    es.serverOpen();
    es.emit({
      type: 'error',
      data: { code: 'rate_limited', message: 'slow down' },
      timestamp: new Date().toISOString(),
    } as never);
    expect(r.messages.map((m) => m.type)).toEqual(['error']);
    expect(r.ends).toEqual([]);
  });
});

describe('polling transport details', () => {
  test('polls every interval ±20 % and reads metrics and system health each time', async () => {
    const routes = new Map<string, unknown>([['/analytics/metrics', metricsResponse([campaign('a')])]]);
    const { fetch, calls } = makeFakeFetch(routes);
    let r = 0;
    const randoms = [0, 0.999];
    pollingTransport({
      apiBase: 'http://127.0.0.1:1',
      intervalMs: () => 2_000,
      jitter: 0.2,
      maxFailures: 2,
      fetch,
      random: () => randoms[r++ % 2]!,
    }).open(record().cb);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['/analytics/metrics', '/analytics/system/health']);
    await vi.advanceTimersByTimeAsync(1_599); // first wait: 2000 · 0.8
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(2_390); // second wait: just under 2000 · 1.2
    expect(calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(6);
  });

  test('keeps polling through one failed poll and ends after two in a row', async () => {
    const routes = new Map<string, unknown>([['/analytics/metrics', metricsResponse([campaign('a')])]]);
    const { fetch } = makeFakeFetch(routes);
    const r = record();
    pollingTransport({
      apiBase: 'http://127.0.0.1:1',
      intervalMs: () => 2_000,
      jitter: 0,
      maxFailures: 2,
      fetch,
    }).open(r.cb);
    await vi.advanceTimersByTimeAsync(0);
    routes.set('/analytics/metrics', 503);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(r.ends).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(r.ends).toHaveLength(1);
    expect(r.ends[0]?.reason).toMatch(/HTTP 503/);
  });
});
