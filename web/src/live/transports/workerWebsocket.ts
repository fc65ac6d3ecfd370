// The WebSocket channel with its socket in a worker (socketPump.ts): the same Transport as
// websocket.ts, but the page's main thread gets one pre-decoded batch per free moment instead of a
// task, a JSON.parse and a schema check per frame (hundreds a second on a busy floor).
import type { SocketWorkerHost } from './socketWorkerHost.ts';
import type { Transport, TransportCallbacks, TransportHandle } from './types.ts';
import { SUBSCRIBE } from './websocket.ts';

export interface WorkerWebsocketOptions {
  url: string;
  pingIntervalMs: number;
  host: SocketWorkerHost;
  /** the page's own WebSocket, used once the worker has failed */
  fallback: Transport;
}

export function workerWebsocketTransport(opts: WorkerWebsocketOptions): Transport {
  const { host, fallback } = opts;
  return {
    name: 'websocket',
    supported: () => host.broken() === null || fallback.supported(),
    open(cb: TransportCallbacks): TransportHandle {
      if (host.broken() !== null) return fallback.open(cb);
      let closed = false;
      let id: number;
      try {
        id = host.open(opts.url, opts.pingIntervalMs, {
          batch(msgs, invalid) {
            // a message may close this channel (the probe taking over): nothing after that counts
            for (const m of msgs) {
              if (closed) return;
              cb.message(m);
            }
            for (const problem of invalid) {
              if (closed) return;
              cb.invalid(problem);
            }
          },
          end(why) {
            if (closed) return;
            closed = true;
            cb.end(why);
          },
        });
      } catch (err) {
        console.warn(`${err instanceof Error ? err.message : String(err)}; using the page's WebSocket`);
        return fallback.open(cb);
      }
      return {
        refresh: () => closed || host.send(id, SUBSCRIBE),
        send: (action) => closed || host.send(id, JSON.stringify(action)),
        close() {
          if (closed) return;
          closed = true;
          host.close(id);
        },
      };
    },
  };
}
