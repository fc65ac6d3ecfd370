// Messages arrive one task at a time, hundreds a second; the screen changes once per frame. The
// coalescer queues them and hands the whole queue over once, when the next frame is about to be
// drawn, so a burst costs one store batch and one re-render instead of one per message.

/** Runs `flush` once, soon; returns a cancel. */
export type FlushScheduler = (flush: () => void) => () => void;

export interface Coalescer<T> {
  /** queue one item; the flush is scheduled if it is not already */
  push(item: T): void;
  /** hand everything queued over now (e.g. before a REST snapshot is applied on top) */
  flush(): void;
  /** items waiting for the next flush */
  pending(): number;
  /** forget the queue and the scheduled flush */
  dispose(): void;
}

export interface CoalescerOptions<T> {
  /** receives every queued item, in order, once per flush */
  apply(items: T[]): void;
  schedule: FlushScheduler;
  /** flush at once when this many wait (a tab whose frames and timers are throttled stays bounded) */
  maxPending: number;
}

export function makeCoalescer<T>(opts: CoalescerOptions<T>): Coalescer<T> {
  let queue: T[] = [];
  let scheduled = false;
  let cancel: (() => void) | null = null;
  const flush = () => {
    scheduled = false;
    cancel?.();
    cancel = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    opts.apply(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (queue.length >= opts.maxPending) flush();
      else if (!scheduled) {
        scheduled = true;
        const c = opts.schedule(flush);
        // a scheduler may run the flush before it returns (tests apply at once): nothing to cancel then
        if (scheduled) cancel = c;
      }
    },
    flush,
    pending: () => queue.length,
    dispose() {
      scheduled = false;
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}

export interface FrameTiming {
  /** without animation frames (a hidden tab) a flush waits at most this long */
  maxDelayMs: number;
  /**
   * Two flushes are at least this far apart: the next waits for the first frame after that. Each
   * flush is a re-render (style, layout, paint); at hundreds of messages a second every frame has
   * something new, so this is what bounds the renderer's work, at the price of at most this much
   * extra latency.
   */
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * The next animation frame (at least `minIntervalMs` after the previous flush), or `maxDelayMs` if
 * that comes first: frames stop in a background tab, where the data must still arrive (for
 * persistence and for the moment the tab is shown again).
 */
export function frameOrTimeout(timing: FrameTiming): FlushScheduler {
  const { maxDelayMs, minIntervalMs = 0 } = timing;
  const now = timing.now ?? (() => performance.now());
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  return (flush) => {
    let raf: number | undefined;
    let wait: ReturnType<typeof setTimeout> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      if (raf !== undefined) cancelAnimationFrame(raf);
      clearTimeout(wait);
      clearTimeout(timer);
    };
    // whichever comes first runs the flush, once
    const run = () => {
      cancel();
      lastFlushAt = now();
      flush();
    };
    const onFrame = () => {
      if (typeof requestAnimationFrame === 'function') raf = requestAnimationFrame(run);
    };
    const early = lastFlushAt + minIntervalMs - now();
    if (early > 0) wait = setTimeout(onFrame, early);
    else onFrame();
    timer = setTimeout(run, Math.max(maxDelayMs, early));
    return cancel;
  };
}
