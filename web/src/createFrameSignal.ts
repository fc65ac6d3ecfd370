import { type Accessor, createComputed, createSignal, onCleanup, untrack } from 'solid-js';

export interface FrameScheduler {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

const browserFrames: FrameScheduler = {
  request: (cb) =>
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(cb)
      : (setTimeout(cb, 16) as unknown as number),
  cancel: (h) => (typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(h) : clearTimeout(h)),
};

/**
 * The latest value of `source`, published at most once per animation frame. The live store may
 * change hundreds of times a second; a chart that follows this accessor instead redraws once per
 * frame (and not at all in a background tab, where frames stop).
 *
 * `source` runs on every change so it can track what it reads: make it return a plain snapshot
 * (e.g. map store rows to objects) when the store mutates rows in place.
 */
export function createFrameSignal<T>(
  source: Accessor<T>,
  frames: FrameScheduler = browserFrames,
  opts: FrameSignalOptions = {},
): Accessor<T> {
  const { minIntervalMs = 0, now = () => performance.now() } = opts;
  const [value, setValue] = createSignal<T>(untrack(source), { equals: false });
  let latest: T;
  let handle: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let publishedAt = Number.NEGATIVE_INFINITY;
  let first = true;
  const request = () => {
    handle = frames.request(() => {
      handle = null;
      publishedAt = now();
      setValue(() => latest);
    });
  };
  createComputed(() => {
    latest = source();
    if (first) {
      first = false;
      return;
    }
    if (handle !== null || timer !== undefined) return;
    const wait = publishedAt + minIntervalMs - now();
    if (wait <= 0) request();
    else
      timer = setTimeout(() => {
        timer = undefined;
        request();
      }, wait);
  });
  onCleanup(() => {
    if (handle !== null) frames.cancel(handle);
    clearTimeout(timer);
  });
  return value;
}

export interface FrameSignalOptions {
  /**
   * Publish no more often than this (ms), still on a frame: a chart of 2-second buckets gains
   * nothing from 60 redraws a second, and each redraw costs style, layout and paint.
   */
  minIntervalMs?: number;
  /** the clock for minIntervalMs (tests pass a fake one) */
  now?: () => number;
}
