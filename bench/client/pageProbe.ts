// Runs in the page before the app (context.addInitScript): long tasks from the first instant, and,
// while `measuring`, which DOM update first showed each metrics_update. Self-contained: Playwright
// serialises the function, so it may use nothing from this module's scope.

/**
 * One resolved metrics_update: its bridge seq, when the page got it, when the DOM first showed it,
 * and when the frame that paints that DOM had finished on the main thread.
 */
export type LatencySample = [seq: number, arrivedWallMs: number, shownWallMs: number, paintedWallMs: number];

export interface ProbeCounts {
  /** metrics_update messages seen while measuring */
  seen: number;
  /** changed nothing a card shows (same active / queue / completed as on screen): no DOM update to wait for */
  invisible: number;
  /** superseded before the screen changed, by a message that put back what was shown */
  unobservable: number;
  /** for a card outside the viewport: not on screen, so no screen latency (the app refreshes those every few s) */
  offScreen: number;
}

export interface PageProbe {
  measuring: boolean;
  start(): void;
  stop(): void;
  /** takes (and forgets) the samples resolved so far */
  drain(): LatencySample[];
  pending(): number;
  counts: ProbeCounts;
  longTasks: Array<[startMs: number, durationMs: number]>;
  wall(): number;
}

export function installPageProbe(): void {
  const w = window as unknown as { __bench: PageProbe; WebSocket: typeof WebSocket; Worker: typeof Worker };
  const wall = () => performance.timeOrigin + performance.now();
  const longTasks: Array<[number, number]> = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task API: the counts stay empty and the report says 0 observed
  }

  // Whether code runs inside an animation frame callback: a DOM change made there is painted by
  // this frame, one made in any other task by the next frame.
  let inFrame = false;
  const nativeRaf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) =>
    nativeRaf((t) => {
      inFrame = true;
      try {
        cb(t);
      } finally {
        inFrame = false;
      }
    });
  /** runs after the current task, i.e. after the frame's rendering when called from inside one */
  const afterTask = (cb: () => void) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb();
    ch.port2.postMessage(0);
  };

  type Pending = { seq: number; sig: string; arrived: number };
  const pending = new Map<string, Pending[]>();
  let samples: LatencySample[] = [];
  const counts = { seen: 0, invisible: 0, unobservable: 0, offScreen: 0 };
  // which cards are in the viewport, without forcing a layout per message
  const visible = new Set<Element>();
  const viewport = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) visible.add(e.target);
      else visible.delete(e.target);
    }
  });
  const digits = (s: string | null | undefined) => (s ?? '').replace(/[^0-9]/g, '');
  const cardOf = (id: string) => document.getElementById(`card-${id}`)?.closest('article') ?? null;
  // What a card shows of the fields every metrics_update may change: active, queue, completed.
  const shownSig = (card: Element) => {
    const dd = card.querySelectorAll('.card-figures dd');
    const outcomes = card.querySelector('.card-outcomes')?.getAttribute('aria-label');
    return `${digits(dd[0]?.textContent)}|${digits(dd[1]?.textContent)}|${digits(outcomes)}`;
  };

  const probe: PageProbe = {
    measuring: false,
    counts,
    longTasks,
    wall,
    start() {
      probe.measuring = true;
      for (const card of document.querySelectorAll('article.campaign-card')) viewport.observe(card);
      const list = document.querySelector('.campaign-list') ?? document.body;
      observer.observe(list, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['aria-label'],
      });
    },
    stop() {
      probe.measuring = false;
      observer.disconnect();
      viewport.disconnect();
      pending.clear();
    },
    drain() {
      const out = samples;
      samples = [];
      return out;
    },
    pending() {
      let n = 0;
      for (const q of pending.values()) n += q.length;
      return n;
    },
  };
  w.__bench = probe;

  // A MutationObserver callback runs as a microtask right after the task that changed the DOM, so
  // its clock reading is when the change was made (the paint follows in the same frame at the latest).
  const observer = new MutationObserver((records) => {
    const shown = wall();
    const resolved: Array<[number, number]> = [];
    const cards = new Set<Element>();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      const card = el?.closest('article.campaign-card');
      if (card) cards.add(card);
    }
    for (const card of cards) {
      const id = card.getAttribute('aria-labelledby')?.slice('card-'.length);
      const q = id === undefined ? undefined : pending.get(id);
      if (!q || q.length === 0) continue;
      const sig = shownSig(card);
      let upTo = -1;
      for (let i = q.length - 1; i >= 0; i--)
        if (q[i]!.sig === sig) {
          upTo = i;
          break;
        }
      // every message up to the one on screen is now shown (or was replaced by a newer one that is)
      for (let i = 0; i <= upTo; i++) resolved.push([q[i]!.seq, q[i]!.arrived]);
      q.splice(0, upTo + 1);
    }
    if (resolved.length === 0) return;
    const painted = () => {
      const at = wall();
      for (const [seq, arrived] of resolved) samples.push([seq, arrived, shown, at]);
    };
    if (inFrame) afterTask(painted);
    else nativeRaf(() => afterTask(painted));
  });

  /** one envelope the app is about to get: queue it until its card shows it */
  const expect = (env: { type?: string; seq?: number; data?: Record<string, unknown> }, arrived: number) => {
    if (env.type !== 'metrics_update' || typeof env.seq !== 'number' || !env.data) return;
    counts.seen++;
    const d = env.data;
    const id = String(d.campaignId);
    const sig = `${d.activeCalls}|${d.queueDepth}|${d.completed}`;
    let q = pending.get(id);
    if (!q) {
      q = [];
      pending.set(id, q);
    }
    const last = q[q.length - 1];
    const card = cardOf(id);
    if (!card || !visible.has(card)) {
      counts.offScreen++;
      return;
    }
    const onScreen = shownSig(card);
    if (sig === (last ? last.sig : onScreen)) {
      counts.invisible++;
      return;
    }
    if (last && sig === onScreen) {
      // back to what is shown: the screen will not change, so neither message can be timed
      counts.unobservable += q.length + 1;
      q.length = 0;
      return;
    }
    q.push({ seq: env.seq, sig, arrived });
  };

  // The app's WebSocket runs in a worker (web/src/live/transports/socketWorker.ts), which hands the
  // page decoded envelopes in batches: a listener added in the constructor runs before the app's,
  // so "arrived" is when a batch reached the page, before the app did any work for it.
  const NativeWorker = w.Worker;
  class ProbedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (e: MessageEvent) => {
        const m = e.data as { kind?: string; msgs?: unknown[] } | null;
        if (!probe.measuring || m?.kind !== 'batch' || !Array.isArray(m.msgs)) return;
        const arrived = wall();
        for (const env of m.msgs) expect(env as Parameters<typeof expect>[0], arrived);
      });
    }
  }
  w.Worker = ProbedWorker;

  // Without workers the app uses the page's own WebSocket: the same, per message.
  const Native = w.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e: MessageEvent) => {
        if (!probe.measuring || typeof e.data !== 'string') return;
        const arrived = wall();
        try {
          expect(JSON.parse(e.data), arrived);
        } catch {
          // not JSON: the app reports it
        }
      });
    }
  }
  w.WebSocket = ProbedWebSocket;
}
