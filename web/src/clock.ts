import { type Accessor, createSignal, getOwner, onCleanup } from 'solid-js';
import { DEFAULTS } from './defaults.ts';

/**
 * A value re-read every `intervalMs` by one timer shared by the whole page, running only while some
 * owner uses it: 100 cards reading it run one timer, not 100.
 */
function sharedTimer<T>(intervalMs: number, read: () => T): () => Accessor<T> {
  const [value, setValue] = createSignal(read());
  let users = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  return () => {
    if (getOwner() === null) return value;
    users++;
    if (timer === undefined) {
      setValue(() => read());
      timer = setInterval(() => setValue(() => read()), intervalMs);
    }
    onCleanup(() => {
      users--;
      if (users === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    });
    return value;
  };
}

// One clock for the whole page, so every "3 s ago" and stale marker ticks together.
const nowTimer = sharedTimer(DEFAULTS.clockTickMs, () => Date.now());

/** Wall-clock ms, updated every `DEFAULTS.clockTickMs` while at least one owner uses it. */
export const useNow = (): Accessor<number> => nowTimer();

const tickTimers = new Map<number, () => Accessor<number>>();

/** How many `intervalMs` have passed since the epoch, updated by one shared timer per interval. */
export function useTicks(intervalMs: number): Accessor<number> {
  let use = tickTimers.get(intervalMs);
  if (!use) {
    use = sharedTimer(intervalMs, () => Math.floor(Date.now() / intervalMs));
    tickTimers.set(intervalMs, use);
  }
  return use();
}
