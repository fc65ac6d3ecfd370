// The model's public shape: what the server, the bridge and the tests call.
import type { CampaignMetrics, SystemHealth, UpstreamEnvelope } from '../../protocol/index.ts';
import type { PauseCause } from './campaign.ts';
import type { CampaignParams } from './params.ts';

export interface DialerOptions {
  /** Integer 0 … 2^32−1; default 1. */
  seed?: number;
  /** 1 … 100; default 6. */
  campaigns?: number;
  /** Simulated start time (ms since 1970); default Date.now(). Tests pass a fixed one. */
  epochMs?: number;
}

/** Where an attempt is: the wire's phases plus the model's own `holding` (answered, waiting for an agent). */
export type CallState = 'dialing' | 'ringing' | 'answered' | 'holding' | 'connected';

export interface CampaignSnapshot {
  metrics: CampaignMetrics;
  params: CampaignParams;
  dialLevel: number;
  forcedDialLevel: number | null;
  pauseCause: PauseCause | null;
  /** Attempts in flight, counted from the live calls themselves (not from the counters). */
  callsByState: Record<CallState, number>;
}

export interface DialerSnapshot {
  nowMs: number;
  campaigns: CampaignSnapshot[];
}

export interface HostLoad {
  cpuUsage: number;
  memoryUsage: number;
}

export interface Dialer {
  readonly seed: number;
  /** Simulated time, ms since 1970. */
  now(): number;
  /** Advance the simulated clock by dtMs; returns the call_event and campaign_status_change envelopes of the step. */
  step(dtMs: number): UpstreamEnvelope[];
  campaignIds(): string[];
  metrics(): CampaignMetrics[];
  campaignMetrics(id: string): CampaignMetrics | undefined;
  systemHealth(host: HostLoad): SystemHealth;
  pause(id: string): void;
  resume(id: string): void;
  stop(id: string): void;
  /** Force a dial level in [1, 3]; null hands pacing back to the adaptive algorithm. */
  setDialLevel(id: string, level: number | null): void;
  snapshot(): DialerSnapshot;
}
