// The bridge's configuration: one typed object, validated once. Both the env parser (env.ts) and
// startBridge() go through validateConfig, so a bad value is caught the same way from either side.
import { LOG_LEVELS, type LogLevel } from '../log.ts';
import { DEFAULTS } from './defaults.ts';

export interface BridgeConfig {
  port: number;
  host: string;
  /** ws:// or wss:// of the upstream feed; null = no upstream (readyz stays 503). */
  upstreamWsUrl: string | null;
  /** http(s):// base of the upstream REST API; required with upstreamWsUrl. */
  upstreamApiBaseUrl: string | null;
  logLevel: LogLevel;
  maxClients: number;
  wsMaxPayload: number;
  wsHardMaxPayload: number;
  wsRateLimit: number;
  wsRateBurst: number;
  maxSubscriptions: number;
  ringSize: number;
  maxCampaigns: number;
  clientQueueBytes: number;
  clientQueueHardBytes: number;
  slowClientGraceMs: number;
  lagSweepMs: number;
  sseHeartbeatMs: number;
  sseRetryMs: number;
  wsPingMs: number;
  shutdownGraceMs: number;
  upstreamPingIntervalMs: number;
  upstreamMaxConnectionMs: number;
  upstreamRotateMarginMs: number;
  simulatorSeed: number;
  simulatorSpeed: number;
  simulatorCampaigns: number;
  /** Built PWA directory; null = none (the bridge then says how to build it). */
  staticDir: string | null;
}

type Kind =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'url'; schemes: readonly string[] }
  | { kind: 'text' }
  | { kind: 'level' };

interface Field {
  env: string;
  rule: Kind;
  /** What the variable is, for docs and messages. */
  about: string;
  nullable?: boolean;
}

const int = (min: number, max: number): Kind => ({ kind: 'int', min, max });
const num = (min: number, max: number): Kind => ({ kind: 'number', min, max });
const MAX_MS = 2_147_483_647; // setTimeout's limit
const MAX_BYTES = 1 << 30;

/** Every configurable field: its env variable, its rule and what it means (docs/configuration.md). */
export const FIELDS: Record<keyof BridgeConfig, Field> = {
  port: { env: 'PORT', rule: int(0, 65_535), about: 'TCP port of the bridge (0 = any free port)' },
  host: { env: 'HOST', rule: { kind: 'text' }, about: 'address to listen on' },
  upstreamWsUrl: {
    env: 'UPSTREAM_WS_URL',
    rule: { kind: 'url', schemes: ['ws:', 'wss:'] },
    about: 'upstream WebSocket URL; unset = embedded simulator (npm start)',
    nullable: true,
  },
  upstreamApiBaseUrl: {
    env: 'UPSTREAM_API_BASE_URL',
    rule: { kind: 'url', schemes: ['http:', 'https:'] },
    about: 'upstream REST base (serves /analytics/metrics …); required with UPSTREAM_WS_URL',
    nullable: true,
  },
  logLevel: { env: 'LOG_LEVEL', rule: { kind: 'level' }, about: 'lowest log level written' },
  maxClients: { env: 'MAX_CLIENTS', rule: int(1, 1_000_000), about: 'WebSocket + SSE connections at once' },
  wsMaxPayload: {
    env: 'WS_MAX_PAYLOAD',
    rule: int(64, MAX_BYTES),
    about: 'bytes; a bigger client message gets an error envelope',
  },
  wsHardMaxPayload: {
    env: 'WS_HARD_MAX_PAYLOAD',
    rule: int(64, MAX_BYTES),
    about: 'bytes; a bigger frame closes the socket with 1009',
  },
  wsRateLimit: {
    env: 'WS_RATE_LIMIT',
    rule: num(0.1, 100_000),
    about: 'client messages per second per socket',
  },
  wsRateBurst: { env: 'WS_RATE_BURST', rule: int(1, 100_000), about: 'client messages allowed in a burst' },
  maxSubscriptions: {
    env: 'MAX_SUBSCRIPTIONS',
    rule: int(1, 1_000_000),
    about: 'campaign subscriptions per WebSocket',
  },
  ringSize: { env: 'RING_SIZE', rule: int(1, 1_000_000), about: 'envelopes kept for SSE resume' },
  maxCampaigns: { env: 'MAX_CAMPAIGNS', rule: int(1, 1_000_000), about: 'campaigns held at most' },
  clientQueueBytes: {
    env: 'CLIENT_QUEUE_BYTES',
    rule: int(1024, MAX_BYTES),
    about: 'bytes queued for a client before it is resynced by snapshot',
  },
  clientQueueHardBytes: {
    env: 'CLIENT_QUEUE_HARD_BYTES',
    rule: int(1024, MAX_BYTES),
    about: 'bytes queued for a client before it is closed (4008)',
  },
  slowClientGraceMs: {
    env: 'SLOW_CLIENT_GRACE_MS',
    rule: int(1, MAX_MS),
    about: 'ms a client may stay behind before it is closed (4008)',
  },
  lagSweepMs: { env: 'LAG_SWEEP_MS', rule: int(10, 60_000), about: 'ms between checks of lagging clients' },
  sseHeartbeatMs: {
    env: 'SSE_HEARTBEAT_MS',
    rule: int(100, MAX_MS),
    about: 'ms between SSE comment heartbeats',
  },
  sseRetryMs: { env: 'SSE_RETRY_MS', rule: int(0, MAX_MS), about: 'SSE `retry:` reconnect delay, ms' },
  wsPingMs: { env: 'WS_PING_MS', rule: int(100, MAX_MS), about: 'ms between WebSocket pings' },
  shutdownGraceMs: {
    env: 'SHUTDOWN_GRACE_MS',
    rule: int(0, 60_000),
    about: 'ms open connections get on shutdown',
  },
  upstreamPingIntervalMs: {
    env: 'UPSTREAM_PING_INTERVAL_MS',
    rule: int(100, MAX_MS),
    about: 'ms between app-level pings upstream',
  },
  upstreamMaxConnectionMs: {
    env: 'UPSTREAM_MAX_CONNECTION_MS',
    rule: int(1000, MAX_MS),
    about: "upstream's maximum connection duration, ms",
  },
  upstreamRotateMarginMs: {
    env: 'UPSTREAM_ROTATE_MARGIN_MS',
    rule: int(0, MAX_MS),
    about: 'rotate the upstream connection this long before the maximum, ms',
  },
  simulatorSeed: {
    env: 'SIMULATOR_SEED',
    rule: int(0, 0xffffffff),
    about: 'embedded simulator: random seed',
  },
  simulatorSpeed: {
    env: 'SIMULATOR_SPEED',
    rule: num(0.01, 1000),
    about: 'embedded simulator: simulated seconds per real second',
  },
  simulatorCampaigns: {
    env: 'SIMULATOR_CAMPAIGNS',
    rule: int(1, 100),
    about: 'embedded simulator: number of campaigns',
  },
  staticDir: {
    env: 'STATIC_DIR',
    rule: { kind: 'text' },
    about: 'directory of the built PWA (default dist/web)',
    nullable: true,
  },
};

