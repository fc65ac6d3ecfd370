import { createRenderEffect, createRoot, createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameSignal, type FrameScheduler } from '../../../web/src/createFrameSignal.ts';

function fakeFrames() {
  const queue = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = {
    request: (cb) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h) => queue.delete(h),
  };
  const flush = () => {
    const cbs = [...queue.values()];
    queue.clear();
    for (const cb of cbs) cb();
  };
  return { frames, flush, pending: () => queue.size };
}

/** A framed signal over a plain signal, plus how many times its readers re-ran. */
function setup(frames: FrameScheduler) {
  return createRoot((dispose) => {
    const [n, setN] = createSignal(0);
    const framed = createFrameSignal(n, frames);
    let runs = 0;
    createRenderEffect(() => {
      framed();
      runs++;
    });
    return { setN, framed, runs: () => runs, dispose };
  });
}

describe('createFrameSignal', () => {
  it('starts with the current value and publishes only the latest value once per frame', () => {
    const { frames, flush, pending } = fakeFrames();
    const s = setup(frames);
    expect(s.framed()).toBe(0);
    for (let i = 1; i <= 500; i++) s.setN(i);
    expect(pending()).toBe(1);
    expect(s.framed()).toBe(0);
    expect(s.runs()).toBe(1);
    flush();
    expect(s.framed()).toBe(500);
    expect(s.runs()).toBe(2); // 500 changes, one re-render
    s.setN(501);
    flush();
    expect(s.framed()).toBe(501);
    expect(s.runs()).toBe(3);
    s.dispose();
  });

  it('schedules nothing until the source changes and cancels a pending frame on cleanup', () => {
    const { frames, pending } = fakeFrames();
    const s = setup(frames);
    expect(pending()).toBe(0);
    s.setN(1);
    expect(pending()).toBe(1);
    s.dispose();
    expect(pending()).toBe(0);
  });

  describe('with a minimum interval', () => {
    afterEach(() => vi.useRealTimers());

    it('publishes on a frame no sooner than minIntervalMs after the last publish', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const { frames, flush, pending } = fakeFrames();
      const s = createRoot((dispose) => {
        const [n, setN] = createSignal(0);
        const framed = createFrameSignal(n, frames, { minIntervalMs: 100, now: () => Date.now() });
        return { setN, framed, dispose };
      });
      s.setN(1);
      flush(); // the first change goes out on the next frame
      expect(s.framed()).toBe(1);
      for (let i = 2; i <= 50; i++) s.setN(i);
      expect(pending()).toBe(0); // waiting for the interval, not for a frame
      await vi.advanceTimersByTimeAsync(99);
      expect(pending()).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(pending()).toBe(1);
      expect(s.framed()).toBe(1);
      flush();
      expect(s.framed()).toBe(50);
      s.setN(51);
      s.dispose(); // cancels the wait
      await vi.advanceTimersByTimeAsync(200);
      expect(pending()).toBe(0);
    });
  });
});
