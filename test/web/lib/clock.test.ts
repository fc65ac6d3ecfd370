import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from '../../../web/src/clock.ts';

afterEach(() => vi.useRealTimers());

describe('useNow', () => {
  it('ticks once a second with one timer for all its users, and stops when the last one goes', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const before = vi.getTimerCount();
    const a = createRoot((dispose) => ({ now: useNow(), dispose }));
    const b = createRoot((dispose) => ({ now: useNow(), dispose }));
    expect(vi.getTimerCount()).toBe(before + 1);
    expect(a.now()).toBe(1_000_000);
    vi.advanceTimersByTime(3_000);
    expect(a.now()).toBe(1_003_000);
    expect(b.now()).toBe(1_003_000);
    a.dispose();
    expect(vi.getTimerCount()).toBe(before + 1);
    b.dispose();
    expect(vi.getTimerCount()).toBe(before);
  });
});
