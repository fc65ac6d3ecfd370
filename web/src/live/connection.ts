// The transport state machine: WebSocket → SSE → polling, failover, background WebSocket probe,
// full-jitter backoff with a minimum-uptime reset, close-code policy, wall-clock liveness, and a
// generation counter so a superseded channel can never write into the store. Plain TypeScript:
// no Solid, no DOM beyond the lifecycle events. docs/client.md walks through it.
import { between, fullJitter } from './backoff.ts';
import { closeAction } from './closeCodes.ts';
import type { Tuning } from './config.ts';
import type { Incoming } from './envelope.ts';
import type { Transport, TransportEnd, TransportHandle } from './transports/types.ts';
import type { ConnectionState, TransportName } from './types.ts';

export type ConnectionTuning = Pick<
  Tuning,
  | 'backoff'
  | 'quickReconnectMs'
  | 'longBackoffMs'
  | 'maxGapMs'
  | 'openTimeoutMs'
  | 'quietMs'
  | 'silenceMs'
  | 'livenessCheckMs'
  | 'probeMinMs'
  | 'probeMaxMs'
>;

/** Where the page tells us it woke up or lost the network; null to listen to nothing. */
export interface Lifecycle {
  window: EventTarget;
  document: EventTarget & { visibilityState: DocumentVisibilityState };
}

export interface ConnectionOptions {
  /** in order of preference; the first is the one the probe returns to (WebSocket) */
  transports: readonly Transport[];
  tuning: ConnectionTuning;
  /** apply one message; 'gap' asks the channel for a fresh snapshot */
  deliver(msg: Incoming): 'ok' | 'gap';
  onStatus?(s: ConnectionState): void;
  onInvalid?(problem: string, transport: TransportName): void;
  random?: () => number;
  lifecycle?: Lifecycle | null;
}

export interface ConnectionStats {
  /** channels that delivered their first data */
  opens: number;
  /** channels replaced by the next one because they failed to open, died or went silent */
  failovers: number;
  /** background probes that took over from a fallback */
  promotions: number;
  gaps: number;
  invalid: number;
}

export interface Connection {
  start(): void;
  stop(): void;
  /** drop whatever is open and start again from the first channel, without waiting for backoff */
  reconnect(): void;
  status(): ConnectionState;
  /** the channel currently being opened or open, for tests and diagnostics */
  pending(): { primary: TransportName | null; probe: boolean };
  stats(): ConnectionStats;
}

interface Slot {
  gen: number;
  index: number;
  handle: TransportHandle | null;
  startedAt: number;
  openedAt: number | null;
  lastDataAt: number;
  /** set when refresh() was asked during the current quiet spell */
  refreshed: boolean;
}

type Death = TransportEnd & { silent?: boolean };

