import { describe, expect, expectTypeOf, it } from 'vitest';
import { createLogger, formatLine, rateLimited, withFields } from '../../../bridge/log.ts';
import type { CampaignMetrics, SystemHealth, UpstreamEnvelope } from '../../../bridge/protocol/index.ts';
import { emptyOutcomes, withDerived } from '../../../bridge/protocol/index.ts';
import { fullJitter } from '../../../bridge/upstream/backoff.ts';
import { classifyUpstream } from '../../../bridge/upstream/classify.ts';
import type { WebSocketCtor } from '../../../bridge/upstream/link.ts';
import { createOverlap } from '../../../bridge/upstream/overlap.ts';
import { fetchUpstreamState, mergeBuffered } from '../../../bridge/upstream/resync.ts';
import { WebSocket as NodeWebSocket } from './nodeWs.ts';
import { seededRandom } from './seededRandom.ts';

const range = { baseMs: 500, capMs: 20_000 };

describe('fullJitter', () => {
  it('draws from [0, min(cap, base·2^attempt)) for every attempt', () => {
    const random = seededRandom(42);
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(range.capMs, range.baseMs * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const d = fullJitter(attempt, range, random);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
        expect(Number.isInteger(d)).toBe(true);
      }
    }
  });

  it('spreads delays uniformly: the mean is about half the ceiling', () => {
    const random = seededRandom(1);
    const n = 5_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += fullJitter(10, range, random);
    expect(sum / n / range.capMs).toBeCloseTo(0.5, 1);
  });

  it('maps the ends of the random range to 0 and just under the ceiling', () => {
    expect(fullJitter(3, range, () => 0)).toBe(0);
    expect(fullJitter(3, range, () => 0.999_999)).toBe(3_999);
    expect(fullJitter(0, range, () => 0.5)).toBe(250);
  });

  it('stays finite and capped for huge, negative or non-numeric attempts and a broken random', () => {
    expect(fullJitter(5_000, range, () => 0.5)).toBe(10_000);
    expect(fullJitter(-3, range, () => 0.5)).toBe(250);
    expect(fullJitter(Number.NaN, range, () => 0.5)).toBe(250);
    expect(fullJitter(2, range, () => Number.NaN)).toBe(0);
    expect(fullJitter(2, range, () => 7)).toBe(0);
  });

  it('replays the same delays from the same seed', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    const run = (r: () => number) => Array.from({ length: 8 }, (_, i) => fullJitter(i, range, r));
    expect(run(a)).toEqual(run(b));
  });
});

describe('rotation overlap', () => {
  it('switches when the new socket delivers a text the old one already forwarded, forwarding nothing twice', () => {
    const o = createOverlap<string>();
    expect(o.fromOld('a').kind).toBe('hold');
    expect(o.fromOld('b').kind).toBe('hold');
    expect(o.fromNew('b', 'B')).toEqual({ kind: 'switch', items: [] });
  });

  it('drops what a lagging new socket repeats after the switch, up to the last text the old one forwarded', () => {
    const o = createOverlap<string>();
    for (const t of ['a', 'b', 'c', 'd']) o.fromOld(t); // old read a whole burst first
    expect(o.fromNew('b', 'B')).toEqual({ kind: 'switch', items: [] });
    expect(o.alreadyForwarded('c')).toBe(true);
    expect(o.alreadyForwarded('d')).toBe(true);
    expect(o.alreadyForwarded('e')).toBe(false);
    expect(o.alreadyForwarded('c')).toBe(false); // caught up: a later identical text is a new message
  });

  it('stops dropping at the first text the old socket never forwarded', () => {
    const o = createOverlap<string>();
    for (const t of ['a', 'b', 'c', 'd']) o.fromOld(t);
    o.fromNew('b', 'B');
    expect(o.alreadyForwarded('c')).toBe(true);
    expect(o.alreadyForwarded('x')).toBe(false);
    expect(o.alreadyForwarded('d')).toBe(false);
  });

  it('switches when the old socket catches up, forwarding only what came after the common text', () => {
    const o = createOverlap<string>();
    expect(o.fromOld('a').kind).toBe('hold');
    expect(o.fromNew('b', 'B').kind).toBe('hold');
    expect(o.fromNew('c', 'C').kind).toBe('hold');
    expect(o.fromNew('d', 'D').kind).toBe('hold');
    // old forwards b itself; c and d have only reached the new socket so far
    expect(o.fromOld('b')).toEqual({ kind: 'switch', items: ['C', 'D'] });
  });

  it('reports overflow when the two sockets never share a text', () => {
    const o = createOverlap<number>(3);
    for (let i = 0; i < 3; i++) expect(o.fromNew(`n${i}`, i).kind).toBe('hold');
    expect(o.fromNew('n3', 3).kind).toBe('overflow');
    expect(o.held()).toEqual([0, 1, 2, 3]);
  });

  it('forgets the oldest texts of the old socket beyond its capacity', () => {
    const o = createOverlap<string>(2);
    o.fromOld('a');
    o.fromOld('b');
    o.fromOld('c');
    expect(o.fromNew('a', 'A').kind).toBe('hold');
    expect(o.fromNew('c', 'C')).toEqual({ kind: 'switch', items: [] });
  });
});

