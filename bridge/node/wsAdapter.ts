// The core's SocketAdapter on `ws`. A shared frame is framed once (header + payload, as one Buffer) and
// that same Buffer is written straight to every client's TCP socket: one write per client, where
// `ws.send` frames the message again for each socket and writes header and payload as two chunks
// (cork, write, write, uncork → writev). Server frames are unmasked, so the bytes are identical for
// every client. Liveness is ws's ping/pong with one flag per socket, set by a single shared listener.
//
// Ordering: ws writes a message to the socket synchronously unless its Sender is holding messages back
// (only while compressing or reading a Blob; this bridge has compression off and sends no Blobs). A
// pre-framed write goes to the socket only when the Sender holds nothing, otherwise through ws.send,
// so it can never overtake a message ws has accepted. After close() ws is no longer OPEN and nothing
// is written (no data after a close frame).
import type { Socket } from 'node:net';
import type { WSContext } from 'hono/ws';
import type { Frame } from '../core/frame.ts';
import type { SocketAdapter } from '../core/socketAdapter.ts';
import { wsTextFrame } from '../core/wireFormat.ts';
import type { WebSocket } from './ws.ts';

const ALIVE = Symbol('alive');
/** The parts of ws's internals used here (ws 8.x: lib/websocket.js, lib/sender.js). */
interface WsInternals {
  _socket?: Socket;
  _sender?: { _state?: number; _queue?: unknown[]; _bufferedBytes?: number };
}
type Raw = WebSocket & WsInternals & { [ALIVE]?: boolean };
const OPEN = 1;
const SENDER_IDLE = 0;
const TEXT = { binary: false, compress: false } as const;

const raw = (ws: WSContext): Raw => ws.raw as Raw;

function onPong(this: Raw): void {
  this[ALIVE] = true;
}

/** The whole WebSocket frame as a Buffer (a view, no copy), so socket.write takes it as-is. */
export const nodeWsFrame = (frame: Frame): Buffer => {
  const bytes = wsTextFrame(frame.bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** True when a write straight to the socket lands after everything ws has been given to send. */
function canWriteDirect(r: Raw): boolean {
  const s = r._sender;
  return (
    r._socket !== undefined &&
    s !== undefined &&
    s._state === SENDER_IDLE &&
    s._queue !== undefined &&
    s._queue.length === 0 &&
    s._bufferedBytes === 0
  );
}

export const nodeSocketAdapter: SocketAdapter = {
  open(ws) {
    const r = raw(ws);
    r[ALIVE] = true;
    r.on('pong', onPong);
  },
  send(ws, frame) {
    const r = raw(ws);
    if (r.readyState !== OPEN) return;
    if (canWriteDirect(r)) (r._socket as Socket).write(frame.memo(nodeWsFrame));
    else r.send(frame.bytes, TEXT);
  },
  bufferedAmount: (ws) => raw(ws).bufferedAmount,
  // cork/uncork nest (ws corks around its own two-part writes), so ws's sends stay in order too
  hold(ws) {
    raw(ws)._socket?.cork();
  },
  release(ws) {
    raw(ws)._socket?.uncork();
  },
  heartbeat(ws) {
    const r = raw(ws);
    if (r[ALIVE] === false) {
      r.terminate();
      return false;
    }
    r[ALIVE] = false;
    if (r.readyState === OPEN) r.ping();
    return true;
  },
};
