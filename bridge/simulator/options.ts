// SimulatorOptions, validated once at the edge: a bad value fails with a message naming the field.
import { DEFAULTS } from './defaults.ts';
import type { Dialer } from './model/dialer.ts';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  speed?: number;
  campaigns?: number;
  metricsHz?: number;
  idleTimeoutMs?: number;
  maxConnectionMs?: number;
  maxMessageBytes?: number;
  /** New WebSocket connections accepted per second (API Gateway: 500); more are answered 429. */
  maxConnectsPerSecond?: number;
  /** Real ms between system_health_update messages. */
  healthIntervalMs?: number;
  /** Simulated start time; default: the dialer's creation time. Tests pass a fixed one. */
  epochMs?: number;
  /** Reuse a running model (restart the server, keep the state). */
  dialer?: Dialer;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'dialer' | 'epochMs'>> & {
  dialer?: Dialer;
  epochMs?: number;
};

function number(field: string, value: unknown, test: (n: number) => boolean, rule: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !test(value)) {
    throw new RangeError(`${field}: must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

const int = (field: string, value: unknown, min: number, max: number): number =>
  number(
    field,
    value,
    (n) => Number.isInteger(n) && n >= min && n <= max,
    `an integer from ${min} to ${max}`,
  );

const positive = (field: string, value: unknown, max: number): number =>
  number(field, value, (n) => n > 0 && n <= max, `a number > 0 and ≤ ${max}`);

export function resolveOptions(opts: SimulatorOptions = {}): ResolvedOptions {
  const d = DEFAULTS.server;
  const host = opts.host ?? d.host;
  if (typeof host !== 'string' || host.trim() === '') {
    throw new RangeError(`host: must be a non-empty string, got ${JSON.stringify(host)}`);
  }
  const hour = 3_600_000;
  return {
    host,
    port: int('port', opts.port ?? d.port, 0, 65_535),
    seed: int('seed', opts.seed ?? d.seed, 0, 0xffffffff),
    speed: positive('speed', opts.speed ?? d.speed, 10_000),
    campaigns: int('campaigns', opts.campaigns ?? d.campaigns, 1, 100),
    metricsHz: positive('metricsHz', opts.metricsHz ?? d.metricsHz, 1_000),
    idleTimeoutMs: int('idleTimeoutMs', opts.idleTimeoutMs ?? d.idleTimeoutMs, 1, 24 * hour),
    maxConnectionMs: int('maxConnectionMs', opts.maxConnectionMs ?? d.maxConnectionMs, 1, 24 * hour),
    maxMessageBytes: int('maxMessageBytes', opts.maxMessageBytes ?? d.maxMessageBytes, 16, 64 * 1024 * 1024),
    maxConnectsPerSecond: int(
      'maxConnectsPerSecond',
      opts.maxConnectsPerSecond ?? d.maxConnectsPerSecond,
      1,
      1_000_000,
    ),
    healthIntervalMs: int('healthIntervalMs', opts.healthIntervalMs ?? d.healthIntervalMs, 10, hour),
    ...(opts.dialer ? { dialer: opts.dialer } : {}),
    ...(opts.epochMs !== undefined
      ? { epochMs: number('epochMs', opts.epochMs, () => true, 'a finite number') }
      : {}),
  };
}
