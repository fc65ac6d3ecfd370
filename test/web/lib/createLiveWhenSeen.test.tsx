// Live where it is seen: on screen a card follows the store field by field; off screen it holds a
// copy refreshed on the shared clock, and becomes live again the moment it is back on screen.
import { render } from '@solidjs/testing-library';
import { createComputed, createRoot, createSignal } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { copyPlain, createLiveWhenSeen } from '../../../web/src/createLiveWhenSeen.ts';
import { createOnScreen } from '../../../web/src/createOnScreen.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T08:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createLiveWhenSeen', () => {
  test('follows the store while on screen and a periodic copy while off screen, always as one object', async () => {
    await createRoot(async (dispose) => {
      const [state, setState] = createStore({ c: { active: 1, outcomes: { answered: 0 } } });
      const [seen, setSeen] = createSignal(true);
      const view = createLiveWhenSeen(() => state.c, seen, { refreshMs: 2_000 });
      // on screen: every change visible at once
      const copy = view();
      expect(copy).toEqual({ active: 1, outcomes: { answered: 0 } });
      setState('c', 'active', 2);
      setState('c', 'outcomes', 'answered', 1);
      expect(view().active).toBe(2);
      expect(view().outcomes.answered).toBe(1);

      // off screen: untouched by the store's updates until the next period of the clock
      setSeen(false);
      setState('c', 'active', 3);
      setState('c', 'outcomes', 'answered', 5);
      expect(view().active).toBe(2);
      expect(view().outcomes.answered).toBe(1);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(view().active).toBe(3);
      expect(view().outcomes.answered).toBe(5);

      // back on screen: live again at once, without waiting for the clock
      setState('c', 'active', 4);
      setSeen(true);
      expect(view().active).toBe(4);
      // the same object throughout, brought up to date field by field: a card is never rendered
      // again for scrolling in or out of view, and shares nothing with the store it copies
      expect(view()).toBe(copy);
      expect(unwrap(copy).outcomes).not.toBe(unwrap(state.c).outcomes);
      dispose();
    });
  });

  test('notifies a reader only of the fields that changed', () => {
    createRoot((dispose) => {
      const [state, setState] = createStore({ c: { active: 1, queue: 7 } });
      const view = createLiveWhenSeen(
        () => state.c,
        () => true,
        { refreshMs: 2_000 },
      );
      let queueReads = 0;
      createComputed(() => {
        view().queue;
        queueReads++;
      });
      setState('c', 'active', 2);
      setState('c', 'active', 3);
      expect(view().active).toBe(3);
      expect(queueReads).toBe(1);
      setState('c', 'queue', 8);
      expect(queueReads).toBe(2);
      dispose();
    });
  });
});

describe('createLiveWhenSeen off screen', () => {
  test('does not read the source between refreshes, and cards with other phases refresh at other moments', async () => {
    await createRoot(async (dispose) => {
      const [n, setN] = createSignal(0);
      let reads = 0;
      const source = () => {
        reads++;
        return [n()];
      };
      const early = createLiveWhenSeen(source, () => false, { refreshMs: 2_000, phase: 0 });
      const late = createLiveWhenSeen(source, () => false, { refreshMs: 2_000, phase: 0.5 });
      expect([early()[0], late()[0]]).toEqual([0, 0]);
      const readsAfterCopy = reads;
      setN(1);
      setN(2);
      expect(reads).toBe(readsAfterCopy);
      // within one period each view refreshes once, half a period apart
      const seen: string[] = [];
      for (let t = 0; t < 2_000; t += 100) {
        await vi.advanceTimersByTimeAsync(100);
        seen.push(`${early()[0]}${late()[0]}`);
      }
      expect(seen.at(-1)).toBe('22');
      const firstEarly = seen.findIndex((x) => x[0] === '2');
      const firstLate = seen.findIndex((x) => x[1] === '2');
      expect(Math.abs(firstEarly - firstLate)).toBe(10);
      dispose();
    });
  });
});

describe('copyPlain', () => {
  test('copies objects and arrays all the way down, sharing nothing with the original', () => {
    const original = { a: 1, name: 'x', none: null, outcomes: { answered: 2 }, points: [1, [2, 3]] };
    const copy = copyPlain(original);
    expect(copy).toEqual(original);
    expect(copy.outcomes).not.toBe(original.outcomes);
    expect(copy.points).not.toBe(original.points);
    expect(copy.points[1]).not.toBe(original.points[1]);
  });
});

describe('createOnScreen', () => {
  const realIO = globalThis.IntersectionObserver;
  afterEach(() => {
    globalThis.IntersectionObserver = realIO;
  });

  test('is true where IntersectionObserver does not exist, so such a browser renders everything live', () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = undefined;
    createRoot((dispose) => {
      const { onScreen, measured, ref } = createOnScreen();
      ref(document.createElement('div'));
      expect(onScreen()).toBe(true);
      expect(measured()).toBe(true); // nothing to wait for
      dispose();
    });
  });

  test('follows what one shared observer reports for each element, and stops watching on cleanup', () => {
    const observers: FakeObserver[] = [];
    class FakeObserver {
      watched = new Set<Element>();
      constructor(
        readonly cb: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void,
        readonly opts: { rootMargin?: string },
      ) {
        observers.push(this);
      }
      observe(el: Element) {
        this.watched.add(el);
      }
      unobserve(el: Element) {
        this.watched.delete(el);
      }
      report(el: Element, isIntersecting: boolean) {
        this.cb([{ target: el, isIntersecting }]);
      }
    }
    globalThis.IntersectionObserver = FakeObserver as unknown as typeof IntersectionObserver;
    const a = document.createElement('li');
    const b = document.createElement('li');
    const seen: Record<string, () => boolean> = {};
    const measured: Record<string, () => boolean> = {};
    const { unmount } = render(() => {
      const first = createOnScreen();
      const second = createOnScreen();
      first.ref(a);
      second.ref(b);
      seen.a = first.onScreen;
      seen.b = second.onScreen;
      measured.a = first.measured;
      measured.b = second.measured;
      return null;
    });
    // one observer for both elements
    expect(observers).toHaveLength(1);
    const io = observers[0]!;
    expect(io.opts.rootMargin).toBe('50% 0px');
    expect([...io.watched]).toEqual([a, b]);
    expect(seen.a!()).toBe(true); // live until told otherwise
    expect([measured.a!(), measured.b!()]).toEqual([false, false]);
    io.report(a, false);
    expect([seen.a!(), seen.b!()]).toEqual([false, true]);
    expect([measured.a!(), measured.b!()]).toEqual([true, false]);
    io.report(a, true);
    expect(seen.a!()).toBe(true);
    unmount();
    expect(io.watched.size).toBe(0);
  });
});
