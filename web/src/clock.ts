import { type Accessor, createSignal, getOwner, onCleanup } from 'solid-js';
import { DEFAULTS } from './defaults.ts';

// One clock for the whole page, so every "3 s ago" and stale marker ticks together and a page with
// 100 cards runs one timer, not 100. It runs only while something on the page reads it.
const [now, setNow] = createSignal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Wall-clock ms, updated every `DEFAULTS.clockTickMs` while at least one owner uses it. */
export function useNow(): Accessor<number> {
  if (getOwner() === null) return now;
  users++;
  if (timer === undefined) {
    setNow(Date.now());
    timer = setInterval(() => setNow(Date.now()), DEFAULTS.clockTickMs);
  }
  onCleanup(() => {
    users--;
    if (users === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
