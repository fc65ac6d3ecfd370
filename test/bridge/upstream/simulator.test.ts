// The link against the real simulator: restart with the same model, and rotation under the simulator's
// own maximum connection duration, checked through the call lifecycles the model emits.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent, CampaignMetrics, UpstreamEnvelope } from '../../../bridge/protocol/index.ts';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '../../../bridge/simulator/server.ts';
import { createUpstreamLink, type UpstreamLinkOptions } from '../../../bridge/upstream/link.ts';
import { waitFor } from './fakeUpstream.ts';
import { WebSocket } from './nodeWs.ts';
import { recordingSink } from './recordingSink.ts';
import { seededRandom } from './seededRandom.ts';

const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const s = await startSimulator({ port: 0, speed: 20, epochMs: EPOCH, healthIntervalMs: 100, ...opts });
  cleanups.push(() => s.close());
  return s;
}

function link(up: SimulatorHandle, extra: Partial<UpstreamLinkOptions> = {}) {
  const sink = recordingSink();
  const l = createUpstreamLink(
    {
      wsUrl: up.wsUrl,
      apiBase: up.apiBase,
      WebSocket,
      subscribeSettleMs: 200,
      backoff: { baseMs: 20, capMs: 200, minUptimeMs: 100 },
      random: seededRandom(3),
      ...extra,
    },
    sink,
  );
  cleanups.push(() => l.stop());
  l.start();
  return { link: l, sink };
}

/** Campaigns without `updatedAt` (REST stamps its answer time), in id order. */
const comparable = (cs: Iterable<CampaignMetrics>) =>
  [...cs].map(({ updatedAt: _, ...rest }) => rest).sort((a, b) => a.campaignId.localeCompare(b.campaignId));

const calls = (envs: readonly UpstreamEnvelope[]): CallEvent[] =>
  envs.flatMap((e) => (e.type === 'call_event' ? [e.data] : []));

/** The phases a call goes through in the model, by its outcome. */
const PATHS: Record<string, string[]> = {
  failed: ['dialing', 'ended'],
  busy: ['dialing', 'ended'],
  noAnswer: ['dialing', 'ringing', 'ended'],
};
const ANSWERED_PATH = ['dialing', 'ringing', 'answered', 'ended'];

/**
 * Problems in a forwarded call_event stream: a repeated (call, phase), a gap in a campaign's attempt
 * numbers, or a call that skipped a phase. Each one means a lost or duplicated message.
 */
function streamProblems(events: readonly CallEvent[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const phases = new Map<string, string[]>();
  const outcome = new Map<string, string>();
  const lastAttempt = new Map<string, number>();
  for (const e of events) {
    const key = `${e.callId}/${e.phase}`;
    if (seen.has(key)) problems.push(`duplicate ${key}`);
    seen.add(key);
    if (e.phase === 'dialing') {
      const n = Number(e.callId.slice(e.callId.lastIndexOf('-') + 1));
      const prev = lastAttempt.get(e.campaignId);
      if (prev !== undefined && n !== prev + 1) problems.push(`${e.campaignId}: attempt ${prev} then ${n}`);
      lastAttempt.set(e.campaignId, n);
      phases.set(e.callId, []);
    }
    phases.get(e.callId)?.push(e.phase); // calls dialed before the subscription are not followed
    if (e.outcome) outcome.set(e.callId, e.outcome);
  }
  for (const [id, got] of phases) {
    const o = outcome.get(id);
    const path = o === undefined ? null : (PATHS[o] ?? ANSWERED_PATH);
    const ok = path
      ? got.join() === path.join()
      : [...Object.values(PATHS), ANSWERED_PATH].some((p) => p.slice(0, got.length).join() === got.join());
    if (!ok) problems.push(`${id}: ${got.join('→')}${o ? ` (${o})` : ''}`);
  }
  return problems;
}

describe('upstream link against the simulator', () => {
  it('reconnects after the simulator is killed and restarted with the same model, and converges to its state', async () => {
    // metricsHz 1000: every tick's change is published, so once the server stops, the last messages
    // sent describe exactly the model's final state.
    const first = await sim({ metricsHz: 1_000 });
    const { link: l, sink } = link(first);
    await waitFor('live', () => l.stats().live);
    await waitFor('live traffic', () => sink.envelopes().length > 50);

    await first.close();
    await waitFor('not live', () => !l.stats().live);
    // Changed while the link is away: only the resync can tell it.
    const stopped = first.dialer.campaignIds()[0] as string;
    first.dialer.stop(stopped);

    const second = await sim({ port: first.port, dialer: first.dialer, metricsHz: 1_000 });
    await waitFor('live again', () => l.stats().live && l.stats().connects === 2, 10_000);
    const before = sink.envelopes().length;
    await waitFor('traffic after the restart', () => sink.envelopes().length > before + 50);
    expect(sink.resyncs()).toBe(2);

    await second.close(); // freezes the model: its state is now what its REST answered last
    await waitFor('not live', () => !l.stats().live);
    expect(comparable(sink.campaigns.values())).toEqual(comparable(first.dialer.metrics()));
    expect(sink.campaigns.get(stopped)?.status).toBe('stopped');
    expect(sink.health()).not.toBeNull();
  });

  it('rotates under a shrunken maximum connection duration without losing or repeating a message', async () => {
    const s = await sim({ maxConnectionMs: 1_500 });
    const { link: l, sink } = link(s, { maxConnectionMs: 1_500, rotateMarginMs: 500 });
    await waitFor('two rotations', () => l.stats().rotations >= 2, 15_000);
    const stats = l.stats();
    await s.close();
    await waitFor('not live', () => !l.stats().live);

    const forwarded = calls(sink.envelopes());
    expect(forwarded.length).toBeGreaterThan(100);
    expect(streamProblems(forwarded)).toEqual([]);
    // The simulator's 1001 at 1.5 s never hit the link: no reconnect, one REST resync.
    expect(stats).toMatchObject({ connects: 1, failures: 0, invalidMessages: 0 });
    expect(sink.resyncs()).toBe(1);
  });

  it('sees its own checker catch a lost and a repeated message', () => {
    const d = (n: number, phase: CallEvent['phase'], outcome?: CallEvent['outcome']): CallEvent =>
      outcome
        ? { callId: `c1-r-${n}`, campaignId: 'c1', phase, outcome }
        : { callId: `c1-r-${n}`, campaignId: 'c1', phase };
    const good = [d(1, 'dialing'), d(1, 'ended', 'busy'), d(2, 'dialing'), d(2, 'ringing')];
    expect(streamProblems(good)).toEqual([]);
    expect(streamProblems([d(1, 'dialing'), d(1, 'ended', 'noAnswer')])).toHaveLength(1);
    expect(streamProblems([d(1, 'dialing'), d(3, 'dialing')])).toHaveLength(1);
    expect(streamProblems([...good, d(2, 'ringing')])).toContain('duplicate c1-r-2/ringing');
  });
});
