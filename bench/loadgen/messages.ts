// IPC between the orchestrator (bench/fanout.ts) and a load-generator process.
import type { ServerKind, Transport } from '../defaults.ts';
import type { Tally } from './tally.ts';

export interface LoadgenConfig {
  server: ServerKind;
  transport: Transport;
  count: number;
  /** The first `slowCount` clients stall (stop reading) on command; they are tallied apart. */
  slowCount: number;
  port: number;
  campaigns: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  histogramMaxMs: number;
  /** Read in rounds at most this often (ms); 0 = wake on every socket that becomes readable. */
  paceMs: number;
}

export type ToLoadgen =
  | { cmd: 'connect' }
  | { cmd: 'phase' }
  | { cmd: 'stall'; ms: number }
  | { cmd: 'report'; finalState: number[] | null }
  | { cmd: 'close' };

export interface LoadgenReport {
  fast: GroupReport;
  slow: GroupReport;
}

export interface GroupReport {
  tally: Tally;
  clients: number;
  /** Clients that got ready (connected, first snapshot) at some point, open or not now. */
  ready: number;
  /** Ready clients still connected. */
  open: number;
  /** Clients whose per-campaign state equals the upstream's final state (when one was given). */
  matching: number;
  /** Clients that saw a seq gap not (yet) followed by a snapshot. */
  openGaps: number;
  /** One mismatching client's state, for the report when something went wrong. */
  mismatchSample: string | null;
}

export type FromLoadgen =
  | { kind: 'connected'; ready: number; failed: number; firstError: string | null; ms: number }
  | { kind: 'phase-started' }
  | { kind: 'report'; report: LoadgenReport }
  | { kind: 'closed' };
