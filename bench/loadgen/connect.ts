// Opens one benchmark client of a given transport against a given server kind. Resolves when the
// client is ready to count (bridge: first snapshot received; raw and socket.io: connected).
import { io } from 'socket.io-client';
import type { ServerKind, Transport } from '../defaults.ts';
import { type ClientState, onObject, onText } from './clientState.ts';
import { leanSse } from './leanSse.ts';
import { leanWebSocket } from './leanWebSocket.ts';
import type { Tally } from './tally.ts';

export interface ConnectContext {
  server: ServerKind;
  port: number;
  timeoutMs: number;
  tally: (c: ClientState) => Tally;
}

const PATHS: Record<ServerKind, { ws: string; sse: string }> = {
  bridge: { ws: '/ws', sse: '/analytics/stream' },
  raw: { ws: '/ws', sse: '/stream' },
  socketio: { ws: '/', sse: '/' },
};

function withTimeout(c: ClientState, ms: number, run: (ready: () => void, fail: (e: Error) => void) => void) {
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => fail(new Error(`not ready after ${ms} ms`)), ms);
    function fail(e: Error) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      c.close();
      reject(e);
    }
    function ready() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    }
    run(ready, fail);
  });
}

function connectWs(c: ClientState, ctx: ConnectContext): Promise<void> {
  return withTimeout(c, ctx.timeoutMs, (ready, fail) => {
    const ws = leanWebSocket(ctx.port, PATHS[ctx.server].ws, {
      open() {
        if (ctx.server === 'bridge') ws.send('{"action":"subscribe"}');
        else {
          c.ready = true;
          ready();
        }
      },
      text(text) {
        onText(c, text, ctx.tally(c));
        if (c.ready) ready();
      },
      error: (e) => fail(e),
      close() {
        if (c.open && c.ready) ctx.tally(c).drops++;
        c.open = false;
        fail(new Error('closed before ready'));
      },
    });
    c.close = () => ws.terminate();
    c.pause = () => ws.pause();
    c.resume = () => ws.resume();
  });
}

function connectSse(c: ClientState, ctx: ConnectContext): Promise<void> {
  return withTimeout(c, ctx.timeoutMs, (ready, fail) => {
    const sse = leanSse(ctx.port, PATHS[ctx.server].sse, {
      open(status) {
        if (status !== 200) return fail(new Error(`SSE answered ${status}`));
        if (ctx.server !== 'bridge') {
          c.ready = true;
          ready();
        }
      },
      data(data) {
        onText(c, data, ctx.tally(c));
        if (c.ready) ready();
      },
      error: (e) => fail(e),
      close() {
        if (c.open && c.ready) ctx.tally(c).drops++;
        c.open = false;
        fail(new Error('stream closed before ready'));
      },
    });
    c.close = () => sse.terminate();
    c.pause = () => sse.pause();
    c.resume = () => sse.resume();
  });
}

function connectSocketIo(c: ClientState, ctx: ConnectContext, transport: 'websocket' | 'polling') {
  return withTimeout(c, ctx.timeoutMs, (ready, fail) => {
    const socket = io(`http://127.0.0.1:${ctx.port}`, {
      transports: [transport],
      upgrade: false,
      forceNew: true,
      reconnection: false,
    });
    c.close = () => socket.disconnect();
    // socket.io has no pause; stop reading on the engine's underlying `ws` socket (no-op on polling).
    const raw = () =>
      (socket.io.engine as unknown as { transport?: { ws?: { pause?: () => void; resume?: () => void } } })
        .transport?.ws;
    c.pause = () => raw()?.pause?.();
    c.resume = () => raw()?.resume?.();
    socket.on('connect', () => {
      c.ready = true;
      ready();
    });
    socket.on('metrics_update', (env) => onObject(c, env, ctx.tally(c)));
    socket.on('connect_error', (e) => fail(e));
    socket.on('disconnect', () => {
      if (c.open && c.ready) ctx.tally(c).drops++;
      c.open = false;
      fail(new Error('disconnected before ready'));
    });
  });
}

export function connectClient(c: ClientState, transport: Transport, ctx: ConnectContext): Promise<void> {
  switch (transport) {
    case 'ws':
      return connectWs(c, ctx);
    case 'sse':
      return connectSse(c, ctx);
    case 'sio-ws':
      return connectSocketIo(c, ctx, 'websocket');
    case 'sio-polling':
      return connectSocketIo(c, ctx, 'polling');
  }
}