const campaign = (id: string, updatedAt: string, extra: Partial<CampaignMetrics> = {}): CampaignMetrics => ({
  campaignId: id,
  name: `Campaign ${id}`,
  status: 'active',
  activeCalls: 1,
  queueDepth: 10,
  dialingRate: 0.5,
  totalAttempts: 3,
  outcomes: { ...emptyOutcomes(), busy: 1 },
  updatedAt,
  ...extra,
});
const health = (timestamp: string, cpuUsage = 0.1): SystemHealth => ({
  cpuUsage,
  memoryUsage: 0.2,
  answerRate: 0.3,
  activeCampaigns: 1,
  timestamp,
});
const T = (s: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, s)).toISOString();

describe('classifyUpstream', () => {
  const env: UpstreamEnvelope = { type: 'metrics_update', data: campaign('c1', T(1)), timestamp: T(1) };

  it('accepts a valid envelope', () => {
    expect(classifyUpstream(JSON.stringify(env))).toEqual({ kind: 'envelope', envelope: env });
  });

  it('strips derived fields a producer may add to metrics', () => {
    const c = classifyUpstream(JSON.stringify({ ...env, data: withDerived(env.data) }));
    expect(c).toEqual({ kind: 'envelope', envelope: env });
  });

  it('names the bad field of an invalid envelope', () => {
    const bad = { ...env, data: { ...env.data, queueDepth: -1 } };
    const c = classifyUpstream(JSON.stringify(bad));
    expect(c.kind).toBe('invalid');
    expect(c.kind === 'invalid' && c.message).toMatch(/queueDepth/);
  });

  it('tells bad JSON, binary frames, upstream errors and unknown types apart', () => {
    expect(classifyUpstream('{').kind).toBe('invalid');
    expect(classifyUpstream(new Uint8Array([1])).kind).toBe('invalid');
    expect(classifyUpstream('null').kind).toBe('invalid');
    expect(classifyUpstream('[1,2]').kind).toBe('invalid');
    expect(classifyUpstream('{"type":"error","data":{"code":"bad_json","message":"no"}}')).toEqual({
      kind: 'upstreamError',
      code: 'bad_json',
      message: 'no',
    });
    expect(classifyUpstream('{"type":"error","data":"oops"}').kind).toBe('invalid');
    expect(classifyUpstream('{"type":"agent_update","data":{}}')).toEqual({
      kind: 'ignored',
      type: 'agent_update',
    });
  });
});

describe('mergeBuffered', () => {
  it('drops buffered snapshots older than REST, keeps newer ones and replays all events in order', () => {
    const rest = { campaigns: [campaign('c1', T(5)), campaign('c2', T(5))], systemHealth: health(T(5)) };
    const older: UpstreamEnvelope = {
      type: 'metrics_update',
      data: campaign('c1', T(4), { queueDepth: 99 }),
      timestamp: T(4),
    };
    const newer: UpstreamEnvelope = {
      type: 'metrics_update',
      data: campaign('c2', T(6), { queueDepth: 7 }),
      timestamp: T(6),
    };
    const fresh: UpstreamEnvelope = { type: 'metrics_update', data: campaign('c3', T(3)), timestamp: T(3) };
    const oldHealth: UpstreamEnvelope = {
      type: 'system_health_update',
      data: health(T(4), 0.9),
      timestamp: T(4),
    };
    const call: UpstreamEnvelope = {
      type: 'call_event',
      data: { callId: 'x', campaignId: 'c1', phase: 'dialing' },
      timestamp: T(2),
    };
    const { state, replay } = mergeBuffered(rest, [older, call, newer, oldHealth, fresh]);
    expect(replay).toEqual([call, newer, fresh]);
    expect(state.campaigns).toEqual([rest.campaigns[0], newer.data, fresh.data]);
    expect(state.systemHealth).toEqual(rest.systemHealth);
  });

  it('keeps snapshots as old as REST so two updates in one millisecond end on the last', () => {
    const rest = { campaigns: [campaign('c1', T(5), { queueDepth: 2 })], systemHealth: null };
    const a: UpstreamEnvelope = {
      type: 'metrics_update',
      data: campaign('c1', T(5), { queueDepth: 1 }),
      timestamp: T(5),
    };
    const b: UpstreamEnvelope = {
      type: 'metrics_update',
      data: campaign('c1', T(5), { queueDepth: 2 }),
      timestamp: T(5),
    };
    const { state, replay } = mergeBuffered(rest, [a, b]);
    expect(replay).toEqual([a, b]);
    expect(state.campaigns[0]?.queueDepth).toBe(2);
  });
});

