// A small WebSocket test client over `ws`: records every message and the close, and waits for
// a message matching a predicate (with a timeout that fails the test, never a timed assertion).

import type { UpstreamEnvelope } from '../../bridge/protocol/index.ts';
import { parseUpstreamMessage } from '../../bridge/protocol/index.ts';
import { WebSocket } from '../../bridge/simulator/nodeWs.ts';

export interface Closed {
  code: number;
  reason: string;
}

export interface TestClient {
  ws: WebSocket;
  /** Raw text of every message received, in order. */
  messages: string[];
  closed: Promise<Closed>;
  isOpen(): boolean;
  send(message: unknown): void;
  /** Resolves with the first message at index ≥ from that satisfies the predicate. */
  waitFor(pred: (text: string) => boolean, what: string, from?: number, timeoutMs?: number): Promise<string>;
  /** Every message so far parsed as an upstream envelope (throws on one that is not). */
  envelopes(): UpstreamEnvelope[];
  close(): Promise<Closed>;
}

export function connect(url: string): Promise<TestClient> {
  const ws = new WebSocket(url);
  const messages: string[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(data.toString());
    for (const w of waiters) w();
  });
  const closed = new Promise<Closed>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of waiters) w();
    });
  });
  const client: TestClient = {
    ws,
    messages,
    closed,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    waitFor(pred, what, from = 0, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let i = from;
        const check = () => {
          for (; i < messages.length; i++) {
            if (pred(messages[i]!)) {
              done();
              resolve(messages[i]!);
              return;
            }
          }
          if (ws.readyState === WebSocket.CLOSED) {
            done();
            reject(new Error(`connection closed while waiting for ${what}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${what} within ${timeoutMs} ms (${messages.length} messages)`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    envelopes() {
      return messages.map((m) => {
        const p = parseUpstreamMessage(m);
        if (!p.ok) throw new Error(`not an upstream envelope (${p.message}): ${m.slice(0, 200)}`);
        return p.value;
      });
    },
    close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close();
      return closed;
    },
  };
  // Errors after the handshake show up as a close; only the handshake's error rejects.
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
    ws.once('unexpected-response', (req, res) => {
      reject(new Error(`upgrade refused: ${res.statusCode}`));
      req.destroy();
    });
  });
}

export const typeIs =
  (type: string) =>
  (text: string): boolean =>
    (JSON.parse(text) as { type?: string }).type === type;
