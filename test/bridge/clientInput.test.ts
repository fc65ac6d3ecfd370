import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { campaign, metrics } from './helpers/fixtures.ts';
import { openWs, type TestWs } from './helpers/wsClient.ts';

describe('bad input from WebSocket clients', () => {
  let b: TestBridge;
  let healthy: TestWs;
  beforeAll(async () => {
    b = await startTestBridge({
      wsMaxPayload: 1024,
      wsHardMaxPayload: 8192,
      wsRateLimit: 5,
      wsRateBurst: 10,
    });
    b.bridge.sink.envelope(metrics(campaign('c1')));
    healthy = await openWs(b.wsUrl);
    healthy.send({ action: 'subscribe' });
    await healthy.next((m) => m.type === 'snapshot');
  });
  afterAll(async () => {
    await healthy.close();
    await b.close();
  });

  const cases: [string, string | Buffer, string, string][] = [
    ['invalid JSON', '{"action":', 'bad_json', 'JSON'],
    ['a wrong type', '{"action":"subscribe","campaignId":42}', 'bad_message', 'campaignId'],
    ['an unknown action', '{"action":"explode"}', 'bad_message', 'action must be one of'],
    ['a JSON non-object', '[1,2,3]', 'bad_message', ''],
    [
      'a message over the payload limit',
      JSON.stringify({ action: 'ping', pad: 'x'.repeat(2000) }),
      'message_too_large',
      '1024',
    ],
    ['a binary frame', Buffer.from([1, 2, 3]), 'bad_message', 'binary'],
  ];

  it.each(cases)(
    'answers %s with an error envelope and keeps the connection',
    async (_name, payload, code, words) => {
      const ws = await openWs(b.wsUrl);
      try {
        ws.socket.send(payload);
        const err = await ws.next((m) => m.type === 'error');
        expect(err.data.code).toBe(code);
        expect(err.data.message).toContain(words);
        expect(err.seq).toBeUndefined();
        // still open and still served
        ws.send({ action: 'subscribe' });
        await ws.next((m) => m.type === 'snapshot');
      } finally {
        await ws.close();
      }
    },
  );

  it('refuses to unsubscribe one campaign from an all-campaigns subscription, with a reason', async () => {
    const ws = await openWs(b.wsUrl);
    try {
      ws.send({ action: 'subscribe' });
      ws.send({ action: 'unsubscribe', campaignId: 'c1' });
      const err = await ws.next((m) => m.type === 'error');
      expect(err.data).toMatchObject({ code: 'bad_request' });
    } finally {
      await ws.close();
    }
  });

  it('stops sending after a full unsubscribe', async () => {
    const ws = await openWs(b.wsUrl);
    try {
      ws.send({ action: 'subscribe', campaignId: 'c1' });
      await ws.next((m) => m.type === 'snapshot');
      ws.send({ action: 'unsubscribe', campaignId: 'c1' });
      // messages are handled in order: once this one is answered, the unsubscribe is applied
      ws.send('{');
      await ws.next((m) => m.type === 'error');
      const before = ws.messages.length;
      b.bridge.sink.envelope(metrics(campaign('c1', { activeCalls: 70 })));
      await healthy.next((m) => m.type === 'metrics_update' && m.data.activeCalls === 70);
      expect(ws.messages.length).toBe(before);
    } finally {
      await ws.close();
    }
  });

  it('rate limits a flooding client with one error per episode, and keeps it connected', async () => {
    const ws = await openWs(b.wsUrl);
    try {
      for (let i = 0; i < 100; i++) ws.send({ action: 'ping' });
      const err = await ws.next((m) => m.type === 'error');
      expect(err.data.code).toBe('rate_limited');
      await new Promise((r) => setTimeout(r, 100));
      expect(ws.messages.filter((m) => m.data.code === 'rate_limited')).toHaveLength(1);
      // after the bucket refills it is served again
      await new Promise((r) => setTimeout(r, 400));
      ws.send({ action: 'subscribe' });
      await ws.next((m) => m.type === 'snapshot');
    } finally {
      await ws.close();
    }
  });

  it('closes a socket that sends a frame over the hard limit with 1009, and only that one', async () => {
    const ws = await openWs(b.wsUrl);
    ws.send('x'.repeat(10_000));
    expect((await ws.closed).code).toBe(1009);
    b.bridge.sink.envelope(metrics(campaign('c1', { activeCalls: 71 })));
    await healthy.next((m) => m.type === 'metrics_update' && m.data.activeCalls === 71);
    expect(healthy.messages.filter((m) => m.type === 'error')).toEqual([]);
  });
});
