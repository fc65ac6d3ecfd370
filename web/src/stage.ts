// Startup in slices. Creating a whole page of components (and running each one's code for the first
// time) in one task blocks the main thread for hundreds of ms on a phone; a queue of small mount
// jobs, a few at a time with a rendered frame between, lets the browser paint and answer input in
// between, so no task grows long. Order is kept (FIFO): what is queued first appears first.
//
// A job costs twice: its own task (building: JS), then the layout and paint of what it built, in the
// next frame's task. Jobs packed into 8 ms tasks by their JS time alone ran back to back inside one
// frame interval, and the browser then laid out everything they had built in one go (six campaign
// cards, ~280 new layout objects: one 56 ms layout on this machine, 4 × that on Lighthouse's
// simulated phone). So a slice now waits for a rendered frame, measures how long that frame's
// rendering took per job of the slice before, and takes only as many jobs as both budgets allow: a
// card on screen (~5 ms of layout here) gets a frame of its own, cards off screen (their layout
// skipped) share one.
import { DEFAULTS } from './defaults.ts';

const FRAME = {
  /**
   * A slice waits at most this long (ms) for a frame: a hidden tab renders no frames (slices then
   * run a task apart instead), and a frame may be late on a busy machine.
   */
  timeoutMs: 100,
  /**
   * A frame that rendered a slice's work in less than this (ms) shows that waiting for frames buys
   * nothing (views whose layout the browser skips, e.g. off screen): the next slices then follow a
   * task apart, and only every `remeasureEvery`th waits for a frame to measure again.
   */
  cheapMs: 1,
  remeasureEvery: 4,
} as const;

type Job = () => void;

interface Scheduler {
  yield?: () => Promise<void>;
}

let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

/** Resolves in a later task, after the browser had a chance to render and handle input. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  // a message is a new task without setTimeout's 4 ms clamp on nested timers
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node (tests): a port with a listener keeps the process alive
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel?.port2.postMessage(null);
  });
}

/**
 * Resolves in a task after the browser's next rendering update (the style, layout and paint of
 * whatever the caller changed before) with how long that update took, ms (from its animation frame
 * callbacks to the task after it). In a hidden tab it resolves in a later task with 0 (nothing is
 * rendered); where no frame comes within FRAME.timeoutMs, with null (not measured).
 */
export function yieldToFrame(): Promise<number | null> {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  if (typeof requestAnimationFrame !== 'function' || hidden) return yieldToMain().then(() => 0);
  return new Promise<number | null>((resolve) => {
    let done = false;
    const go = (rendered: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(rendered);
    };
    const timer = setTimeout(() => go(null), FRAME.timeoutMs);
    // a rAF callback runs inside the rendering update; the task after it runs once that frame's
    // layout and paint are done
    requestAnimationFrame(() => {
      const start = performance.now();
      void yieldToMain().then(() => go(performance.now() - start));
    });
  });
}

const queue: Array<{ job: Job; cancelled: boolean }> = [];
const idle: Array<() => void> = [];
let pumping = false;

async function pump(): Promise<void> {
  pumping = true;
  let ran = 0;
  /** rendering cost of one job, ms, from the last measured frame: unknown (∞: one job) at first */
  let renderPerJob = Number.POSITIVE_INFINITY;
  let cheap = 0;
  try {
    while (queue.length > 0) {
      // a slice starts in a fresh task, after whatever queued it (a render, a message) has finished,
      // and after a frame has rendered what the slice before it built (unless frames cost nothing)
      if (cheap > 0 && cheap % FRAME.remeasureEvery !== 0) {
        await yieldToMain();
        cheap++;
      } else {
        const rendered = await yieldToFrame();
        if (rendered !== null && ran > 0) renderPerJob = rendered / ran;
        cheap = rendered !== null && ran > 0 && rendered < FRAME.cheapMs ? 1 : 0;
      }
      const start = performance.now();
      ran = 0;
      do {
        const next = queue.shift();
        // cancelled jobs (views disposed before their turn) cost nothing and count for nothing
        if (!next || next.cancelled) continue;
        ran++;
        try {
          next.job();
        } catch (err) {
          // one broken view must not stop the rest of the page from appearing
          console.error(err);
        }
      } while (
        queue.length > 0 &&
        performance.now() - start < DEFAULTS.stageBudgetMs &&
        (ran + 1) * renderPerJob < DEFAULTS.stageBudgetMs
      );
    }
  } finally {
    pumping = false;
    for (const done of idle.splice(0)) done();
  }
}

/**
 * Runs `job` in a later task, after the jobs queued before it and after a rendered frame; several
 * jobs share a task while their building and their estimated rendering both fit
 * DEFAULTS.stageBudgetMs. Returns a cancel (for a view disposed before its turn came).
 */
export function stage(job: Job): () => void {
  const entry = { job, cancelled: false };
  queue.push(entry);
  if (!pumping) void pump();
  return () => {
    entry.cancelled = true;
  };
}

/** Resolves once every staged job has run (tests; code that must see the whole page). */
export function whenStaged(): Promise<void> {
  if (!pumping && queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => idle.push(resolve));
}
