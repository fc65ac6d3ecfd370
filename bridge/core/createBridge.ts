// The bridge without its runtime: a Hono app over the state and the hub, fed by the upstream link.
// Web standards only; the runtime entry injects WebSocket upgrades, socket details and static files.
import { type Context, Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { BridgeConfig } from '../config/config.ts';
import { type Logger, rateLimited, silentLogger, withFields } from '../log.ts';
import {
  createUpstreamLink,
  type UpstreamLink,
  type UpstreamLinkOptions,
  type UpstreamSink,
  type WebSocketCtor,
} from '../upstream/link.ts';
import { BRIDGE_ERRORS, jsonError } from './errors.ts';
import { createHub, type Hub } from './hub.ts';
import { type Readiness, restRoutes } from './restRoutes.ts';
import { portableSocketAdapter, type SocketAdapter } from './socketAdapter.ts';
import type { SseAdapter } from './sseAdapter.ts';
import type { Droppable } from './sseClient.ts';
import { createState, type State } from './state.ts';
import { type Assets, notFound, staticHandlers } from './staticRoutes.ts';
import { streamHandler } from './streamRoute.ts';
import { WsClient, type WsDeps } from './wsClient.ts';

export interface BridgeRuntime {
  /** The runtime's Hono WebSocket helper; without it /ws answers 501. */
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's helper has its own raw socket type
  upgradeWebSocket?: UpgradeWebSocket<any>;
  socketAdapter?: SocketAdapter;
  /** The built PWA; null = not built (pages answer 503 saying how to build it). */
  assets?: Assets | null;
  /** The connection behind a request (Node: the ServerResponse), to drop a too-slow SSE stream. */
  connectionOf?: (c: Context) => Droppable | undefined;
  /** Serves SSE streams on the runtime's own connections; default: a web ReadableStream body. */
  sseAdapter?: SseAdapter;
  /** For the upstream link; default: the runtime's globals. */
  WebSocket?: WebSocketCtor;
  fetch?: typeof fetch;
  /** Extra link options (tests shrink backoff and timeouts). */
  link?: Partial<UpstreamLinkOptions>;
  log?: Logger;
  now?: () => number;
  /** First seq is seqStart + 1; default the start time in ms (see state.ts). */
  seqStart?: number;
}

export interface Bridge {
  app: Hono;
  state: State;
  hub: Hub;
  /** null when no upstream is configured. */
  link: UpstreamLink | null;
  /** Where upstream data enters: the link calls it; tests may too. */
  sink: UpstreamSink;
  readiness(): Readiness;
  /** Starts the upstream link. */
  start(): void;
  /** Ends every client connection with `code` and stops the link and the timers. */
  close(code?: number, reason?: string): Promise<void>;
}

export function createBridge(config: BridgeConfig, runtime: BridgeRuntime = {}): Bridge {
  const now = runtime.now ?? Date.now;
  const log = runtime.log ?? silentLogger;
  const startedAt = now();
  const state = createState({
    ringSize: config.ringSize,
    maxCampaigns: config.maxCampaigns,
    now,
    log,
    ...(runtime.seqStart !== undefined ? { seqStart: runtime.seqStart } : {}),
  });
  const hub = createHub({
    softBytes: config.clientQueueBytes,
    hardBytes: config.clientQueueHardBytes,
    graceMs: config.slowClientGraceMs,
    lagSweepMs: config.lagSweepMs,
    sseHeartbeatMs: config.sseHeartbeatMs,
    wsPingMs: config.wsPingMs,
    snapshot: (filter) => state.snapshotFrame(filter),
    now,
    log: withFields(rateLimited(log, 5_000, now), { component: 'hub' }),
  });

  let readiness: Readiness = config.upstreamWsUrl
    ? { live: false, reason: 'upstream not connected yet' }
    : { live: false, reason: 'no upstream configured' };

  const sink: UpstreamSink = {
    envelope(env) {
      const frame = state.apply(env);
      if (frame) hub.broadcast(frame);
    },
    resync(next) {
      const result = state.resync(next);
      if (result.kind === 'snapshot') hub.broadcastSnapshot();
      else for (const frame of result.frames) hub.broadcast(frame);
      log.info('state resynced', {
        campaigns: state.campaigns().size,
        seq: state.seq(),
        ...(result.kind === 'frames' ? { changed: result.frames.length } : { snapshot: true }),
      });
    },
    status(s) {
      readiness = s;
      if (s.live) log.info('upstream live', { reason: s.reason });
      else log.warn('upstream not live', { reason: s.reason });
    },
  };

  const link =
    config.upstreamWsUrl && config.upstreamApiBaseUrl
      ? createUpstreamLink(
          {
            wsUrl: config.upstreamWsUrl,
            apiBase: config.upstreamApiBaseUrl,
            pingIntervalMs: config.upstreamPingIntervalMs,
            maxConnectionMs: config.upstreamMaxConnectionMs,
            rotateMarginMs: config.upstreamRotateMarginMs,
            log: withFields(log, { component: 'upstream' }),
            ...(runtime.WebSocket ? { WebSocket: runtime.WebSocket } : {}),
            ...(runtime.fetch ? { fetch: runtime.fetch } : {}),
            ...runtime.link,
          },
          sink,
        )
      : null;

  const wsDeps: WsDeps = {
    hub,
    state,
    adapter: runtime.socketAdapter ?? portableSocketAdapter,
    maxClients: config.maxClients,
    maxPayload: config.wsMaxPayload,
    rateLimit: config.wsRateLimit,
    rateBurst: config.wsRateBurst,
    maxSubscriptions: config.maxSubscriptions,
    now,
  };

  const app = new Hono();
  app.route('/', restRoutes({ state, hub, readiness: () => readiness, startedAt, now }));
  app.get(
    '/analytics/stream',
    streamHandler({
      hub,
      state,
      maxClients: config.maxClients,
      retryMs: config.sseRetryMs,
      connectionOf: runtime.connectionOf,
      sseAdapter: runtime.sseAdapter,
    }),
  );
  const upgrade = runtime.upgradeWebSocket;
  if (upgrade) {
    app.get(
      '/ws',
      upgrade(() => new WsClient(wsDeps)),
      // the helper passes on requests without an Upgrade header
      () => jsonError(426, BRIDGE_ERRORS.badRequest, '/ws speaks WebSocket: connect with Upgrade: websocket'),
    );
  } else {
    app.get('/ws', () =>
      jsonError(501, BRIDGE_ERRORS.badRequest, 'WebSocket is not available in this runtime'),
    );
  }
  for (const handler of staticHandlers(runtime.assets ?? null)) app.get('*', handler);
  app.notFound(notFound);
  app.onError((err, c) => {
    log.error('request failed', { path: c.req.path, error: err });
    return jsonError(500, BRIDGE_ERRORS.internal, 'internal error');
  });

  let closing: Promise<void> | null = null;
  return {
    app,
    state,
    hub,
    link,
    sink,
    readiness: () => readiness,
    start() {
      link?.start();
    },
    close(code = 1012, reason = 'server restarting') {
      closing ??= (async () => {
        hub.closeAll(code, reason);
        await link?.stop();
      })();
      return closing;
    },
  };
}
