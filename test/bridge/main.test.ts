import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../bridge/simulator/server.ts';
import { getJson } from './helpers/bridge.ts';
import { freePort } from './helpers/freePort.ts';
import { waitFor } from './helpers/wait.ts';
import { openWs } from './helpers/wsClient.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  child: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bridge/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr?.on('data', (d: Buffer) => err.push(...d.toString().split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out, err, exited };
}

const logged = (r: Run, msg: string) =>
  r.out.map((l) => JSON.parse(l) as { msg: string; [k: string]: unknown }).find((l) => l.msg === msg);

describe('bridge/main.ts', () => {
  const running: Run[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      if (r.child.exitCode === null) r.child.kill('SIGKILL');
      await r.exited;
    }
  });

  it('exits 1 with one line per bad variable and no stack trace', async () => {
    const r = run({ PORT: 'eighty', UPSTREAM_API_BASE_URL: 'ftp://x' });
    running.push(r);
    expect(await r.exited).toBe(1);
    expect(r.err).toEqual([
      'bridge: invalid configuration (see docs/configuration.md)',
      '  PORT: must be an integer from 1 to 65535 (got "eighty")',
      '  UPSTREAM_API_BASE_URL: must be an absolute http:// or https:// URL (got "ftp://x")',
    ]);
  }, 30_000);

  it('runs the embedded simulator without an upstream, and shuts down on SIGTERM telling clients to reconnect', async () => {
    const port = await freePort();
    const r = run({ PORT: String(port), SIMULATOR_CAMPAIGNS: '3', SIMULATOR_SPEED: '10' });
    running.push(r);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      'the bridge to be ready',
      async () => {
        try {
          return (await getJson(`${url}/readyz`)).status === 200;
        } catch {
          return false;
        }
      },
      30_000,
    );
    expect(logged(r, 'simulator started')).toBeDefined();
    expect(logged(r, 'bridge listening')).toMatchObject({ url, upstream: 'embedded simulator' });
    const metrics = (await getJson(`${url}/analytics/metrics`)).body as { campaigns: unknown[] };
    expect(metrics.campaigns).toHaveLength(3);
    const ws = await openWs(`ws://127.0.0.1:${port}/ws`);
    ws.send({ action: 'subscribe' });
    await ws.next((m) => m.type === 'snapshot');
    r.child.kill('SIGTERM');
    expect((await ws.closed).code).toBe(1012);
    expect(await r.exited).toBe(0);
    expect(logged(r, 'stopped')).toBeDefined();
  }, 60_000);

  it('runs only the bridge when an upstream is configured', async () => {
    const sim = await startSimulator({ port: 0, campaigns: 2 });
    try {
      const port = await freePort();
      const r = run({ PORT: String(port), UPSTREAM_WS_URL: sim.wsUrl, UPSTREAM_API_BASE_URL: sim.apiBase });
      running.push(r);
      const url = `http://127.0.0.1:${port}`;
      await waitFor(
        'the bridge to be ready',
        async () => {
          try {
            return (await getJson(`${url}/readyz`)).status === 200;
          } catch {
            return false;
          }
        },
        30_000,
      );
      expect(logged(r, 'simulator started')).toBeUndefined();
      expect(logged(r, 'bridge listening')).toMatchObject({ upstream: sim.wsUrl });
      const metrics = (await getJson(`${url}/analytics/metrics`)).body as { campaigns: unknown[] };
      expect(metrics.campaigns).toHaveLength(2);
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
