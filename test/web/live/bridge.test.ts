// The live client against the real bridge and simulator on loopback: a real WebSocket (`ws`, the
// library behind jsdom's), real fetch, real timers. jsdom has no EventSource, so SSE is unsupported here and the fallback is
// polling; the SSE transport is covered with fakes in connection.test.ts and transports.test.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { aggregate, derive } from '../../../bridge/protocol/index.ts';
import { type LiveClient, makeLiveClient } from '../../../web/src/live/client.ts';
import type { Tuning } from '../../../web/src/live/config.ts';
import type { WebSocketCtor } from '../../../web/src/live/transports/websocket.ts';

// (jsdom's URL class is not Node's, so fileURLToPath is out)
const root = resolve(dirname(decodeURIComponent(new URL(import.meta.url).pathname)), '../../..');
// The web project resolves packages for the browser, where `ws` is a stub; load its Node build by path.
const NodeWebSocket = createRequire(`${root}/package.json`)(
  `${root}/node_modules/ws/index.js`,
) as WebSocketCtor;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface BridgeProc {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function startBridgeProcess(port = 0): Promise<BridgeProc> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/web/live/bridgeProcess.ts', String(port)],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  cleanups.push(stop);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('bridge did not start within 30 s')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      clearTimeout(timer);
      resolve({ ...(JSON.parse(line) as { url: string; port: number }), stop });
    });
    child.once('exit', (code) => reject(new Error(`bridge exited with ${code} before it started`)));
  });
}

/** A TCP relay to the bridge that refuses connections while `open` is false: a WebSocket path that breaks. */
async function startGate(targetPort: number) {
  const sockets = new Set<Socket>();
  const pairs: [Socket, Socket][] = [];
  const gate = {
    open: false,
    port: 0,
    server: null as Server | null,
    /** stop relaying on the connections made so far, keeping them open: a half-open socket */
    freeze() {
      for (const [a, b] of pairs.splice(0)) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
  };
  const server = createServer((client) => {
    if (!gate.open) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    pairs.push([client, upstream]);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(s);
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gate.port = (server.address() as { port: number }).port;
  gate.server = server;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return gate;
}

function client(endpoints: { wsUrl: string; apiBase: string }, tuning: Partial<Tuning> = {}): LiveClient {
  const c = makeLiveClient({
    endpoints,
    tuning,
    lifecycle: null,
    WebSocket: NodeWebSocket,
    fetch: globalThis.fetch,
  });
  cleanups.push(() => c.disconnect());
  return c;
}

/** Poll a condition every 20 ms, at most `ms`: returns how long it took. */
async function until(what: string, cond: () => boolean, ms = 20_000): Promise<number> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

describe('against the real bridge', () => {
  test('streams validated snapshots and live updates over WebSocket', async () => {
    const bridge = await startBridgeProcess();
    const c = client({ wsUrl: `${bridge.url.replace('http', 'ws')}/ws`, apiBase: bridge.url });
    c.connect();
    await until('the first snapshot', () => c.status.channel === 'websocket');
    // the channel counts as open at its first message; the store applies it at the next frame
    await until('the snapshot applied', () => c.state.seq >= 0);
    const first = c.state.seq;
    await until('live updates', () => c.state.seq >= first + 10);
    expect(c.stats().invalid).toBe(0);
    const campaigns = Object.values(c.state.campaigns);
    expect(campaigns).toHaveLength(6);
    for (const k of campaigns) expect(derive(k.outcomes).answerRate).toBe(k.answerRate);
    expect(c.state.systemHealth).not.toBeNull();
    expect(c.state.history.length).toBeGreaterThan(0);
    // the same campaigns the REST API serves, and an aggregate computed the shared way
    const rest = (await (await fetch(`${bridge.url}/analytics/metrics`)).json()) as {
      campaigns: { campaignId: string }[];
    };
    expect(rest.campaigns.map((x) => x.campaignId).sort()).toEqual(campaigns.map((x) => x.campaignId).sort());
    expect(aggregate(campaigns).totalAttempts).toBe(campaigns.reduce((n, x) => n + x.totalAttempts, 0));
  }, 60_000);

  test('comes back after the bridge restarts, accepting its new seq numbering', async () => {
    const bridge = await startBridgeProcess();
    const c = client({ wsUrl: `${bridge.url.replace('http', 'ws')}/ws`, apiBase: bridge.url });
    c.connect();
    await until('the first snapshot', () => c.status.channel === 'websocket');
    await until('some updates', () => c.state.seq >= 20);
    await bridge.stop();
    await until('the client noticing', () => c.status.channel === 'offline');
    expect(c.status.offlineSince).not.toBeNull();
    const again = await startBridgeProcess(bridge.port);
    expect(again.port).toBe(bridge.port);
    const took = await until('WebSocket again', () => c.status.channel === 'websocket', 40_000);
    const restartedAt = c.state.seq;
    await until('updates from the new run', () => c.state.seq >= restartedAt + 5);
    expect(c.status.offlineSince).toBeNull();
    console.info(`bridge restart: back on WebSocket ${took} ms after the new bridge printed its URL`);
  }, 90_000);

  test('carries on over polling while WebSocket is refused, and returns to WebSocket once it works', async () => {
    const bridge = await startBridgeProcess();
    const gate = await startGate(bridge.port);
    const c = client(
      { wsUrl: `ws://127.0.0.1:${gate.port}/ws`, apiBase: bridge.url },
      { probeMinMs: 1_000, probeMaxMs: 2_000 },
    );
    c.connect();
    const failover = await until('polling', () => c.status.channel === 'polling');
    await until('the first poll applied', () => c.state.lastUpdate !== null);
    const seen = c.state.lastUpdate!;
    await until('a second poll', () => (c.state.lastUpdate ?? 0) > seen, 10_000);
    expect(Object.keys(c.state.campaigns)).toHaveLength(6);
    gate.open = true;
    const back = await until('WebSocket', () => c.status.channel === 'websocket');
    const seq = c.state.seq;
    await until('live updates on WebSocket', () => c.state.seq > seq);
    expect(c.stats().promotions).toBe(1);
    console.info(
      `WebSocket refused: polling after ${failover} ms; back on WebSocket ${back} ms after it opened`,
    );
  }, 90_000);

  test('replaces a WebSocket that goes silent (half-open) and later returns to a working one', async () => {
    const bridge = await startBridgeProcess();
    const gate = await startGate(bridge.port);
    gate.open = true;
    const c = client(
      { wsUrl: `ws://127.0.0.1:${gate.port}/ws`, apiBase: bridge.url },
      { probeMinMs: 3_000, probeMaxMs: 4_000 },
    );
    c.connect();
    await until('WebSocket', () => c.status.channel === 'websocket');
    gate.freeze();
    const frozenAt = Date.now();
    await until('polling', () => c.status.channel === 'polling', 15_000);
    const failover = Date.now() - frozenAt;
    await until('WebSocket again', () => c.status.channel === 'websocket', 20_000);
    expect(c.stats().promotions).toBe(1);
    const seq = c.state.seq;
    await until('live updates on the new WebSocket', () => c.state.seq > seq);
    console.info(`half-open WebSocket: on polling ${failover} ms after the relay froze`);
  }, 90_000);
});
