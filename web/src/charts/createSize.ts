import { type Accessor, batch, createSignal, onCleanup } from 'solid-js';

export interface Size {
  width: Accessor<number>;
  height: Accessor<number>;
}

/**
 * Whole pixels, with a 1 px dead band: the value moves only when the measured size is at least a
 * pixel away from the one drawn, so a box whose size wobbles around a pixel boundary (300.49 ↔
 * 300.51 with a live number re-laid out beside it) does not redraw every path each frame. Floor, not
 * round: the drawing never ends up more than a fraction of a pixel outside its box.
 */
export function settle(current: number | undefined, measured: number): number {
  if (current !== undefined && Math.abs(measured - current) < 1) return current;
  return Math.floor(measured);
}

/** `contain: size` or `strict`; not `inline-size`, which leaves the height to the content. */
export const isSizeContained = (contain: string): boolean =>
  contain.split(/\s+/).some((v) => v === 'size' || v === 'strict');

/**
 * The rendered size of an element's content box, for charts that draw in real pixels (so text
 * keeps its size on a phone instead of shrinking with a viewBox). `fallback` until measured, and
 * where ResizeObserver is missing (tests), which keeps test output deterministic.
 *
 * The width is always the element's. The height is the element's only while the element is
 * size-contained (`contain: size` / `strict`, set by wall.css on the wall): only then is its height
 * known not to depend on what is drawn inside it, so a drawing sized from it cannot feed back into
 * it. Anywhere else the height stays `fallback.height` (the drawing sets the box's height there).
 *
 * Measurements land in a signal at most once per animation frame (the last one of the frame wins),
 * so a burst of resizes redraws once, and no size is written from inside the observer's callback.
 */
export function createSize(fallback: { width: number; height: number }): [Size, (el: Element) => void] {
  const [width, setWidth] = createSignal(fallback.width);
  const [height, setHeight] = createSignal(fallback.height);
  let measuredWidth: number | undefined;
  let measuredHeight: number | undefined;
  let observer: ResizeObserver | undefined;
  let frame: number | undefined;
  let pending: { width: number; height: number | undefined } | undefined;

  const apply = () => {
    frame = undefined;
    const next = pending;
    pending = undefined;
    if (!next) return;
    if (next.width > 0) measuredWidth = settle(measuredWidth, next.width);
    if (next.height === undefined) measuredHeight = undefined;
    else if (next.height > 0) measuredHeight = settle(measuredHeight, next.height);
    // one redraw for a change of both
    batch(() => {
      setWidth(measuredWidth ?? fallback.width);
      setHeight(measuredHeight ?? fallback.height);
    });
  };

  const ref = (el: Element) => {
    if (typeof ResizeObserver !== 'function') return;
    observer = new ResizeObserver((entries) => {
      const rect = entries[entries.length - 1]?.contentRect;
      if (!rect) return;
      // read here, where style and layout are fresh. A change of containment alone is not
      // observed, but what turns it on or off is the wall layout's media query on the screen's
      // size, and that moves the box's width too (and with it, this callback)
      const contained = isSizeContained(getComputedStyle(el).contain);
      pending = { width: rect.width, height: contained ? rect.height : undefined };
      if (frame === undefined) frame = requestAnimationFrame(apply);
    });
    observer.observe(el);
  };
  onCleanup(() => {
    observer?.disconnect();
    if (frame !== undefined) cancelAnimationFrame(frame);
  });
  return [{ width, height }, ref];
}
