// A small stand-in for the upstream (API Gateway WebSocket + REST) on 127.0.0.1, fully under the test's
// control: it numbers what it broadcasts, can fail or delay REST, enforce a maximum connection duration,
// send garbage, drop connections, and restart on the same port with the same state.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CampaignMetrics, SystemHealth, UpstreamEnvelope } from '../../../bridge/protocol/index.ts';
import { aggregate, emptyOutcomes, withDerived } from '../../../bridge/protocol/index.ts';
import { type WebSocket, WebSocketServer } from './nodeWs.ts';

export interface FakeState {
  campaigns: Map<string, CampaignMetrics>;
  health: SystemHealth | null;
  /** Number of the last call_event broadcast by `stream`/`callEvent`. */
  lastCall: number;
  lastTime: number;
}

export interface FakeUpstreamOptions {
  port?: number;
  state?: FakeState;
  /** Close each connection with 1001 after this long (API Gateway's maximum duration). 0 = never. */
  maxConnectionMs?: number;
  restDelayMs?: number;
  /** Answer REST with this status for the next `n` requests. */
  failRest?: { n: number; status: number };
  /** Serialize per connection with different whitespace (an upstream whose copies do not match). */
  distinctTexts?: boolean;
  /** Send to the newest connection first, so a rotation's new socket tends to run ahead. */
  newestFirst?: boolean;
}

export interface FakeUpstream {
  port: number;
  wsUrl: string;
  apiBase: string;
  state: FakeState;
  /** Every text a client sent, in order. */
  received: string[];
  /** `state.lastCall` at each subscribe: the calls after it are the ones that subscriber must see. */
  subscribedAfterCall: number[];
  restRequests: number;
  /** WebSocket connections accepted since the start. */
  accepted: number;
  connections(): number;
  subscribers(): number;
  /** Serialized once, the same text to every subscriber (what API Gateway fan-out looks like). */
  broadcast(env: UpstreamEnvelope | string | Buffer): void;
  /** Updates one campaign and broadcasts its metrics_update. */
  update(campaignId: string, change?: Partial<CampaignMetrics>): CampaignMetrics;
  /** Broadcasts call_event number `state.lastCall + 1` (callId `call-<n>`). */
  callEvent(): number;
  /** `burst` call_events every `intervalMs` until `stopStream()`. */
  stream(intervalMs: number, burst?: number): void;
  stopStream(): void;
  failRest(n: number, status: number): void;
  dropConnections(code?: number): void;
  /** Cuts the TCP link of the oldest connection (no close frame: the client sees 1006). */
  killOldest(): void;
  close(): Promise<void>;
}

export function newFakeState(campaignIds: readonly string[] = ['c1', 'c2']): FakeState {
  const state: FakeState = { campaigns: new Map(), health: null, lastCall: 0, lastTime: Date.now() };
  for (const id of campaignIds) {
    state.campaigns.set(id, {
      campaignId: id,
      name: `Campaign ${id}`,
      status: 'active',
      activeCalls: 0,
      queueDepth: 1000,
      dialingRate: 0,
      totalAttempts: 0,
      outcomes: emptyOutcomes(),
      updatedAt: iso(state),
    });
  }
  state.health = {
    cpuUsage: 0.2,
    memoryUsage: 0.3,
    answerRate: 0,
    activeCampaigns: campaignIds.length,
    timestamp: iso(state),
  };
  return state;
}

/** Strictly increasing ISO times, so every snapshot is newer than the one before. */
function iso(state: FakeState): string {
  state.lastTime = Math.max(Date.now(), state.lastTime + 1);
  return new Date(state.lastTime).toISOString();
}

/** The call numbers carried by forwarded call_events, in order. */
export const callNumbers = (envs: readonly UpstreamEnvelope[]): number[] =>
  envs.flatMap((e) => (e.type === 'call_event' ? [Number(e.data.callId.slice('call-'.length))] : []));

