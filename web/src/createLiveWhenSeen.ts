// A view of live data that is live only where someone can see it. With 100 campaigns a phone shows
// two cards and a wall a dozen; the cards off screen were still rewritten on every update (half a
// thousand a second on a busy floor): in one measurement (bench:client with 6 cards rendered instead
// of 100) about a quarter of the renderer's main-thread time, for nothing on screen. Off screen, a
// card now shows a copy refreshed every few seconds: find-in-page and screen readers still get numbers
// that recent, and scrolling a card into view makes it live at once.
//
// The copy is a store of its own, brought up to date with `reconcile`, so a refresh rewrites only
// the numbers that moved; and the cards take turns (each its own phase of the period): refreshed all
// at once, 94 cards were re-laid out in one frame of 60–120 ms every 2 s on the benchmark machine.
import { type Accessor, createComputed, createMemo, untrack } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { useTicks } from './clock.ts';

/** How many turns a period is cut into: the refresh moves on every `refreshMs / TURNS`. */
const TURNS = 20;

/** A phase in [0, 1) that spreads keys evenly enough over a period (FNV-1a of the key). */
export function phaseOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

export interface LiveWhenSeenOptions {
  /** how often the copy shown off screen is refreshed */
  refreshMs: number;
  /** when in the period it is refreshed, 0 ≤ phase < 1 (see `phaseOf`) */
  phase?: number;
}

/**
 * A copy of `source()` (plain data: objects, arrays, numbers, strings) in a store of its own,
 * brought up to date with `reconcile`: on every change of the source while `onScreen()`, once every
 * `refreshMs` (at `phase` of the period) while not, so the source's updates stop reaching that part
 * of the DOM meanwhile. Readers always hold the same store: a card that scrolls in or out of view is
 * not rendered again, only the values that moved are rewritten.
 */
export function createLiveWhenSeen<T>(
  source: Accessor<T>,
  onScreen: Accessor<boolean>,
  opts: LiveWhenSeenOptions,
): Accessor<T> {
  const turn = useTicks(opts.refreshMs / TURNS);
  const offset = Math.floor((opts.phase ?? 0) * TURNS);
  const period = createMemo(() => Math.floor((turn() + offset) / TURNS));
  // a deep copy each time: reconcile keeps new objects by reference, and the source mutates its own
  const [held, setHeld] = createStore({ value: untrack(() => copyPlain(unwrap(source()))) });
  createComputed(() => {
    // on screen, copying reads every field of the source, so any change brings the copy up to date
    // in the same batch; off screen, only the period's turn does
    let value: T;
    if (onScreen()) value = copyPlain(source());
    else {
      period();
      value = untrack(() => copyPlain(unwrap(source())));
    }
    setHeld('value', reconcile(value) as never);
  });
  return () => held.value as T;
}

/** A deep copy of plain data (objects, arrays, primitives): half the time of structuredClone for a campaign. */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copyPlain(v);
  return out as T;
}
