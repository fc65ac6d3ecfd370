import { decodeEnvelope } from '../envelope.ts';
import type { Transport, TransportCallbacks, TransportHandle } from './types.ts';

export type EventSourceCtor = new (url: string) => EventSource;

export interface SseTransportOptions {
  url: string;
  EventSource?: EventSourceCtor;
}

/** The SSE event names the bridge uses: the envelope types (each event's data is the whole envelope). */
export const SSE_EVENTS = [
  'snapshot',
  'metrics_update',
  'campaign_status_change',
  'system_health_update',
  'call_event',
  'error',
] as const;

const CLOSED = 2;

/**
 * EventSource on /analytics/stream. The browser reconnects it by itself (with Last-Event-ID, so the
 * bridge replays what was missed); a non-200 answer stops it for good (readyState CLOSED): that ends
 * the channel. Comment heartbeats are invisible to EventSource, so liveness is judged by the data.
 */
export function sseTransport(opts: SseTransportOptions): Transport {
  const Ctor = () => opts.EventSource ?? globalThis.EventSource;
  return {
    name: 'sse',
    supported: () => typeof Ctor() === 'function',
    open(cb: TransportCallbacks): TransportHandle {
      let done = false;
      let es: EventSource;
      const onEvent = (e: Event) => {
        // `event: error` frames arrive as MessageEvents named "error", like the connection's own error
        // Event: only the MessageEvent carries data.
        if (done || !('data' in e)) return;
        const d = decodeEnvelope((e as MessageEvent).data);
        if (d.ok) cb.message(d.value);
        else cb.invalid(d.message);
      };
      const onError = (e: Event) => {
        if (done || 'data' in e || es.readyState !== CLOSED) return;
        detach();
        done = true;
        cb.end({ reason: 'event stream closed by the server' });
      };
      const attach = () => {
        es = new (Ctor())(opts.url);
        for (const name of SSE_EVENTS) es.addEventListener(name, onEvent);
        es.addEventListener('error', onError);
      };
      const detach = () => {
        for (const name of SSE_EVENTS) es.removeEventListener(name, onEvent);
        es.removeEventListener('error', onError);
        es.close();
      };
      attach();
      return {
        // a new EventSource sends no Last-Event-ID, so the bridge starts it with a fresh snapshot
        refresh() {
          if (done) return;
          detach();
          attach();
        },
        close() {
          if (done) return;
          done = true;
          detach();
        },
      };
    },
  };
}
