// Command-line flags → benchmark options. A bad flag stops the run with a message naming it.
import { DEFAULTS, QUICK, SERVER_KINDS, type ServerKind, type SioSecondTransport } from './defaults.ts';

export interface BenchOptions {
  quick: boolean;
  clientsPerTransport: number;
  slowPerTransport: number;
  rate: number;
  durationS: number;
  throughputRate: number;
  throughputDurationS: number;
  sweepRates: number[];
  sweepDurationS: number;
  campaigns: number;
  settleMs: number;
  drainMs: number;
  servers: ServerKind[];
  /** Times the whole server list runs, interleaved (raw, bridge, socket.io, raw, …). */
  rounds: number;
  sioSecondTransport: SioSecondTransport;
  pin: boolean;
  /** Scheduling priority for the benchmark's processes (children inherit it); negative needs root. */
  nice: number;
  profile: boolean;
  /** See DEFAULTS.loadgenPaceMs. */
  loadgenPaceMs: number;
  writeResults: boolean;
}

const USAGE = `npm run bench:fanout -- [--quick] [--clients N] [--slow N] [--rate R] [--duration S]
  [--throughput-rate R] [--throughput-duration S] [--sweep R1,R2,…|none] [--campaigns K] [--servers raw,bridge,socketio] [--rounds N]
  [--sio-polling] [--pin] [--nice N] [--profile] [--loadgen-pace MS] [--no-write]`;

function positiveInt(flag: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${flag}: must be an integer from 1 to ${max} (got ${JSON.stringify(value)})\n${USAGE}`);
  }
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const base = { ...DEFAULTS, ...(quick ? QUICK : {}) };
  const o: BenchOptions = {
    quick,
    clientsPerTransport: base.clientsPerTransport,
    slowPerTransport: base.slowPerTransport,
    rate: base.rate,
    durationS: base.durationS,
    throughputRate: base.throughputRate,
    throughputDurationS: base.throughputDurationS,
    sweepRates: [...base.sweepRates],
    sweepDurationS: base.sweepDurationS,
    campaigns: base.campaigns,
    settleMs: base.settleMs,
    drainMs: base.drainMs,
    servers: [...base.servers],
    rounds: base.rounds,
    sioSecondTransport: base.sioSecondTransport,
    pin: base.pin,
    nice: 0,
    profile: base.profile,
    loadgenPaceMs: base.loadgenPaceMs,
    writeResults: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const next = () => argv[++i];
    switch (flag) {
      case '--quick':
        break;
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      case '--clients':
        o.clientsPerTransport = positiveInt(flag, next(), 20_000);
        break;
      case '--slow':
        o.slowPerTransport = Number(next());
        if (!Number.isInteger(o.slowPerTransport) || o.slowPerTransport < 0) {
          throw new Error(`--slow: must be an integer ≥ 0\n${USAGE}`);
        }
        break;
      case '--rate':
        o.rate = positiveInt(flag, next(), 100_000);
        break;
      case '--duration':
        o.durationS = positiveInt(flag, next(), 3600);
        break;
      case '--throughput-rate':
        o.throughputRate = positiveInt(flag, next(), 100_000);
        break;
      case '--throughput-duration':
        o.throughputDurationS = positiveInt(flag, next(), 3600);
        break;
      case '--rounds':
        o.rounds = positiveInt(flag, next(), 10);
        break;
      case '--sweep': {
        const text = next() ?? '';
        o.sweepRates = text === 'none' ? [] : text.split(',').map((x) => positiveInt(flag, x, 100_000));
        break;
      }
      case '--campaigns':
        o.campaigns = positiveInt(flag, next(), 999);
        break;
      case '--servers': {
        const list = (next() ?? '').split(',').filter(Boolean);
        const bad = list.find((s) => !(SERVER_KINDS as readonly string[]).includes(s));
        if (list.length === 0 || bad !== undefined) {
          throw new Error(`--servers: must list some of ${SERVER_KINDS.join(',')} (got ${bad ?? 'nothing'})`);
        }
        o.servers = list as ServerKind[];
        break;
      }
      case '--sio-polling':
        o.sioSecondTransport = 'polling';
        break;
      case '--pin':
        o.pin = true;
        break;
      case '--nice': {
        const n = Number(next());
        if (!Number.isInteger(n) || n < -20 || n > 19)
          throw new Error(`--nice: must be an integer from -20 to 19\n${USAGE}`);
        o.nice = n;
        break;
      }
      case '--profile':
        o.profile = true;
        break;
      case '--loadgen-pace': {
        const n = Number(next());
        if (!Number.isInteger(n) || n < 0 || n > 20)
          throw new Error(`--loadgen-pace: must be an integer from 0 to 20 (ms)\n${USAGE}`);
        o.loadgenPaceMs = n;
        break;
      }
      case '--no-write':
        o.writeResults = false;
        break;
      default:
        throw new Error(`unknown flag ${JSON.stringify(flag)}\n${USAGE}`);
    }
  }
  return o;
}
