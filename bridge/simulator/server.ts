// The simulator as a server: real timers drive the model's simulated clock, and the model's events
// go out over API Gateway's side of the protocol (WebSocket at /production, REST under /api).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { UpstreamEnvelope } from '../protocol/index.ts';
import { DEFAULTS } from './defaults.ts';
import { createGateway } from './gateway.ts';
import { createHostSampler } from './hostHealth.ts';
import { createDialer, type Dialer } from './model/dialer.ts';
import { resolveOptions, type SimulatorOptions } from './options.ts';
import { createRestApi } from './restApi.ts';

export { createDialer, type Dialer, type DialerOptions } from './model/dialer.ts';
export type { SimulatorOptions } from './options.ts';

export interface SimulatorHandle {
  port: number;
  /** `ws://127.0.0.1:${port}/production` */
  wsUrl: string;
  /** `http://127.0.0.1:${port}/api` */
  apiBase: string;
  dialer: Dialer;
  connections(): number;
  dropConnections(code?: number): void;
  /** Stops the server and its timers (a dialer passed in keeps its state for the next server). */
  close(): Promise<void>;
}

/** A stalled event loop (laptop asleep, debugger) must not become one giant burst of events. */
const MAX_REAL_STEP_MS = 2_000;

/** Loopback or the named host for the URLs; a wildcard bind is reached over loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** metrics_update carries a fresh updatedAt every time; only the numbers decide whether it changed. */
const fingerprint = (env: { data: object }): string => JSON.stringify({ ...env.data, updatedAt: undefined });

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const opts = resolveOptions(options);
  const dialer =
    opts.dialer ??
    createDialer({
      seed: opts.seed,
      campaigns: opts.campaigns,
      ...(opts.epochMs !== undefined ? { epochMs: opts.epochMs } : {}),
    });
  const host = createHostSampler();
  const knownIds = new Set(dialer.campaignIds());

  const gateway = createGateway({
    path: DEFAULTS.server.wsPath,
    idleTimeoutMs: opts.idleTimeoutMs,
    maxConnectionMs: opts.maxConnectionMs,
    maxMessageBytes: opts.maxMessageBytes,
    maxConnectsPerSecond: opts.maxConnectsPerSecond,
    hasCampaign: (id) => knownIds.has(id),
    now: () => dialer.now(),
  });

  const rest = createRestApi({ dialer, systemHealth: () => dialer.systemHealth(host.sample()) });
  const server = createServer(getRequestListener(rest.fetch));
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  // Serialize each envelope once; the same string goes to every subscribed socket.
  function publish(env: UpstreamEnvelope): void {
    const campaignId = env.type === 'system_health_update' ? null : env.data.campaignId;
    if (gateway.wants(campaignId)) gateway.broadcast(campaignId, JSON.stringify(env));
  }

  // metrics_update is coalesced per campaign: at most metricsHz per real second, always the latest.
  const minGapMs = 1000 / opts.metricsHz;
  const lastSentAt = new Map<string, number>();
  const lastSent = new Map<string, string>();
  function flushMetrics(realNow: number): void {
    for (const id of knownIds) {
      if (realNow - (lastSentAt.get(id) ?? Number.NEGATIVE_INFINITY) < minGapMs || !gateway.wants(id))
        continue;
      const data = dialer.campaignMetrics(id)!;
      const env: UpstreamEnvelope = { type: 'metrics_update', data, timestamp: data.updatedAt };
      const fp = fingerprint(env);
      if (lastSent.get(id) === fp) continue;
      lastSent.set(id, fp);
      lastSentAt.set(id, realNow);
      gateway.broadcast(id, JSON.stringify(env));
    }
  }

  let lastReal = performance.now();
  // The simulated clock moves in whole milliseconds (ISO timestamps carry no more); the fraction carries over.
  let carryMs = 0;
  function tick(): void {
    const realNow = performance.now();
    const realDt = Math.min(realNow - lastReal, MAX_REAL_STEP_MS);
    lastReal = realNow;
    carryMs += realDt * opts.speed;
    const dt = Math.floor(carryMs);
    carryMs -= dt;
    for (const env of dialer.step(dt)) publish(env);
    flushMetrics(realNow);
  }

  function health(): void {
    publish({
      type: 'system_health_update',
      data: dialer.systemHealth(host.sample()),
      timestamp: new Date(dialer.now()).toISOString(),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const ticker = setInterval(tick, DEFAULTS.server.tickMs);
  const healthTimer = setInterval(health, opts.healthIntervalMs);
  const h = urlHost(opts.host);

  let closed: Promise<void> | null = null;
  return {
    port,
    wsUrl: `ws://${h}:${port}${DEFAULTS.server.wsPath}`,
    apiBase: `http://${h}:${port}/api`,
    dialer,
    connections: () => gateway.connections(),
    dropConnections: (code) => gateway.dropConnections(code),
    close() {
      closed ??= (async () => {
        clearInterval(ticker);
        clearInterval(healthTimer);
        await gateway.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}
