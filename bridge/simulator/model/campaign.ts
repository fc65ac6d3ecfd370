// The state of one campaign inside the model, and how it reads as the wire's CampaignMetrics.

import type { CampaignMetrics, CampaignStatus, Outcomes } from '../../protocol/index.ts';
import { emptyOutcomes } from '../../protocol/index.ts';
import { DEFAULTS } from '../defaults.ts';
import type { CampaignParams } from './params.ts';
import type { Rng } from './rng.ts';

export type PauseCause = 'auto' | 'manual';

export interface CampaignState {
  readonly params: CampaignParams;
  /** Draws for this campaign's calls only, so forcing one campaign never shifts another's. */
  readonly rng: Rng;
  status: CampaignStatus;
  pauseCause: PauseCause | null;
  queueDepth: number;
  totalAttempts: number;
  outcomes: Outcomes;
  dialLevel: number;
  /** Set by setDialLevel; null means adaptive pacing. */
  forcedDialLevel: number | null;
  onCall: number;
  wrapUp: number;
  /** End times of running wrap-ups (ms), for predicting agents about to be free. */
  wrapEnds: number[];
  /** Attempts started and not yet ended (dialing, ringing, answered, holding, connected). */
  inFlight: number;
  /** Attempts dialing or ringing, i.e. not yet answered. */
  outstanding: number;
  /** Live people answered with no agent yet, oldest first (call ids). */
  holding: string[];
  /** Attempts started per simulated second over the last rateWindowS seconds (ring buffer). */
  rateBuckets: number[];
  rateBucketSecond: number[];
  /** Adaptive pacing inputs: idle agent samples since the last adapt step, decayed answer counts. */
  idleAgentSamples: number;
  agentSamples: number;
  recentHumans: number;
  recentAbandons: number;
  /** Human answers and abandons counted at the last adapt step. */
  markHumans: number;
  markAbandons: number;
  nextAdaptAt: number;
  /** Bumped whenever a scheduled auto pause/resume/refill must be forgotten. */
  scheduleToken: number;
}

export function createCampaignState(params: CampaignParams, rng: Rng, nowMs: number): CampaignState {
  const window = DEFAULTS.model.rateWindowS;
  return {
    params,
    rng,
    status: 'active',
    pauseCause: null,
    queueDepth: params.listSize,
    totalAttempts: 0,
    outcomes: emptyOutcomes(),
    dialLevel: params.initialDialLevel,
    forcedDialLevel: null,
    onCall: 0,
    wrapUp: 0,
    wrapEnds: [],
    inFlight: 0,
    outstanding: 0,
    holding: [],
    rateBuckets: new Array<number>(window).fill(0),
    rateBucketSecond: new Array<number>(window).fill(-1),
    idleAgentSamples: 0,
    agentSamples: 0,
    recentHumans: 0,
    recentAbandons: 0,
    markHumans: 0,
    markAbandons: 0,
    nextAdaptAt: nowMs + DEFAULTS.model.adaptIntervalS * 1000,
    scheduleToken: 0,
  };
}

export const availableAgents = (c: CampaignState): number => c.params.staffedAgents - c.onCall - c.wrapUp;

export function recordAttempt(c: CampaignState, nowMs: number): void {
  const second = Math.floor(nowMs / 1000);
  const i = second % c.rateBuckets.length;
  if (c.rateBucketSecond[i] !== second) {
    c.rateBucketSecond[i] = second;
    c.rateBuckets[i] = 0;
  }
  c.rateBuckets[i]! += 1;
}

/** Attempts per second over the window that ends now. */
export function dialingRate(c: CampaignState, nowMs: number): number {
  const now = Math.floor(nowMs / 1000);
  const window = c.rateBuckets.length;
  let sum = 0;
  for (let i = 0; i < window; i++) {
    const s = c.rateBucketSecond[i]!;
    if (s > now - window && s <= now) sum += c.rateBuckets[i]!;
  }
  return Math.round((sum / window) * 1000) / 1000;
}

export function toMetrics(c: CampaignState, nowMs: number): CampaignMetrics {
  return {
    campaignId: c.params.id,
    name: c.params.name,
    status: c.status,
    activeCalls: c.inFlight,
    queueDepth: c.queueDepth,
    dialingRate: dialingRate(c, nowMs),
    totalAttempts: c.totalAttempts,
    outcomes: { ...c.outcomes },
    agents: {
      staffed: c.params.staffedAgents,
      available: availableAgents(c),
      onCall: c.onCall,
      wrapUp: c.wrapUp,
    },
    updatedAt: new Date(nowMs).toISOString(),
  };
}
