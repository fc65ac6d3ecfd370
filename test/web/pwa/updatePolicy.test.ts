import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../../../web/src/pwa/defaults.ts';
import {
  isQuietMoment,
  makeAutoApply,
  makeUpdateCheck,
  trackInput,
} from '../../../web/src/pwa/updatePolicy.ts';

describe('a quiet moment to apply an update', () => {
  const now = 1_000_000;
  it('needs a minute without input', () => {
    expect(isQuietMoment({ now, lastInputAt: now - DEFAULTS.quietMs + 1, rotation: null })).toBe(false);
    expect(isQuietMoment({ now, lastInputAt: now - DEFAULTS.quietMs, rotation: null })).toBe(true);
    expect(isQuietMoment({ now, lastInputAt: Number.NEGATIVE_INFINITY, rotation: null })).toBe(true);
  });

  it('is never right after or right before a rotation step', () => {
    const quietInput = Number.NEGATIVE_INFINITY;
    const justStepped = { lastStepAt: now - 1_000, nextStepAt: now + 29_000 };
    const aboutToStep = { lastStepAt: now - 29_000, nextStepAt: now + 1_000 };
    const midway = { lastStepAt: now - 15_000, nextStepAt: now + 15_000 };
    expect(isQuietMoment({ now, lastInputAt: quietInput, rotation: justStepped })).toBe(false);
    expect(isQuietMoment({ now, lastInputAt: quietInput, rotation: aboutToStep })).toBe(false);
    expect(isQuietMoment({ now, lastInputAt: quietInput, rotation: midway })).toBe(true);
  });
});

describe('timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the waiting update once, at the first quiet poll', () => {
    let quiet = false;
    const apply = vi.fn();
    const auto = makeAutoApply({ isQuiet: () => quiet, apply, pollMs: 1_000 });
    vi.advanceTimersByTime(10_000);
    expect(apply).not.toHaveBeenCalled();
    quiet = true;
    vi.advanceTimersByTime(1_000);
    expect(apply).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(apply).toHaveBeenCalledTimes(1);
    expect(auto.applied()).toBe(true);
  });

  it('applies nothing once stopped', () => {
    const apply = vi.fn();
    const auto = makeAutoApply({ isQuiet: () => true, apply, pollMs: 1_000 });
    auto.stop();
    vi.advanceTimersByTime(5_000);
    expect(apply).not.toHaveBeenCalled();
  });

  it('asks for a new service worker periodically, but not offline nor while one is installing', () => {
    let online = true;
    const registration = { update: vi.fn(() => Promise.resolve()), installing: null as ServiceWorker | null };
    const check = makeUpdateCheck(registration as unknown as ServiceWorkerRegistration, {
      intervalMs: 1_000,
      online: () => online,
    });
    vi.advanceTimersByTime(3_000);
    expect(registration.update).toHaveBeenCalledTimes(3);
    online = false;
    vi.advanceTimersByTime(2_000);
    online = true;
    registration.installing = {} as ServiceWorker;
    vi.advanceTimersByTime(2_000);
    expect(registration.update).toHaveBeenCalledTimes(3);
    registration.installing = null;
    check.stop();
    vi.advanceTimersByTime(5_000);
    expect(registration.update).toHaveBeenCalledTimes(3);
  });
});

describe('input tracking', () => {
  it('records the time of the last pointer or key input until disposed', () => {
    let t = 10;
    const target = new EventTarget();
    const input = trackInput(target, () => t);
    expect(input.lastInputAt()).toBe(Number.NEGATIVE_INFINITY);
    target.dispatchEvent(new Event('pointerdown'));
    expect(input.lastInputAt()).toBe(10);
    t = 20;
    target.dispatchEvent(new Event('keydown'));
    expect(input.lastInputAt()).toBe(20);
    t = 30;
    target.dispatchEvent(new Event('mousemove'));
    expect(input.lastInputAt()).toBe(20);
    input.dispose();
    target.dispatchEvent(new Event('pointerdown'));
    expect(input.lastInputAt()).toBe(20);
  });
});
