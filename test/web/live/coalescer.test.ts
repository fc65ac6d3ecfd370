import { afterEach, describe, expect, test, vi } from 'vitest';
import { type FlushScheduler, frameOrTimeout, makeCoalescer } from '../../../web/src/live/coalescer.ts';
import { makeLiveStore } from '../../../web/src/live/store.ts';
import type { HistoryPoint } from '../../../web/src/live/types.ts';
import { campaign, FakeWebSocket, healthEnv, metricsEnv, snapshotEnv } from './fakes.ts';
import { setupClient } from './harness.ts';

/** A scheduler the test fires by hand, like an animation frame. */
function manualFrames() {
  const queued: Array<() => void> = [];
  const schedule: FlushScheduler = (flush) => {
    queued.push(flush);
    return () => {
      const i = queued.indexOf(flush);
      if (i >= 0) queued.splice(i, 1);
    };
  };
  return {
    schedule,
    waiting: () => queued.length,
    frame() {
      for (const f of queued.splice(0)) f();
    },
  };
}

/** A coalescer of numbers flushed by hand-fired frames, and the batches it applied. */
function coalescerOnFrames(maxPending: number) {
  const frames = manualFrames();
  const batches: number[][] = [];
  const c = makeCoalescer<number>({ apply: (b) => batches.push(b), schedule: frames.schedule, maxPending });
  return { frames, batches, c };
}

describe('the message coalescer', () => {
  test('hands every message queued before a frame over once, in arrival order', () => {
    const { frames, batches, c } = coalescerOnFrames(100);
    for (let i = 1; i <= 5; i++) c.push(i);
    expect(batches).toEqual([]);
    expect(frames.waiting()).toBe(1);
    frames.frame();
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    c.push(6);
    frames.frame();
    expect(batches).toEqual([[1, 2, 3, 4, 5], [6]]);
  });

  test('flush() applies what waits at once and cancels the scheduled frame', () => {
    const { frames, batches, c } = coalescerOnFrames(100);
    c.push(1);
    c.push(2);
    c.flush();
    expect(batches).toEqual([[1, 2]]);
    expect(frames.waiting()).toBe(0);
    c.flush();
    expect(batches).toHaveLength(1);
  });

  test('applies at once when the queue reaches its bound, so a tab without frames stays bounded', () => {
    const { batches, c } = coalescerOnFrames(3);
    for (let i = 1; i <= 7; i++) c.push(i);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(c.pending()).toBe(1);
  });

  test('works with a scheduler that runs the flush before returning', () => {
    const batches: number[][] = [];
    const c = makeCoalescer<number>({
      apply: (b) => batches.push(b),
      schedule: (flush) => {
        flush();
        return () => {};
      },
      maxPending: 100,
    });
    c.push(1);
    c.push(2);
    expect(batches).toEqual([[1], [2]]);
  });

  test('dispose() forgets the queue and the scheduled frame', () => {
    const { frames, batches, c } = coalescerOnFrames(100);
    c.push(1);
    c.dispose();
    expect(frames.waiting()).toBe(0);
    c.flush();
    expect(batches).toEqual([]);
  });
});

describe('frameOrTimeout', () => {
  const raf = globalThis.requestAnimationFrame;
  const caf = globalThis.cancelAnimationFrame;
  afterEach(() => {
    globalThis.requestAnimationFrame = raf;
    globalThis.cancelAnimationFrame = caf;
    vi.useRealTimers();
  });

  test('flushes once on the next animation frame, or after the delay when frames do not come', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let frame: (() => void) | null = null;
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => {
      frame = () => cb(0);
      return 1;
    }) as typeof requestAnimationFrame;
    globalThis.cancelAnimationFrame = () => {
      frame = null;
    };
    const flushed: string[] = [];
    const schedule = frameOrTimeout(100);
    schedule(() => flushed.push('a'));
    (frame as (() => void) | null)?.();
    await vi.advanceTimersByTimeAsync(200);
    expect(flushed).toEqual(['a']); // the frame ran it; the timeout did not run it again
    // a hidden tab: frames stop; the timeout still applies the data
    frame = null;
    globalThis.requestAnimationFrame = (() => 2) as typeof requestAnimationFrame;
    schedule(() => flushed.push('b'));
    await vi.advanceTimersByTimeAsync(99);
    expect(flushed).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushed).toEqual(['a', 'b']);
  });
});

