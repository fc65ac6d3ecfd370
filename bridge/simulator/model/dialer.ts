// The predictive-dialer model: a discrete-event simulation on a simulated clock. No timers and no
// I/O: `step(dtMs)` advances the clock and returns what happened. Events are processed in time
// order (ties in scheduling order), so the same seed gives the same stream however the steps are
// chunked.

import type { CallPhase, CampaignStatus, OutcomeKey, UpstreamEnvelope } from '../../protocol/index.ts';
import { aggregate, humanAnsweredOf } from '../../protocol/index.ts';
import { DEFAULTS, type Range } from '../defaults.ts';
import {
  availableAgents,
  type CampaignState,
  createCampaignState,
  type PauseCause,
  recordAttempt,
  toMetrics,
} from './campaign.ts';
import {
  bernoulli,
  clamp,
  exponential,
  logNormal,
  pickWeighted,
  uniform,
  uniformInt,
} from './distributions.ts';
import { createEventQueue } from './eventQueue.ts';
import { adaptDialLevel, linesToDial } from './pacing.ts';
import { drawCampaignParams } from './params.ts';
import { createRng, deriveSeed, type Rng } from './rng.ts';
import type { CallState, Dialer, DialerOptions } from './types.ts';

export type { CampaignSnapshot, Dialer, DialerOptions, DialerSnapshot, HostLoad } from './types.ts';

type Fate = 'human' | 'machine' | 'noAnswer' | 'busy' | 'failed';
const FATES: readonly Fate[] = ['human', 'machine', 'noAnswer', 'busy', 'failed'];

interface Call {
  id: string;
  campaign: CampaignState;
  fate: Fate;
  state: CallState;
}

type SimEvent =
  | { kind: 'pace'; c: CampaignState }
  | { kind: 'ring'; call: Call }
  | { kind: 'answer'; call: Call }
  | { kind: 'end'; call: Call; outcome: OutcomeKey }
  | { kind: 'abandon'; call: Call }
  | { kind: 'wrapEnd'; c: CampaignState }
  | { kind: 'autoPause' | 'autoResume' | 'refill'; c: CampaignState; token: number };

const MAX_SEED = 0xffffffff;

