// SSE on Node is written straight to the connection as pre-built HTTP chunks. These tests read the
// bytes off a raw TCP socket, so the framing itself is checked, not only what a forgiving client makes
// of it; and the portable ReadableStream path is checked where no Node response exists.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from './helpers/bridge.ts';
import { campaign, metrics } from './helpers/fixtures.ts';
import { sleep, waitFor } from './helpers/wait.ts';
import { openWs } from './helpers/wsClient.ts';

interface RawSse {
  socket: Socket;
  head: () => string | null;
  /** SSE event blocks decoded from the body (chunked or not), in order. */
  blocks: string[];
  /** Body bytes that were not a whole chunk where one was expected (must stay empty). */
  errors: string[];
  ended: Promise<void>;
}

/** A raw HTTP client for /analytics/stream: parses the status head and the chunked body by hand. */
function rawSse(port: number, path = '/analytics/stream', version = '1.1'): RawSse {
  const socket = connect({ host: '127.0.0.1', port });
  let buf = Buffer.alloc(0);
  let head: string | null = null;
  let body = '';
  const out: RawSse = { socket, head: () => head, blocks: [], errors: [], ended: Promise.resolve() };
  out.ended = new Promise((r) => socket.on('close', () => r()));
  socket.write(`GET ${path} HTTP/${version}\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
  socket.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    if (head === null) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      head = buf.subarray(0, end).toString('latin1');
      buf = buf.subarray(end + 4);
    }
    const chunked = /transfer-encoding: chunked/i.test(head);
    if (!chunked) {
      body += buf.toString('utf8');
      buf = Buffer.alloc(0);
    }
    while (chunked) {
      const line = buf.indexOf('\r\n');
      if (line < 0) break;
      const size = Number.parseInt(buf.subarray(0, line).toString('latin1'), 16);
      if (!Number.isFinite(size)) {
        out.errors.push(buf.subarray(0, 40).toString('latin1'));
        break;
      }
      if (buf.length < line + 2 + size + 2) break;
      if (buf.subarray(line + 2 + size, line + 4 + size).toString('latin1') !== '\r\n') {
        out.errors.push(`chunk of ${size} bytes not followed by CRLF`);
      }
      body += buf.subarray(line + 2, line + 2 + size).toString('utf8');
      buf = buf.subarray(line + 4 + size);
    }
    let end = body.indexOf('\n\n');
    while (end >= 0) {
      out.blocks.push(body.slice(0, end));
      body = body.slice(end + 2);
      end = body.indexOf('\n\n');
    }
  });
  return out;
}

const dataOf = (block: string) => {
  const line = block.split('\n').find((l) => l.startsWith('data: '));
  return line ? (JSON.parse(line.slice(6)) as { type: string; seq: number }) : null;
};
const envelopes = (s: RawSse) => s.blocks.map(dataOf).filter((e) => e !== null);

async function withBridge(
  config: Parameters<typeof startTestBridge>[0],
  run: (b: TestBridge) => Promise<void>,
): Promise<void> {
  const b = await startTestBridge(config);
  try {
    await run(b);
  } finally {
    await b.close();
  }
}

describe('SSE written straight to the connection', () => {
  it('is valid HTTP/1.1 chunked encoding: retry, snapshot, then live events with ids, each a whole chunk', async () => {
    await withBridge({}, async (b) => {
      b.bridge.sink.envelope(metrics(campaign('c1')));
      const s = rawSse(b.port);
      try {
        await waitFor('the snapshot', () => envelopes(s).some((e) => e.type === 'snapshot'));
        expect(s.head()).toMatch(/^HTTP\/1\.1 200/);
        expect(s.head()).toMatch(/content-type: text\/event-stream/i);
        expect(s.head()).toMatch(/cache-control: no-cache, no-transform/i);
        expect(s.head()).toMatch(/x-accel-buffering: no/i);
        expect(s.blocks[0]).toBe('retry: 2000');
        for (let i = 0; i < 3; i++) b.bridge.sink.envelope(metrics(campaign(`c${i}`)));
        await waitFor('three live events', () => envelopes(s).length === 4);
        const [snap, ...live] = envelopes(s);
        expect(live.map((e) => e.seq)).toEqual([1, 2, 3].map((n) => (snap?.seq as number) + n));
        expect(s.blocks.slice(2).map((blk) => blk.split('\n')[0])).toEqual(live.map((e) => `id: ${e.seq}`));
        expect(s.errors).toEqual([]);
      } finally {
        s.socket.destroy();
      }
    });
  });

  it('ends with the terminating chunk on shutdown, after every event', async () => {
    const b = await startTestBridge();
    b.bridge.sink.envelope(metrics(campaign('c1')));
    const s = rawSse(b.port);
    let raw = '';
    s.socket.on('data', (d: Buffer) => {
      raw += d.toString('latin1');
    });
    await waitFor('the snapshot', () => envelopes(s).length === 1);
    b.bridge.sink.envelope(metrics(campaign('c1')));
    await b.close();
    await s.ended;
    expect(envelopes(s).map((e) => e.type)).toEqual(['snapshot', 'metrics_update']);
    expect(raw.endsWith('0\r\n\r\n')).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('serves an HTTP/1.0 client without chunked encoding', async () => {
    await withBridge({}, async (b) => {
      const s = rawSse(b.port, '/analytics/stream', '1.0');
      try {
        await waitFor('the snapshot', () => envelopes(s).some((e) => e.type === 'snapshot'));
        expect(s.head()).not.toMatch(/transfer-encoding/i);
        b.bridge.sink.envelope(metrics(campaign('c1')));
        await waitFor('a live event', () => envelopes(s).some((e) => e.type === 'metrics_update'));
      } finally {
        s.socket.destroy();
      }
    });
  });

  it('counts a stalled stream’s unsent bytes: it is shed past the soft limit and resynced by snapshot when it reads again', async () => {
    const limits = { clientQueueBytes: 32_768, clientQueueHardBytes: 16_777_216, lagSweepMs: 20 };
    await withBridge({ ...limits, slowClientGraceMs: 120_000 }, async (b) => {
      const s = rawSse(b.port);
      const name = 'N'.repeat(200);
      try {
        await waitFor('the snapshot', () => envelopes(s).length === 1);
        s.socket.pause();
        let n = 0;
        while (b.bridge.hub.stats().lagging === 0 && n < 200_000) {
          for (let i = 0; i < 25; i++, n++) {
            b.bridge.sink.envelope(metrics(campaign(`c${n % 20}`, { name, totalAttempts: n })));
          }
          await sleep(1);
        }
        expect(b.bridge.hub.stats()).toMatchObject({ lagging: 1, conflated: 1 });
        s.socket.resume();
        const last = b.bridge.state.seq();
        await waitFor('the stream to converge', () => envelopes(s).at(-1)?.seq === last, 30_000);
        const got = envelopes(s);
        expect(got.at(-1)?.type).toBe('snapshot');
        // consecutive seqs except where the snapshot covers the shed ones
        for (let i = 1; i < got.length; i++) {
          const e = got[i] as { type: string; seq: number };
          if (e.type !== 'snapshot') expect(e.seq).toBe((got[i - 1]?.seq as number) + 1);
        }
        expect(got.length).toBeLessThan(n);
        expect(s.errors).toEqual([]);
      } finally {
        s.socket.destroy();
      }
    });
  }, 90_000);

  it('delivers every frame of a burst in one tick, in order, to WebSocket and SSE clients and per filter', async () => {
    await withBridge({}, async (b) => {
      b.bridge.sink.envelope(metrics(campaign('c0')));
      const s = rawSse(b.port);
      const filtered = rawSse(b.port, '/analytics/stream?campaignId=c1');
      const ws = await openWs(b.wsUrl);
      try {
        ws.send({ action: 'subscribe' });
        await ws.next((m) => m.type === 'snapshot');
        await waitFor('both snapshots', () => envelopes(s).length === 1 && envelopes(filtered).length === 1);
        const first = b.bridge.state.seq() + 1;
        for (let i = 0; i < 60; i++)
          b.bridge.sink.envelope(metrics(campaign(`c${i % 3}`, { totalAttempts: i })));
        const seqs = Array.from({ length: 60 }, (_, i) => first + i);
        await waitFor(
          'the burst on every client',
          () => ws.messages.length === 61 && envelopes(s).length === 61,
        );
        expect(ws.messages.slice(1).map((m) => m.seq)).toEqual(seqs);
        expect(
          envelopes(s)
            .slice(1)
            .map((e) => e.seq),
        ).toEqual(seqs);
        await waitFor('the filtered burst', () => envelopes(filtered).length === 21);
        expect(
          envelopes(filtered)
            .slice(1)
            .map((e) => e.seq),
        ).toEqual(seqs.filter((_, i) => i % 3 === 1));
      } finally {
        await ws.close();
        s.socket.destroy();
        filtered.socket.destroy();
      }
    });
  });

  it('falls back to a ReadableStream body where the request has no Node response', async () => {
    await withBridge({}, async (b) => {
      b.bridge.sink.envelope(metrics(campaign('c1')));
      // app.fetch without bindings: what an edge runtime does
      const res = await b.bridge.app.fetch(new Request('http://bridge.test/analytics/stream'));
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes('event: snapshot')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      expect(text.startsWith('retry: 2000\n\n')).toBe(true);
      expect(b.bridge.hub.stats().sse).toBe(1);
      b.bridge.sink.envelope(metrics(campaign('c1')));
      const { value } = await reader.read();
      expect(new TextDecoder().decode(value)).toMatch(/^id: \d+\nevent: metrics_update\n/);
      await reader.cancel();
      await waitFor('the stream to be removed', () => b.bridge.hub.stats().sse === 0);
    });
  });
});
