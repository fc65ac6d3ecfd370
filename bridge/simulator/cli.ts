// Command-line flags → SimulatorOptions. Pure, so the parsing is testable without a process.
import type { SimulatorOptions } from './options.ts';

export const USAGE = `Usage: npm run simulator -- [--seed N] [--speed X] [--campaigns N] [--port N] [--host H] [--metrics-hz X]
  --seed N        PRNG seed, integer 0–4294967295 (default 1): the same seed gives the same calls
  --speed X       simulated seconds per real second (default 1)
  --campaigns N   number of campaigns, 1–100 (default 6)
  --port N        TCP port, 0 for any free one (default 4000)
  --host H        interface to listen on (default 127.0.0.1)
  --metrics-hz X  most metrics_update per campaign per second (default 4)`;

const FLAGS = {
  seed: 'seed',
  speed: 'speed',
  campaigns: 'campaigns',
  port: 'port',
  host: 'host',
  'metrics-hz': 'metricsHz',
} as const satisfies Record<string, keyof SimulatorOptions>;

export type CliResult =
  | { ok: true; options: SimulatorOptions; help: boolean }
  | { ok: false; message: string };

export function parseArgs(argv: readonly string[]): CliResult {
  const options: Record<string, string | number> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { ok: true, options: {}, help: true };
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (!m || name === undefined || !(name in FLAGS))
      return { ok: false, message: `unknown argument "${arg}"` };
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') return { ok: false, message: `--${name}: needs a value` };
    const key = FLAGS[name as keyof typeof FLAGS];
    if (key === 'host') {
      options[key] = value;
      continue;
    }
    const n = Number(value);
    if (!Number.isFinite(n)) return { ok: false, message: `--${name}: must be a number, got "${value}"` };
    options[key] = n;
  }
  return { ok: true, options: options as SimulatorOptions, help: false };
}
