import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignView, UpstreamEnvelope } from '../../bridge/protocol/index.ts';
import {
  createDialer,
  type Dialer,
  type SimulatorHandle,
  startSimulator,
} from '../../bridge/simulator/server.ts';
import { getJson, startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { byId, consecutive, mirrorOf } from './helpers/mirror.ts';
import { openSse, type TestSse } from './helpers/sseClient.ts';
import { waitFor } from './helpers/wait.ts';
import { openWs, type TestWs } from './helpers/wsClient.ts';

const FAST_LINK = { backoff: { baseMs: 50, capMs: 300, minUptimeMs: 200 }, subscribeSettleMs: 200 };

/** The real model with a switch that stops its clock, so its state can be compared exactly. */
function freezable(real: Dialer): Dialer & { frozen: boolean } {
  const d = Object.create(real) as Dialer & { frozen: boolean };
  d.frozen = false;
  d.step = (dt: number): UpstreamEnvelope[] => (d.frozen ? [] : real.step(dt));
  return d;
}

describe('bridge over the real simulator', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function clients(b: TestBridge): Promise<{ ws: TestWs; sse: TestSse }> {
    const ws = await openWs(b.wsUrl);
    cleanup.push(() => ws.close());
    ws.send({ action: 'subscribe' });
    await ws.next((m) => m.type === 'snapshot');
    const sse = await openSse(`${b.url}/analytics/stream`);
    cleanup.push(() => sse.close());
    await sse.next((e) => e.event === 'snapshot');
    return { ws, sse };
  }

  it('keeps clients connected through an upstream restart and converges them to the upstream REST state', async () => {
    const dialer = freezable(createDialer({ seed: 7, campaigns: 4 }));
    let sim: SimulatorHandle = await startSimulator({ port: 0, dialer, speed: 30, metricsHz: 20 });
    cleanup.push(() => sim.close());
    const b = await startTestBridge(
      { upstreamWsUrl: sim.wsUrl, upstreamApiBaseUrl: sim.apiBase },
      { link: FAST_LINK },
    );
    cleanup.push(() => b.close());
    await waitFor('readiness', async () => (await getJson(`${b.url}/readyz`)).status === 200, 10_000);
    const { ws, sse } = await clients(b);
    await ws.next((m) => m.type === 'metrics_update');

    const port = sim.port;
    await sim.close();
    await waitFor(
      'the bridge to notice',
      async () => (await getJson(`${b.url}/readyz`)).status === 503,
      10_000,
    );
    dialer.step(120_000); // the model moves on while the feed is down: these changes are only in REST
    dialer.frozen = true;
    sim = await startSimulator({ port, dialer, speed: 30, metricsHz: 20 });
    await waitFor('readiness again', async () => (await getJson(`${b.url}/readyz`)).status === 200, 15_000);

    const upstream = (await getJson(`${sim.apiBase}/analytics/metrics`)).body as {
      campaigns: CampaignView[];
    };
    const expected = byId(upstream.campaigns);
    await waitFor(
      'the WebSocket client to converge',
      () => {
        const got = byId(mirrorOf(ws.messages).campaigns.values());
        return JSON.stringify(got) === JSON.stringify(expected) || undefined;
      },
      15_000,
    ).catch(() => undefined);
    expect(byId(mirrorOf(ws.messages).campaigns.values())).toEqual(expected);
    await waitFor(
      'the SSE client to converge',
      () => {
        const got = byId(mirrorOf(sse.envelopes()).campaigns.values());
        return JSON.stringify(got) === JSON.stringify(expected) || undefined;
      },
      15_000,
    ).catch(() => undefined);
    expect(byId(mirrorOf(sse.envelopes()).campaigns.values())).toEqual(expected);
    const served = (await getJson(`${b.url}/analytics/metrics`)).body as { campaigns: CampaignView[] };
    expect(byId(served.campaigns)).toEqual(expected);

    // same connections throughout: one snapshot each, and no seq lost or repeated
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
    for (const m of [mirrorOf(ws.messages), mirrorOf(sse.envelopes())]) {
      expect(m.snapshots).toBe(1);
      expect(consecutive(m.seqs)).toBe(true);
    }
  }, 60_000);

  it('rotates the upstream connection before its maximum duration with no gap in seq', async () => {
    const sim = await startSimulator({ port: 0, seed: 3, campaigns: 3, speed: 20, maxConnectionMs: 3_000 });
    cleanup.push(() => sim.close());
    const b = await startTestBridge(
      {
        upstreamWsUrl: sim.wsUrl,
        upstreamApiBaseUrl: sim.apiBase,
        upstreamMaxConnectionMs: 3_000,
        upstreamRotateMarginMs: 1_500,
      },
      { link: FAST_LINK },
    );
    cleanup.push(() => b.close());
    await waitFor('readiness', async () => (await getJson(`${b.url}/readyz`)).status === 200, 10_000);
    const { ws, sse } = await clients(b);
    await waitFor('three rotations', () => (b.bridge.link?.stats().rotations ?? 0) >= 3, 30_000);
    const wsView = mirrorOf(ws.messages);
    expect(wsView.seqs.length).toBeGreaterThan(20);
    expect(consecutive(wsView.seqs)).toBe(true);
    expect(wsView.snapshots).toBe(1);
    const sseView = mirrorOf(sse.envelopes());
    expect(consecutive(sseView.seqs)).toBe(true);
    // no call event delivered twice across the overlaps
    const calls = ws.messages
      .filter((m) => m.type === 'call_event')
      .map((m) => `${m.data.callId}:${m.data.phase}`);
    expect(new Set(calls).size).toBe(calls.length);
  }, 60_000);
});
