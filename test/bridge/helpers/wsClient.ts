// A WebSocket test client on `ws`: records every message, waits for the ones a test expects.
import { WebSocket } from '../../../bridge/node/ws.ts';
import { waitFor } from './wait.ts';

export interface Envelope {
  type: string;
  data: Record<string, unknown> & { campaignId?: string; code?: string };
  timestamp: string;
  seq?: number;
}

export interface TestWs {
  socket: WebSocket;
  messages: Envelope[];
  send(message: unknown): void;
  /** The first message at or after index `from` matching `match`. */
  next(match: (m: Envelope) => boolean, from?: number, timeoutMs?: number): Promise<Envelope>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export async function openWs(url: string, options: { autoPong?: boolean } = {}): Promise<TestWs> {
  const socket = new WebSocket(url, { autoPong: options.autoPong ?? true });
  const messages: Envelope[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as Envelope));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    send: (m) => socket.send(typeof m === 'string' ? m : JSON.stringify(m)),
    async next(match, from = 0, timeoutMs = 5_000) {
      return waitFor('a matching WebSocket message', () => messages.slice(from).find(match), timeoutMs);
    },
    closed,
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 1_000))]);
      socket.terminate();
    },
  };
}
