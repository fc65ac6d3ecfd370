// Startup in slices. Creating a whole page of components (and running each one's code for the first
// time) in one task blocks the main thread for hundreds of ms on a phone; a queue of small mount
// jobs, run a time budget at a time with a yield between, lets the browser paint and answer input in
// between, so no task grows long. Order is kept (FIFO): what is queued first appears first.
import { DEFAULTS } from './defaults.ts';

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

const queue: Job[] = [];
const idle: Array<() => void> = [];
let pumping = false;

async function pump(): Promise<void> {
  pumping = true;
  try {
    while (queue.length > 0) {
      // a slice starts in a fresh task, after whatever queued it (a render, a message) has finished
      await yieldToMain();
      const start = performance.now();
      do {
        const job = queue.shift();
        try {
          job?.();
        } catch (err) {
          // one broken view must not stop the rest of the page from appearing
          console.error(err);
        }
      } while (queue.length > 0 && performance.now() - start < DEFAULTS.stageBudgetMs);
    }
  } finally {
    pumping = false;
    for (const done of idle.splice(0)) done();
  }
}

/**
 * Runs `job` in a later task, after the jobs queued before it; several jobs share a task while they
 * fit DEFAULTS.stageBudgetMs. Returns a cancel (for a view disposed before its turn came).
 */
export function stage(job: Job): () => void {
  let cancelled = false;
  queue.push(() => {
    if (!cancelled) job();
  });
  if (!pumping) void pump();
  return () => {
    cancelled = true;
  };
}

/** Resolves once every staged job has run (tests; code that must see the whole page). */
export function whenStaged(): Promise<void> {
  if (!pumping && queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => idle.push(resolve));
}