export async function startFakeUpstream(opts: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const state = opts.state ?? newFakeState();
  const received: string[] = [];
  const subscribed = new Set<WebSocket>();
  let failRest = opts.failRest ?? { n: 0, status: 500 };
  let streamTimer: ReturnType<typeof setInterval> | undefined;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    handle.restRequests++;
    if (failRest.n > 0) {
      failRest = { ...failRest, n: failRest.n - 1 };
      return json(res, failRest.status, { error: { code: 'internal', message: 'failing on purpose' } });
    }
    // State is read when the answer is written, like a real backend answering after a slow query.
    if (req.url === '/api/analytics/metrics') {
      const campaigns = [...state.campaigns.values()];
      return json(res, 200, {
        campaigns: campaigns.map(withDerived),
        aggregate: aggregate(campaigns),
        timestamp: new Date().toISOString(),
      });
    }
    if (req.url === '/api/analytics/system/health') {
      return state.health
        ? json(res, 200, state.health)
        : json(res, 404, { error: { code: 'not_found', message: 'no health' } });
    }
    json(res, 404, { error: { code: 'not_found', message: req.url ?? '' } });
  };
  const server = createServer((req, res) => {
    if (opts.restDelayMs) setTimeout(() => answer(req, res), opts.restDelayMs);
    else answer(req, res);
  });
  const wss = new WebSocketServer({ server, path: '/production' });
  wss.on('connection', (ws) => {
    handle.accepted++;
    const maxTimer = opts.maxConnectionMs
      ? setTimeout(() => ws.close(1001, 'Going away'), opts.maxConnectionMs)
      : undefined;
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      received.push(text);
      if (text.includes('"subscribe"')) {
        handle.subscribedAfterCall.push(state.lastCall);
        subscribed.add(ws);
      }
    });
    ws.on('close', () => {
      clearTimeout(maxTimer);
      subscribed.delete(ws);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const handle: FakeUpstream = {
    port,
    wsUrl: `ws://127.0.0.1:${port}/production`,
    apiBase: `http://127.0.0.1:${port}/api`,
    state,
    received,
    subscribedAfterCall: [],
    restRequests: 0,
    accepted: 0,
    connections: () => wss.clients.size,
    subscribers: () => subscribed.size,
    broadcast(env) {
      const data = typeof env === 'string' || Buffer.isBuffer(env) ? env : JSON.stringify(env);
      const targets = opts.newestFirst ? [...subscribed].reverse() : subscribed;
      let i = 0;
      for (const ws of targets) ws.send(opts.distinctTexts ? `${' '.repeat(i++)}${data}` : data);
    },
    update(campaignId, change = {}) {
      const prev = state.campaigns.get(campaignId);
      if (!prev) throw new Error(`no campaign ${campaignId}`);
      const next: CampaignMetrics = {
        ...prev,
        totalAttempts: prev.totalAttempts + 1,
        outcomes: { ...prev.outcomes, noAnswer: prev.outcomes.noAnswer + 1 },
        ...change,
        updatedAt: iso(state),
      };
      state.campaigns.set(campaignId, next);
      handle.broadcast({ type: 'metrics_update', data: next, timestamp: next.updatedAt });
      return next;
    },
    callEvent() {
      const n = ++state.lastCall;
      handle.broadcast({
        type: 'call_event',
        data: { callId: `call-${n}`, campaignId: 'c1', phase: 'dialing' },
        timestamp: iso(state),
      });
      return n;
    },
    stream(intervalMs, burst = 1) {
      clearInterval(streamTimer);
      streamTimer = setInterval(() => {
        for (let i = 0; i < burst; i++) handle.callEvent();
      }, intervalMs);
    },
    stopStream() {
      clearInterval(streamTimer);
    },
    failRest(n, status) {
      failRest = { n, status };
    },
    dropConnections(code = 1001) {
      for (const ws of wss.clients) ws.close(code, 'dropped');
    },
    killOldest() {
      wss.clients.values().next().value?.terminate();
    },
    async close() {
      clearInterval(streamTimer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}

/** Polls `check` every 10 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
