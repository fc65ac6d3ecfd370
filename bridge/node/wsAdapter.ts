// The core's SocketAdapter on `ws`: shared frames are sent as the same bytes to every socket (no
// per-socket string encoding), bufferedAmount is ws's send queue plus the socket's, and liveness is
// ws's ping/pong with one flag per socket, set by a single shared listener.
import type { WSContext } from 'hono/ws';
import type { SocketAdapter } from '../core/socketAdapter.ts';
import type { WebSocket } from './ws.ts';

const ALIVE = Symbol('alive');
type Raw = WebSocket & { [ALIVE]?: boolean };
const OPEN = 1;
const TEXT = { binary: false, compress: false } as const;

const raw = (ws: WSContext): Raw => ws.raw as Raw;

function onPong(this: Raw): void {
  this[ALIVE] = true;
}

export const nodeSocketAdapter: SocketAdapter = {
  open(ws) {
    const r = raw(ws);
    r[ALIVE] = true;
    r.on('pong', onPong);
  },
  send(ws, frame) {
    const r = raw(ws);
    if (r.readyState === OPEN) r.send(frame.bytes, TEXT);
  },
  bufferedAmount: (ws) => raw(ws).bufferedAmount,
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