describe('committing several messages at once', () => {
  const opts = { historyLength: 20, historyIntervalMs: 2_000, maxDuplicateRun: 20 };
  const at = (env: ReturnType<typeof metricsEnv>, iso: string) => ({ ...env, timestamp: iso });

  test('gives the same state and history as applying them one by one', () => {
    const msgs = [
      at(
        snapshotEnv(1, [campaign('a', { activeCalls: 1 }), campaign('b', { activeCalls: 2 })]),
        '2026-01-01T08:00:00.100Z',
      ),
      at(metricsEnv(2, campaign('a', { activeCalls: 5 })), '2026-01-01T08:00:01.000Z'),
      // the next bucket: the first bucket keeps 1 + 2 → 5 + 2, the second gets b's 9 and a's 7
      at(metricsEnv(3, campaign('b', { activeCalls: 9 })), '2026-01-01T08:00:02.500Z'),
      at(healthEnv(4), '2026-01-01T08:00:02.600Z'),
      at(metricsEnv(5, campaign('a', { activeCalls: 7 })), '2026-01-01T08:00:03.000Z'),
    ];
    // each store gets its own copies, as each parsed message is its own object
    const one = makeLiveStore(opts);
    for (const m of structuredClone(msgs)) expect(one.apply(m)).toBe('ok');
    const all = makeLiveStore(opts);
    const batch = structuredClone(msgs);
    for (const m of batch) expect(all.admit(m)).toBe('ok');
    expect(all.state.seq).toBe(-1); // admitted, not applied yet
    all.commit(batch);
    const plain = (s: typeof one.state) => JSON.parse(JSON.stringify({ ...s, lastUpdate: 0 }));
    expect(plain(all.state)).toEqual(plain(one.state));
    const pts = (h: readonly HistoryPoint[]) => h.map((p) => p.activeCalls);
    expect(pts(all.state.history)).toEqual([7, 16]);
    expect(pts(all.state.campaignHistory.b ?? [])).toEqual([2, 9]);
    expect(pts(all.state.campaignHistory.a ?? [])).toEqual([5, 7]);
    expect(all.version()).toBe(1);
    expect(all.totals().totalActiveCalls).toBe(16);
  });

  test('judges seq at arrival: a gap is reported before the frame applies anything', () => {
    const store = makeLiveStore(opts);
    expect(store.admit(snapshotEnv(10, [campaign('a')]))).toBe('ok');
    expect(store.admit(metricsEnv(11, campaign('a')))).toBe('ok');
    expect(store.admit(metricsEnv(11, campaign('a')))).toBe('duplicate');
    expect(store.admit(metricsEnv(14, campaign('a')))).toBe('gap');
    expect(store.state.seq).toBe(-1);
  });
});

describe('the live client applies a frame’s messages together', () => {
  test('nothing changes before the frame; then the newest values, one version bump, and the gap re-subscribes at once', () => {
    const frames = manualFrames();
    const h = setupClient({}, { schedule: frames.schedule });
    try {
      const ws = FakeWebSocket.last();
      ws.accept(snapshotEnv(1, [campaign('a', { activeCalls: 1 })]));
      frames.frame();
      expect(h.client.state.campaigns.a?.activeCalls).toBe(1);
      const v = h.client.version();
      const subscribes = ws.sent.filter((s) => s.includes('subscribe')).length;
      for (let i = 2; i <= 6; i++) ws.serverSend(metricsEnv(i, campaign('a', { activeCalls: i * 10 })));
      ws.serverSend(metricsEnv(9, campaign('a', { activeCalls: 90 })));
      expect(h.client.state.campaigns.a?.activeCalls).toBe(1);
      expect(ws.sent.filter((s) => s.includes('subscribe')).length).toBe(subscribes + 1);
      frames.frame();
      expect(h.client.state.campaigns.a?.activeCalls).toBe(90);
      expect(h.client.version()).toBe(v + 1);
      expect(h.client.totals().totalActiveCalls).toBe(90);
    } finally {
      h.close();
    }
  });
});
