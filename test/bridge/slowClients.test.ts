import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { campaign, metrics } from './helpers/fixtures.ts';
import { openSse } from './helpers/sseClient.ts';
import { sleep, waitFor } from './helpers/wait.ts';
import { type Envelope, openWs, type TestWs } from './helpers/wsClient.ts';

const LIMITS = { clientQueueBytes: 32_768, clientQueueHardBytes: 65_536, lagSweepMs: 20 } as const;
const bigName = 'N'.repeat(200);

/** Publishes batches (yielding to I/O between them) until `done()` or `max` envelopes; returns the count. */
async function publishUntil(b: TestBridge, done: () => boolean, max = 200_000): Promise<number> {
  let n = 0;
  while (n < max && !done()) {
    for (let i = 0; i < 25; i++, n++) {
      b.bridge.sink.envelope(metrics(campaign(`c${n % 20}`, { name: bigName, totalAttempts: n })));
    }
    await sleep(1);
  }
  return n;
}

const tcp = (ws: TestWs): Socket => (ws.socket as unknown as { _socket: Socket })._socket;

/** seqs are consecutive except where a snapshot restarts them. */
function gapsOnlyAtSnapshots(messages: Envelope[]): boolean {
  for (let i = 1; i < messages.length; i++) {
    const m = messages[i] as Envelope;
    const prev = messages[i - 1] as Envelope;
    if (m.type !== 'snapshot' && m.seq !== (prev.seq as number) + 1) return false;
  }
  return true;
}

describe('slow clients', () => {
  it('a stalled client does not hold back the others, and is resynced by snapshot once it reads again', async () => {
    const b = await startTestBridge({ ...LIMITS, slowClientGraceMs: 120_000 });
    const fast = await openWs(b.wsUrl);
    const stalled = await openWs(b.wsUrl);
    const fastSse = await openSse(`${b.url}/analytics/stream`);
    try {
      for (const c of [fast, stalled]) {
        c.send({ action: 'subscribe' });
        await c.next((m) => m.type === 'snapshot');
      }
      await fastSse.next((e) => e.event === 'snapshot');
      tcp(stalled).pause();
      const sent = await publishUntil(b, () => b.bridge.hub.stats().lagging > 0);
      expect(b.bridge.hub.stats().lagging).toBe(1);
      const more = await publishUntil(b, () => false, 2_000);
      const last = b.bridge.state.seq();
      // the others got every envelope, in order, while one client was stalled
      await waitFor('the fast WebSocket to catch up', () => fast.messages.at(-1)?.seq === last, 30_000);
      await waitFor(
        'the fast SSE stream to catch up',
        () => Number(fastSse.events.at(-1)?.id) === last,
        30_000,
      );
      expect(fast.messages.length).toBe(1 + sent + more);
      expect(fastSse.events.length).toBe(1 + sent + more);
      expect(
        gapsOnlyAtSnapshots(fast.messages) && fast.messages.filter((m) => m.type === 'snapshot').length,
      ).toBe(1);
      // the stalled one reads again: it drains, then gets one snapshot at the newest seq
      tcp(stalled).resume();
      await waitFor('the stalled client to converge', () => stalled.messages.at(-1)?.seq === last, 30_000);
      expect(stalled.messages.at(-1)?.type).toBe('snapshot');
      expect(stalled.messages.length).toBeLessThan(fast.messages.length);
      expect(gapsOnlyAtSnapshots(stalled.messages)).toBe(true);
      expect(b.bridge.hub.stats()).toMatchObject({ lagging: 0, conflated: 1, kicked: 0 });
    } finally {
      await fast.close();
      await stalled.close();
      fastSse.close();
      await b.close();
    }
  }, 90_000);

  it('closes a client that stays behind past the grace time with 4008, telling it why', async () => {
    const b = await startTestBridge({ ...LIMITS, slowClientGraceMs: 200 });
    const stalled = await openWs(b.wsUrl);
    const fast = await openWs(b.wsUrl);
    try {
      for (const c of [fast, stalled]) {
        c.send({ action: 'subscribe' });
        await c.next((m) => m.type === 'snapshot');
      }
      tcp(stalled).pause();
      await publishUntil(b, () => b.bridge.hub.stats().kicked > 0);
      tcp(stalled).resume();
      expect(await stalled.closed).toEqual({ code: 4008, reason: 'slow consumer' });
      expect(stalled.messages.at(-1)?.data).toMatchObject({ code: 'slow_consumer' });
      expect(fast.socket.readyState).toBe(fast.socket.OPEN);
      expect(b.bridge.hub.stats()).toMatchObject({ ws: 1, kicked: 1 });
    } finally {
      await fast.close();
      await stalled.close();
      await b.close();
    }
  }, 90_000);

  it('ends an SSE stream that stays behind past the grace time', async () => {
    const b = await startTestBridge({ ...LIMITS, slowClientGraceMs: 200 });
    // a stream nobody reads: fetch without consuming the body
    const res = await fetch(`${b.url}/analytics/stream`);
    try {
      await waitFor('the stream to be registered', () => b.bridge.hub.stats().sse === 1);
      await publishUntil(b, () => b.bridge.hub.stats().kicked > 0);
      expect(b.bridge.hub.stats()).toMatchObject({ sse: 0, kicked: 1 });
    } finally {
      await res.body?.cancel().catch(() => {});
      await b.close();
    }
  }, 90_000);
});
