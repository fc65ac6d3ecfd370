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

/**
 * The next animation frame, or `maxDelayMs` if that comes first: frames stop in a background tab,
 * where the data must still arrive (for persistence and for the moment the tab is shown again).
 */
export function frameOrTimeout(maxDelayMs: number): FlushScheduler {
  return (flush) => {
    let raf: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      if (raf !== undefined) cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
    // whichever comes first runs the flush, once
    const run = () => {
      cancel();
      flush();
    };
    if (typeof requestAnimationFrame === 'function') raf = requestAnimationFrame(run);
    timer = setTimeout(run, maxDelayMs);
    return cancel;
  };
}
