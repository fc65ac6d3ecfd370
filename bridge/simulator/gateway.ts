// The WebSocket side of API Gateway as a client sees it: `action` routing, per-connection
// subscriptions, and the quotas (idle timeout counted in messages, maximum connection duration,
// message size limit, new connections per second).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../protocol/index.ts';
import { ERROR_CODES, parseClientAction } from '../protocol/index.ts';
import { type RawData, type WebSocket, WebSocketServer } from './nodeWs.ts';

export interface GatewayOptions {
  path: string;
  idleTimeoutMs: number;
  maxConnectionMs: number;
  maxMessageBytes: number;
  maxConnectsPerSecond: number;
  /** Known campaign ids: subscribing to another one is answered with an error. */
  hasCampaign(id: string): boolean;
  /** Simulated time for the error envelopes' timestamps. */
  now(): number;
}

export interface Gateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Send one serialized envelope to every connection subscribed to the campaign (null: to every subscriber). */
  broadcast(campaignId: string | null, text: string): void;
  /** True when some connection would receive a message about this campaign (null: any subscriber). */
  wants(campaignId: string | null): boolean;
  connections(): number;
  dropConnections(code?: number): void;
  close(): Promise<void>;
}

/** API Gateway closes with 1001 "Going away" both on idle timeout and at the maximum duration. */
export const CLOSE = { goingAway: 1001, tooBig: 1009 } as const;

/** A client that cannot keep up is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

interface Connection {
  ws: WebSocket;
  all: boolean;
  ids: Set<string>;
  /** Campaigns unsubscribed one by one while subscribed to all. */
  excluded: Set<string>;
  lastMessageAt: number;
  idleTimer: NodeJS.Timeout;
  maxTimer: NodeJS.Timeout;
}

const subscribed = (c: Connection): boolean => c.all || c.ids.size > 0;
const wantsCampaign = (c: Connection, id: string | null): boolean =>
  id === null ? subscribed(c) : (c.all && !c.excluded.has(id)) || c.ids.has(id);

function textOf(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

export function createGateway(opts: GatewayOptions): Gateway {
  // maxPayload makes ws close an oversize message with 1009, as API Gateway does.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxMessageBytes,
    perMessageDeflate: false,
  });
  const conns = new Set<Connection>();
  let windowStart = 0;
  let windowCount = 0;

  function send(c: Connection, text: string): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      c.ws.terminate();
      return;
    }
    c.lastMessageAt = Date.now();
    c.ws.send(text);
  }

  function sendError(c: Connection, code: ErrorCode, message: string): void {
    send(
      c,
      JSON.stringify({
        type: 'error',
        data: { code, message },
        timestamp: new Date(opts.now()).toISOString(),
      }),
    );
  }

  // One timer per connection, re-armed lazily: messages only move a timestamp, so a busy stream
  // costs no timer churn.
  function armIdle(c: Connection): void {
    const remaining = c.lastMessageAt + opts.idleTimeoutMs - Date.now();
    if (remaining <= 0) {
      c.ws.close(CLOSE.goingAway, 'idle timeout');
      return;
    }
    c.idleTimer = setTimeout(() => armIdle(c), remaining);
  }

  function onMessage(c: Connection, raw: RawData): void {
    c.lastMessageAt = Date.now();
    const parsed = parseClientAction(textOf(raw));
    if (!parsed.ok) {
      sendError(c, parsed.code, parsed.message);
      return;
    }
    const action = parsed.value;
    if (action.action === 'ping') return; // API Gateway has no pong: the message itself resets the idle timer
    const id = action.campaignId;
    if (id !== undefined && !opts.hasCampaign(id)) {
      sendError(c, ERROR_CODES.notFound, `campaignId: unknown campaign "${id}"`);
      return;
    }
    if (action.action === 'subscribe') {
      if (id === undefined) {
        c.all = true;
        c.excluded.clear();
      } else {
        c.ids.add(id);
        c.excluded.delete(id);
      }
    } else if (id === undefined) {
      c.all = false;
      c.ids.clear();
      c.excluded.clear();
    } else {
      c.ids.delete(id);
      c.excluded.add(id);
    }
  }

  function accept(ws: WebSocket): void {
    const now = Date.now();
    const c: Connection = {
      ws,
      all: false,
      ids: new Set(),
      excluded: new Set(),
      lastMessageAt: now,
      idleTimer: setTimeout(() => armIdle(c), opts.idleTimeoutMs),
      maxTimer: setTimeout(
        () => ws.close(CLOSE.goingAway, 'maximum connection duration'),
        opts.maxConnectionMs,
      ),
    };
    conns.add(c);
    ws.on('message', (raw) => onMessage(c, raw));
    // ws reports protocol violations (oversize message → 1009) here and then closes the socket itself.
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(c.idleTimer);
      clearTimeout(c.maxTimer);
      conns.delete(c);
    });
  }

  function reject(socket: Duplex, status: string): void {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== opts.path) return reject(socket, '404 Not Found');
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowCount = 0;
      }
      if (++windowCount > opts.maxConnectsPerSecond) return reject(socket, '429 Too Many Requests');
      wss.handleUpgrade(req, socket, head, accept);
    },
    broadcast(campaignId, text) {
      for (const c of conns) if (wantsCampaign(c, campaignId)) send(c, text);
    },
    wants(campaignId) {
      for (const c of conns) if (wantsCampaign(c, campaignId)) return true;
      return false;
    },
    connections: () => conns.size,
    dropConnections(code) {
      if (code !== undefined && !(Number.isInteger(code) && code >= 1000 && code <= 4999)) {
        throw new RangeError(`code: must be a WebSocket close code from 1000 to 4999, got ${String(code)}`);
      }
      for (const c of conns) {
        // 1005/1006/1015 may not be sent in a close frame: for those (and by default) cut the TCP link.
        if (code === undefined || code === 1005 || code === 1006 || code === 1015) c.ws.terminate();
        else c.ws.close(code, 'dropped');
      }
    },
    async close() {
      const closing = [...conns].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.ws.readyState === c.ws.CLOSED) return resolve();
            c.ws.once('close', () => resolve());
            c.ws.close(CLOSE.goingAway, 'server shutting down');
            // A client that never answers the close frame must not hold the shutdown.
            setTimeout(() => c.ws.terminate(), 1000).unref();
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