export function makeConnection(opts: ConnectionOptions): Connection {
  const { transports, tuning: t } = opts;
  const random = opts.random ?? Math.random;
  const lifecycle = opts.lifecycle === undefined ? defaultLifecycle() : opts.lifecycle;
  const now = () => Date.now();
  const stats: ConnectionStats = { opens: 0, failovers: 0, promotions: 0, gaps: 0, invalid: 0 };

  let running = false;
  let generation = 0;
  let primary: Slot | null = null;
  let probe: Slot | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let livenessTimer: ReturnType<typeof setInterval> | undefined;
  let lastCheckAt = 0;
  let status: ConnectionState = { channel: 'offline', connected: false, offlineSince: null };

  const setStatus = (next: ConnectionState) => {
    if (
      next.channel === status.channel &&
      next.connected === status.connected &&
      next.offlineSince === status.offlineSince
    )
      return;
    status = next;
    opts.onStatus?.(status);
  };
  const markDown = () =>
    setStatus({ channel: 'offline', connected: false, offlineSince: status.offlineSince ?? now() });

  // A callback counts only while its slot's generation is the primary's or the probe's.
  const isCurrent = (gen: number) => primary?.gen === gen || probe?.gen === gen;

  function openSlot(index: number, role: 'primary' | 'probe'): void {
    const transport = transports[index]!;
    const at = now();
    const slot: Slot = {
      gen: ++generation,
      index,
      handle: null,
      startedAt: at,
      openedAt: null,
      lastDataAt: at,
      refreshed: false,
    };
    if (role === 'primary') primary = slot;
    else probe = slot;
    const gen = slot.gen;
    try {
      const handle = transport.open({
        message: (msg) => isCurrent(gen) && onMessage(slot, msg),
        invalid: (problem) => {
          if (!isCurrent(gen)) return;
          stats.invalid++;
          opts.onInvalid?.(problem, transport.name);
        },
        end: (why) => isCurrent(gen) && die(slot, why),
      });
      if (isCurrent(gen)) slot.handle = handle;
      else handle.close(); // it ended (and was replaced) inside open()
    } catch (err) {
      // e.g. new WebSocket() throws on a malformed URL: the same as failing to open
      die(slot, { reason: err instanceof Error ? err.message : String(err) });
    }
  }

  function onMessage(slot: Slot, msg: Incoming): void {
    slot.lastDataAt = now();
    slot.refreshed = false;
    if (slot === probe) {
      // the probe takes over only with a full state, so the switch leaves no gap
      if (msg.type !== 'snapshot') return;
      const old = primary;
      primary = slot;
      probe = null;
      old?.handle?.close();
      stats.promotions++;
    }
    if (slot.openedAt === null) {
      slot.openedAt = slot.lastDataAt;
      stats.opens++;
      setStatus({ channel: transports[slot.index]!.name, connected: true, offlineSince: null });
      if (slot.index > 0) ensureProbe();
    }
    if (opts.deliver(msg) === 'gap') {
      stats.gaps++;
      slot.handle?.refresh();
    }
  }

  /** Open the first supported channel at or after `index`; when none is left, wait and start over. */
  function openFrom(index: number): void {
    clearTimeout(retryTimer);
    if (!running) return;
    for (let i = index; i < transports.length; i++) {
      if (transports[i]!.supported()) {
        openSlot(i, 'primary');
        return;
      }
    }
    markDown();
    cancelProbe(); // the retry starts from WebSocket anyway
    retryTimer = setTimeout(() => openFrom(0), fullJitter(attempt++, t.backoff, random));
  }

  function die(slot: Slot, why: Death): void {
    slot.handle?.close();
    if (slot === probe) {
      probe = null;
      ensureProbe();
      return;
    }
    if (slot !== primary) return;
    primary = null;
    if (slot.openedAt === null) {
      // never delivered: the next channel at once (centrifuge-js)
      stats.failovers++;
      openFrom(slot.index + 1);
      return;
    }
    if (now() - slot.openedAt >= t.backoff.minUptimeMs) attempt = 0;
    // Between two channels the screen still holds recent data: say which channel is being
    // re-established, not "Offline". Offline (and its "since" mark) is for when every channel has
    // failed (openFrom runs out) or the browser reports the network gone; the open timeouts bound
    // how long a hand-over can stay in this state, and the data age keeps showing meanwhile.
    setStatus({ channel: status.channel, connected: false, offlineSince: null });
    const action = why.silent || slot.index > 0 ? 'fallback' : closeAction(why.code);
    let delay: number;
    if (action === 'quick' && attempt === 0) delay = random() * t.quickReconnectMs;
    else if (action === 'long') delay = t.longBackoffMs + fullJitter(attempt, t.backoff, random);
    else delay = fullJitter(attempt, t.backoff, random);
    if (action !== 'fallback') attempt++;
    if (action !== 'fallback' && delay <= t.maxGapMs) {
      retryTimer = setTimeout(() => openFrom(slot.index), delay);
      return;
    }
    // Waiting would leave the screen without data: carry on over the next channel meanwhile and
    // let the probe try this one again after the wait.
    stats.failovers++;
    openFrom(slot.index + 1);
    if (slot.index === 0 && action !== 'fallback') ensureProbe(delay);
  }

  function ensureProbe(delay?: number): void {
    if (!running || probe || primary?.index === 0) return;
    if (probeTimer !== undefined && delay === undefined) return;
    clearTimeout(probeTimer);
    probeTimer = setTimeout(
      () => {
        probeTimer = undefined;
        if (!running || probe || primary?.index === 0 || !transports[0]!.supported()) return;
        openSlot(0, 'probe');
      },
      delay ?? between(t.probeMinMs, t.probeMaxMs, random),
    );
  }

  function cancelProbe(): void {
    clearTimeout(probeTimer);
    probeTimer = undefined;
    const p = probe;
    probe = null;
    p?.handle?.close();
  }

  function closeAll(): void {
    clearTimeout(retryTimer);
    cancelProbe();
    const p = primary;
    primary = null;
    p?.handle?.close();
  }

  function reconnectNow(): void {
    if (!running) return;
    closeAll();
    attempt = 0;
    openFrom(0);
  }

  // a channel that paces itself (polling every N s) is quiet only after its own gap
  const quietLimit = (slot: Slot) => Math.max(t.quietMs, transports[slot.index]!.expectedGapMs?.() ?? 0);
  const healthy = () => primary?.openedAt != null && now() - primary.lastDataAt < quietLimit(primary);

  /** Timers are throttled in background tabs and stop on sleeping devices: judge by Date.now(). */
  function checkLiveness(): void {
    const at = now();
    const slept = at - lastCheckAt > t.silenceMs;
    lastCheckAt = at;
    // after a freeze the channel is suspect, not necessarily broken: start over from WebSocket
    if (slept && !healthy()) {
      reconnectNow();
      return;
    }
    for (const slot of [primary, probe]) {
      if (!slot || !isCurrent(slot.gen)) continue;
      if (slot.openedAt === null) {
        if (at - slot.startedAt >= t.openTimeoutMs) die(slot, { reason: 'no data after opening' });
        continue;
      }
      const quiet = at - slot.lastDataAt;
      const quietMs = quietLimit(slot);
      if (quiet >= quietMs + t.silenceMs - t.quietMs)
        die(slot, { reason: `silent for ${quiet} ms`, silent: true });
      else if (quiet >= quietMs && !slot.refreshed) {
        slot.refreshed = true;
        slot.handle?.refresh();
      }
    }
  }

  /** visibilitychange to visible, pageshow from the back/forward cache, online. */
  function wake(): void {
    if (!running) return;
    if (!healthy()) reconnectNow();
    else if (primary!.index > 0 && !probe) ensureProbe(0);
  }
  const onVisibility = () => lifecycle?.document.visibilityState === 'visible' && wake();
  const onPageShow = (e: Event) => (e as PageTransitionEvent).persisted && wake();
  const onOffline = () => {
    if (!running) return;
    closeAll();
    markDown();
    retryTimer = setTimeout(() => openFrom(0), fullJitter(attempt++, t.backoff, random));
  };

  function listen(on: boolean): void {
    if (!lifecycle) return;
    const m = on ? 'addEventListener' : 'removeEventListener';
    lifecycle.document[m]('visibilitychange', onVisibility);
    lifecycle.window[m]('pageshow', onPageShow);
    lifecycle.window[m]('online', wake);
    lifecycle.window[m]('offline', onOffline);
  }

  return {
    start() {
      if (running) return;
      running = true;
      listen(true);
      lastCheckAt = now();
      livenessTimer = setInterval(checkLiveness, t.livenessCheckMs);
      openFrom(0);
    },
    stop() {
      if (!running) return;
      running = false;
      listen(false);
      clearInterval(livenessTimer);
      closeAll();
      markDown();
    },
    reconnect: reconnectNow,
    status: () => status,
    pending: () => ({ primary: primary ? transports[primary.index]!.name : null, probe: probe !== null }),
    stats: () => ({ ...stats }),
  };
}

function defaultLifecycle(): Lifecycle | null {
  return typeof window !== 'undefined' && typeof document !== 'undefined' ? { window, document } : null;
}
