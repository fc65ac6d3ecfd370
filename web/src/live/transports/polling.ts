import { between } from '../backoff.ts';
import { fetchSnapshot, InvalidBodyError } from '../rest.ts';
import type { Transport, TransportCallbacks, TransportHandle } from './types.ts';

export interface PollingTransportOptions {
  apiBase: string;
  /** read at every poll, so the interval can change while polling */
  intervalMs: () => number;
  jitter: number;
  maxFailures: number;
  fetch?: typeof fetch;
  random?: () => number;
}

/** GET /analytics/metrics (+ system health) every interval ±jitter, each answer a full state. */
export function pollingTransport(opts: PollingTransportOptions): Transport {
  const fetchFn = () => opts.fetch ?? globalThis.fetch;
  return {
    name: 'polling',
    supported: () => typeof fetchFn() === 'function',
    expectedGapMs: () => opts.intervalMs() * (1 + opts.jitter),
    open(cb: TransportCallbacks): TransportHandle {
      const abort = new AbortController();
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let inFlight = false;
      let succeeded = false;
      let failures = 0;
      const schedule = () => {
        const ms = opts.intervalMs();
        timer = setTimeout(poll, between(ms * (1 - opts.jitter), ms * (1 + opts.jitter), opts.random));
      };
      const poll = async () => {
        clearTimeout(timer);
        if (done || inFlight) return;
        inFlight = true;
        try {
          const snap = await fetchSnapshot(opts.apiBase, fetchFn(), abort.signal);
          if (done) return;
          succeeded = true;
          failures = 0;
          cb.message(snap);
        } catch (err) {
          if (done) return;
          // a malformed body is reported like a bad socket message; liveness replaces a channel
          // that delivers nothing valid
          if (err instanceof InvalidBodyError) cb.invalid(err.message);
          else failures++;
          if (failures > 0 && (!succeeded || failures >= opts.maxFailures)) {
            done = true;
            cb.end({ reason: err instanceof Error ? err.message : String(err) });
            return;
          }
        } finally {
          inFlight = false;
        }
        schedule();
      };
      void poll();
      return {
        refresh: () => void poll(),
        close() {
          done = true;
          clearTimeout(timer);
          abort.abort();
        },
      };
    },
  };
}
