// A live client wired to fake channels, plus the steps a test takes as "the server".
import { createComputed, createRoot } from 'solid-js';
import { vi } from 'vitest';
import { type LiveClient, makeLiveClient } from '../../../web/src/live/client.ts';
import type { FlushScheduler } from '../../../web/src/live/coalescer.ts';
import type { Tuning } from '../../../web/src/live/config.ts';
import {
  campaign,
  FakeEventSource,
  FakeEventSourceCtor,
  FakeWebSocket,
  FakeWebSocketCtor,
  health,
  healthEnv,
  makeFakeFetch,
  makeLifecycle,
  metricsResponse,
} from './fakes.ts';

export const API = 'http://127.0.0.1:1';
export const WS_URL = 'ws://127.0.0.1:1/ws';

/** Applies each live message as it arrives: the transport tests read the state right after a send. */
export const immediately: FlushScheduler = (flush) => {
  flush();
  return () => {};
};

export function setupClient(
  tuning: Partial<Tuning> = {},
  opts: { connect?: boolean; schedule?: FlushScheduler } = {},
) {
  FakeWebSocket.reset();
  FakeEventSource.reset();
  const routes = new Map<string, unknown>([
    ['/analytics/metrics', metricsResponse([campaign('a')])],
    ['/analytics/system/health', health()],
  ]);
  const net = makeFakeFetch(routes);
  const lifecycle = makeLifecycle();
  const client: LiveClient = makeLiveClient({
    endpoints: { wsUrl: WS_URL, apiBase: API },
    tuning,
    WebSocket: FakeWebSocketCtor,
    EventSource: FakeEventSourceCtor,
    fetch: net.fetch,
    random: () => 0.5,
    lifecycle,
    schedule: opts.schedule ?? immediately,
  });
  // every status the UI would have seen, in order
  const seen: string[] = [];
  const dispose = createRoot((d) => {
    createComputed(() => seen.push(`${client.status.channel}:${client.status.connected}`));
    return d;
  });
  if (opts.connect !== false) client.connect();
  return {
    client,
    routes,
    net,
    lifecycle,
    seen,
    channel: () => client.status.channel,
    sockets: () => FakeWebSocket.instances.length,
    streams: () => FakeEventSource.instances.length,
    close() {
      client.disconnect();
      dispose();
    },
  };
}

/** Keep a channel alive for `ms` with a health update every second, as a busy bridge would. */
export async function feed(send: (env: unknown) => void, fromSeq: number, ms: number): Promise<number> {
  let seq = fromSeq;
  for (let t = 0; t < ms; t += 1_000) {
    await vi.advanceTimersByTimeAsync(Math.min(1_000, ms - t));
    send(healthEnv(++seq));
  }
  return seq;
}
