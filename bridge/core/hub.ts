// The fan-out hub: every emitted frame goes to every interested subscriber as the same bytes, in one
// synchronous loop that never waits for a client. A client whose queue passes the soft limit stops
// getting frames (they would be superseded anyway); once it drains it gets one fresh snapshot, which is
// the latest value of every campaign it follows (conflation by snapshot). A client that stays behind
// past the grace time, or whose queue passes the hard limit, is closed with 4008 so it reconnects.
import { type Logger, silentLogger } from '../log.ts';
import type { Frame } from './frame.ts';
import type { Filter } from './state.ts';
import { type Subscriber, type Transport, wants } from './subscriber.ts';

export interface HubOptions {
  softBytes: number;
  hardBytes: number;
  graceMs: number;
  lagSweepMs: number;
  sseHeartbeatMs: number;
  wsPingMs: number;
  /** The snapshot a subscriber with `filter` gets after falling behind. */
  snapshot: (filter: Filter) => Frame;
  now?: () => number;
  log?: Logger;
}

export interface HubStats {
  ws: number;
  sse: number;
  lagging: number;
  /** Times a subscriber fell behind and was resynced by snapshot, since start. */
  conflated: number;
  /** Subscribers closed for being too slow, since start. */
  kicked: number;
}

export interface Hub {
  add(sub: Subscriber): void;
  remove(sub: Subscriber): void;
  /** To every active subscriber whose filter admits the frame. */
  broadcast(frame: Frame): void;
  /** To one subscriber (e.g. its snapshot), with the same backpressure rules. */
  send(sub: Subscriber, frame: Frame): void;
  /** A fresh snapshot to every active subscriber, each for its own filter. */
  broadcastSnapshot(): void;
  size(): number;
  stats(): HubStats;
  /** Ends every connection (shutdown) and stops the timers. */
  closeAll(code: number, reason: string): void;
  stop(): void;
}

type Timer = ReturnType<typeof setInterval>;
// Node timers keep the process alive unless unref'd; other runtimes have no unref.
const unref = (t: Timer): Timer => {
  (t as { unref?: () => void }).unref?.();
  return t;
};

export function createHub(opts: HubOptions): Hub {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? silentLogger;
  const subs = new Set<Subscriber>();
  const lagging = new Set<Subscriber>();
  const counts: Record<Transport, number> = { ws: 0, sse: 0 };
  let conflated = 0;
  let kicked = 0;
  let sweepTimer: Timer | null = null;
  // Frames broadcast in the current tick, and the subscribers holding writes back until its end. When
  // the bridge falls behind, the upstream socket delivers several envelopes in one read and they are
  // broadcast back to back: from the second one on, each subscriber's writes are held and go out as
  // one write per subscriber at the end of the tick, so a backlog costs fewer system calls per event,
  // not more. A lone frame per tick (the usual case) is written at once, with no added delay.
  let tickFrames = 0;
  const held: Subscriber[] = [];

  function kick(sub: Subscriber, why: string): void {
    kicked++;
    log.warn('client closed: too slow', { transport: sub.transport, reason: why, pending: sub.pending() });
    lagging.delete(sub);
    sub.kick();
    remove(sub);
  }

  function fallBehind(sub: Subscriber): void {
    sub.lagSince = now();
    lagging.add(sub);
    conflated++;
    sweepTimer ??= unref(setInterval(sweep, opts.lagSweepMs));
  }

  function deliver(sub: Subscriber, frame: Frame): void {
    if (sub.lagSince >= 0) return; // behind: this frame is covered by the snapshot it gets later
    const pending = sub.pending();
    if (pending >= opts.hardBytes) kick(sub, 'queue over hard limit');
    else if (pending >= opts.softBytes) fallBehind(sub);
    else write(sub, frame);
  }

  /** A transport that throws loses its subscriber, never the rest of the broadcast. */
  function write(sub: Subscriber, frame: Frame): void {
    try {
      sub.write(frame);
    } catch (err) {
      log.error('client write failed; closing it', { transport: sub.transport, error: err });
      remove(sub);
      sub.end(1011, 'internal error');
    }
  }

  function endTick(): void {
    tickFrames = 0;
    for (const sub of held) {
      sub.held = false;
      sub.release();
    }
    held.length = 0;
  }

  function sweep(): void {
    const t = now();
    for (const sub of lagging) {
      if (sub.closed) {
        lagging.delete(sub);
        continue;
      }
      const pending = sub.pending();
      if (pending <= opts.softBytes / 4) {
        lagging.delete(sub);
        sub.lagSince = -1;
        if (sub.active) write(sub, opts.snapshot(sub.filter));
      } else if (pending >= opts.hardBytes) {
        kick(sub, 'queue over hard limit');
      } else if (t - sub.lagSince >= opts.graceMs) {
        kick(sub, 'behind for too long');
      }
    }
    if (lagging.size === 0 && sweepTimer !== null) {
      clearInterval(sweepTimer);
      sweepTimer = null;
    }
  }

  function remove(sub: Subscriber): void {
    if (!subs.delete(sub)) return;
    counts[sub.transport]--;
    lagging.delete(sub);
  }

  // One timer per heartbeat kind for all connections, never one per connection.
  const sseTimer = unref(
    setInterval(() => {
      for (const sub of subs) if (sub.transport === 'sse' && sub.lagSince < 0) sub.heartbeat();
    }, opts.sseHeartbeatMs),
  );
  const wsTimer = unref(
    setInterval(() => {
      for (const sub of subs) if (sub.transport === 'ws' && !sub.heartbeat()) remove(sub);
    }, opts.wsPingMs),
  );

  function stop(): void {
    clearInterval(sseTimer);
    clearInterval(wsTimer);
    if (sweepTimer !== null) clearInterval(sweepTimer);
    sweepTimer = null;
  }

  return {
    add(sub) {
      if (subs.has(sub)) return;
      subs.add(sub);
      counts[sub.transport]++;
    },
    remove,
    broadcast(frame) {
      const id = frame.campaignId;
      if (tickFrames++ === 0) queueMicrotask(endTick);
      if (tickFrames === 1) {
        for (const sub of subs) if (wants(sub, id)) deliver(sub, frame);
        return;
      }
      for (const sub of subs) {
        if (!wants(sub, id)) continue;
        if (!sub.held) {
          sub.held = true;
          sub.hold();
          held.push(sub);
        }
        deliver(sub, frame);
      }
    },
    send: deliver,
    broadcastSnapshot() {
      for (const sub of subs) if (sub.active) deliver(sub, opts.snapshot(sub.filter));
    },
    size: () => subs.size,
    stats: () => ({ ws: counts.ws, sse: counts.sse, lagging: lagging.size, conflated, kicked }),
    closeAll(code, reason) {
      stop();
      for (const sub of [...subs]) {
        sub.end(code, reason);
        remove(sub);
      }
    },
    stop,
  };
}
