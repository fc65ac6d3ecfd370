import { decodeEnvelope } from '../envelope.ts';
import type { Transport, TransportCallbacks, TransportHandle } from './types.ts';

export type WebSocketCtor = new (url: string) => WebSocket;

export interface WebSocketTransportOptions {
  url: string;
  pingIntervalMs: number;
  WebSocket?: WebSocketCtor;
}

/** the bridge answers every subscribe with a snapshot: it is also how a channel is refreshed */
export const SUBSCRIBE = JSON.stringify({ action: 'subscribe' });
export const PING = JSON.stringify({ action: 'ping' });

/**
 * WebSocket to the bridge's /ws: subscribe to everything on open (the bridge answers every subscribe
 * with a snapshot, which is also why re-subscribing is the refresh), ping now and then.
 */
export function websocketTransport(opts: WebSocketTransportOptions): Transport {
  const Ctor = () => opts.WebSocket ?? globalThis.WebSocket;
  return {
    name: 'websocket',
    supported: () => typeof Ctor() === 'function',
    open(cb: TransportCallbacks): TransportHandle {
      const ws = new (Ctor())(opts.url);
      let done = false;
      let ping: ReturnType<typeof setInterval> | undefined;
      const send = (text: string) => {
        if (!done && ws.readyState === 1) ws.send(text);
      };
      const stop = () => {
        done = true;
        clearInterval(ping);
        ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      };
      ws.onopen = () => {
        send(SUBSCRIBE);
        ping = setInterval(() => send(PING), opts.pingIntervalMs);
      };
      ws.onmessage = (e: MessageEvent) => {
        const d = decodeEnvelope(e.data);
        if (d.ok) cb.message(d.value);
        else cb.invalid(d.message);
      };
      ws.onclose = (e: CloseEvent) => {
        stop();
        cb.end({ code: e.code, reason: e.reason || `closed with ${e.code}` });
      };
      // an error is always followed by close, which carries the code
      ws.onerror = () => {};
      return {
        refresh: () => send(SUBSCRIBE),
        send: (action) => send(JSON.stringify(action)),
        close() {
          if (done) return;
          stop();
          if (ws.readyState <= 1) ws.close(1000, 'client closed');
        },
      };
    },
  };
}
