// The bridge's one link to the upstream feed (API Gateway or the simulator). Runtime-neutral: it uses
// only WebSocket, fetch and timers, so a Node entry and an edge entry can both run it.
//
// Life of a connection: open → subscribe → wait for the first live message (proof that the subscription
// is in place, at most subscribeSettleMs) → load the state over REST while holding live envelopes →
// hand the merged state to the sink, replay what was held → forward live envelopes. Before the gateway's
// maximum connection duration a second socket is opened and aligned with the first (overlap.ts), then the
// old one is closed: no gap and no duplicate, and no REST round trip when the two streams met.
import { rateLimited } from '../log.ts';
import type { CampaignMetrics, SystemHealth, UpstreamEnvelope } from '../protocol/index.ts';
import { fullJitter } from './backoff.ts';
import type { Classified } from './classify.ts';
import { CLOSE_CODES, type Connection, openConnection } from './connection.ts';
import { DEFAULTS, resolveLinkOptions, type UpstreamLinkOptions } from './options.ts';
import { createOverlap, type Overlap } from './overlap.ts';
import { fetchUpstreamState, mergeBuffered, type UpstreamState } from './resync.ts';

export type { WebSocketCtor, WebSocketLike } from './connection.ts';
export { DEFAULTS, resolveLinkOptions, type UpstreamLinkOptions } from './options.ts';

export interface UpstreamSink {
  /** A full state from REST after every (re)connect, already merged with the live events that arrived meanwhile. */
  resync(state: { campaigns: CampaignMetrics[]; systemHealth: SystemHealth | null }): void;
  /** One validated, de-duplicated live envelope. */
  envelope(env: UpstreamEnvelope): void;
  /** Liveness for /readyz. */
  status(s: { live: boolean; reason: string }): void;
}

export interface UpstreamLinkStats {
  /** Times the link went live from a REST resync (first connect, reconnects, unaligned rotations). */
  connects: number;
  /** Connection rotations before the maximum connection duration. */
  rotations: number;
  /** Upstream frames dropped as invalid (bad JSON, bad fields, binary). */
  invalidMessages: number;
  live: boolean;
  reason: string;
  /** Well-formed messages of a type this bridge does not know (a newer upstream). */
  ignoredMessages: number;
  /** `{"type":"error"}` answers from upstream. */
  upstreamErrors: number;
  /** Failed connects and lost connections since the start. */
  failures: number;
}

export interface UpstreamLink {
  start(): void;
  stop(): Promise<void>;
  stats(): UpstreamLinkStats;
}

type Phase = 'connecting' | 'subscribing' | 'syncing' | 'live' | 'candidate';

interface Session {
  conn: Connection;
  phase: Phase;
  /** Envelopes held while REST loads. */
  held: UpstreamEnvelope[];
  liveAt: number | null;
  abort: AbortController | null;
  timers: ReturnType<typeof setTimeout>[];
}

/** Close codes after which reconnecting at once would only repeat the failure (RFC 6455, centrifuge). */
const LONG_BACKOFF_CODES: ReadonlySet<number> = new Set([CLOSE_CODES.tooBig, CLOSE_CODES.tryAgainLater]);

