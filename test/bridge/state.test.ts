import { describe, expect, it } from 'vitest';
import { createState } from '../../bridge/core/state.ts';
import { callEvent, campaign, health, healthUpdate, metrics } from './helpers/fixtures.ts';

const make = (over: Partial<Parameters<typeof createState>[0]> = {}) =>
  createState({ ringSize: 8, maxCampaigns: 100, seqStart: 0, ...over });

describe('state', () => {
  it('gives every emitted envelope the next seq and derived fields on metrics', () => {
    const s = make();
    const f1 = s.apply(metrics(campaign('a')));
    const f2 = s.apply(callEvent('a', 'x'));
    expect([f1?.seq, f2?.seq]).toEqual([1, 2]);
    expect(JSON.parse(f1?.text ?? '')).toMatchObject({
      type: 'metrics_update',
      seq: 1,
      data: { completed: 10 },
    });
    expect(f1?.campaignId).toBe('a');
    expect(s.seq()).toBe(2);
  });

  it('drops a metrics_update older than the stored one, without using a seq', () => {
    const s = make();
    const newer = campaign('a', { activeCalls: 9 });
    const older = campaign('a', { activeCalls: 1, updatedAt: '2020-01-01T00:00:00.000Z' });
    s.apply(metrics(newer));
    expect(s.apply(metrics(older))).toBeNull();
    expect(s.campaigns().get('a')?.activeCalls).toBe(9);
    expect(s.seq()).toBe(1);
  });

  it('applies a status change to the stored campaign', () => {
    const s = make();
    s.apply(metrics(campaign('a')));
    s.apply({
      type: 'campaign_status_change',
      data: { campaignId: 'a', status: 'paused', previousStatus: 'active' },
      timestamp: new Date().toISOString(),
    });
    expect(s.snapshot().campaigns[0]?.status).toBe('paused');
  });

  it('holds at most maxCampaigns campaigns and keeps updating the ones it holds', () => {
    const s = make({ maxCampaigns: 2 });
    expect(s.apply(metrics(campaign('a')))).not.toBeNull();
    expect(s.apply(metrics(campaign('b')))).not.toBeNull();
    expect(s.apply(metrics(campaign('c')))).toBeNull();
    expect(s.apply(metrics(campaign('a', { activeCalls: 5 })))).not.toBeNull();
    expect([...s.campaigns().keys()]).toEqual(['a', 'b']);
  });

  it('replays from the ring only while the gap fits in it', () => {
    const s = make({ ringSize: 4 });
    for (let i = 0; i < 6; i++) s.apply(callEvent('a', `x${i}`));
    expect(s.since(6)).toEqual([]);
    expect(s.since(3)?.map((f) => f.seq)).toEqual([4, 5, 6]);
    expect(s.since(2)?.map((f) => f.seq)).toEqual([3, 4, 5, 6]);
    expect(s.since(1)).toBeNull();
    expect(s.since(7)).toBeNull();
  });

  it('turns a resync into metrics_update for changed campaigns only', () => {
    const s = make();
    const a = campaign('a');
    const b = campaign('b');
    s.apply(metrics(a));
    s.apply(metrics(b));
    const h = health();
    const r = s.resync({ campaigns: [a, { ...b, activeCalls: 99 }], systemHealth: h });
    expect(r.kind).toBe('frames');
    const frames = r.kind === 'frames' ? r.frames : [];
    expect(frames.map((f) => [f.type, f.campaignId, f.seq])).toEqual([
      ['metrics_update', 'b', 3],
      ['system_health_update', null, 4],
    ]);
    // a resync that changes nothing emits nothing
    expect(s.resync({ campaigns: [a, { ...b, activeCalls: 99 }], systemHealth: h })).toEqual({
      kind: 'frames',
      frames: [],
    });
    expect(s.since(2)?.length).toBe(2);
  });

  it('accepts an older updatedAt from a resync: REST is authoritative after a reconnect', () => {
    const s = make();
    s.apply(metrics(campaign('a', { activeCalls: 9 })));
    s.resync({
      campaigns: [campaign('a', { activeCalls: 2, updatedAt: '2020-01-01T00:00:00.000Z' })],
      systemHealth: null,
    });
    expect(s.campaigns().get('a')?.activeCalls).toBe(2);
  });

  it('answers a resync that removed campaigns with a snapshot, and refuses resume across it', () => {
    const s = make();
    s.apply(metrics(campaign('a')));
    s.apply(metrics(campaign('b')));
    const r = s.resync({ campaigns: [campaign('a')], systemHealth: null });
    expect(r).toEqual({ kind: 'snapshot', seq: 3 });
    expect([...s.campaigns().keys()]).toEqual(['a']);
    expect(s.since(2)).toBeNull();
    expect(s.since(3)).toEqual([]);
    expect(JSON.parse(s.snapshotFrame(null).text)).toMatchObject({
      type: 'snapshot',
      seq: 3,
      data: { seq: 3 },
    });
  });

  it('serializes a snapshot once per seq and filter', () => {
    const s = make();
    s.apply(metrics(campaign('a')));
    s.apply(metrics(campaign('b')));
    const all = s.snapshotFrame(null);
    expect(s.snapshotFrame(null)).toBe(all);
    const onlyB = s.snapshotFrame(new Set(['b']));
    expect(s.snapshotFrame(new Set(['b']))).toBe(onlyB);
    expect(JSON.parse(onlyB.text).data.campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual([
      'b',
    ]);
    s.apply(healthUpdate());
    expect(s.snapshotFrame(null)).not.toBe(all);
  });

  it('starts seq from the clock by default, so ids of an earlier run fall before the ring', () => {
    const s = createState({ ringSize: 8, maxCampaigns: 10, now: () => 1_000_000 });
    expect(s.seq()).toBe(1_000_000);
    expect(s.since(12)).toBeNull();
  });
});
