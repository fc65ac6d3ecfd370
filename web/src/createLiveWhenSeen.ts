// A view of live data that is live only where someone can see it. With 100 campaigns a phone shows
// two cards and a wall a dozen; the cards off screen were still rewritten on every update (half a
// thousand a second on a busy floor): in one measurement (bench:client with 6 cards rendered instead
// of 100) about a quarter of the renderer's main-thread time, for nothing on screen. Off screen, a
// card now shows a copy refreshed every few seconds: find-in-page and screen readers still get numbers
// that recent, and scrolling a card into view makes it live at once.
import { type Accessor, createMemo, untrack } from 'solid-js';
import { useNow } from './clock.ts';

/**
 * `source()` itself while `onScreen()` (a store proxy stays one: fields update one by one); off
 * screen, `copy(source())` taken on the shared clock at most every `refreshMs`, so the store's updates
 * stop reaching that part of the DOM.
 */
export function createLiveWhenSeen<T>(
  source: Accessor<T>,
  onScreen: Accessor<boolean>,
  refreshMs: number,
  copy: (value: T) => T,
): Accessor<T> {
  const now = useNow();
  const period = createMemo(() => Math.floor(now() / refreshMs));
  return createMemo(() => {
    if (onScreen()) return source();
    period();
    return untrack(() => copy(source()));
  });
}
