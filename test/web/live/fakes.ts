// Small stand-ins for the browser's channels, driven by the test like a server would.

import type {
  BridgeEnvelope,
  CampaignMetrics,
  CampaignView,
  MetricsResponse,
  SystemHealth,
} from '../../../bridge/protocol/index.ts';
import { aggregate, withDerived } from '../../../bridge/protocol/index.ts';
import type { Lifecycle } from '../../../web/src/live/connection.ts';
import { makeSocketPump } from '../../../web/src/live/transports/socketPump.ts';
import type { WorkerLike } from '../../../web/src/live/transports/socketWorkerHost.ts';
import type { EventSourceCtor } from '../../../web/src/live/transports/sse.ts';
import type { WebSocketCtor } from '../../../web/src/live/transports/websocket.ts';
import type { ToWorker } from '../../../web/src/live/transports/workerProtocol.ts';

export class FakeWebSocket extends EventTarget {
  static instances: FakeWebSocket[] = [];
  static reset() {
    FakeWebSocket.instances = [];
  }
  static last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (!ws) throw new Error('no WebSocket was opened');
    return ws;
  }
  readyState = 0;
  sent: string[] = [];
  closedByClient: number | null = null;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeWebSocket.instances.push(this);
  }
  send(text: string) {
    if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
    this.sent.push(text);
  }
  close(code = 1005) {
    this.closedByClient = code;
    this.readyState = 3;
  }
  /** actions the client sent, parsed */
  actions(): string[] {
    return this.sent.map((s) => (JSON.parse(s) as { action: string }).action);
  }
  serverOpen() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  serverSend(env: unknown) {
    this.serverSendText(JSON.stringify(env));
  }
  serverSendText(data: string) {
    if (this.readyState !== 1) throw new Error('server sends on a socket that is not open');
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  serverClose(code: number, reason = '') {
    this.readyState = 3;
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close', { code, reason }));
  }
  /** open, then answer the subscribe with a snapshot, as the bridge does */
  accept(env: BridgeEnvelope) {
    this.serverOpen();
    this.serverSend(env);
  }
}

export class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  static reset() {
    FakeEventSource.instances = [];
  }
  static last(): FakeEventSource {
    const es = FakeEventSource.instances.at(-1);
    if (!es) throw new Error('no EventSource was opened');
    return es;
  }
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  serverOpen() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  emit(env: { type: string; seq?: number }) {
    this.emitText(env.type, JSON.stringify(env));
  }
  emitText(type: string, data: string) {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }
  /** a dropped stream the browser retries (`permanent` false) or a non-200 answer that stops it */
  serverFail(permanent: boolean) {
    this.readyState = permanent ? 2 : 0;
    this.dispatchEvent(new Event('error'));
  }
  accept(env: BridgeEnvelope) {
    this.serverOpen();
    this.emit(env);
  }
}

/** A fetch that answers from `routes` (path → body or HTTP status), counting calls per path. */
export function makeFakeFetch(routes: Map<string, unknown>) {
  const calls: string[] = [];
  const fetchFn = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    const body = routes.get(url.pathname);
    if (body === undefined) throw new TypeError('Failed to fetch');
    if (typeof body === 'number')
      return new Response('{"error":{"code":"x","message":"x"}}', { status: body });
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetchFn as typeof fetch, calls };
}

export function makeLifecycle(): Lifecycle & { document: { visibilityState: DocumentVisibilityState } } {
  const document = Object.assign(new EventTarget(), {
    visibilityState: 'visible' as DocumentVisibilityState,
  });
  return { window: new EventTarget(), document };
}

// ---- contract values -------------------------------------------------------------------------

export function campaign(id: string, over: Partial<CampaignMetrics> = {}): CampaignView {
  return withDerived({
    campaignId: id,
    name: `Campaign ${id}`,
    status: 'active',
    activeCalls: 3,
    queueDepth: 100,
    dialingRate: 1.5,
    totalAttempts: 50,
    outcomes: {
      answered: 10,
      converted: 2,
      optOuts: 1,
      abandoned: 1,
      machine: 5,
      busy: 2,
      noAnswer: 8,
      failed: 1,
    },
    updatedAt: new Date().toISOString(),
    ...over,
  });
}

export const health = (): SystemHealth => ({
  cpuUsage: 0.3,
  memoryUsage: 0.4,
  answerRate: 0.25,
  activeCampaigns: 2,
  timestamp: new Date().toISOString(),
});

const now = () => new Date().toISOString();

export function snapshotEnv(seq: number, campaigns: CampaignView[]): BridgeEnvelope {
  return {
    type: 'snapshot',
    data: { campaigns, aggregate: aggregate(campaigns), systemHealth: health(), seq },
    timestamp: now(),
    seq,
  };
}

export const metricsEnv = (seq: number, c: CampaignView): BridgeEnvelope => ({
  type: 'metrics_update',
  data: c,
  timestamp: now(),
  seq,
});

export const healthEnv = (seq: number): BridgeEnvelope => ({
  type: 'system_health_update',
  data: health(),
  timestamp: now(),
  seq,
});

export function metricsResponse(campaigns: CampaignView[]): MetricsResponse {
  return { campaigns, aggregate: aggregate(campaigns), timestamp: now() };
}

/** The fakes typed as the constructors the transports take. */
export const FakeWebSocketCtor = FakeWebSocket as unknown as WebSocketCtor;
export const FakeEventSourceCtor = FakeEventSource as unknown as EventSourceCtor;

/**
 * The socket worker run in-process: the real pump (socketPump.ts) behind a fake Worker whose
 * messages are structured-cloned and delivered on a later timer tick, as postMessage does.
 */
export function makeInProcessWorker(WebSocket: WebSocketCtor = FakeWebSocketCtor) {
  const page = new EventTarget();
  let terminated = false;
  const toPage: unknown[] = [];
  const pump = makeSocketPump((msg) => {
    const copy = structuredClone(msg);
    toPage.push(copy);
    setTimeout(() => terminated || page.dispatchEvent(new MessageEvent('message', { data: copy })), 0);
  }, WebSocket);
  const toWorker: ToWorker[] = [];
  const worker: WorkerLike = {
    postMessage(msg) {
      const copy = structuredClone(msg);
      toWorker.push(copy);
      setTimeout(() => terminated || pump.handle(copy), 0);
    },
    addEventListener: (type, cb) => page.addEventListener(type, cb),
    terminate() {
      terminated = true;
    },
  };
  return {
    worker,
    pump,
    /** everything the page sent, in order */
    toWorker,
    /** everything the worker posted, in order */
    toPage,
    terminated: () => terminated,
    /** what a worker whose script fails or throws does */
    crash(message: string) {
      page.dispatchEvent(new ErrorEvent('error', { message }));
    },
  };
}
