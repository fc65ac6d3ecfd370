// One full state over REST: what polling repeats and what refreshMetrics() does once.
import * as v from 'valibot';
import { describeIssues, MetricsResponseSchema, SystemHealthSchema } from '../../../bridge/protocol/index.ts';
import { DEFAULTS } from './config.ts';
import type { RestSnapshot } from './envelope.ts';

/** The server answered, but not with what the contract says (the message names the field). */
export class InvalidBodyError extends Error {}

async function getJson<S extends v.GenericSchema>(
  fetchFn: typeof fetch,
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<v.InferOutput<S>> {
  const res = await fetchFn(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const r = v.safeParse(schema, await res.json());
  if (!r.success) throw new InvalidBodyError(`GET ${url}: ${describeIssues(r.issues)}`);
  return r.output;
}

/** Metrics and system health in parallel; a failing health read keeps the metrics (health stays as it was). */
export async function fetchSnapshot(
  apiBase: string,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<RestSnapshot> {
  const [metrics, health] = await Promise.allSettled([
    getJson(fetchFn, `${apiBase}${DEFAULTS.paths.metrics}`, MetricsResponseSchema, signal),
    getJson(fetchFn, `${apiBase}${DEFAULTS.paths.health}`, SystemHealthSchema, signal),
  ]);
  if (metrics.status === 'rejected') throw metrics.reason;
  return {
    type: 'rest',
    data: {
      campaigns: metrics.value.campaigns,
      systemHealth: health.status === 'fulfilled' ? health.value : null,
    },
    timestamp: metrics.value.timestamp,
  };
}
