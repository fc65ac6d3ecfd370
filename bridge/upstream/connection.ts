// One upstream socket: open → subscribe → classified frames, with the app-level ping and an optional
// silence watchdog. Once closed (by us or by failure) it is dead: every later callback of its socket is
// dropped, so a superseded socket can never leak events into the link (centrifuge's generation check,
// kept per connection).
import { type Classified, classifyUpstream } from './classify.ts';

/** The part of a WHATWG WebSocket the link uses; browsers, Deno, Bun, workerd and `ws` satisfy it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

/** Close codes: RFC 6455 ones the link reacts to, plus local ones for failures it detects itself. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  tooBig: 1009,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  /** Local: the socket did not open within connectTimeoutMs. */
  connectTimeout: 4001,
  /** Local: nothing arrived for silenceTimeoutMs. */
  silent: 4002,
  /** Local: the constructor threw (bad URL, unsupported scheme). */
  cannotOpen: 4003,
} as const;

const CLOSED = 3;
const CLOSE_WAIT_MS = 2_000;

export interface ConnectionOptions {
  pingIntervalMs: number;
  connectTimeoutMs: number;
  /** 0 = off. */
  silenceTimeoutMs: number;
  now: () => number;
}

export interface ConnectionEvents {
  /** Open and subscribed. */
  open(): void;
  /** One frame, classified; `raw` is the text when the frame was text. */
  frame(classified: Classified, raw: string | null): void;
  /** The socket ended without us asking (remote close, network error, timeout). Called at most once. */
  lost(code: number, reason: string): void;
}

export interface Connection {
  /** Wall-clock ms when it opened; null while connecting. */
  openedAt(): number | null;
  /** Closes on our initiative; no event follows. Resolves when the socket reports closed (bounded). */
  close(code?: number, reason?: string): Promise<void>;
}

export function openConnection(
  WS: WebSocketCtor,
  url: string,
  opts: ConnectionOptions,
  events: ConnectionEvents,
): Connection {
  let dead = false;
  let openedAt: number | null = null;
  let lastFrameAt = opts.now();
  let closedResolve: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    closedResolve = resolve;
  });
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  const intervals: ReturnType<typeof setInterval>[] = [];

  const stopTimers = () => {
    clearTimeout(connectTimer);
    for (const t of intervals) clearInterval(t);
  };
  const shut = (code: number, reason: string) => {
    try {
      socket?.close(code, reason);
    } catch {
      // Already closing, or a runtime that rejects the code: either way the socket is going away.
    }
  };
  const fail = (code: number, reason: string) => {
    if (dead) return;
    dead = true;
    stopTimers();
    shut(code, reason);
    events.lost(code, reason);
  };
  const send = (text: string) => {
    try {
      socket?.send(text);
    } catch {
      // A socket that cannot send is about to report its close; that is where the link reacts.
    }
  };

  let socket: WebSocketLike | null = null;
  try {
    socket = new WS(url);
  } catch (err) {
    // Report asynchronously so the caller always gets its handle before any event.
    queueMicrotask(() => fail(CLOSE_CODES.cannotOpen, `cannot open ${url}: ${String(err)}`));
    closedResolve();
  }

  if (socket) {
    const ws = socket;
    ws.addEventListener('open', () => {
      if (dead) return;
      openedAt = opts.now();
      lastFrameAt = openedAt;
      clearTimeout(connectTimer);
      send(JSON.stringify({ action: 'subscribe' }));
      // API Gateway's idle timeout counts messages only, so the keep-alive is an app-level action.
      intervals.push(setInterval(() => send(JSON.stringify({ action: 'ping' })), opts.pingIntervalMs));
      if (opts.silenceTimeoutMs > 0) {
        // Compared against the wall clock: timers are late after a suspended VM or a sleeping laptop.
        const check = Math.max(50, Math.floor(opts.silenceTimeoutMs / 4));
        intervals.push(
          setInterval(() => {
            if (opts.now() - lastFrameAt >= opts.silenceTimeoutMs) {
              fail(CLOSE_CODES.silent, `no message for ${opts.silenceTimeoutMs} ms`);
            }
          }, check),
        );
      }
      events.open();
    });
    ws.addEventListener('message', (event) => {
      if (dead) return;
      lastFrameAt = opts.now();
      events.frame(classifyUpstream(event.data), typeof event.data === 'string' ? event.data : null);
    });
    ws.addEventListener('close', (event) => {
      closedResolve();
      fail(event.code || CLOSE_CODES.abnormal, event.reason || 'closed');
    });
    // An error is always followed by close; the close handler is where the link reacts. The listener
    // must exist all the same: `ws` throws on an 'error' event nobody listens to.
    ws.addEventListener('error', () => {});
    connectTimer = setTimeout(
      () => fail(CLOSE_CODES.connectTimeout, `not open after ${opts.connectTimeoutMs} ms`),
      opts.connectTimeoutMs,
    );
  }

  return {
    openedAt: () => openedAt,
    close(code = CLOSE_CODES.normal, reason = '') {
      if (!dead) {
        dead = true;
        stopTimers();
        shut(code, reason);
      }
      if (!socket || socket.readyState === CLOSED) return Promise.resolve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const bounded = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      });
      return Promise.race([closed, bounded]).finally(() => clearTimeout(timer));
    },
  };
}
