import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bridge/simulator/cli.ts';

describe('simulator command line', () => {
  it('reads each flag, as --name value or --name=value', () => {
    expect(
      parseArgs([
        '--seed',
        '9',
        '--speed=60',
        '--campaigns',
        '3',
        '--port=0',
        '--host',
        '::1',
        '--metrics-hz',
        '2',
      ]),
    ).toEqual({
      ok: true,
      help: false,
      options: { seed: 9, speed: 60, campaigns: 3, port: 0, host: '::1', metricsHz: 2 },
    });
    expect(parseArgs([])).toEqual({ ok: true, help: false, options: {} });
    expect(parseArgs(['--help'])).toMatchObject({ ok: true, help: true });
  });

  it('names the flag that is wrong', () => {
    expect(parseArgs(['--seed', 'abc'])).toEqual({
      ok: false,
      message: '--seed: must be a number, got "abc"',
    });
    expect(parseArgs(['--speed'])).toEqual({ ok: false, message: '--speed: needs a value' });
    expect(parseArgs(['--colour', 'red'])).toEqual({ ok: false, message: 'unknown argument "--colour"' });
    expect(parseArgs(['60'])).toEqual({ ok: false, message: 'unknown argument "60"' });
  });

  // One real process each way: the entry point wires parsing, validation and the server together.
  const tsx = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'bridge/simulator/main.ts', ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('exits 1 with a message naming the bad option', async () => {
    const child = tsx(['--campaigns', '0']);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/campaigns: must be an integer from 1 to 100, got 0/);
  }, 20_000);

  it('prints its URLs and serves them until told to stop', async () => {
    const child = tsx(['--port', '0', '--seed', '5', '--campaigns', '2']);
    try {
      let stdout = '';
      const restUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          stdout += d;
          const m = /REST\s+(http:\/\/\S+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}`)));
      });
      expect(stdout).toMatch(/WebSocket\s+ws:\/\/127\.0\.0\.1:\d+\/production/);
      const body = (await (await fetch(restUrl)).json()) as { campaigns: unknown[] };
      expect(body.campaigns).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    }
  }, 20_000);
});
