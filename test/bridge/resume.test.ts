import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { callEvent, campaign, metrics } from './helpers/fixtures.ts';
import { openSse } from './helpers/sseClient.ts';
import { waitFor } from './helpers/wait.ts';

describe('SSE resume with Last-Event-ID', () => {
  let b: TestBridge;
  beforeAll(async () => {
    b = await startTestBridge({ ringSize: 50 });
    b.bridge.sink.envelope(metrics(campaign('c1')));
    b.bridge.sink.envelope(metrics(campaign('c2')));
  });
  afterAll(() => b.close());

  it('replays exactly the events missed while disconnected: no loss, no duplicate', async () => {
    const first = await openSse(`${b.url}/analytics/stream`);
    for (let i = 0; i < 5; i++) b.bridge.sink.envelope(callEvent('c1', `a${i}`));
    await waitFor('5 live events', () => first.events.length === 6);
    const lastId = first.events.at(-1)?.id ?? '';
    first.close();
    await waitFor('the stream to be dropped', () => b.bridge.hub.stats().sse === 0);

    for (let i = 0; i < 7; i++) b.bridge.sink.envelope(callEvent(i % 2 ? 'c1' : 'c2', `b${i}`));
    const second = await openSse(`${b.url}/analytics/stream`, { 'last-event-id': lastId });
    try {
      b.bridge.sink.envelope(callEvent('c1', 'c0'));
      await waitFor('replay and the next live event', () => second.events.length === 8);
      expect(second.events.some((e) => e.event === 'snapshot')).toBe(false);
      const ids = [...first.events.slice(1), ...second.events].map((e) => Number(e.id));
      const start = Number(first.events[1]?.id);
      expect(ids).toEqual(Array.from({ length: 13 }, (_, i) => start + i));
    } finally {
      second.close();
    }
  });

  it('replays only the subscribed campaigns on a filtered stream', async () => {
    const from = b.bridge.state.seq();
    b.bridge.sink.envelope(callEvent('c1', 'f1'));
    b.bridge.sink.envelope(callEvent('c2', 'f2'));
    const sse = await openSse(`${b.url}/analytics/stream?campaignId=c2`, { 'last-event-id': String(from) });
    try {
      await waitFor('the replay', () => sse.events.length === 1);
      expect(sse.envelopes().map((e) => e.data.callId)).toEqual(['f2']);
    } finally {
      sse.close();
    }
  });

  it('starts with a fresh snapshot when the id is older than the ring, unknown or malformed', async () => {
    for (let i = 0; i < 60; i++) b.bridge.sink.envelope(callEvent('c1', `old${i}`));
    const current = b.bridge.state.seq();
    for (const id of [String(current - 51), String(current + 10), 'abc']) {
      const sse = await openSse(`${b.url}/analytics/stream`, { 'last-event-id': id });
      try {
        const first = await sse.next(() => true);
        expect(first.event).toBe('snapshot');
        expect(Number(first.id)).toBe(current);
      } finally {
        sse.close();
      }
    }
    // the newest id that still fits is replayed
    const fits = await openSse(`${b.url}/analytics/stream`, { 'last-event-id': String(current - 50) });
    try {
      await waitFor('50 replayed events', () => fits.events.length === 50);
      expect(fits.events[0]?.event).toBe('call_event');
    } finally {
      fits.close();
    }
  });

  it('rejects a malformed campaignId filter with a JSON 400', async () => {
    const res = await fetch(`${b.url}/analytics/stream?campaignId=bad%20id`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
  });
});
