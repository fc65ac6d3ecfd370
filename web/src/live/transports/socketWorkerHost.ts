// The page's side of the socket worker: one worker for the page, created on first use, shared by
// every WebSocket the connection opens (the primary and, while on a fallback, the probe).
import type { BridgeEnvelope } from '../../../../bridge/protocol/index.ts';
import type { TransportEnd } from './types.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

/** The part of a Worker the host uses (tests pass an in-process fake). */
export interface WorkerLike {
  postMessage(msg: ToWorker): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', cb: (e: Event) => void): void;
  terminate(): void;
}

export interface SocketSink {
  /** one batch, in arrival order; it is acked when this returns */
  batch(msgs: BridgeEnvelope[], invalid: string[]): void;
  end(why: TransportEnd): void;
}

export interface SocketWorkerHost {
  /** why the worker cannot be used (it failed to start or crashed); null while it can */
  broken(): string | null;
  /** opens a socket in the worker; throws when the worker cannot be created (broken() says why) */
  open(url: string, pingIntervalMs: number, sink: SocketSink): number;
  send(id: number, text: string): void;
  /** no `end` is delivered for a closed id */
  close(id: number): void;
}

export function makeSocketWorkerHost(create: () => WorkerLike): SocketWorkerHost {
  let worker: WorkerLike | null = null;
  let broken: string | null = null;
  let nextId = 1;
  const sinks = new Map<number, SocketSink>();

  // A worker that failed to load or crashed takes its sockets with it: end them all, so the
  // connection fails over as for any dead channel; later opens use the page's own WebSocket.
  function fail(reason: string): void {
    broken = `socket worker failed: ${reason}`;
    worker?.terminate();
    worker = null;
    const ended = [...sinks.values()];
    sinks.clear();
    for (const sink of ended) sink.end({ reason: broken });
  }

  function onMessage(e: Event): void {
    const msg = (e as MessageEvent<FromWorker>).data;
    const sink = sinks.get(msg.id);
    if (msg.kind === 'end') {
      sinks.delete(msg.id);
      sink?.end({ ...(msg.code === undefined ? {} : { code: msg.code }), reason: msg.reason });
      return;
    }
    sink?.batch(msg.msgs, msg.invalid);
    // acked once taken: the next batch holds whatever arrived meanwhile (one task for many frames)
    if (sinks.has(msg.id)) worker?.postMessage({ op: 'ack', id: msg.id });
  }

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    try {
      const w = create();
      w.addEventListener('message', onMessage);
      w.addEventListener('messageerror', () => fail('a message could not be read'));
      w.addEventListener('error', (e) => fail((e as ErrorEvent).message || 'it did not load'));
      worker = w;
      return w;
    } catch (err) {
      // e.g. a Content-Security-Policy without worker-src
      broken = `socket worker failed: ${err instanceof Error ? err.message : String(err)}`;
      throw new Error(broken);
    }
  }

  return {
    broken: () => broken,
    open(url, pingIntervalMs, sink) {
      const w = ensureWorker();
      const id = nextId++;
      sinks.set(id, sink);
      w.postMessage({ op: 'open', id, url, pingIntervalMs });
      return id;
    },
    send(id, text) {
      if (sinks.has(id)) worker?.postMessage({ op: 'send', id, text });
    },
    close(id) {
      if (sinks.delete(id)) worker?.postMessage({ op: 'close', id });
    },
  };
}
