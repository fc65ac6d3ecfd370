import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CampaignViewSchema,
  ErrorBodySchema,
  MetricsResponseSchema,
  parseUpstreamMessage,
  SystemHealthSchema,
} from '../../bridge/protocol/index.ts';
import { createDialer } from '../../bridge/simulator/model/dialer.ts';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '../../bridge/simulator/server.ts';
import { connect, type TestClient, typeIs } from './wsClient.ts';

const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
const open: Array<SimulatorHandle | TestClient> = [];

async function sim(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const s = await startSimulator({ port: 0, speed: 60, epochMs: EPOCH, healthIntervalMs: 100, ...opts });
  open.push(s);
  return s;
}

async function client(url: string): Promise<TestClient> {
  const c = await connect(url);
  open.push(c);
  return c;
}

afterEach(async () => {
  // Clients first, so the servers' close does not wait on them.
  for (const x of open.splice(0).reverse()) await x.close();
});

const campaignOf = (text: string): string | undefined =>
  (JSON.parse(text) as { data?: { campaignId?: string } }).data?.campaignId;

describe('simulator WebSocket at /production', () => {
  it('sends a subscriber every kind of envelope, each valid under the upstream protocol', async () => {
    const s = await sim();
    expect(s.wsUrl).toBe(`ws://127.0.0.1:${s.port}/production`);
    const c = await client(s.wsUrl);
    c.send({ action: 'subscribe' });
    await c.waitFor(typeIs('metrics_update'), 'metrics_update');
    await c.waitFor(typeIs('call_event'), 'call_event');
    await c.waitFor(typeIs('system_health_update'), 'system_health_update');
    const envelopes = c.envelopes(); // throws on any message that does not validate
    expect(envelopes.length).toBe(c.messages.length);
    expect(envelopes.every((e) => !('seq' in e))).toBe(true);
    expect(s.connections()).toBe(1);
  });

  it('sends nothing before a subscribe', async () => {
    const s = await sim();
    const quiet = await client(s.wsUrl);
    const witness = await client(s.wsUrl);
    witness.send({ action: 'subscribe' });
    // Once the witness has seen health updates and call events, the quiet one would have too.
    await witness.waitFor(typeIs('system_health_update'), 'health');
    const after = witness.messages.length;
    await witness.waitFor(typeIs('system_health_update'), 'a second health update', after);
    expect(quiet.messages).toEqual([]);
  });

  it('filters a per-campaign subscription to that campaign, plus system health', async () => {
    const s = await sim();
    const c = await client(s.wsUrl);
    c.send({ action: 'subscribe', campaignId: 'camp-02' });
    await c.waitFor(typeIs('call_event'), 'call_event');
    await c.waitFor(typeIs('metrics_update'), 'metrics_update');
    await c.waitFor(typeIs('system_health_update'), 'system_health_update');
    for (const e of c.envelopes()) {
      if (e.type === 'system_health_update') continue;
      expect(e.data.campaignId).toBe('camp-02');
    }
  });

  it('stops sending a campaign after its unsubscribe, and everything after a bare unsubscribe', async () => {
    const s = await sim();
    const c = await client(s.wsUrl);
    const witness = await client(s.wsUrl);
    witness.send({ action: 'subscribe' });
    c.send({ action: 'subscribe' });
    c.send({ action: 'unsubscribe', campaignId: 'camp-01' });
    // An error reply marks the point by which the unsubscribe has been handled.
    c.send('mark');
    await c.waitFor(typeIs('error'), 'marker error');
    const mark = c.messages.length;
    let w = witness.messages.length;
    await witness.waitFor((t) => campaignOf(t) === 'camp-01', 'camp-01 traffic at the witness', w);
    await c.waitFor((t) => campaignOf(t) === 'camp-03', 'camp-03 traffic', mark);
    expect(c.messages.slice(mark).filter((t) => campaignOf(t) === 'camp-01')).toEqual([]);

    c.send({ action: 'unsubscribe' });
    c.send('mark');
    await c.waitFor(typeIs('error'), 'second marker error', mark);
    const mark2 = c.messages.length;
    w = witness.messages.length;
    await witness.waitFor(typeIs('system_health_update'), 'health at the witness', w);
    await witness.waitFor(
      typeIs('system_health_update'),
      'more health at the witness',
      witness.messages.length,
    );
    expect(c.messages.slice(mark2)).toEqual([]);
  });

  it('answers bad JSON and unknown actions with an error envelope and keeps the connection open', async () => {
    const s = await sim();
    const c = await client(s.wsUrl);
    c.send('{not json');
    c.send({ action: 'dance' });
    c.send({ action: 'subscribe', campaignId: 'camp-99' });
    c.send({ action: 'subscribe', campaignId: 'bad id!' });
    await c.waitFor(() => c.messages.length >= 4, 'four errors');
    const errors = c.messages.slice(0, 4).map((t) => JSON.parse(t));
    expect(errors.map((e) => [e.type, e.data.code])).toEqual([
      ['error', 'bad_json'],
      ['error', 'bad_message'],
      ['error', 'not_found'],
      ['error', 'bad_message'],
    ]);
    expect(errors[1].data.message).toMatch(/action must be one of subscribe, unsubscribe, ping/);
    expect(errors[3].data.message).toMatch(/campaignId/);
    for (const e of errors) expect(Number.isNaN(Date.parse(e.timestamp))).toBe(false);
    expect(c.isOpen()).toBe(true);
    c.send({ action: 'subscribe' });
    await c.waitFor(typeIs('call_event'), 'call_event after the errors');
  });

  it('closes with 1009 when a client message exceeds the size limit', async () => {
    const s = await sim({ maxMessageBytes: 1024 });
    const c = await client(s.wsUrl);
    c.send({ action: 'dance', pad: 'x'.repeat(900) }); // under the limit: answered, not closed
    await c.waitFor(typeIs('error'), 'error for the padded unknown action');
    c.send({ action: 'ping', pad: 'x'.repeat(2048) });
    expect((await c.closed).code).toBe(1009);
  });

  it('closes an idle connection, but not one that sends pings as messages', async () => {
    // Generous against a loaded machine: the pinger fails only if this process stalls for ~700 ms.
    const s = await sim({ idleTimeoutMs: 800 });
    const idle = await client(s.wsUrl);
    const wsPinger = await client(s.wsUrl);
    const pinger = await client(s.wsUrl);
    // Protocol-level pings are not messages: API Gateway ignores them for the idle timeout.
    const timer = setInterval(() => {
      pinger.send({ action: 'ping' });
      wsPinger.ws.ping();
    }, 100);
    try {
      const closed = await idle.closed;
      expect(closed).toEqual({ code: 1001, reason: 'idle timeout' });
      expect((await wsPinger.closed).code).toBe(1001);
      // Two more idle periods of pinging: the pinger is still there.
      const before = Date.now();
      await new Promise((r) => setTimeout(r, 1_600));
      expect(Date.now() - before).toBeGreaterThanOrEqual(1_600);
      expect(pinger.isOpen()).toBe(true);
      expect(pinger.messages).toEqual([]); // no pong: API Gateway has none
    } finally {
      clearInterval(timer);
    }
  });

  it('closes every connection at the maximum connection duration, busy or not', async () => {
    const s = await sim({ maxConnectionMs: 600 });
    const c = await client(s.wsUrl);
    c.send({ action: 'subscribe' });
    expect(await c.closed).toEqual({ code: 1001, reason: 'maximum connection duration' });
    expect(c.envelopes().some((e) => e.type === 'call_event')).toBe(true);
  });

  it('refuses an upgrade on any other path', async () => {
    const s = await sim();
    await expect(connect(`ws://127.0.0.1:${s.port}/other`)).rejects.toThrow(/upgrade refused: 404/);
  });

  it('refuses new connections beyond the per-second quota with 429', async () => {
    const s = await sim({ maxConnectsPerSecond: 2 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => connect(s.wsUrl)));
    for (const r of results) if (r.status === 'fulfilled') open.push(r.value);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const r of refused) expect(String((r as PromiseRejectedResult).reason)).toMatch(/429/);
  });

  it('drops every connection on demand, abruptly or with a given close code', async () => {
    const s = await sim();
    const a = await client(s.wsUrl);
    const b = await client(s.wsUrl);
    expect(s.connections()).toBe(2);
    s.dropConnections();
    expect((await a.closed).code).toBe(1006);
    expect((await b.closed).code).toBe(1006);
    const c = await client(s.wsUrl);
    s.dropConnections(1012);
    expect((await c.closed).code).toBe(1012);
    expect(() => s.dropConnections(99)).toThrow(/code: must be a WebSocket close code/);
  });

  it('keeps metrics_update per campaign within metricsHz, and sends the latest numbers', async () => {
    const s = await sim({ metricsHz: 2, speed: 120 });
    const c = await client(s.wsUrl);
    c.send({ action: 'subscribe', campaignId: 'camp-01' });
    const started = Date.now();
    await c.waitFor(typeIs('metrics_update'), 'first metrics');
    const first = c.messages.length;
    let n = first;
    for (let i = 0; i < 3; i++)
      n = c.messages.indexOf(await c.waitFor(typeIs('metrics_update'), 'metrics', n)) + 1;
    const elapsedS = (Date.now() - started) / 1000;
    const updates = c.envelopes().filter((e) => e.type === 'metrics_update');
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsedS * 2) + 1);
    const attempts = updates.map((e) => (e.type === 'metrics_update' ? e.data.totalAttempts : 0));
    expect([...attempts].sort((x, y) => x - y)).toEqual(attempts);
  });
});

