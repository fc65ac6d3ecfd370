import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFields } from '../../bridge/log.ts';
import { getJson, startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { campaign, health, metrics } from './helpers/fixtures.ts';
import { type ScriptedUpstream, startScriptedUpstream } from './helpers/scriptedUpstream.ts';
import { openSse, type TestSse } from './helpers/sseClient.ts';
import { waitFor } from './helpers/wait.ts';
import { openWs, type TestWs } from './helpers/wsClient.ts';

describe('garbage from upstream', () => {
  let up: ScriptedUpstream;
  let b: TestBridge;
  let ws: TestWs;
  let sse: TestSse;
  const warnings: string[] = [];
  const log = {
    info() {},
    warn: (msg: string, _f?: LogFields) => warnings.push(msg),
    error: (msg: string, _f?: LogFields) => warnings.push(msg),
  };

  beforeAll(async () => {
    up = await startScriptedUpstream({ campaigns: [campaign('g1')], systemHealth: health() });
    b = await startTestBridge(
      { upstreamWsUrl: up.wsUrl, upstreamApiBaseUrl: up.apiBase },
      { log, link: { subscribeSettleMs: 100, backoff: { baseMs: 50, capMs: 200, minUptimeMs: 100 } } },
    );
    await waitFor('readiness', async () => (await getJson(`${b.url}/readyz`)).status === 200, 10_000);
    ws = await openWs(b.wsUrl);
    ws.send({ action: 'subscribe' });
    await ws.next((m) => m.type === 'snapshot');
    sse = await openSse(`${b.url}/analytics/stream`);
    await sse.next((e) => e.event === 'snapshot');
  });
  afterAll(async () => {
    await ws.close();
    sse.close();
    await b.close();
    await up.close();
  });

  it('drops invalid upstream frames, forwards the valid ones, and leaves clients and readiness alone', async () => {
    const before = b.bridge.link?.stats().invalidMessages ?? 0;
    const good = campaign('g1', { activeCalls: 31 });
    up.push('{"type":');
    up.push(
      JSON.stringify({
        type: 'metrics_update',
        data: { campaignId: 'g1', activeCalls: 'lots' },
        timestamp: 'x',
      }),
    );
    up.push(
      JSON.stringify({
        type: 'metrics_update',
        data: { ...good, name: 'x'.repeat(100_000) },
        timestamp: good.updatedAt,
      }),
    );
    up.push(Buffer.from([0, 1, 2, 3]));
    up.push(JSON.stringify(metrics(good)));
    await ws.next((m) => m.type === 'metrics_update' && m.data.activeCalls === 31);
    await sse.next((e) => e.event === 'metrics_update');
    expect(ws.messages.map((m) => m.type)).toEqual(['snapshot', 'metrics_update']);
    expect(sse.events.map((e) => e.event)).toEqual(['snapshot', 'metrics_update']);
    expect((b.bridge.link?.stats().invalidMessages ?? 0) - before).toBe(4);
    expect(warnings.length).toBeGreaterThan(0);
    expect((await getJson(`${b.url}/readyz`)).status).toBe(200);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
    expect(b.bridge.state.campaigns().get('g1')?.activeCalls).toBe(31);
  });
});