export function createUpstreamLink(options: UpstreamLinkOptions, sink: UpstreamSink): UpstreamLink {
  const o = resolveLinkOptions(options);
  const log = o.log;
  const badLog = rateLimited(log, DEFAULTS.badMessageLogIntervalMs);
  const ignoredLog = rateLimited(log, DEFAULTS.badMessageLogIntervalMs);
  const errorLog = rateLimited(log, DEFAULTS.badMessageLogIntervalMs);
  const now = Date.now;

  let running = false;
  let attempt = 0;
  let primary: Session | null = null;
  let candidate: Session | null = null;
  let overlap: Overlap<UpstreamEnvelope> | null = null;
  /** The overlap of the last rotation, while the new socket catches up with the old one. */
  let catchUp: Overlap<UpstreamEnvelope> | null = null;
  let rotationFailures = 0;
  let linkTimer: ReturnType<typeof setTimeout> | undefined; // reconnect or next rotation
  const counters = {
    connects: 0,
    rotations: 0,
    invalidMessages: 0,
    ignoredMessages: 0,
    upstreamErrors: 0,
    failures: 0,
  };
  let status = { live: false, reason: 'not started' };

  // The sink belongs to the bridge; a bug there must not take the link down with it.
  const deliver = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      log.error('upstream sink threw', { what, err });
    }
  };
  const setStatus = (live: boolean, reason: string) => {
    if (status.live === live && status.reason === reason) return;
    status = { live, reason };
    deliver('status', () => sink.status({ live, reason }));
  };
  const forward = (env: UpstreamEnvelope) => deliver('envelope', () => sink.envelope(env));

  const endSession = (s: Session, code: number, reason: string): Promise<void> => {
    for (const t of s.timers) clearTimeout(t);
    s.timers = [];
    s.abort?.abort();
    s.abort = null;
    return s.conn.close(code, reason);
  };

  function openSession(role: 'primary' | 'candidate'): Session {
    // The callbacks run only after the socket opened, by which time `session` is assigned.
    const session: Session = {
      conn: openConnection(
        o.WebSocket,
        o.wsUrl,
        {
          pingIntervalMs: o.pingIntervalMs,
          connectTimeoutMs: o.connectTimeoutMs,
          silenceTimeoutMs: o.silenceTimeoutMs,
          now,
        },
        {
          open: () => (role === 'primary' ? onPrimaryOpen(session) : onCandidateOpen(session)),
          frame: (c, raw) => onFrame(session, c, raw),
          lost: (code, reason) => onLost(session, code, reason),
        },
      ),
      phase: 'connecting',
      held: [],
      liveAt: null,
      abort: null,
      timers: [],
    };
    return session;
  }

  function connect(): void {
    linkTimer = undefined;
    if (!running) return;
    setStatus(false, attempt === 0 ? 'connecting' : `connecting (retry ${attempt})`);
    primary = openSession('primary');
  }

  function onPrimaryOpen(s: Session): void {
    s.phase = 'subscribing';
    // The first live message proves upstream has the subscription; REST loaded before that could miss
    // an event. A quiet upstream sends nothing, so wait for it only this long.
    s.timers.push(setTimeout(() => startSync(s, false), o.subscribeSettleMs));
  }

  function startSync(s: Session, quiet: boolean): void {
    if (s !== primary || (s.phase !== 'subscribing' && s.phase !== 'candidate')) return;
    s.phase = 'syncing';
    if (!quiet) setStatus(false, 'resyncing from upstream REST');
    const abort = new AbortController();
    s.abort = abort;
    s.timers.push(
      setTimeout(() => abort.abort(new Error(`no answer within ${o.restTimeoutMs} ms`)), o.restTimeoutMs),
    );
    fetchUpstreamState(o.apiBase, o.fetch, abort.signal).then(
      (rest) => {
        if (s === primary && s.phase === 'syncing') finishSync(s, rest);
      },
      (err: unknown) => {
        if (s !== primary || s.phase !== 'syncing') return;
        const reason = abort.signal.aborted ? String(abort.signal.reason) : String(err);
        failPrimary(s, CLOSE_CODES.normal, `resync failed: ${reason}`);
      },
    );
  }

  function finishSync(s: Session, rest: UpstreamState): void {
    for (const t of s.timers) clearTimeout(t); // the REST timeout and the subscribe settle timer
    s.timers = [];
    s.abort = null;
    const { state, replay } = mergeBuffered(rest, s.held);
    s.held = [];
    s.phase = 'live';
    s.liveAt = now();
    counters.connects++;
    deliver('resync', () => sink.resync(state));
    for (const env of replay) forward(env);
    log.info('upstream connected and resynced', {
      campaigns: state.campaigns.length,
      replayed: replay.length,
      connects: counters.connects,
    });
    setStatus(true, 'live');
    scheduleRotation(s, rotationDelay(s));
  }

  function rotationDelay(s: Session): number {
    const openedAt = s.conn.openedAt() ?? now();
    return Math.max(0, openedAt + o.maxConnectionMs - o.rotateMarginMs - now());
  }

  function scheduleRotation(s: Session, delay: number): void {
    clearTimeout(linkTimer);
    linkTimer = setTimeout(() => {
      linkTimer = undefined;
      if (running && s === primary && s.phase === 'live' && !candidate) {
        log.info('upstream rotation started', { openForMs: now() - (s.conn.openedAt() ?? now()) });
        overlap = createOverlap<UpstreamEnvelope>();
        candidate = openSession('candidate');
      }
    }, delay);
  }

  function onCandidateOpen(s: Session): void {
    s.phase = 'candidate';
    s.timers.push(
      setTimeout(() => promoteCandidate('no common message within rotateSettleMs'), o.rotateSettleMs),
    );
  }

  function onFrame(s: Session, c: Classified, raw: string | null): void {
    if (s !== primary && s !== candidate) return;
    if (c.kind !== 'envelope') {
      countBad(c);
      return;
    }
    const env = c.envelope;
    if (s === candidate) {
      const step = overlap?.fromNew(raw as string, env);
      if (step?.kind === 'switch') completeRotation(step.items);
      else if (step?.kind === 'overflow') promoteCandidate('overlap buffer full without a common message');
      return;
    }
    switch (s.phase) {
      case 'subscribing':
        s.held.push(env);
        startSync(s, false);
        return;
      case 'syncing':
        s.held.push(env);
        if (s.held.length > DEFAULTS.maxBuffered) {
          failPrimary(
            s,
            CLOSE_CODES.normal,
            `more than ${DEFAULTS.maxBuffered} envelopes arrived during resync`,
          );
        }
        return;
      case 'live': {
        if (catchUp?.alreadyForwarded(raw as string)) return;
        catchUp = null;
        forward(env);
        const step = overlap?.fromOld(raw as string);
        if (step?.kind === 'switch') completeRotation(step.items);
        return;
      }
    }
  }

  function countBad(c: Exclude<Classified, { kind: 'envelope' }>): void {
    if (c.kind === 'invalid') {
      counters.invalidMessages++;
      badLog.warn('upstream message dropped', {
        code: c.code,
        problem: c.message,
        total: counters.invalidMessages,
      });
    } else if (c.kind === 'ignored') {
      counters.ignoredMessages++;
      ignoredLog.info('upstream message of unknown type ignored', {
        type: c.type,
        total: counters.ignoredMessages,
      });
    } else {
      counters.upstreamErrors++;
      errorLog.warn('upstream answered with an error', { code: c.code, problem: c.message });
    }
  }

  /** The two sockets met: forward what only the new one has, then retire the old one. */
  function completeRotation(items: UpstreamEnvelope[]): void {
    const old = primary;
    const next = candidate;
    if (!old || !next) return;
    for (const env of items) forward(env);
    for (const t of next.timers) clearTimeout(t);
    next.timers = [];
    next.phase = 'live';
    next.liveAt = now();
    primary = next;
    candidate = null;
    catchUp = overlap;
    overlap = null;
    counters.rotations++;
    rotationFailures = 0;
    void endSession(old, CLOSE_CODES.normal, 'rotated');
    log.info('upstream connection rotated', {
      rotations: counters.rotations,
      forwardedFromNew: items.length,
    });
    scheduleRotation(next, rotationDelay(next));
  }

  /** Switch to the new socket without proof of alignment: resync it over REST (live stays true). */
  function promoteCandidate(why: string): void {
    const old = primary;
    const next = candidate;
    if (next?.phase !== 'candidate') return;
    for (const t of next.timers) clearTimeout(t);
    next.timers = [];
    next.held = overlap?.held() ?? [];
    primary = next;
    candidate = null;
    overlap = null;
    if (old) counters.rotations++;
    if (old) void endSession(old, CLOSE_CODES.normal, 'rotated');
    log.warn('upstream rotation without alignment; resyncing', { why });
    startSync(next, old?.phase === 'live');
  }

  function failPrimary(s: Session, code: number, reason: string): void {
    void endSession(s, code, reason);
    onLost(s, code, reason);
  }

  function onLost(s: Session, code: number, reason: string): void {
    if (s === candidate) {
      candidate = null;
      overlap = null;
      void endSession(s, CLOSE_CODES.normal, 'candidate lost');
      rotationFailures++;
      const retry = o.backoff.baseMs + fullJitter(rotationFailures, o.backoff, o.random);
      log.warn('upstream rotation failed; retrying', { code, reason, retryInMs: retry });
      if (primary?.phase === 'live') scheduleRotation(primary, retry);
      return;
    }
    if (s !== primary) return;
    primary = null;
    catchUp = null;
    counters.failures++;
    void endSession(s, code, reason);
    // A rotation in flight: its new socket is open and subscribed, so make it the primary and resync.
    if (candidate?.phase === 'candidate') {
      log.warn('upstream lost during rotation; continuing on the new connection', { code, reason });
      setStatus(false, `upstream closed (${code}); resyncing on the rotated connection`);
      promoteCandidate('old connection lost');
      return;
    }
    if (candidate) {
      void endSession(candidate, CLOSE_CODES.normal, 'link reconnecting');
      candidate = null;
      overlap = null;
    }
    if (!running) return;
    // partysocket: the retry count resets only after the link stayed up minUptimeMs.
    if (s.liveAt !== null && now() - s.liveAt >= o.backoff.minUptimeMs) attempt = 0;
    const long = LONG_BACKOFF_CODES.has(code);
    const delay = (long ? o.backoff.capMs : 0) + fullJitter(attempt, o.backoff, o.random);
    attempt++;
    const fields = { code, reason, retryInMs: delay, attempt };
    if (long) log.error('upstream closed the link; backing off long', fields);
    else log.warn('upstream link lost', fields);
    setStatus(
      false,
      `upstream ${s.phase === 'live' ? 'lost' : 'unavailable'} (${code} ${reason}); retry in ${delay} ms`,
    );
    clearTimeout(linkTimer);
    linkTimer = setTimeout(connect, delay);
  }

  return {
    start() {
      if (running) return;
      running = true;
      setStatus(false, 'connecting');
      connect();
    },
    async stop() {
      running = false;
      clearTimeout(linkTimer);
      linkTimer = undefined;
      const closing = [primary, candidate].filter((s): s is Session => s !== null);
      primary = null;
      candidate = null;
      overlap = null;
      catchUp = null;
      setStatus(false, 'stopped');
      await Promise.all(closing.map((s) => endSession(s, CLOSE_CODES.normal, 'bridge stopping')));
    },
    stats: () => ({ ...counters, live: status.live, reason: status.reason }),
  };
}
