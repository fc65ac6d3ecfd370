// The Node entry: validated config → the runtime-neutral bridge, served by @hono/node-server with its
// built-in WebSocket upgrade on `ws`, plus the built PWA from disk.
import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve, upgradeWebSocket } from '@hono/node-server';
import { type ConfigInput, validateConfig } from '../config/config.ts';
import { type Bridge, type BridgeRuntime, createBridge } from '../core/createBridge.ts';
import { createLogger } from '../log.ts';
import type { WebSocketCtor } from '../upstream/link.ts';
import { DEFAULT_STATIC_DIR, nodeAssets } from './assets.ts';
import { nodeSseAdapter } from './sseAdapter.ts';
import { WebSocket, WebSocketServer } from './ws.ts';
import { nodeSocketAdapter } from './wsAdapter.ts';

export interface StartedBridge {
  /** `http://host:port` (loopback for a wildcard bind). */
  url: string;
  port: number;
  /** The directory the PWA is served from; null when it is not built. */
  pwaDir: string | null;
  bridge: Bridge;
  /** Tells every client to reconnect (1012), stops the upstream link, closes the server. */
  close(): Promise<void>;
}

const urlHost = (host: string): string =>
  host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

export async function startBridge(
  input: ConfigInput = {},
  runtime: BridgeRuntime = {},
): Promise<StartedBridge> {
  const config = validateConfig({ staticDir: DEFAULT_STATIC_DIR, ...input });
  const log = runtime.log ?? createLogger({ level: config.logLevel, bindings: { service: 'bridge' } });
  // permessage-deflate off: it costs CPU and memory per socket (ws#1016); frames are small JSON
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.wsHardMaxPayload,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const assets = nodeAssets(config.staticDir, log);
  const bridge = createBridge(config, {
    upgradeWebSocket,
    socketAdapter: nodeSocketAdapter,
    sseAdapter: nodeSseAdapter,
    connectionOf: (c) => (c.env as Partial<HttpBindings> | undefined)?.outgoing,
    assets,
    WebSocket: WebSocket as unknown as WebSocketCtor,
    log,
    ...runtime,
  });
  const server = serve({
    fetch: bridge.app.fetch,
    port: config.port,
    hostname: config.host,
    websocket: { server: wss },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'the port is in use'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
      reject(new Error(`cannot listen on ${config.host}:${config.port}: ${why}`));
    });
    server.once('listening', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(config.host)}:${port}`;
  bridge.start();

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    pwaDir: assets ? config.staticDir : null,
    bridge,
    close() {
      closed ??= (async () => {
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        await bridge.close(1012, 'server restarting');
        // sockets told to go get a grace period to say goodbye, then are cut
        const grace = setTimeout(
          () => (server as { closeAllConnections?: () => void }).closeAllConnections?.(),
          config.shutdownGraceMs,
        );
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        await done;
        clearTimeout(grace);
      })();
      return closed;
    },
  };
}
