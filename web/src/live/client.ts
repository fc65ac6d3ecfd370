// The page's one live client: one store, one connection, shared by every view (ref-counted), so
// navigating between pages never reconnects.
import type { Accessor } from 'solid-js';
import { createStore } from 'solid-js/store';
import { type FlushScheduler, frameOrTimeout, makeCoalescer } from './coalescer.ts';
import { DEFAULTS, type Endpoints, resolveEndpoints, type Tuning } from './config.ts';
import { type ConnectionStats, type Lifecycle, makeConnection } from './connection.ts';
import type { Incoming } from './envelope.ts';
import { fetchSnapshot } from './rest.ts';
import { changesState, makeLiveStore } from './store.ts';
import { createSocketWorker } from './transports/createSocketWorker.ts';
import { pollingTransport } from './transports/polling.ts';
import { makeSocketWorkerHost, type WorkerLike } from './transports/socketWorkerHost.ts';
import { type EventSourceCtor, sseTransport } from './transports/sse.ts';
import type { Transport } from './transports/types.ts';
import { type WebSocketCtor, websocketTransport } from './transports/websocket.ts';
import { workerWebsocketTransport } from './transports/workerWebsocket.ts';
import type { AggregateMetrics, ConnectionState, LiveState } from './types.ts';

export interface LiveClientOptions {
  endpoints: Endpoints;
  tuning?: Partial<Tuning>;
  WebSocket?: WebSocketCtor;
  EventSource?: EventSourceCtor;
  fetch?: typeof fetch;
  random?: () => number;
  /** null: listen to no page events (tests that drive them by hand pass their own) */
  lifecycle?: Lifecycle | null;
  /** when queued live messages are applied; default: the next animation frame, ≤ applyMaxDelayMs */
  schedule?: FlushScheduler;
  /**
   * Where the WebSocket runs: a worker from this factory, or (null) the page itself. Default: a
   * worker where the browser has them, unless a WebSocket constructor is passed (tests' fakes).
   */
  socketWorker?: (() => WorkerLike) | null;
  /**
   * How the first user's automatic connect is run; default: at once. The page's shared client
   * connects in the task after the one that renders the page: opening the channel (the socket
   * worker's start included) then no longer lengthens the first render's task on a slow phone.
   */
  autoConnectIn?: (connect: () => void) => void;
}

export interface LiveClient {
  /** read-only store of the live data */
  readonly state: LiveState;
  /** bumped once per applied batch: lets a memo over unwrap()ped data recompute once per change */
  readonly version: () => number;
  /** aggregate() over every campaign, computed once per applied batch and shared by every view */
  readonly totals: Accessor<AggregateMetrics>;
  /** read-only store of the channel: which one, connected, offline since */
  readonly status: ConnectionState;
  /** apply persisted data; ignored (false) once live data has arrived or when it does not check out */
  hydrate(saved: { state: LiveState; savedAt: number }): boolean;
  /** called after each change of the state, as it happens (live messages change it at most once a frame); for persistence */
  onStateChange(cb: () => void): () => void;
  /** one REST reload now; rejects with an Error naming the URL when it fails */
  refresh(): Promise<void>;
  /** apply the live messages received so far now instead of at the next frame */
  flush(): void;
  connect(): void;
  disconnect(): void;
  /** one more user of the shared connection; the returned release() lets go (connection closes after a grace) */
  retain(autoConnect: boolean): () => void;
  setPollingInterval(ms: number): void;
  stats(): ConnectionStats;
}