describe('simulator REST under /api/analytics', () => {
  it('serves all campaigns with derived fields and the aggregate', async () => {
    const s = await sim();
    expect(s.apiBase).toBe(`http://127.0.0.1:${s.port}/api`);
    const res = await fetch(`${s.apiBase}/analytics/metrics`);
    expect(res.status).toBe(200);
    const body = v.parse(MetricsResponseSchema, await res.json());
    expect(body.campaigns.map((c) => c.campaignId)).toEqual(s.dialer.campaignIds());
    expect(body.aggregate.totalAttempts).toBe(body.campaigns.reduce((n, c) => n + c.totalAttempts, 0));
  });

  it('serves one campaign, 404 for an unknown one and 400 for a malformed id', async () => {
    const s = await sim({ campaigns: 3 });
    const one = await fetch(`${s.apiBase}/analytics/campaigns/camp-02/metrics`);
    expect(v.parse(CampaignViewSchema, await one.json()).campaignId).toBe('camp-02');
    const missing = await fetch(`${s.apiBase}/analytics/campaigns/camp-04/metrics`);
    expect(missing.status).toBe(404);
    expect(v.parse(ErrorBodySchema, await missing.json()).error.code).toBe('not_found');
    const bad = await fetch(`${s.apiBase}/analytics/campaigns/${'x'.repeat(65)}/metrics`);
    expect(bad.status).toBe(400);
    expect(v.parse(ErrorBodySchema, await bad.json()).error.message).toMatch(/campaignId/);
  });

  it('serves system health measured from the host', async () => {
    const s = await sim();
    const res = await fetch(`${s.apiBase}/analytics/system/health`);
    const h = v.parse(SystemHealthSchema, await res.json());
    expect(h.memoryUsage).toBeGreaterThan(0);
    expect(h.activeCampaigns).toBeLessThanOrEqual(6);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const s = await sim();
    const res = await fetch(`${s.apiBase}/analytics/nothing`);
    expect(res.status).toBe(404);
    expect(v.parse(ErrorBodySchema, await res.json()).error.code).toBe('not_found');
  });
});

