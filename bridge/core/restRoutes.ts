// The REST side of PROTOCOL.md §3, plus liveness and readiness. Bodies come from the state module,
// which caches the serialization per seq: a hundred polling screens cost one JSON.stringify.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CampaignIdSchema } from '../protocol/index.ts';
import { BRIDGE_ERRORS, jsonError } from './errors.ts';
import type { Hub } from './hub.ts';
import type { State } from './state.ts';

export interface Readiness {
  live: boolean;
  reason: string;
}

export interface RestDeps {
  state: State;
  hub: Hub;
  readiness: () => Readiness;
  startedAt: number;
  now: () => number;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
} as const;
const json = (text: string, status = 200): Response => new Response(text, { status, headers: JSON_HEADERS });

export function restRoutes(deps: RestDeps): Hono {
  const { state, hub } = deps;
  return new Hono()
    .get('/analytics/metrics', () => json(state.metricsJson()))
    .get('/analytics/campaigns/:campaignId/metrics', (c) => {
      const id = c.req.param('campaignId');
      if (!v.is(CampaignIdSchema, id)) {
        return jsonError(400, BRIDGE_ERRORS.badRequest, 'campaignId: must be 1–64 of [A-Za-z0-9_-]');
      }
      const campaign = state.campaigns().get(id);
      if (!campaign) return jsonError(404, BRIDGE_ERRORS.notFound, `no campaign with id ${id}`);
      return json(JSON.stringify(campaign));
    })
    .get('/analytics/system/health', () => {
      const health = state.systemHealth();
      if (!health) {
        return jsonError(
          503,
          BRIDGE_ERRORS.upstreamUnavailable,
          'no system health received from upstream yet',
        );
      }
      return json(JSON.stringify(health));
    })
    .get('/healthz', () =>
      json(
        JSON.stringify({
          status: 'ok',
          uptimeS: Math.round((deps.now() - deps.startedAt) / 1000),
          seq: state.seq(),
          campaigns: state.campaigns().size,
          clients: hub.stats(),
        }),
      ),
    )
    .get('/readyz', () => {
      const r = deps.readiness();
      return r.live
        ? json(JSON.stringify({ status: 'ready' }))
        : jsonError(503, BRIDGE_ERRORS.upstreamUnavailable, r.reason);
    });
}
