// The Node WebSocket adapter writes pre-framed frames straight to the TCP socket. These tests hold it
// to what ws itself guarantees, with a real ws server socket and a real ws client on loopback.
import type { AddressInfo } from 'node:net';
import type { WSContext } from 'hono/ws';
import { afterEach, describe, expect, it } from 'vitest';
import { Frame } from '../../bridge/core/frame.ts';
import { WebSocket, WebSocketServer } from '../../bridge/node/ws.ts';
import { nodeSocketAdapter } from '../../bridge/node/wsAdapter.ts';
import { waitFor } from './helpers/wait.ts';

interface Pair {
  server: WebSocket;
  ctx: WSContext;
  received: { text: string; binary: boolean }[];
  close(): Promise<void>;
}

let open: Pair | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function pair(): Promise<Pair> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', (ws: WebSocket) => r(ws)));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: Pair['received'] = [];
  client.on('message', (data: Buffer, binary: boolean) =>
    received.push({ text: data.toString('utf8'), binary }),
  );
  const server = await accepted;
  await new Promise<void>((r) =>
    client.readyState === WebSocket.OPEN ? r() : client.once('open', () => r()),
  );
  const ctx = { raw: server } as unknown as WSContext;
  nodeSocketAdapter.open(ctx);
  open = {
    server,
    ctx,
    received,
    async close() {
      client.terminate();
      server.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
  return open;
}

const frame = (seq: number, text: string) => new Frame(seq, 'metrics_update', null, text);

describe('pre-framed WebSocket writes', () => {
  it('are read by a ws client as the same text messages, at every length encoding, without ws.send', async () => {
    const p = await pair();
    p.server.send = () => {
      throw new Error('ws.send must not be used while ws holds nothing back');
    };
    // 7-bit, 16-bit and 64-bit lengths, their edges, and multi-byte UTF-8 (length counts bytes)
    const texts = [
      '',
      'a',
      'b'.repeat(125),
      'c'.repeat(126),
      `${'é'.repeat(63)}d`,
      'e'.repeat(65_535),
      'f'.repeat(65_536),
      `{"name":"${'ü'.repeat(40_000)}"}`,
    ];
    texts.forEach((t, i) => {
      nodeSocketAdapter.send(p.ctx, frame(i, t));
    });
    await waitFor('every message', () => p.received.length === texts.length);
    expect(p.received.map((m) => m.text)).toEqual(texts);
    expect(p.received.every((m) => !m.binary)).toBe(true);
  });

  it('goes through ws.send, after it, while ws holds a message back', async () => {
    const p = await pair();
    // ws reads a Blob asynchronously and queues what is sent meanwhile: a direct write would overtake it
    p.server.send(new Blob(['first']));
    nodeSocketAdapter.send(p.ctx, frame(1, 'second'));
    nodeSocketAdapter.send(p.ctx, frame(2, 'third'));
    await waitFor('three messages', () => p.received.length === 3);
    expect(p.received.map((m) => m.text)).toEqual(['first', 'second', 'third']);
  });

  it('holds writes back until release, then sends them in order', async () => {
    const p = await pair();
    nodeSocketAdapter.hold?.(p.ctx);
    for (let i = 0; i < 5; i++) nodeSocketAdapter.send(p.ctx, frame(i, `m${i}`));
    expect(nodeSocketAdapter.bufferedAmount(p.ctx)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(p.received).toEqual([]);
    nodeSocketAdapter.release?.(p.ctx);
    await waitFor('five messages', () => p.received.length === 5);
    expect(p.received.map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('writes nothing after the socket started closing', async () => {
    const p = await pair();
    p.server.close(1000, 'bye');
    nodeSocketAdapter.send(p.ctx, frame(1, 'late'));
    await waitFor('the close', () => p.server.readyState === WebSocket.CLOSED);
    expect(p.received).toEqual([]);
  });
});
