// Per-campaign parameters, drawn once from the seed: two campaigns of one run differ the way real
// lists and teams differ, and the same seed always draws the same ones.
import { DEFAULTS, type Range } from '../defaults.ts';
import { uniform, uniformInt } from './distributions.ts';
import type { Rng } from './rng.ts';

export interface OutcomeShares {
  human: number;
  machine: number;
  noAnswer: number;
  busy: number;
  failed: number;
}

export interface CampaignParams {
  id: string;
  name: string;
  staffedAgents: number;
  listSize: number;
  /** Fractions of attempts by fate; they sum to 1. */
  shares: OutcomeShares;
  /** Of connected human answers. */
  conversion: number;
  optOut: number;
  talkMedianS: number;
  talkSigma: number;
  wrapMeanS: number;
  initialDialLevel: number;
}

const NAMES = [
  'Spring Renewals',
  'Solar Leads West',
  'Lapsed Donors',
  'Medicare Enrollment',
  'Broadband Upgrade',
  'Appointment Reminders',
  'Auto Insurance Quotes',
  'Alumni Giving',
  'Home Security East',
  'Customer Win-Back',
  'Event Registration',
  'Survey Q3',
] as const;

const inRange = (rng: Rng, [min, max]: Range): number => uniform(rng, min, max);

export const campaignId = (index: number): string => `camp-${String(index + 1).padStart(2, '0')}`;

/** Display name: the list is rotated by the seed so runs look different; a numeral past its end. */
export function campaignName(index: number, offset: number): string {
  const base = NAMES[(index + offset) % NAMES.length]!;
  const round = Math.floor(index / NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

export function drawCampaignParams(rng: Rng, index: number, nameOffset: number): CampaignParams {
  const m = DEFAULTS.model;
  const staffedAgents = uniformInt(rng, m.agents[0], m.agents[1]);
  const raw = {
    human: inRange(rng, m.shares.human),
    machine: inRange(rng, m.shares.machine),
    noAnswer: inRange(rng, m.shares.noAnswer),
    busy: inRange(rng, m.shares.busy),
    failed: inRange(rng, m.shares.failed),
  };
  // Independent draws rarely sum to 1; normalising keeps each share near its drawn value.
  const total = raw.human + raw.machine + raw.noAnswer + raw.busy + raw.failed;
  const shares: OutcomeShares = {
    human: raw.human / total,
    machine: raw.machine / total,
    noAnswer: raw.noAnswer / total,
    busy: raw.busy / total,
    failed: raw.failed / total,
  };
  const talkMedianS = inRange(rng, m.talkMedianS);
  const talkSigma = inRange(rng, m.talkSigma);
  const wrapMeanS = inRange(rng, m.wrapMeanS);
  // A shift's worth of contacts: each agent handles one live answer per (mean talk + wrap-up),
  // and it takes 1 / (human share) attempts to reach one.
  const cycleS = talkMedianS * Math.exp((talkSigma * talkSigma) / 2) + wrapMeanS;
  const attemptsPerAgentHour = ((3600 / cycleS) * m.plannedOccupancy) / shares.human;
  const listSize = Math.round(staffedAgents * attemptsPerAgentHour * inRange(rng, m.shiftHours));
  return {
    id: campaignId(index),
    name: campaignName(index, nameOffset),
    staffedAgents,
    listSize,
    shares,
    conversion: inRange(rng, m.conversion),
    optOut: inRange(rng, m.optOut),
    talkMedianS,
    talkSigma,
    wrapMeanS,
    initialDialLevel: Math.round(inRange(rng, m.dialLevel.initial) * 10) / 10,
  };
}