describe('fetchUpstreamState', () => {
  const reply =
    (routes: Record<string, { status: number; body: unknown }>): typeof fetch =>
    async (input) => {
      const url = String(input);
      const r = routes[url] ?? { status: 404, body: {} };
      return new Response(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), { status: r.status });
    };
  const base = 'http://up.test/api/';
  const m = 'http://up.test/api/analytics/metrics';
  const h = 'http://up.test/api/analytics/system/health';
  const signal = new AbortController().signal;

  it('loads campaigns without their derived fields and the system health', async () => {
    const c = campaign('c1', T(1));
    const f = reply({
      [m]: { status: 200, body: { campaigns: [withDerived(c)], aggregate: {}, timestamp: T(1) } },
      [h]: { status: 200, body: health(T(1)) },
    });
    expect(await fetchUpstreamState(base, f, signal)).toEqual({ campaigns: [c], systemHealth: health(T(1)) });
  });

  it('reads a missing health endpoint as no health', async () => {
    const f = reply({ [m]: { status: 200, body: { campaigns: [] } } });
    expect(await fetchUpstreamState(base, f, signal)).toEqual({ campaigns: [], systemHealth: null });
  });

  it('fails naming the path and the field on an HTTP error, bad JSON or an invalid body', async () => {
    const ok = { status: 200, body: health(T(1)) };
    await expect(
      fetchUpstreamState(base, reply({ [m]: { status: 502, body: {} }, [h]: ok }), signal),
    ).rejects.toThrow(/analytics\/metrics: HTTP 502/);
    await expect(
      fetchUpstreamState(base, reply({ [m]: { status: 200, body: '{' }, [h]: ok }), signal),
    ).rejects.toThrow(/analytics\/metrics: body is not valid JSON/);
    const bad = { campaigns: [{ ...campaign('c1', T(1)), status: 'sleeping' }] };
    await expect(
      fetchUpstreamState(base, reply({ [m]: { status: 200, body: bad }, [h]: ok }), signal),
    ).rejects.toThrow(/campaigns\.0\.status/);
    const badHealth = { status: 200, body: { ...health(T(1)), cpuUsage: 3 } };
    await expect(
      fetchUpstreamState(
        base,
        reply({ [m]: { status: 200, body: { campaigns: [] } }, [h]: badHealth }),
        signal,
      ),
    ).rejects.toThrow(/system\/health: cpuUsage/);
  });
});

describe('logger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), now: () => 0 });
    log.info('hello', { port: 8787 });
    log.error('boom', { err: new Error('bad thing') });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'hello', port: 8787 },
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'error',
        msg: 'boom',
        err: { name: 'Error', message: 'bad thing' },
      },
    ]);
  });

  it('filters by level and writes nothing when silent', () => {
    const lines: string[] = [];
    const warn = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    warn.info('no');
    warn.warn('yes');
    createLogger({ level: 'silent', write: (l) => lines.push(l) }).error('no');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['yes']);
  });

  it('rejects an unknown level naming the choices', () => {
    expect(() => createLogger({ level: 'loud' as 'info' })).toThrow(/info, warn, error, silent/);
  });

  it('never lets fields overwrite the core keys, and survives circular fields and bigints', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const line = JSON.parse(formatLine(0, 'warn', 'm', { msg: 'forged', level: 'error', n: 10n }));
    expect(line).toMatchObject({ level: 'warn', msg: 'm', n: '10' });
    expect(JSON.parse(formatLine(0, 'info', 'x', { circular })).logError).toMatch(/not serialisable/);
  });

  it('adds bound fields to every line', () => {
    const lines: string[] = [];
    const log = withFields(createLogger({ write: (l) => lines.push(l), bindings: { app: 'bridge' } }), {
      part: 'up',
    });
    log.warn('w', { k: 1 });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ app: 'bridge', part: 'up', k: 1 });
  });

  it('rate-limits a flood to one line per interval and reports how many it dropped', () => {
    const lines: string[] = [];
    let t = 0;
    const log = rateLimited(createLogger({ write: (l) => lines.push(l) }), 1_000, () => t);
    for (let i = 0; i < 100; i++) log.warn('bad');
    t = 1_000;
    log.warn('bad');
    expect(lines.map((l) => JSON.parse(l).suppressed)).toEqual([undefined, 99]);
  });
});

describe('WebSocketCtor', () => {
  it('is satisfied by the WHATWG WebSocket of browsers and edge runtimes and by ws in Node', () => {
    expectTypeOf<typeof globalThis.WebSocket>().toExtend<WebSocketCtor>();
    expectTypeOf<typeof NodeWebSocket>().toExtend<WebSocketCtor>();
    expect(typeof NodeWebSocket).toBe('function');
  });
});
