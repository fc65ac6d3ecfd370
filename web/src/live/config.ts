// Every tunable of the live client core in one place, and the endpoints it talks to.
// The thresholds are chosen for two targets (docs/client.md): a dead or never-opening channel is
// replaced by a working one within 7 s, and the client is back on WebSocket within 60 s of it recovering.
export const DEFAULTS = {
  paths: {
    ws: '/ws',
    stream: '/analytics/stream',
    metrics: '/analytics/metrics',
    health: '/analytics/system/health',
  },
  /** full jitter: rand(0, min(capMs, baseMs·2^attempt)); the attempt count resets after minUptimeMs up */
  backoff: { baseMs: 500, capMs: 20_000, minUptimeMs: 5_000 },
  /** 1001/1012/4000–4499 after a healthy connection: reconnect within rand(0, quickReconnectMs) */
  quickReconnectMs: 500,
  /** 1013 "try again later": wait at least this long (plus full jitter) before the next WebSocket try */
  longBackoffMs: 15_000,
  /** a reconnect wait longer than this is spent on the next channel instead of showing nothing */
  maxGapMs: 1_500,
  /** a channel must deliver its first data (the snapshot) this soon after opening, or the next one is tried */
  openTimeoutMs: 3_000,
  /** quiet this long → ask the channel for fresh data (WS re-subscribe, SSE reopen, poll now) */
  quietMs: 3_000,
  /** silent this long → the channel is dead and replaced (5 s + one 0.5 s check + opening ≤ 7 s) */
  silenceMs: 5_000,
  /** how often liveness is checked against the wall clock (Date.now), not against timer counts */
  livenessCheckMs: 500,
  /** the WebSocket sends {"action":"ping"} this often so proxies and idle timers see traffic */
  wsPingIntervalMs: 15_000,
  /** on a fallback, try WebSocket in the background after rand(probeMinMs, probeMaxMs) */
  probeMinMs: 30_000,
  probeMaxMs: 55_000,
  pollingIntervalMs: 2_000,
  /** ±20 % so a floor of screens reloaded together does not poll in lockstep */
  pollingJitter: 0.2,
  /** consecutive failed polls before polling counts as dead (the first poll failing counts at once) */
  pollingMaxFailures: 2,
  historyLength: 20,
  historyIntervalMs: 2_000,
  /** keep the shared connection this long after its last user goes, so a page change never reconnects */
  releaseGraceMs: 1_000,
  /** this many duplicates in a row means the stream restarted under us (a new bridge run): resync */
  maxDuplicateRun: 20,
  /**
   * Live messages are applied once per animation frame, all together; without frames (a hidden tab)
   * at the latest this long after the first one waiting (the product promises the screen ≤ 100 ms).
   */
  applyMaxDelayMs: 100,
  /** more messages than this waiting are applied at once, whatever the frame timing */
  applyMaxPending: 5_000,
} as const;

type Widen<T> = T extends number
  ? number
  : T extends string
    ? string
    : { -readonly [K in keyof T]: Widen<T[K]> };
/** DEFAULTS with plain number and string types, so tests and callers can pass their own values. */
export type Tuning = Widen<typeof DEFAULTS>;

export interface Endpoints {
  wsUrl: string;
  apiBase: string;
}

interface EnvLike {
  [name: string]: unknown;
  VITE_WS_URL?: string | undefined;
  VITE_API_BASE_URL?: string | undefined;
}

function checkedUrl(name: string, value: string | undefined, protocols: string[]): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (protocols.includes(url.protocol)) return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  console.error(
    `${name}: must be an absolute ${protocols.join(' or ')} URL, got "${value}"; using the default`,
  );
  return null;
}

/**
 * Same origin by default (the bridge serves the PWA); VITE_API_BASE_URL and VITE_WS_URL override it.
 * With only VITE_API_BASE_URL set, the WebSocket URL follows it, so one variable moves both.
 */
export function resolveEndpoints(
  env: EnvLike,
  location: { origin: string; protocol: string; host: string },
): Endpoints {
  const apiBase =
    checkedUrl('VITE_API_BASE_URL', env.VITE_API_BASE_URL, ['http:', 'https:']) ?? location.origin;
  const wsFromApi = `${apiBase.replace(/^http/, 'ws')}${DEFAULTS.paths.ws}`;
  const wsUrl = checkedUrl('VITE_WS_URL', env.VITE_WS_URL, ['ws:', 'wss:']) ?? wsFromApi;
  return { wsUrl, apiBase };
}
