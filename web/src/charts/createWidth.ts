import { type Accessor, createSignal, onCleanup } from 'solid-js';

/**
 * The rendered width of an element, for charts that draw in real pixels (so text keeps its size on
 * a phone instead of shrinking with a viewBox). `fallback` until measured, and where
 * ResizeObserver is missing (tests), which keeps test output deterministic.
 */
export function createWidth(fallback: number): [Accessor<number>, (el: Element) => void] {
  const [width, setWidth] = createSignal(fallback);
  let observer: ResizeObserver | undefined;
  const ref = (el: Element) => {
    if (typeof ResizeObserver !== 'function') return;
    observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      // whole pixels: sub-pixel jitter would otherwise redraw every path
      if (w > 0) setWidth(Math.round(w));
    });
    observer.observe(el);
  };
  onCleanup(() => observer?.disconnect());
  return [width, ref];
}