function validate(options: DialerOptions): Required<DialerOptions> {
  const seed = options.seed ?? DEFAULTS.server.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed: must be an integer from 0 to ${MAX_SEED}, got ${String(seed)}`);
  }
  const campaigns = options.campaigns ?? DEFAULTS.server.campaigns;
  if (!Number.isInteger(campaigns) || campaigns < 1 || campaigns > DEFAULTS.model.maxCampaigns) {
    throw new RangeError(
      `campaigns: must be an integer from 1 to ${DEFAULTS.model.maxCampaigns}, got ${String(campaigns)}`,
    );
  }
  const epochMs = options.epochMs ?? Date.now();
  if (!Number.isFinite(epochMs))
    throw new RangeError(`epochMs: must be a finite number, got ${String(epochMs)}`);
  return { seed, campaigns, epochMs: Math.round(epochMs) };
}

export function createDialer(options: DialerOptions = {}): Dialer {
  const { seed, campaigns: count, epochMs } = validate(options);
  const m = DEFAULTS.model;
  const queue = createEventQueue<SimEvent>();
  const calls = new Map<string, Call>();
  const byId = new Map<string, CampaignState>();
  const runTag = epochMs.toString(36);
  let nowMs = epochMs;
  let pending: UpstreamEnvelope[] = [];

  const sec = (rng: Rng, [min, max]: Range): number => Math.round(uniform(rng, min, max) * 1000);
  const at = (delayMs: number, ev: SimEvent): void => queue.push(nowMs + delayMs, ev);
  const iso = (): string => new Date(nowMs).toISOString();

  function emitCall(call: Call, phase: CallPhase, outcome?: OutcomeKey): void {
    const data =
      outcome === undefined
        ? { callId: call.id, campaignId: call.campaign.params.id, phase }
        : { callId: call.id, campaignId: call.campaign.params.id, phase, outcome };
    pending.push({ type: 'call_event', data, timestamp: iso() });
  }

  function setStatus(c: CampaignState, status: CampaignStatus, cause: PauseCause | null = null): void {
    const previousStatus = c.status;
    c.status = status;
    c.pauseCause = status === 'paused' ? cause : null;
    pending.push({
      type: 'campaign_status_change',
      data: { campaignId: c.params.id, status, previousStatus },
      timestamp: iso(),
    });
  }

  function scheduleAutoPause(c: CampaignState): void {
    at(Math.round(exponential(c.rng, m.meanActiveBetweenPausesS) * 1000), {
      kind: 'autoPause',
      c,
      token: c.scheduleToken,
    });
  }

  // --- one attempt, from the first digit to the disposition ---

  function dial(c: CampaignState): void {
    c.queueDepth--;
    c.totalAttempts++;
    c.inFlight++;
    c.outstanding++;
    recordAttempt(c, nowMs);
    const s = c.params.shares;
    const fate = FATES[pickWeighted(c.rng, [s.human, s.machine, s.noAnswer, s.busy, s.failed])]!;
    const call: Call = {
      id: `${c.params.id}-${runTag}-${c.totalAttempts}`,
      campaign: c,
      fate,
      state: 'dialing',
    };
    calls.set(call.id, call);
    emitCall(call, 'dialing');
    // Busy and failed attempts never ring: the network answers before the far end does.
    if (fate === 'failed') at(sec(c.rng, m.failAfterS), { kind: 'end', call, outcome: 'failed' });
    else if (fate === 'busy') at(sec(c.rng, m.busyAfterS), { kind: 'end', call, outcome: 'busy' });
    else at(sec(c.rng, m.dialSetupS), { kind: 'ring', call });
  }

  function ring(call: Call): void {
    call.state = 'ringing';
    emitCall(call, 'ringing');
    const rng = call.campaign.rng;
    if (call.fate === 'human') at(sec(rng, m.humanAnswerAfterS), { kind: 'answer', call });
    else if (call.fate === 'machine') at(sec(rng, m.machineAnswerAfterS), { kind: 'answer', call });
    else at(sec(rng, m.noAnswerAfterS), { kind: 'end', call, outcome: 'noAnswer' });
  }

  function answer(call: Call): void {
    const c = call.campaign;
    c.outstanding--;
    call.state = 'answered';
    emitCall(call, 'answered');
    if (call.fate === 'machine') {
      at(sec(c.rng, m.machineHandleS), { kind: 'end', call, outcome: 'machine' });
    } else if (availableAgents(c) > 0) {
      connect(call);
    } else {
      // Nobody free: the caller hears silence; an agent freeing within 2 s saves the call.
      call.state = 'holding';
      c.holding.push(call.id);
      at(m.abandonAfterS * 1000, { kind: 'abandon', call });
    }
  }

  function connect(call: Call): void {
    const c = call.campaign;
    const p = c.params;
    c.onCall++;
    call.state = 'connected';
    const result: OutcomeKey = bernoulli(c.rng, p.conversion)
      ? 'converted'
      : bernoulli(c.rng, p.optOut / (1 - p.conversion))
        ? 'optOuts'
        : 'answered';
    const talkS =
      result === 'optOuts'
        ? logNormal(c.rng, m.optOutTalkMedianS, 0.5)
        : logNormal(c.rng, p.talkMedianS * (result === 'converted' ? m.convertedTalkFactor : 1), p.talkSigma);
    at(Math.round(clamp(talkS, 5, m.maxTalkS) * 1000), { kind: 'end', call, outcome: result });
  }

  function end(call: Call, outcome: OutcomeKey): void {
    const c = call.campaign;
    if (call.state === 'connected') {
      c.onCall--;
      c.wrapUp++;
      const wrapMs = Math.round(clamp(logNormal(c.rng, c.params.wrapMeanS, 0.3), 5, 180) * 1000);
      c.wrapEnds.push(nowMs + wrapMs);
      at(wrapMs, { kind: 'wrapEnd', c });
    } else if (call.state === 'dialing' || call.state === 'ringing') {
      c.outstanding--;
    }
    c.outcomes[outcome]++;
    c.inFlight--;
    calls.delete(call.id);
    emitCall(call, 'ended', outcome);
    maybeComplete(c);
  }

  function wrapEnd(c: CampaignState): void {
    c.wrapUp--;
    const i = c.wrapEnds.indexOf(nowMs);
    if (i >= 0) c.wrapEnds.splice(i, 1);
    const waiting = c.holding.shift();
    if (waiting !== undefined) connect(calls.get(waiting)!);
  }

  function abandon(call: Call): void {
    if (call.state !== 'holding') return; // an agent took it in time
    const c = call.campaign;
    c.holding.splice(c.holding.indexOf(call.id), 1);
    end(call, 'abandoned');
  }

  // --- campaign-level pacing and lifecycle ---

  function maybeComplete(c: CampaignState): void {
    if (c.status !== 'active' || c.queueDepth > 0 || c.inFlight > 0) return;
    setStatus(c, 'completed');
    c.scheduleToken++;
    at(m.refillAfterS * 1000, { kind: 'refill', c, token: c.scheduleToken });
  }

  function adapt(c: CampaignState): void {
    const humans = humanAnsweredOf(c.outcomes);
    c.recentHumans = c.recentHumans * m.recentDecay + (humans - c.markHumans);
    c.recentAbandons = c.recentAbandons * m.recentDecay + (c.outcomes.abandoned - c.markAbandons);
    c.markHumans = humans;
    c.markAbandons = c.outcomes.abandoned;
    const idleShare = c.agentSamples > 0 ? c.idleAgentSamples / c.agentSamples : 0;
    c.idleAgentSamples = 0;
    c.agentSamples = 0;
    if (c.forcedDialLevel !== null || c.status !== 'active') return;
    c.dialLevel = adaptDialLevel({
      dialLevel: c.dialLevel,
      // A floor on the denominator: one drop among the first few answers is noise, not a trend.
      recentAbandonRate: c.recentAbandons / Math.max(c.recentHumans, 10),
      campaignAbandonRate: humans > 0 ? c.outcomes.abandoned / humans : 0,
      campaignHumanAnswers: humans,
      idleShare,
    });
  }

  function pace(c: CampaignState): void {
    if (c.status === 'stopped') return;
    at(m.paceIntervalS * 1000, { kind: 'pace', c });
    if (c.status === 'active') {
      c.idleAgentSamples += availableAgents(c);
      c.agentSamples += c.params.staffedAgents;
    }
    if (nowMs >= c.nextAdaptAt) {
      adapt(c);
      c.nextAdaptAt += m.adaptIntervalS * 1000;
    }
    if (c.status !== 'active') return;
    const horizon = nowMs + m.predictHorizonS * 1000;
    const n = linesToDial({
      dialLevel: c.dialLevel,
      freeAgents: availableAgents(c),
      soonFreeAgents: c.wrapEnds.filter((t) => t <= horizon).length,
      outstandingLines: c.outstanding,
      queueDepth: c.queueDepth,
    });
    for (let i = 0; i < n; i++) dial(c);
    maybeComplete(c);
  }

  /** Scheduled lifecycle events are void once a manual action bumped the campaign's token. */
  function lifecycle(ev: Extract<SimEvent, { token: number }>): void {
    const c = ev.c;
    if (ev.token !== c.scheduleToken) return;
    if (ev.kind === 'autoPause' && c.status === 'active') {
      setStatus(c, 'paused', 'auto');
      at(sec(c.rng, m.pauseLengthS), { kind: 'autoResume', c, token: ev.token });
    } else if (ev.kind === 'autoResume' && c.status === 'paused') {
      setStatus(c, 'active');
      scheduleAutoPause(c);
    } else if (ev.kind === 'refill' && c.status === 'completed') {
      // A fresh contact list: counts keep accumulating, the queue fills again.
      c.queueDepth = c.params.listSize;
      setStatus(c, 'active');
      scheduleAutoPause(c);
    }
  }

  function handle(ev: SimEvent): void {
    if (ev.kind === 'pace') pace(ev.c);
    else if (ev.kind === 'ring') ring(ev.call);
    else if (ev.kind === 'answer') answer(ev.call);
    else if (ev.kind === 'end') end(ev.call, ev.outcome);
    else if (ev.kind === 'abandon') abandon(ev.call);
    else if (ev.kind === 'wrapEnd') wrapEnd(ev.c);
    else lifecycle(ev);
  }

  // --- set-up ---

  const setupRng = createRng(deriveSeed(seed, 0));
  const nameOffset = uniformInt(setupRng, 0, 11);
  const campaigns: CampaignState[] = [];
  for (let i = 0; i < count; i++) {
    const params = drawCampaignParams(createRng(deriveSeed(seed, i + 1, 1)), i, nameOffset);
    const c = createCampaignState(params, createRng(deriveSeed(seed, i + 1, 2)), nowMs);
    campaigns.push(c);
    byId.set(params.id, c);
    // Stagger the pacing ticks so campaigns do not all dial in the same millisecond.
    at(Math.round((i * 1000) / count), { kind: 'pace', c });
    scheduleAutoPause(c);
  }

  function find(id: string): CampaignState {
    const c = byId.get(id);
    if (!c) throw new RangeError(`campaignId: unknown campaign "${id}"`);
    return c;
  }

  return {
    seed,
    now: () => nowMs,
    step(dtMs) {
      if (!Number.isFinite(dtMs) || dtMs < 0) {
        throw new RangeError(`dtMs: must be a finite number ≥ 0, got ${String(dtMs)}`);
      }
      const target = nowMs + dtMs;
      while (queue.peekTime() <= target) {
        const next = queue.pop()!;
        nowMs = next.at;
        handle(next.value);
      }
      nowMs = target;
      const out = pending;
      pending = [];
      return out;
    },
    campaignIds: () => campaigns.map((c) => c.params.id),
    metrics: () => campaigns.map((c) => toMetrics(c, nowMs)),
    campaignMetrics(id) {
      const c = byId.get(id);
      return c ? toMetrics(c, nowMs) : undefined;
    },
    systemHealth(host) {
      const agg = aggregate(campaigns.map((c) => toMetrics(c, nowMs)));
      return {
        cpuUsage: clamp(host.cpuUsage, 0, 1),
        memoryUsage: clamp(host.memoryUsage, 0, 1),
        answerRate: agg.answerRate,
        activeCampaigns: agg.activeCampaigns,
        timestamp: iso(),
      };
    },
    pause(id) {
      const c = find(id);
      if (c.status === 'paused' && c.pauseCause === 'manual') return;
      if (c.status !== 'active' && c.status !== 'paused') {
        throw new Error(`campaign "${id}" is ${c.status}: only an active campaign can be paused`);
      }
      c.scheduleToken++; // forget a pending auto pause or auto resume
      if (c.status === 'paused') c.pauseCause = 'manual';
      else setStatus(c, 'paused', 'manual');
    },
    resume(id) {
      const c = find(id);
      if (c.status === 'active') return;
      if (c.status !== 'paused') {
        throw new Error(`campaign "${id}" is ${c.status}: only a paused campaign can be resumed`);
      }
      c.scheduleToken++;
      setStatus(c, 'active');
      scheduleAutoPause(c);
    },
    stop(id) {
      const c = find(id);
      if (c.status === 'stopped') return;
      c.scheduleToken++;
      // Calls in progress finish normally: hanging up on a live person would be a drop.
      setStatus(c, 'stopped');
    },
    setDialLevel(id, level) {
      const c = find(id);
      if (level === null) {
        c.forcedDialLevel = null;
        return;
      }
      if (
        typeof level !== 'number' ||
        !Number.isFinite(level) ||
        level < m.dialLevel.min ||
        level > m.dialLevel.max
      ) {
        throw new RangeError(
          `level: must be a number from ${m.dialLevel.min} to ${m.dialLevel.max} or null, got ${String(level)}`,
        );
      }
      c.forcedDialLevel = level;
      c.dialLevel = level;
    },
    snapshot() {
      const byCampaign = new Map<CampaignState, Record<CallState, number>>();
      for (const c of campaigns) {
        byCampaign.set(c, { dialing: 0, ringing: 0, answered: 0, holding: 0, connected: 0 });
      }
      for (const call of calls.values()) byCampaign.get(call.campaign)![call.state]++;
      return {
        nowMs,
        campaigns: campaigns.map((c) => ({
          metrics: toMetrics(c, nowMs),
          params: c.params,
          dialLevel: c.dialLevel,
          forcedDialLevel: c.forcedDialLevel,
          pauseCause: c.pauseCause,
          callsByState: byCampaign.get(c)!,
        })),
      };
    },
  };
}