export function makeLiveClient(opts: LiveClientOptions): LiveClient {
  const tuning: Tuning = { ...DEFAULTS, ...opts.tuning } as Tuning;
  const { wsUrl, apiBase } = opts.endpoints;
  const store = makeLiveStore(tuning);
  const [status, setStatus] = createStore<ConnectionState>({
    channel: 'offline',
    connected: false,
    offlineSince: null,
  });
  let pollingIntervalMs = tuning.pollingIntervalMs;
  let invalidLogged = 0;

  const pending = makeCoalescer({
    apply: (msgs: Incoming[]) => store.commit(msgs),
    schedule: opts.schedule ?? frameOrTimeout(tuning.applyMaxDelayMs),
    maxPending: tuning.applyMaxPending,
  });

  const connection = makeConnection({
    transports: [
      websocketChannel(opts, wsUrl, tuning.wsPingIntervalMs),
      sseTransport({ url: `${apiBase}${DEFAULTS.paths.stream}`, EventSource: opts.EventSource }),
      pollingTransport({
        apiBase,
        intervalMs: () => pollingIntervalMs,
        jitter: tuning.pollingJitter,
        maxFailures: tuning.pollingMaxFailures,
        fetch: opts.fetch,
        random: opts.random,
      }),
    ],
    tuning,
    // checked at arrival (a gap is repaired at once), applied with the rest of the frame's messages
    deliver: (msg) => {
      const r = store.admit(msg);
      if (changesState(r)) pending.push(msg);
      return r === 'gap' || r === 'resync' ? 'gap' : 'ok';
    },
    onStatus: (s) => setStatus(s),
    onInvalid: (problem, transport) => {
      // a broken feed would flood the console: the count is in stats()
      if (invalidLogged++ < 3) console.warn(`invalid message on ${transport}: ${problem}`);
    },
    random: opts.random,
    lifecycle: opts.lifecycle,
  });

  // Listeners (the persistence) hear of every store change as it happens. Live messages reach the
  // store at most once a frame (the coalescer above), and a listener only arms its own timer: a
  // frame of its own here cost one more requestAnimationFrame and timer pair on every frame.
  const stateListeners = new Set<() => void>();
  store.onChange(() => {
    for (const cb of stateListeners) cb();
  });

  const autoConnectIn = opts.autoConnectIn ?? ((connect: () => void) => connect());
  let refs = 0;
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;

  return {
    state: store.state,
    version: store.version,
    totals: store.totals,
    status,
    hydrate: (saved) => store.hydrate(saved),
    onStateChange(cb) {
      stateListeners.add(cb);
      return () => stateListeners.delete(cb);
    },
    async refresh() {
      const snapshot = await fetchSnapshot(apiBase, opts.fetch ?? globalThis.fetch);
      pending.flush(); // what arrived before it goes first
      store.apply(snapshot);
    },
    flush: () => pending.flush(),
    connect: () => connection.start(),
    disconnect: () => connection.stop(),
    retain(autoConnect) {
      refs++;
      clearTimeout(releaseTimer);
      if (autoConnect) autoConnectIn(() => refs > 0 && connection.start());
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--refs > 0) return;
        releaseTimer = setTimeout(() => refs === 0 && connection.stop(), tuning.releaseGraceMs);
      };
    },
    setPollingInterval(ms) {
      if (Number.isFinite(ms) && ms >= 250) pollingIntervalMs = ms;
      else
        console.warn(`pollingInterval: must be a number ≥ 250 (ms), got ${ms}; keeping ${pollingIntervalMs}`);
    },
    stats: () => connection.stats(),
  };
}

function websocketChannel(opts: LiveClientOptions, url: string, pingIntervalMs: number): Transport {
  const inPage = websocketTransport({ url, pingIntervalMs, WebSocket: opts.WebSocket });
  const factory =
    opts.socketWorker !== undefined
      ? opts.socketWorker
      : typeof Worker === 'function' && !opts.WebSocket
        ? createSocketWorker
        : null;
  if (!factory) return inPage;
  return workerWebsocketTransport({
    url,
    pingIntervalMs,
    host: makeSocketWorkerHost(factory),
    fallback: inPage,
  });
}

let shared: LiveClient | undefined;

/** The page's shared client, created on first use from the VITE_ env or the page's own origin. */
export function liveClient(): LiveClient {
  shared ??= makeLiveClient({
    endpoints: resolveEndpoints(import.meta.env, globalThis.location),
    autoConnectIn: (connect) => setTimeout(connect, 0),
  });
  return shared;
}

/** Replace the shared client (tests, or an app that builds its own with makeLiveClient). */
export function setLiveClient(client: LiveClient | undefined): void {
  shared?.disconnect();
  shared = client;
}
