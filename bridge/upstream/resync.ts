// The full state after a (re)connect: load it from upstream REST, validate it, and merge the live
// envelopes that arrived while it loaded, so nothing between "subscribed" and "state loaded" is lost.
import * as v from 'valibot';
import type { CampaignMetrics, SystemHealth, UpstreamEnvelope } from '../protocol/index.ts';
import { CampaignMetricsSchema, describeIssues, SystemHealthSchema } from '../protocol/index.ts';

export interface UpstreamState {
  campaigns: CampaignMetrics[];
  systemHealth: SystemHealth | null;
}

// REST campaigns carry derived fields (and the body an aggregate); v.object strips what it does not
// name, so only the upstream's own facts enter the state and derived values are recomputed downstream.
const MetricsBodySchema = v.object({ campaigns: v.array(CampaignMetricsSchema) });

type Fetch = typeof fetch;

async function getJson(
  fetchFn: Fetch,
  url: string,
  signal: AbortSignal,
): Promise<{ status: number; body: unknown }> {
  const res = await fetchFn(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    return { status: res.status, body: undefined };
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`${url}: body is not valid JSON`);
  }
}

function validated<S extends v.GenericSchema>(schema: S, body: unknown, url: string): v.InferOutput<S> {
  const r = v.safeParse(schema, body);
  if (!r.success) throw new Error(`${url}: ${describeIssues(r.issues)}`);
  return r.output;
}

/**
 * GET `${apiBase}/analytics/metrics` and `${apiBase}/analytics/system/health` in parallel. Throws an Error
 * naming the path and the bad field on any failure; a 404 on health means "upstream has none" (null).
 */
export async function fetchUpstreamState(
  apiBase: string,
  fetchFn: Fetch,
  signal: AbortSignal,
): Promise<UpstreamState> {
  const base = apiBase.replace(/\/+$/, '');
  const metricsUrl = `${base}/analytics/metrics`;
  const healthUrl = `${base}/analytics/system/health`;
  const [metrics, health] = await Promise.all([
    getJson(fetchFn, metricsUrl, signal),
    getJson(fetchFn, healthUrl, signal),
  ]);
  if (metrics.status !== 200) throw new Error(`${metricsUrl}: HTTP ${metrics.status}`);
  if (health.status !== 200 && health.status !== 404) throw new Error(`${healthUrl}: HTTP ${health.status}`);
  return {
    campaigns: validated(MetricsBodySchema, metrics.body, metricsUrl).campaigns,
    systemHealth: health.status === 404 ? null : validated(SystemHealthSchema, health.body, healthUrl),
  };
}

const time = (iso: string): number => Date.parse(iso);

/**
 * Merges envelopes buffered while REST loaded into the REST state. Returns the merged state and the
 * envelopes still worth replaying: snapshots (metrics, health) older than what REST returned are
 * dropped, because REST already holds something newer; events are all replayed in order. Snapshots
 * as old as REST's are kept: two updates can share a millisecond, and replaying both in order ends on
 * the right one.
 */
export function mergeBuffered(
  rest: UpstreamState,
  buffered: readonly UpstreamEnvelope[],
): { state: UpstreamState; replay: UpstreamEnvelope[] } {
  const restAt = new Map(rest.campaigns.map((c) => [c.campaignId, time(c.updatedAt)]));
  const restHealthAt = rest.systemHealth ? time(rest.systemHealth.timestamp) : Number.NEGATIVE_INFINITY;
  const campaigns = new Map(rest.campaigns.map((c) => [c.campaignId, c]));
  let systemHealth = rest.systemHealth;
  const replay: UpstreamEnvelope[] = [];
  for (const env of buffered) {
    if (env.type === 'metrics_update') {
      const at = time(env.data.updatedAt);
      if (at < (restAt.get(env.data.campaignId) ?? Number.NEGATIVE_INFINITY)) continue;
      const current = campaigns.get(env.data.campaignId);
      if (!current || time(current.updatedAt) <= at) campaigns.set(env.data.campaignId, env.data);
    } else if (env.type === 'system_health_update') {
      const at = time(env.data.timestamp);
      if (at < restHealthAt) continue;
      if (!systemHealth || time(systemHealth.timestamp) <= at) systemHealth = env.data;
    }
    replay.push(env);
  }
  return { state: { campaigns: [...campaigns.values()], systemHealth }, replay };
}
