// The predictive part of the dialer, as two pure functions: how many lines to dial now, and how
// to move the dial level. Kept apart from the event loop so they can be read and tested alone.
import { DEFAULTS } from '../defaults.ts';
import { clamp } from './distributions.ts';

export interface PacingInput {
  dialLevel: number;
  /** Agents idle now and not promised to a waiting caller. */
  freeAgents: number;
  /** Agents whose wrap-up ends within the prediction horizon. */
  soonFreeAgents: number;
  /** Attempts dialing or ringing: each may still produce a live person. */
  outstandingLines: number;
  queueDepth: number;
}

/** Lines to start now: dial level × agents (now or soon) free, minus lines already out. */
export function linesToDial(p: PacingInput): number {
  const wanted = Math.floor(p.dialLevel * (p.freeAgents + p.soonFreeAgents) - p.outstandingLines + 1e-9);
  return clamp(wanted, 0, p.queueDepth);
}

export interface AdaptInput {
  dialLevel: number;
  /** Abandoned / human answers, exponentially weighted towards the last few minutes. */
  recentAbandonRate: number;
  /** Abandoned / human answers since the campaign started (what compliance measures). */
  campaignAbandonRate: number;
  campaignHumanAnswers: number;
  /** Share of agent time spent idle over the last adapt interval. */
  idleShare: number;
}

/** Classic adaptive pacing: back off fast when drops near the limit, creep up while agents wait. */
export function adaptDialLevel(a: AdaptInput): number {
  const { dialLevel, abandonTarget, idleShareToRaise } = { ...DEFAULTS.model };
  // The campaign-long rate only counts once it rests on enough answers to mean something.
  const campaignRate = a.campaignHumanAnswers >= 30 ? a.campaignAbandonRate : 0;
  const worst = Math.max(a.recentAbandonRate, campaignRate);
  let next = a.dialLevel;
  if (worst > abandonTarget) next -= dialLevel.down;
  else if (worst < abandonTarget * 0.6 && a.idleShare > idleShareToRaise) next += dialLevel.up;
  return Math.round(clamp(next, dialLevel.min, dialLevel.max) * 100) / 100;
}
