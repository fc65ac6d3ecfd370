// The socket worker's logic, kept free of the worker global so it can be tested with fakes:
// WebSocket frames are received, parsed and schema-checked here, off the page's main thread, and
// go to the page in batches with at most one in flight per socket (workerProtocol.ts).
import type { BridgeEnvelope } from '../../../../bridge/protocol/index.ts';
import { decodeEnvelope } from '../envelope.ts';
import { PING, SUBSCRIBE, type WebSocketCtor } from './websocket.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

export interface SocketPump {
  /** one message from the page; anything malformed is reported and ignored */
  handle(msg: unknown): void;
  /** open sockets, for tests */
  size(): number;
}

interface Socket {
  ws: WebSocket;
  msgs: BridgeEnvelope[];
  invalid: string[];
  /** a batch was posted and not acked yet */
  inFlight: boolean;
  ping: ReturnType<typeof setInterval> | undefined;
}

export function makeSocketPump(post: (msg: FromWorker) => void, WebSocket: WebSocketCtor): SocketPump {
  const sockets = new Map<number, Socket>();

  const send = (s: Socket, text: string) => {
    if (s.ws.readyState === 1) s.ws.send(text);
  };

  function postBatch(id: number, s: Socket): void {
    if (s.msgs.length === 0 && s.invalid.length === 0) return;
    post({ kind: 'batch', id, msgs: s.msgs, invalid: s.invalid });
    s.msgs = [];
    s.invalid = [];
    s.inFlight = true;
  }

  function forget(id: number, s: Socket): void {
    clearInterval(s.ping);
    s.ws.onopen = s.ws.onmessage = s.ws.onclose = s.ws.onerror = null;
    sockets.delete(id);
  }

  function open(id: number, url: string, pingIntervalMs: number): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (err) {
      // e.g. a malformed URL: the same as failing to open
      post({ kind: 'end', id, reason: err instanceof Error ? err.message : String(err) });
      return;
    }
    const s: Socket = { ws, msgs: [], invalid: [], inFlight: false, ping: undefined };
    sockets.set(id, s);
    ws.onopen = () => {
      send(s, SUBSCRIBE);
      s.ping = setInterval(() => send(s, PING), pingIntervalMs);
    };
    ws.onmessage = (e: MessageEvent) => {
      const d = decodeEnvelope(e.data);
      if (d.ok) s.msgs.push(d.value);
      else s.invalid.push(d.message);
      if (!s.inFlight) postBatch(id, s);
    };
    ws.onclose = (e: CloseEvent) => {
      forget(id, s);
      // what arrived before the close is still data: it goes first, whatever the page has acked
      postBatch(id, s);
      post({ kind: 'end', id, code: e.code, reason: e.reason || `closed with ${e.code}` });
    };
    // an error is always followed by close, which carries the code
    ws.onerror = () => {};
  }

  return {
    handle(raw) {
      const msg = checkToWorker(raw);
      if (typeof msg === 'string') {
        console.warn(`socket worker: ${msg}`);
        return;
      }
      if (msg.op === 'open') {
        if (!sockets.has(msg.id)) open(msg.id, msg.url, msg.pingIntervalMs);
        return;
      }
      const s = sockets.get(msg.id);
      if (!s) return; // closed meanwhile: late acks and sends are expected
      if (msg.op === 'send') send(s, msg.text);
      else if (msg.op === 'ack') {
        s.inFlight = false;
        postBatch(msg.id, s);
      } else {
        forget(msg.id, s);
        if (s.ws.readyState <= 1) s.ws.close(1000, 'client closed');
      }
    },
    size: () => sockets.size,
  };
}

/** The page is our own code, but this is still a boundary: a typed message or what is wrong with it. */
function checkToWorker(raw: unknown): ToWorker | string {
  if (typeof raw !== 'object' || raw === null) return 'message is not an object';
  const m = raw as Record<string, unknown>;
  if (typeof m.id !== 'number') return `message has no numeric id (op ${String(m.op)})`;
  switch (m.op) {
    case 'open':
      return typeof m.url === 'string' && typeof m.pingIntervalMs === 'number' && m.pingIntervalMs > 0
        ? (m as ToWorker)
        : 'open needs a url and a positive pingIntervalMs';
    case 'send':
      return typeof m.text === 'string' ? (m as ToWorker) : 'send needs text';
    case 'ack':
    case 'close':
      return m as ToWorker;
    default:
      return `unknown op ${String(m.op)}`;
  }
}
