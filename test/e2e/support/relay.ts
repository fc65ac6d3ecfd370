// A reverse proxy on loopback in front of the bridge that can break the live paths one by one, the way
// a broken network does, so the page cannot tell it from one: the browser talks to the relay's origin
// for everything (app, REST, event stream, socket), and each path can be switched between
//   pass    relayed both ways;
//   refuse  connections on the path are cut (existing ones reset, new ones closed on arrival);
//   silent  connections stay open and carry nothing (existing ones frozen, new ones never answered):
//           a half-open path, the hardest failure to notice.
// Switching back to pass heals the path like a healed network: frozen connections flow again (with
// whatever was buffered), held requests go through. Nothing is reset by the relay on healing, so a
// connection the page forgot to close stays visible to the bridge.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';

export type RelayPath = 'ws' | 'stream';
export type RelayMode = 'pass' | 'refuse' | 'silent';

export const RELAY_PATHS: Record<RelayPath, string> = { ws: '/ws', stream: '/analytics/stream' };

export interface Relay {
  /** `http://127.0.0.1:<port>`: the origin the browser opens */
  url: string;
  port: number;
  mode(path: RelayPath): RelayMode;
  set(path: RelayPath, mode: RelayMode): void;
  /** connections on the path relayed both ways right now (frozen and held ones do not count) */
  open(path: RelayPath): number;
  /** connections on the path the relay still holds in any state */
  held(path: RelayPath): number;
  close(): Promise<void>;
}

interface Link {
  path: RelayPath;
  state: 'open' | 'frozen' | 'held';
  /** cut both sides */
  kill(): void;
  freeze(): void;
  /** frozen → flowing again; held → relayed now */
  heal(): void;
}

// hop-by-hop headers belong to one connection, not to the message (RFC 9110 §7.6.1)
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);
const endToEnd = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP.has(k.toLowerCase())));

/** The upgrade request as it arrived, to replay it to the bridge byte for byte. */
function requestHead(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port: targetPort } = new URL(target);
  const targetHost = hostname.replace(/^\[|\]$/g, '');
  const modes: Record<RelayPath, RelayMode> = { ws: 'pass', stream: 'pass' };
  const links = new Set<Link>();
  const plain = new Set<ServerResponse>();

  function track(link: Link, ...ends: { once(ev: 'close', cb: () => void): unknown }[]): void {
    links.add(link);
    for (const e of ends)
      e.once('close', () => {
        if (!links.delete(link)) return;
        link.kill();
      });
  }

  /** A WebSocket upgrade relayed as raw bytes after its request head. */
  function relayUpgrade(req: IncomingMessage, client: Socket, head: Buffer, link?: Link): void {
    const upstream = connect(Number(targetPort), targetHost);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    upstream.write(requestHead(req));
    if (head.length > 0) upstream.write(head);
    const flow = () => {
      client.pipe(upstream);
      upstream.pipe(client);
    };
    flow();
    const l: Link = link ?? { path: 'ws', state: 'open', kill() {}, freeze() {}, heal() {} };
    l.state = 'open';
    l.kill = () => {
      client.destroy();
      upstream.destroy();
    };
    l.freeze = () => {
      l.state = 'frozen';
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    };
    l.heal = () => {
      if (l.state !== 'frozen') return;
      l.state = 'open';
      flow();
    };
    if (link) upstream.once('close', () => links.delete(l) && l.kill());
    else track(l, client, upstream);
  }

  /** One HTTP request forwarded to the bridge, its answer streamed back (the event stream included). */
  function relayRequest(req: IncomingMessage, res: ServerResponse, link?: Link): void {
    const up = request({
      host: targetHost,
      port: Number(targetPort),
      method: req.method,
      path: req.url,
      headers: { ...endToEnd(req.headers), connection: 'close' },
      agent: false,
    });
    let answer: IncomingMessage | null = null;
    const l: Link | undefined = link;
    up.on('response', (r) => {
      answer = r;
      res.writeHead(r.statusCode ?? 502, endToEnd(r.headers));
      res.flushHeaders();
      if (!l || l.state === 'open') r.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
    if (!l) return;
    l.state = 'open';
    l.kill = () => {
      up.destroy();
      res.destroy();
      req.socket.destroy();
    };
    l.freeze = () => {
      l.state = 'frozen';
      const a = answer as IncomingMessage | null;
      a?.unpipe(res);
      a?.pause();
    };
    l.heal = () => {
      if (l.state !== 'frozen') return;
      l.state = 'open';
      (answer as IncomingMessage | null)?.pipe(res);
    };
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    if (path !== RELAY_PATHS.stream) {
      plain.add(res);
      res.once('close', () => plain.delete(res));
      relayRequest(req, res);
      return;
    }
    const mode = modes.stream;
    if (mode === 'refuse') {
      req.socket.destroy();
      return;
    }
    const link: Link = {
      path: 'stream',
      state: 'held',
      kill: () => req.socket.destroy(),
      freeze() {},
      heal: () => relayRequest(req, res, link),
    };
    track(link, res);
    if (mode === 'pass') relayRequest(req, res, link);
  });
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => {});
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    const mode = path === RELAY_PATHS.ws ? modes.ws : 'pass';
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    if (mode === 'pass') {
      relayUpgrade(req, client, head);
      return;
    }
    // silent: the handshake is never answered
    const link: Link = {
      path: 'ws',
      state: 'held',
      kill: () => client.destroy(),
      freeze() {},
      heal: () => relayUpgrade(req, client, head, link),
    };
    track(link, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    mode: (path) => modes[path],
    set(path, mode) {
      modes[path] = mode;
      for (const link of [...links]) {
        if (link.path !== path) continue;
        if (mode === 'refuse') {
          links.delete(link);
          link.kill();
        } else if (mode === 'silent') {
          if (link.state === 'open') link.freeze();
        } else link.heal();
      }
    },
    open: (path) => [...links].filter((l) => l.path === path && l.state === 'open').length,
    held: (path) => [...links].filter((l) => l.path === path).length,
    close() {
      for (const link of links) link.kill();
      links.clear();
      for (const res of plain) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
