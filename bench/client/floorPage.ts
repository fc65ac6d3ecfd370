// The client's floor: the least any page can do with the same feed. A raw WebSocket on the page,
// JSON.parse, and each metrics_update's active calls, queue depth and completed count written into a
// plain 100-row table with textContent: no framework, no validation, no charts, no batching. What its
// renderer main thread spends is what the browser itself costs on this machine for this message
// rate; the dashboard's share is judged against it, as the bridge is against raw `ws`.
// Self-contained: Playwright serialises the function, so it may use nothing from this module's scope.

/**
 * `inWorker`: the socket, the parse and the filtering in a worker (from a Blob: the floor needs no
 * build), each metrics_update's three numbers posted to the page, which only writes them: the floor
 * for the dashboard's own layout (web/src/live/transports/socketWorker.ts), without its batching.
 */
export function runFloorPage(wsUrl: string, inWorker: boolean): void {
  document.title = 'floor';
  document.body.innerHTML =
    '<table><thead><tr><th>Campaign</th><th>Active</th><th>Queue</th><th>Completed</th></tr></thead><tbody></tbody></table>';
  const body = document.querySelector('tbody') as HTMLTableSectionElement;
  const rows = new Map<string, Text[]>();
  const row = (id: string, name: string): Text[] => {
    let cells = rows.get(id);
    if (cells) return cells;
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.textContent = name;
    tr.append(th);
    cells = [0, 1, 2].map(() => {
      const td = document.createElement('td');
      const text = document.createTextNode('');
      td.append(text);
      tr.append(td);
      return text;
    });
    body.append(tr);
    rows.set(id, cells);
    return cells;
  };
  // Latency and long tasks, kept as the dashboard's probe keeps them (bench/client/pageProbe.ts), while
  // `recording`: per metrics_update its seq, when its numbers were written (→ DOM) and when the frame
  // that paints them had finished (→ painted: writes here happen in message tasks, so the next frame).
  const wall = () => performance.timeOrigin + performance.now();
  const samples: Array<[seq: number, shownWallMs: number, paintedWallMs: number]> = [];
  const longTasks: Array<[startMs: number, durationMs: number]> = [];
  let recording = false;
  let waiting: Array<[number, number]> = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (recording) longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  const afterFrame = () => {
    const batch = waiting;
    waiting = [];
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      const painted = wall();
      for (const [seq, shown] of batch) samples.push([seq, shown, painted]);
    };
    ch.port2.postMessage(0);
  };
  const timed = (seq: number | undefined) => {
    if (!recording || seq === undefined) return;
    if (waiting.length === 0) requestAnimationFrame(afterFrame);
    waiting.push([seq, wall()]);
  };
  type Campaign = {
    campaignId: string;
    name: string;
    activeCalls: number;
    queueDepth: number;
    completed: number;
  };
  const show = (c: Campaign) => {
    const [a, q, done] = row(c.campaignId, c.name);
    a!.data = String(c.activeCalls);
    q!.data = String(c.queueDepth);
    done!.data = String(c.completed);
  };
  if (inWorker) {
    const code = `
      const ws = new WebSocket(${JSON.stringify(wsUrl)});
      ws.onopen = () => ws.send('{"action":"subscribe"}');
      ws.onmessage = (e) => {
        const env = JSON.parse(e.data);
        const pick = (c, seq) => [c.campaignId, c.name, c.activeCalls, c.queueDepth, c.completed, seq];
        if (env.type === 'snapshot') postMessage(env.data.campaigns.map((c) => pick(c)));
        else if (env.type === 'metrics_update') postMessage([pick(env.data, env.seq)]);
      };`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    worker.onmessage = (e) => {
      for (const [campaignId, name, activeCalls, queueDepth, completed, seq] of e.data as Array<
        [string, string, number, number, number, number | undefined]
      >) {
        show({ campaignId, name, activeCalls, queueDepth, completed });
        timed(seq);
      }
    };
  } else {
    const ws = new WebSocket(wsUrl);
    ws.onopen = () => ws.send('{"action":"subscribe"}');
    ws.onmessage = (e) => {
      const env = JSON.parse(e.data as string) as { type: string; data: unknown; seq?: number };
      if (env.type === 'snapshot') for (const c of (env.data as { campaigns: Campaign[] }).campaigns) show(c);
      else if (env.type === 'metrics_update') {
        show(env.data as Campaign);
        timed(env.seq);
      }
    };
  }
  const w = window as unknown as FloorWindow;
  w.__floor = () => rows.size;
  w.__floorRecord = (on) => {
    recording = on;
  };
  w.__floorTake = () => ({ samples: samples.splice(0), longTasks: longTasks.splice(0) });
}

/** What the floor page exposes to the benchmark. */
export interface FloorWindow {
  /** rows shown so far */
  __floor: () => number;
  /** start or stop recording latency samples and long tasks */
  __floorRecord: (on: boolean) => void;
  /** takes (and forgets) what was recorded */
  __floorTake: () => {
    samples: Array<[seq: number, shownWallMs: number, paintedWallMs: number]>;
    longTasks: Array<[startMs: number, durationMs: number]>;
  };
}
