import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CampaignViewSchema,
  ErrorBodySchema,
  MetricsResponseSchema,
  SystemHealthSchema,
} from '../../bridge/protocol/index.ts';
import { getJson, startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { campaign, health, healthUpdate, metrics } from './helpers/fixtures.ts';

describe('REST endpoints', () => {
  let b: TestBridge;
  beforeAll(async () => {
    b = await startTestBridge();
    b.bridge.sink.envelope(metrics(campaign('c1')));
    b.bridge.sink.envelope(metrics(campaign('c2', { status: 'paused' })));
  });
  afterAll(() => b.close());

  it('serves every campaign with derived fields and an aggregate over all of them', async () => {
    const { status, body } = await getJson(`${b.url}/analytics/metrics`);
    expect(status).toBe(200);
    const parsed = v.parse(MetricsResponseSchema, body);
    expect(parsed.campaigns.map((c) => c.campaignId)).toEqual(['c1', 'c2']);
    expect(parsed.campaigns[0]).toMatchObject({ completed: 10, humanAnswered: 6, answerRate: 0.6 });
    expect(parsed.aggregate).toMatchObject({ totalActiveCalls: 6, activeCampaigns: 1 });
  });

  it('serves one campaign by id and a JSON 404 for an unknown one', async () => {
    const one = await getJson(`${b.url}/analytics/campaigns/c2/metrics`);
    expect(one.status).toBe(200);
    expect(v.parse(CampaignViewSchema, one.body).status).toBe('paused');
    const missing = await getJson(`${b.url}/analytics/campaigns/nope/metrics`);
    expect(missing.status).toBe(404);
    expect(v.parse(ErrorBodySchema, missing.body).error.code).toBe('not_found');
    const bad = await getJson(`${b.url}/analytics/campaigns/${'x'.repeat(65)}/metrics`);
    expect(bad.status).toBe(400);
    expect(v.parse(ErrorBodySchema, bad.body).error.message).toContain('campaignId');
  });

  it('answers system health with 503 until upstream sent one, then with the latest', async () => {
    const before = await getJson(`${b.url}/analytics/system/health`);
    expect(before.status).toBe(503);
    expect(v.parse(ErrorBodySchema, before.body).error.code).toBe('upstream_unavailable');
    const h = health({ cpuUsage: 0.77 });
    b.bridge.sink.envelope(healthUpdate(h));
    const after = await getJson(`${b.url}/analytics/system/health`);
    expect(after.status).toBe(200);
    expect(v.parse(SystemHealthSchema, after.body)).toEqual(h);
  });

  it('is alive at /healthz and not ready at /readyz without a live upstream', async () => {
    expect((await getJson(`${b.url}/healthz`)).status).toBe(200);
    const notReady = await getJson(`${b.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({
      error: { code: 'upstream_unavailable', message: 'no upstream configured' },
    });
    b.bridge.sink.status({ live: true, reason: 'subscribed' });
    expect((await getJson(`${b.url}/readyz`)).status).toBe(200);
    b.bridge.sink.status({ live: false, reason: 'upstream closed 1006' });
    expect((await getJson(`${b.url}/readyz`)).body).toMatchObject({
      error: { message: 'upstream closed 1006' },
    });
  });

  it('answers unknown API paths and methods with a JSON 404', async () => {
    for (const path of ['/analytics/nothing', '/nope.js']) {
      const r = await getJson(`${b.url}${path}`);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toContain('application/json');
      expect(v.parse(ErrorBodySchema, r.body).error.code).toBe('not_found');
    }
    const post = await fetch(`${b.url}/analytics/metrics`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    expect(v.parse(ErrorBodySchema, await post.json()).error.code).toBe('not_found');
  });

  it('answers a plain GET on /ws with 426 and a JSON error', async () => {
    const r = await getJson(`${b.url}/ws`);
    expect(r.status).toBe(426);
    expect(v.parse(ErrorBodySchema, r.body).error.message).toContain('WebSocket');
  });

  it('says how to build the PWA when it is not built', async () => {
    const page = await fetch(`${b.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    const api = await getJson(`${b.url}/`);
    expect(api.status).toBe(503);
    expect(v.parse(ErrorBodySchema, api.body).error.code).toBe('not_built');
  });
});