export type ConfigKey = keyof BridgeConfig;
export type ConfigInput = { [K in ConfigKey]?: BridgeConfig[K] | undefined };

/** The default value of every field; staticDir is filled in by the entry (it knows where it runs from). */
export const defaultConfig = (): BridgeConfig => ({
  ...DEFAULTS,
  upstreamWsUrl: null,
  upstreamApiBaseUrl: null,
  staticDir: null,
});

/** The rule of a field, in words: "an integer from 1 to 65535". */
export function describeRule(rule: Kind): string {
  switch (rule.kind) {
    case 'int':
      return `an integer from ${rule.min} to ${rule.max}`;
    case 'number':
      return `a number from ${rule.min} to ${rule.max}`;
    case 'url':
      return `an absolute ${rule.schemes.map((s) => s.replace(':', '://')).join(' or ')} URL`;
    case 'text':
      return 'a non-empty string';
    case 'level':
      return `one of ${LOG_LEVELS.join(', ')}`;
  }
}

/** null when `value` satisfies `rule`, else what was expected. */
export function checkValue(rule: Kind, value: unknown): string | null {
  const ok = (() => {
    switch (rule.kind) {
      case 'int':
        return Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max;
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) && value >= rule.min && value <= rule.max;
      case 'url': {
        if (typeof value !== 'string') return false;
        try {
          return rule.schemes.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }
      case 'text':
        return typeof value === 'string' && value.trim().length > 0;
      case 'level':
        return (LOG_LEVELS as readonly unknown[]).includes(value);
    }
  })();
  return ok ? null : `must be ${describeRule(rule)}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Checks the relations between fields; one line per problem. */
function crossCheck(c: BridgeConfig, name: (k: ConfigKey) => string): string[] {
  const problems: string[] = [];
  if (c.upstreamWsUrl !== null && c.upstreamApiBaseUrl === null) {
    problems.push(`${name('upstreamApiBaseUrl')}: is required when ${name('upstreamWsUrl')} is set`);
  }
  if (c.upstreamWsUrl === null && c.upstreamApiBaseUrl !== null) {
    problems.push(`${name('upstreamWsUrl')}: is required when ${name('upstreamApiBaseUrl')} is set`);
  }
  if (c.wsHardMaxPayload < c.wsMaxPayload) {
    problems.push(`${name('wsHardMaxPayload')}: must be ≥ ${name('wsMaxPayload')} (${c.wsMaxPayload})`);
  }
  if (c.clientQueueHardBytes < c.clientQueueBytes) {
    problems.push(
      `${name('clientQueueHardBytes')}: must be ≥ ${name('clientQueueBytes')} (${c.clientQueueBytes})`,
    );
  }
  if (c.upstreamRotateMarginMs >= c.upstreamMaxConnectionMs) {
    problems.push(
      `${name('upstreamRotateMarginMs')}: must be < ${name('upstreamMaxConnectionMs')} (${c.upstreamMaxConnectionMs})`,
    );
  }
  return problems;
}

/**
 * Defaults + `input`, every field checked. Throws ConfigError listing every bad field (named by
 * `name`, e.g. the env variable), never just the first.
 */
export function validateConfig(input: ConfigInput, name: (k: ConfigKey) => string = (k) => k): BridgeConfig {
  const config = defaultConfig();
  const problems: string[] = [];
  const target = config as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    const field = FIELDS[key as ConfigKey];
    if (!field) {
      problems.push(`${key}: is not a configuration field`);
      continue;
    }
    if (value === undefined) continue;
    if (value === null && field.nullable) {
      target[key] = null;
      continue;
    }
    const problem = checkValue(field.rule, value);
    if (problem) problems.push(`${name(key as ConfigKey)}: ${problem} (got ${JSON.stringify(value)})`);
    else target[key] = value;
  }
  if (problems.length === 0) problems.push(...crossCheck(config, name));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
