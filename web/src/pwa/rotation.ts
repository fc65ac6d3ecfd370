// Wall rotation: which pages to show in turn, and a timer that steps through them.
// `rotationStops`/`nextStop` are pure; `makeRotation` owns one timer and takes its clock and
// navigation from outside, so tests drive it with fake timers and a recorded navigate.
import { DEFAULTS } from './defaults.ts';

export const OVERVIEW_PATH = '/analytics/realtime';

export function campaignPath(id: string): string {
  return `/analytics/campaigns/${encodeURIComponent(id)}`;
}

/**
 * The pages a wall shows in turn: the chosen campaigns, or — when none were chosen — the overview
 * followed by every campaign the feed knows (so a new campaign joins the rotation by itself).
 */
export function rotationStops(chosen: readonly string[], known: readonly string[]): string[] {
  if (chosen.length > 0) return chosen.map(campaignPath);
  return [OVERVIEW_PATH, ...known.map(campaignPath)];
}

/** Position of the current page in the rotation, -1 when it is not one of the stops. */
export function stopIndex(stops: readonly string[], path: string): number {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return stops.indexOf(clean);
}

/** The stop after the current page; the first stop when the page is not in the rotation. */
export function nextStop(stops: readonly string[], path: string): string | undefined {
  if (stops.length === 0) return undefined;
  const i = stopIndex(stops, path);
  return stops[(i + 1) % stops.length];
}

/** When the rotation last moved and when it moves next (ms since epoch), for the indicator and the update policy. */
export interface RotationClock {
  lastStepAt: number;
  nextStepAt: number;
}

export interface RotationOptions {
  intervalMs: number;
  stops: () => readonly string[];
  currentPath: () => string;
  navigate: (path: string) => void;
  /** ms since epoch of the last pointer/keyboard input; a person reading holds the current stop */
  lastInputAt?: () => number;
  holdAfterInputMs?: number;
  now?: () => number;
  onClock?: (clock: RotationClock | null) => void;
}

export interface Rotation {
  start(): void;
  stop(): void;
  running(): boolean;
  clock(): RotationClock | null;
}

export function makeRotation(options: RotationOptions): Rotation {
  const now = options.now ?? Date.now;
  const hold = options.holdAfterInputMs ?? DEFAULTS.rotationHoldAfterInputMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let clock: RotationClock | null = null;

  function schedule(lastStepAt: number, nextStepAt: number): void {
    clock = { lastStepAt, nextStepAt };
    options.onClock?.(clock);
    timer = setTimeout(tick, Math.max(0, nextStepAt - now()));
  }

  function tick(): void {
    const t = now();
    const heldUntil = (options.lastInputAt?.() ?? Number.NEGATIVE_INFINITY) + hold;
    if (heldUntil > t) {
      // someone touched the screen recently: keep their page until they have stopped for a while
      schedule(clock?.lastStepAt ?? t, heldUntil);
      return;
    }
    const target = nextStop(options.stops(), options.currentPath());
    if (target !== undefined && target !== options.currentPath()) options.navigate(target);
    schedule(t, t + options.intervalMs);
  }

  return {
    start() {
      if (timer !== undefined || options.intervalMs <= 0) return;
      const t = now();
      schedule(t, t + options.intervalMs);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      clock = null;
      options.onClock?.(null);
    },
    running: () => timer !== undefined,
    clock: () => clock,
  };
}
