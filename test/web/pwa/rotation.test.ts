import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  campaignPath,
  makeRotation,
  nextStop,
  OVERVIEW_PATH,
  type RotationClock,
  rotationStops,
  stopIndex,
} from '../../../web/src/pwa/rotation.ts';

describe('rotation stops', () => {
  it('rotates through the chosen campaigns only', () => {
    expect(rotationStops(['b', 'a'], ['a', 'b', 'c'])).toEqual([
      '/analytics/campaigns/b',
      '/analytics/campaigns/a',
    ]);
  });

  it('shows the overview then every known campaign when none were chosen', () => {
    expect(rotationStops([], ['a', 'b'])).toEqual([OVERVIEW_PATH, campaignPath('a'), campaignPath('b')]);
    expect(rotationStops([], [])).toEqual([OVERVIEW_PATH]);
  });

  it('steps to the next stop and wraps around', () => {
    const stops = rotationStops(['a', 'b', 'c'], []);
    expect(nextStop(stops, campaignPath('a'))).toBe(campaignPath('b'));
    expect(nextStop(stops, campaignPath('c'))).toBe(campaignPath('a'));
  });

  it('starts from the first stop when the page is not in the rotation', () => {
    const stops = rotationStops(['a', 'b'], []);
    expect(nextStop(stops, OVERVIEW_PATH)).toBe(campaignPath('a'));
    expect(nextStop([], OVERVIEW_PATH)).toBeUndefined();
  });

  it('finds the current page despite a trailing slash', () => {
    expect(stopIndex(rotationStops(['a', 'b'], []), '/analytics/campaigns/b/')).toBe(1);
  });
});

describe('rotation timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  function setup(opts: { lastInputAt?: () => number } = {}) {
    let path = OVERVIEW_PATH;
    const visited: string[] = [];
    const clocks: (RotationClock | null)[] = [];
    const rotation = makeRotation({
      intervalMs: 10_000,
      stops: () => rotationStops(['a', 'b'], []),
      currentPath: () => path,
      navigate: (p) => {
        visited.push(p);
        path = p;
      },
      holdAfterInputMs: 60_000,
      onClock: (c) => clocks.push(c),
      ...opts,
    });
    return { rotation, visited, clocks };
  }

  it('moves to the next stop once per interval, in order, wrapping around', () => {
    const { rotation, visited } = setup();
    rotation.start();
    vi.advanceTimersByTime(9_999);
    expect(visited).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(visited).toEqual([campaignPath('a')]);
    vi.advanceTimersByTime(20_000);
    expect(visited).toEqual([campaignPath('a'), campaignPath('b'), campaignPath('a')]);
    rotation.stop();
  });

  it('publishes when it last moved and when it moves next', () => {
    const { rotation, clocks } = setup();
    rotation.start();
    vi.advanceTimersByTime(10_000);
    expect(rotation.clock()).toEqual({ lastStepAt: 10_000, nextStepAt: 20_000 });
    rotation.stop();
    expect(rotation.clock()).toBeNull();
    expect(clocks.at(-1)).toBeNull();
  });

  it('does nothing after stop and can be resumed', () => {
    const { rotation, visited } = setup();
    rotation.start();
    rotation.stop();
    vi.advanceTimersByTime(60_000);
    expect(visited).toEqual([]);
    expect(rotation.running()).toBe(false);
    rotation.start();
    vi.advanceTimersByTime(10_000);
    expect(visited).toHaveLength(1);
    rotation.stop();
  });

  it('holds the current stop while someone is using the screen', () => {
    let lastInput = Number.NEGATIVE_INFINITY;
    const { rotation, visited } = setup({ lastInputAt: () => lastInput });
    rotation.start();
    vi.advanceTimersByTime(5_000);
    lastInput = Date.now(); // a touch at 5 s holds the page until 65 s
    vi.advanceTimersByTime(50_000);
    expect(visited).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(visited).toEqual([campaignPath('a')]);
    rotation.stop();
  });

  it('never starts with an interval of 0 (rotation off)', () => {
    const rotation = makeRotation({
      intervalMs: 0,
      stops: () => ['/x'],
      currentPath: () => '/',
      navigate: () => {},
    });
    rotation.start();
    expect(rotation.running()).toBe(false);
  });
});
