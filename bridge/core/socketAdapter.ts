// What the core needs from a runtime's WebSocket beyond Hono's WSContext: zero-copy sends of shared
// bytes, the send queue's size, and protocol pings. The Node entry passes one built on `ws`
// (bridge/node/wsAdapter.ts); the portable default below works anywhere, with less.
import type { WSContext } from 'hono/ws';
import type { Frame } from './frame.ts';

export interface SocketAdapter {
  /** Called once when the socket opens (e.g. to listen for pongs). */
  open(ws: WSContext): void;
  /** Sends a shared frame as a text message. */
  send(ws: WSContext, frame: Frame): void;
  /** Bytes queued on this socket and not yet written to the network. */
  bufferedAmount(ws: WSContext): number;
  /** One heartbeat: false (and the socket terminated) when the previous ping got no pong. */
  heartbeat(ws: WSContext): boolean;
  /** Optional: hold writes back until release() (e.g. cork the socket), to send several frames at once. */
  hold?(ws: WSContext): void;
  release?(ws: WSContext): void;
}

/** Runtime-neutral: text sends, a queue size if the raw socket exposes one, no protocol pings. */
export const portableSocketAdapter: SocketAdapter = {
  open() {},
  send(ws, frame) {
    ws.send(frame.text);
  },
  bufferedAmount(ws) {
    const raw = ws.raw as { bufferedAmount?: unknown } | undefined;
    return typeof raw?.bufferedAmount === 'number' ? raw.bufferedAmount : 0;
  },
  heartbeat: () => true,
};
