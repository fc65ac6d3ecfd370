import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { callEvent, campaign, healthUpdate, metrics } from './helpers/fixtures.ts';
import { openSse } from './helpers/sseClient.ts';
import { openWs } from './helpers/wsClient.ts';

describe('live streams', () => {
  let b: TestBridge;
  beforeAll(async () => {
    b = await startTestBridge();
    b.bridge.sink.envelope(metrics(campaign('c1')));
    b.bridge.sink.envelope(metrics(campaign('c2')));
  });
  afterAll(() => b.close());

  it('sends a WebSocket client a snapshot after subscribe, then live envelopes with increasing seq', async () => {
    const ws = await openWs(b.wsUrl);
    try {
      ws.send({ action: 'subscribe' });
      const snap = await ws.next((m) => m.type === 'snapshot');
      const campaigns = snap.data.campaigns as { campaignId: string }[];
      expect(campaigns.map((c) => c.campaignId)).toEqual(['c1', 'c2']);
      expect(snap.seq).toBe(snap.data.seq);
      b.bridge.sink.envelope(metrics(campaign('c1', { activeCalls: 42 })));
      const live = await ws.next((m) => m.type === 'metrics_update');
      expect(live.seq).toBe((snap.seq as number) + 1);
      expect(live.data).toMatchObject({ campaignId: 'c1', activeCalls: 42, completed: 10 });
    } finally {
      await ws.close();
    }
  });

  it('sends nothing to a WebSocket client before it subscribes', async () => {
    const ws = await openWs(b.wsUrl);
    const probe = await openWs(b.wsUrl);
    try {
      probe.send({ action: 'subscribe' });
      await probe.next((m) => m.type === 'snapshot');
      b.bridge.sink.envelope(metrics(campaign('c2', { activeCalls: 7 })));
      await probe.next((m) => m.type === 'metrics_update');
      expect(ws.messages).toEqual([]);
    } finally {
      await ws.close();
      await probe.close();
    }
  });

  it('streams SSE with retry, a snapshot first, then events named by type with id = seq', async () => {
    const sse = await openSse(`${b.url}/analytics/stream`);
    try {
      expect(sse.status).toBe(200);
      expect(sse.headers.get('content-type')).toContain('text/event-stream');
      expect(sse.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(sse.headers.get('x-accel-buffering')).toBe('no');
      const snap = await sse.next((e) => e.event === 'snapshot');
      expect(sse.retry).toBe(2000);
      expect(sse.events[0]).toBe(snap);
      b.bridge.sink.envelope(callEvent('c1', 'call-1'));
      const live = await sse.next((e) => e.event === 'call_event');
      expect(Number(live.id)).toBe(Number(snap.id) + 1);
      expect(JSON.parse(live.data)).toMatchObject({ type: 'call_event', seq: Number(live.id) });
    } finally {
      sse.close();
    }
  });

  it('answers HEAD on the stream with its headers and registers no subscriber', async () => {
    const res = await fetch(`${b.url}/analytics/stream`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(b.bridge.hub.stats().sse).toBe(0);
  });

  it('filters by campaign on both transports, and sends system health to everyone', async () => {
    const ws = await openWs(b.wsUrl);
    const sse = await openSse(`${b.url}/analytics/stream?campaignId=c2`);
    try {
      ws.send({ action: 'subscribe', campaignId: 'c2' });
      const wsSnap = await ws.next((m) => m.type === 'snapshot');
      const sseSnap = JSON.parse((await sse.next((e) => e.event === 'snapshot')).data);
      for (const snap of [wsSnap, sseSnap]) {
        expect((snap.data.campaigns as { campaignId: string }[]).map((c) => c.campaignId)).toEqual(['c2']);
        // the aggregate stays over all campaigns
        expect(snap.data.aggregate.totalActiveCalls).toBeGreaterThan(
          (snap.data.campaigns as { activeCalls: number }[])[0]?.activeCalls ?? 0,
        );
      }
      b.bridge.sink.envelope(metrics(campaign('c1', { activeCalls: 1 })));
      b.bridge.sink.envelope(healthUpdate());
      b.bridge.sink.envelope(metrics(campaign('c2', { activeCalls: 2 })));
      await ws.next((m) => m.type === 'metrics_update');
      await sse.next((e) => e.event === 'metrics_update');
      const wsTypes = ws.messages.map((m) => `${m.type}:${m.data.campaignId ?? '-'}`);
      const sseTypes = sse.envelopes().map((m) => `${m.type}:${(m.data.campaignId as string) ?? '-'}`);
      expect(wsTypes).toEqual(['snapshot:-', 'system_health_update:-', 'metrics_update:c2']);
      expect(sseTypes).toEqual(wsTypes);
    } finally {
      await ws.close();
      sse.close();
    }
  });

  it('sends every client a fresh snapshot, for its own filter, when a resync removed campaigns', async () => {
    const all = await openWs(b.wsUrl);
    const some = await openSse(`${b.url}/analytics/stream?campaignId=c1`);
    try {
      all.send({ action: 'subscribe' });
      await all.next((m) => m.type === 'snapshot');
      await some.next((e) => e.event === 'snapshot');
      b.bridge.sink.resync({ campaigns: [campaign('c1', { activeCalls: 5 })], systemHealth: null });
      const wsSnap = await all.next((m) => m.type === 'snapshot', 1);
      const sseSnap = await some.next((e) => e.event === 'snapshot', 1);
      const ids = (snap: { data: { campaigns: { campaignId: string }[] } }) =>
        snap.data.campaigns.map((c) => c.campaignId);
      expect(ids(wsSnap as never)).toEqual(['c1']);
      expect(ids(JSON.parse(sseSnap.data))).toEqual(['c1']);
      expect(wsSnap.seq).toBe(b.bridge.state.seq());
      expect(Number(sseSnap.id)).toBe(b.bridge.state.seq());
      const rest = await fetch(`${b.url}/analytics/metrics`).then((r) => r.json());
      expect(rest.campaigns).toHaveLength(1);
    } finally {
      await all.close();
      some.close();
    }
  });
});
