// Every tunable of the fan-out benchmark in one place. `--quick` swaps in QUICK for a smoke run.
export const DEFAULTS = {
  /** WebSocket clients per server; the same number again of SSE clients. */
  clientsPerTransport: 1000,
  /** Of those, per transport, clients that stop reading for most of each phase (the server may shed only them). */
  slowPerTransport: 10,
  /** Upstream metrics_update events per second in the latency phase. */
  rate: 50,
  /** Seconds of publishing in the latency phase. */
  durationS: 20,
  /** Upstream events per second in the throughput phase (about twice what 2 cores can fan out to 2,000 clients). */
  throughputRate: 100,
  /** Seconds of publishing in the throughput phase. */
  throughputDurationS: 6,
  /** Rates of the latency-bounded capacity sweep, events/s, each for `sweepDurationS`. */
  sweepRates: [2, 5, 10, 20, 30, 40, 50] as readonly number[],
  sweepDurationS: 4,
  /** The sweep stops after a step whose p99 passes this (higher rates only queue more). */
  sweepStopMs: 1000,
  /** A looser bound also reported, to compare servers where none meets the target. */
  p99LooseMs: 250,
  /** The latency bound of the target (p99, ms). */
  p99TargetMs: 50,
  /** Campaigns the publisher cycles through (one metrics_update per campaign per tick). */
  campaigns: 20,
  /** Quiet time after all clients connected, before idle RSS is read. */
  settleMs: 3000,
  /** Longest wait for the last events to reach every client after publishing stops. */
  drainMs: 30_000,
  /** Connects in flight at once per load-generator process (the listen backlog is 511). */
  connectConcurrency: 100,
  /** Longest wait for all clients to be connected and ready. */
  connectTimeoutMs: 90_000,
  /** Longest wait for a server child to be ready. */
  startTimeoutMs: 30_000,
  /** Servers to measure, in order. */
  servers: ['raw', 'bridge', 'socketio'] as const satisfies readonly ServerKind[],
  /** Times the server list runs, interleaved; verdicts use each server's best round. */
  rounds: 1,
  /** How socket.io's half of "SSE" clients connect: 'websocket' (its best case) or 'polling'. */
  sioSecondTransport: 'websocket' as SioSecondTransport,
  /** Pin the server under test to CPU 0 and everything else to CPU 1 (taskset). */
  pin: false,
  /** Profile each server child (inspector, ready → close); profiles land in bench/profiles/. */
  profile: false,
  /**
   * Load generators read their sockets in rounds, sleeping this long (ms) between rounds instead of
   * being woken by each socket that becomes readable. Every message then waits up to this long before
   * it is read (a measured latency is up to this much worse, never better), and one wake-up serves
   * hundreds of sockets: the load generators take far less of the cores they share with the server.
   */
  loadgenPaceMs: 1,
  /** Latency histogram resolution and range. */
  histogramMaxMs: 10_000,
} as const;

export const QUICK = {
  clientsPerTransport: 50,
  slowPerTransport: 2,
  durationS: 3,
  throughputDurationS: 3,
  sweepRates: [20, 50] as readonly number[],
  sweepDurationS: 2,
  settleMs: 1000,
  drainMs: 5000,
} as const;

export type ServerKind = 'raw' | 'bridge' | 'socketio';
export type SioSecondTransport = 'websocket' | 'polling';
export type Transport = 'ws' | 'sse' | 'sio-ws' | 'sio-polling';

export const SERVER_KINDS = ['raw', 'bridge', 'socketio'] as const satisfies readonly ServerKind[];
