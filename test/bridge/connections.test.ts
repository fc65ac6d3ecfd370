import { describe, expect, it } from 'vitest';
import { startTestBridge } from './helpers/bridge.ts';
import { campaign, metrics } from './helpers/fixtures.ts';
import { openSse, type TestSse } from './helpers/sseClient.ts';
import { waitFor } from './helpers/wait.ts';
import { openWs, type TestWs } from './helpers/wsClient.ts';

describe('connection lifecycle', () => {
  it('returns to zero connections after 1,000 abrupt client disconnects', async () => {
    const b = await startTestBridge();
    try {
      const ws: TestWs[] = [];
      const sse: TestSse[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const opened = await Promise.all([
          ...Array.from({ length: 50 }, () => openWs(b.wsUrl)),
          ...Array.from({ length: 50 }, () => openSse(`${b.url}/analytics/stream`)),
        ]);
        for (const c of opened) 'socket' in c ? ws.push(c) : sse.push(c as TestSse);
      }
      for (const c of ws) c.send({ action: 'subscribe' });
      await waitFor('1,000 connections', () => b.bridge.hub.size() === 1000, 30_000);
      expect(b.bridge.hub.stats()).toMatchObject({ ws: 500, sse: 500 });
      // no close handshake, no goodbye: sockets destroyed and fetches aborted
      for (const c of ws) c.socket.terminate();
      for (const c of sse) c.close();
      await waitFor('zero connections', () => b.bridge.hub.size() === 0, 30_000);
      expect(b.bridge.hub.stats()).toMatchObject({ ws: 0, sse: 0, lagging: 0 });
      // the bridge still serves
      b.bridge.sink.envelope(metrics(campaign('c1')));
      const after = await openSse(`${b.url}/analytics/stream`);
      await after.next((e) => e.event === 'snapshot');
      after.close();
    } finally {
      await b.close();
    }
  }, 60_000);

  it('tells every client to reconnect (1012) and ends SSE streams on shutdown', async () => {
    const b = await startTestBridge();
    const ws = await openWs(b.wsUrl);
    ws.send({ action: 'subscribe' });
    await ws.next((m) => m.type === 'snapshot');
    const sse = await openSse(`${b.url}/analytics/stream`);
    await sse.next((e) => e.event === 'snapshot');
    await b.close();
    expect(await ws.closed).toEqual({ code: 1012, reason: 'server restarting' });
    await sse.ended;
    await expect(fetch(`${b.url}/healthz`)).rejects.toThrow();
  });

  it('refuses clients over MAX_CLIENTS: WebSocket closed with 1013, SSE answered 503', async () => {
    const b = await startTestBridge({ maxClients: 2 });
    const a = await openWs(b.wsUrl);
    const c = await openSse(`${b.url}/analytics/stream`);
    try {
      await waitFor('two clients', () => b.bridge.hub.size() === 2);
      const extra = await openWs(b.wsUrl);
      const err = await extra.next((m) => m.type === 'error');
      expect(err.data.code).toBe('too_many_clients');
      expect((await extra.closed).code).toBe(1013);
      const extraSse = await fetch(`${b.url}/analytics/stream`);
      expect(extraSse.status).toBe(503);
      expect(await extraSse.json()).toMatchObject({ error: { code: 'too_many_clients' } });
      expect(b.bridge.hub.size()).toBe(2);
    } finally {
      await a.close();
      c.close();
      await b.close();
    }
  });

  it('terminates a WebSocket that stops answering pings, and keeps one that answers', async () => {
    const b = await startTestBridge({ wsPingMs: 100 });
    const silent = await openWs(b.wsUrl, { autoPong: false });
    const alive = await openWs(b.wsUrl);
    try {
      expect((await silent.closed).code).toBe(1006);
      await new Promise((r) => setTimeout(r, 300));
      expect(alive.socket.readyState).toBe(alive.socket.OPEN);
      expect(b.bridge.hub.size()).toBe(1);
    } finally {
      await alive.close();
      await b.close();
    }
  });

  it('sends an SSE comment heartbeat from the shared timer', async () => {
    const b = await startTestBridge({ sseHeartbeatMs: 100 });
    const sse = await openSse(`${b.url}/analytics/stream`);
    try {
      await waitFor('two heartbeats', () => sse.comments.filter((c) => c === 'hb').length >= 2);
    } finally {
      sse.close();
      await b.close();
    }
  });
});
