import { describe, expect, it } from 'vitest';
import { Frame } from '../../bridge/core/frame.ts';
import { createHub } from '../../bridge/core/hub.ts';
import { Subscriber } from '../../bridge/core/subscriber.ts';

/** A subscriber that records frames; its queue size is whatever the test sets. */
class Probe extends Subscriber {
  readonly transport = 'ws' as const;
  got: number[] = [];
  queued = 0;
  ended: number | null = null;
  kicked = false;
  failing = false;
  /** hold/release calls, in order, with the frames written in between. */
  log: string[] = [];
  constructor(filter: ReadonlySet<string> | null = null) {
    super();
    this.active = true;
    this.filter = filter;
  }
  write(f: Frame): void {
    if (this.failing) throw new Error('socket exploded');
    this.got.push(f.seq);
    this.log.push(String(f.seq));
  }
  override hold(): void {
    this.log.push('hold');
  }
  override release(): void {
    this.log.push('release');
  }
  pending(): number {
    return this.queued;
  }
  heartbeat(): boolean {
    return true;
  }
  end(code: number): void {
    this.ended = code;
  }
  kick(): void {
    this.kicked = true;
  }
}

const frame = (seq: number, campaignId: string | null = null) =>
  new Frame(seq, 'call_event', campaignId, '{}');

function hub(now = () => 0) {
  return createHub({
    softBytes: 100,
    hardBytes: 1000,
    graceMs: 50,
    lagSweepMs: 1_000_000,
    sseHeartbeatMs: 1_000_000,
    wsPingMs: 1_000_000,
    snapshot: () => new Frame(-1, 'snapshot', null, '{}'),
    now,
  });
}

describe('hub', () => {
  it('delivers each frame to the subscribers whose filter admits it', () => {
    const h = hub();
    const all = new Probe();
    const onlyA = new Probe(new Set(['a']));
    const idle = new Probe();
    idle.active = false;
    for (const s of [all, onlyA, idle]) h.add(s);
    h.broadcast(frame(1, 'a'));
    h.broadcast(frame(2, 'b'));
    h.broadcast(frame(3, null));
    expect(all.got).toEqual([1, 2, 3]);
    expect(onlyA.got).toEqual([1, 3]);
    expect(idle.got).toEqual([]);
    h.stop();
  });

  it('stops writing to a subscriber over the soft limit and kicks one over the hard limit', () => {
    const h = hub();
    const slow = new Probe();
    const stuck = new Probe();
    const fine = new Probe();
    for (const s of [slow, stuck, fine]) h.add(s);
    slow.queued = 150;
    stuck.queued = 5000;
    h.broadcast(frame(1));
    h.broadcast(frame(2));
    expect(fine.got).toEqual([1, 2]);
    expect(slow.got).toEqual([]);
    expect(stuck.kicked).toBe(true);
    expect(h.stats()).toMatchObject({ ws: 2, lagging: 1, conflated: 1, kicked: 1 });
    h.stop();
  });

  it('keeps broadcasting to the others when one subscriber throws, and closes that one', () => {
    const h = hub();
    const bad = new Probe();
    bad.failing = true;
    const good = new Probe();
    h.add(bad);
    h.add(good);
    h.broadcast(frame(1));
    expect(good.got).toEqual([1]);
    expect(bad.ended).toBe(1011);
    expect(h.size()).toBe(1);
    h.stop();
  });

  it('writes a lone frame at once, and holds writes from the second frame of a tick until its end', async () => {
    const h = hub();
    const all = new Probe();
    const onlyB = new Probe(new Set(['b']));
    h.add(all);
    h.add(onlyB);
    h.broadcast(frame(1, 'a'));
    h.broadcast(frame(2, 'a'));
    h.broadcast(frame(3, 'b'));
    expect(all.log).toEqual(['1', 'hold', '2', '3']);
    expect(onlyB.log).toEqual(['hold', '3']);
    await Promise.resolve();
    expect(all.log.at(-1)).toBe('release');
    expect(onlyB.log.at(-1)).toBe('release');
    // the next tick starts afresh: a lone frame is written at once, nobody held
    h.broadcast(frame(4, 'a'));
    await Promise.resolve();
    expect(all.log.slice(-1)).toEqual(['4']);
    expect(all.held).toBe(false);
    h.stop();
  });
});
