// One benchmark client's view of the stream and what it feeds into the process-wide tally.
import { eventFields } from './extract.ts';
import type { Tally } from './tally.ts';

export interface ClientState {
  ready: boolean;
  open: boolean;
  lastSeq: number;
  snapshots: number;
  gapOpen: boolean;
  /** totalAttempts per campaign index as this client last heard it; -1 = never heard. */
  attempts: Int32Array;
  /** A deliberately slow client: stops reading when told to stall (its tally is kept apart). */
  slow: boolean;
  close: () => void;
  /** Stop / restart reading from the socket (set by the transport; no-op where unsupported). */
  pause: () => void;
  resume: () => void;
}

export function newClientState(campaigns: number, slow: boolean): ClientState {
  return {
    ready: false,
    open: true,
    lastSeq: -1,
    snapshots: 0,
    gapOpen: false,
    attempts: new Int32Array(campaigns).fill(-1),
    slow,
    close: () => {},
    pause: () => {},
    resume: () => {},
  };
}

interface SnapshotLike {
  seq?: number;
  data?: { seq?: number; campaigns?: { campaignId: string; totalAttempts: number }[] };
}

function noteSeq(c: ClientState, seq: number, t: Tally): void {
  if (seq < 0) return;
  if (c.lastSeq >= 0) {
    if (seq <= c.lastSeq) {
      t.outOfOrder++;
      return;
    }
    if (seq !== c.lastSeq + 1) {
      t.gaps++;
      c.gapOpen = true;
    }
  }
  c.lastSeq = seq;
}

// Timeline keys are large integers (Date.now() / 100), which objects keep as slow dictionary keys:
// the current bucket is counted in a local and added to its tally when the bucket or the tally
// changes, and before a report (flushTimeline).
let runTally: Tally | null = null;
let runBucket = -1;
let runCount = 0;

export function flushTimeline(): void {
  if (runTally !== null && runCount > 0) {
    runTally.timeline[runBucket] = (runTally.timeline[runBucket] ?? 0) + runCount;
  }
  runCount = 0;
}

function noteEvent(
  c: ClientState,
  t: Tally,
  campaign: number,
  totalAttempts: number,
  sentMs: number,
  now: number,
): void {
  t.events++;
  const bucket = Math.floor(now / 100);
  if (t !== runTally || bucket !== runBucket) {
    flushTimeline();
    runTally = t;
    runBucket = bucket;
  }
  runCount++;
  if (Number.isFinite(sentMs)) {
    const max = t.latency.length - 1;
    const ms = Math.min(max, Math.max(0, now - sentMs));
    t.latency[ms] = (t.latency[ms] ?? 0) + 1;
  }
  if (campaign >= 0 && campaign < c.attempts.length) c.attempts[campaign] = totalAttempts;
}

function applySnapshot(c: ClientState, env: SnapshotLike, t: Tally): void {
  const seq = env.seq ?? env.data?.seq ?? -1;
  if (c.snapshots > 0) t.resnapshots++;
  if (c.gapOpen || (c.lastSeq >= 0 && seq > c.lastSeq + 1)) t.gapsHealed++;
  c.gapOpen = false;
  c.snapshots++;
  c.lastSeq = seq;
  for (const x of env.data?.campaigns ?? []) {
    const i = Number(x.campaignId.slice(1));
    if (i >= 0 && i < c.attempts.length) c.attempts[i] = x.totalAttempts;
  }
  c.ready = true;
}

/** A bridge or raw-server envelope as JSON text (WebSocket message or SSE `data:`). */
export function onText(c: ClientState, text: string, t: Tally): void {
  const now = Date.now();
  t.messages++;
  const f = eventFields(text);
  if (f.type === 'snapshot') {
    applySnapshot(c, JSON.parse(text) as SnapshotLike, t);
    return;
  }
  noteSeq(c, f.seq, t);
  if (f.type === 'metrics_update') noteEvent(c, t, f.campaign, f.totalAttempts, f.sentMs, now);
}

interface EnvelopeLike {
  seq?: number;
  data?: { campaignId?: string; totalAttempts?: number; updatedAt?: string };
}

/** A socket.io event: socket.io already parsed it. */
export function onObject(c: ClientState, env: EnvelopeLike, t: Tally): void {
  const now = Date.now();
  t.messages++;
  noteSeq(c, env.seq ?? -1, t);
  const d = env.data ?? {};
  const campaign = d.campaignId ? Number(d.campaignId.slice(1)) : -1;
  noteEvent(c, t, campaign, d.totalAttempts ?? -1, Date.parse(d.updatedAt ?? ''), now);
}

export function matchesFinal(c: ClientState, finalState: readonly number[]): boolean {
  return finalState.every((v, i) => c.attempts[i] === v);
}
