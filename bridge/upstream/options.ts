// The link's options: every tunable in one DEFAULTS object, merged and checked once, with a message
// naming the option at fault.
import { type Logger, silentLogger } from '../log.ts';
import type { WebSocketCtor } from './connection.ts';

export const DEFAULTS = {
  /** App-level `{"action":"ping"}`; API Gateway closes after 10 min without a message. */
  pingIntervalMs: 60_000,
  /** API Gateway's maximum connection duration (2 h). */
  maxConnectionMs: 7_200_000,
  /** Rotate this long before maxConnectionMs. */
  rotateMarginMs: 300_000,
  backoff: { baseMs: 500, capMs: 20_000, minUptimeMs: 5_000 },
  connectTimeoutMs: 10_000,
  restTimeoutMs: 10_000,
  /** Wait at most this long for the first live message before loading REST state. */
  subscribeSettleMs: 1_000,
  /** Longest rotation overlap; without a common message by then, the new socket resyncs over REST. */
  rotateSettleMs: 10_000,
  /**
   * Reconnect when nothing arrived for this long; 0 = off. Off by default because the contract does not
   * promise periodic messages (a quiet upstream is legal). Set it when the upstream is known to be
   * chatty (the simulator sends system health every few seconds) to catch a half-open socket fast.
   */
  silenceTimeoutMs: 0,
  /** Envelopes held while REST loads; more means REST is far too slow: fail and reconnect. */
  maxBuffered: 20_000,
  /** At most one log line per kind of bad upstream message per this interval. */
  badMessageLogIntervalMs: 10_000,
} as const;

export interface UpstreamLinkOptions {
  wsUrl: string;
  apiBase: string;
  WebSocket?: WebSocketCtor;
  fetch?: typeof fetch;
  pingIntervalMs?: number;
  maxConnectionMs?: number;
  rotateMarginMs?: number;
  backoff?: { baseMs: number; capMs: number; minUptimeMs: number };
  log?: Logger;
  connectTimeoutMs?: number;
  restTimeoutMs?: number;
  subscribeSettleMs?: number;
  rotateSettleMs?: number;
  silenceTimeoutMs?: number;
  /** Source of jitter; tests pass a seeded one. */
  random?: () => number;
}

export type ResolvedLinkOptions = Required<Omit<UpstreamLinkOptions, 'log'>> & { log: Logger };

function positive(name: string, value: number, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of ms (got ${value})`,
    );
  }
  return value;
}

function url(name: string, value: string, schemes: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute URL (got ${JSON.stringify(value)})`);
  }
  if (!schemes.includes(parsed.protocol)) {
    throw new Error(`${name} must use ${schemes.join(' or ')} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Merges defaults and rejects bad options with a message naming the option. */
export function resolveLinkOptions(opts: UpstreamLinkOptions): ResolvedLinkOptions {
  const WS = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  if (!WS) {
    throw new Error(
      "WebSocket: this runtime has no global WebSocket; pass one (Node: import { WebSocket } from 'ws')",
    );
  }
  const fetchFn = opts.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchFn) throw new Error('fetch: this runtime has no global fetch; pass one');
  const b = { ...DEFAULTS.backoff, ...opts.backoff };
  const r: ResolvedLinkOptions = {
    wsUrl: url('wsUrl', opts.wsUrl, ['ws:', 'wss:']),
    apiBase: url('apiBase', opts.apiBase, ['http:', 'https:']),
    WebSocket: WS,
    fetch: fetchFn,
    pingIntervalMs: positive('pingIntervalMs', opts.pingIntervalMs ?? DEFAULTS.pingIntervalMs),
    maxConnectionMs: positive('maxConnectionMs', opts.maxConnectionMs ?? DEFAULTS.maxConnectionMs),
    rotateMarginMs: positive('rotateMarginMs', opts.rotateMarginMs ?? DEFAULTS.rotateMarginMs, true),
    backoff: {
      baseMs: positive('backoff.baseMs', b.baseMs),
      capMs: positive('backoff.capMs', b.capMs),
      minUptimeMs: positive('backoff.minUptimeMs', b.minUptimeMs, true),
    },
    log: opts.log ?? silentLogger,
    connectTimeoutMs: positive('connectTimeoutMs', opts.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs),
    restTimeoutMs: positive('restTimeoutMs', opts.restTimeoutMs ?? DEFAULTS.restTimeoutMs),
    subscribeSettleMs: positive(
      'subscribeSettleMs',
      opts.subscribeSettleMs ?? DEFAULTS.subscribeSettleMs,
      true,
    ),
    rotateSettleMs: positive('rotateSettleMs', opts.rotateSettleMs ?? DEFAULTS.rotateSettleMs),
    silenceTimeoutMs: positive('silenceTimeoutMs', opts.silenceTimeoutMs ?? DEFAULTS.silenceTimeoutMs, true),
    random: opts.random ?? Math.random,
  };
  if (r.rotateMarginMs >= r.maxConnectionMs) {
    throw new Error(
      `rotateMarginMs (${r.rotateMarginMs}) must be less than maxConnectionMs (${r.maxConnectionMs})`,
    );
  }
  if (r.backoff.capMs < r.backoff.baseMs) {
    throw new Error(
      `backoff.capMs (${r.backoff.capMs}) must be at least backoff.baseMs (${r.backoff.baseMs})`,
    );
  }
  return r;
}
