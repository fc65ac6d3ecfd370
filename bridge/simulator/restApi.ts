// The REST paths API Gateway's backend serves next to the socket (PROTOCOL.md §3 bodies), under /api.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { ErrorCode, MetricsResponse, SystemHealth } from '../protocol/index.ts';
import { aggregate, CampaignIdSchema, ERROR_CODES, withDerived } from '../protocol/index.ts';
import type { Dialer } from './model/dialer.ts';

export interface RestApiOptions {
  dialer: Dialer;
  systemHealth(): SystemHealth;
}

const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

export function createRestApi({ dialer, systemHealth }: RestApiOptions): Hono {
  const app = new Hono().basePath('/api');

  app.get('/analytics/metrics', (c) => {
    const campaigns = dialer.metrics();
    const body: MetricsResponse = {
      campaigns: campaigns.map(withDerived),
      aggregate: aggregate(campaigns),
      timestamp: new Date(dialer.now()).toISOString(),
    };
    return c.json(body);
  });

  app.get('/analytics/campaigns/:campaignId/metrics', (c) => {
    const id = c.req.param('campaignId');
    if (!v.is(CampaignIdSchema, id)) {
      return c.json(errorBody(ERROR_CODES.badRequest, 'campaignId: must be 1–64 of [A-Za-z0-9_-]'), 400);
    }
    const m = dialer.campaignMetrics(id);
    if (!m) return c.json(errorBody(ERROR_CODES.notFound, `campaignId: unknown campaign "${id}"`), 404);
    return c.json(withDerived(m));
  });

  app.get('/analytics/system/health', (c) => c.json(systemHealth()));

  app.notFound((c) =>
    c.json(errorBody(ERROR_CODES.notFound, `no route for ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((err, c) => c.json(errorBody(ERROR_CODES.internal, err.message), 500));
  return app;
}