describe('simulator lifecycle', () => {
  it('keeps the model across a restart when given the same dialer', async () => {
    const dialer = createDialer({ seed: 4, epochMs: EPOCH });
    const first = await startSimulator({ port: 0, speed: 120, dialer });
    open.push(first);
    const c = await client(first.wsUrl);
    c.send({ action: 'subscribe' });
    await c.waitFor(typeIs('metrics_update'), 'metrics from the first server');
    await first.close();
    expect((await c.closed).code).toBe(1001);
    const before = dialer.metrics();
    const simNow = dialer.now();
    expect(before.some((m) => m.totalAttempts > 0)).toBe(true);

    const second = await sim({ dialer });
    expect(second.dialer).toBe(dialer);
    const body = v.parse(
      MetricsResponseSchema,
      await (await fetch(`${second.apiBase}/analytics/metrics`)).json(),
    );
    expect(Date.parse(body.timestamp)).toBeGreaterThanOrEqual(simNow);
    for (const [i, m] of body.campaigns.entries()) {
      expect(m.totalAttempts).toBeGreaterThanOrEqual(before[i]!.totalAttempts);
    }
    // The second server drives the clock on from where the first stopped.
    const c2 = await client(second.wsUrl);
    c2.send({ action: 'subscribe' });
    const text = await c2.waitFor(typeIs('call_event'), 'call_event from the second server');
    const e = parseUpstreamMessage(text);
    expect(e.ok && Date.parse(e.value.timestamp) >= simNow).toBe(true);
  });

  it('rejects bad options with a message naming the field', async () => {
    await expect(startSimulator({ port: 70_000 })).rejects.toThrow(
      /port: must be an integer from 0 to 65535/,
    );
    await expect(startSimulator({ speed: 0 })).rejects.toThrow(/speed: must be a number > 0/);
    await expect(startSimulator({ metricsHz: Number.NaN })).rejects.toThrow(/metricsHz/);
    await expect(startSimulator({ host: '' })).rejects.toThrow(/host: must be a non-empty string/);
  });

  it('reports a port already in use instead of crashing', async () => {
    const s = await sim();
    await expect(startSimulator({ port: s.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
