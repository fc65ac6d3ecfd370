// The client's one store: snapshots reconciled keyed by campaign id, deltas written with path setters,
// so an unchanged campaign keeps its object and a changed field re-renders only what reads it.
import { type Accessor, batch, createSignal } from 'solid-js';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import * as v from 'valibot';
import {
  aggregate,
  CampaignViewSchema,
  describeIssues,
  SystemHealthSchema,
} from '../../../bridge/protocol/index.ts';
import type { Incoming } from './envelope.ts';
import { activityPoint, bucketStart, placePoint } from './history.ts';
import type { AggregateMetrics, CampaignView, HistoryPoint, LiveState } from './types.ts';

export interface LiveStoreOptions {
  historyLength: number;
  historyIntervalMs: number;
  /** duplicates in a row that mean the stream restarted under us */
  maxDuplicateRun: number;
}

/**
 * 'ok' and 'gap' changed the state, 'duplicate' and 'ignored' did not; 'gap' and 'resync' (nothing
 * applied) both mean: ask the channel for a fresh snapshot.
 */
export type ApplyResult = 'ok' | 'gap' | 'resync' | 'duplicate' | 'ignored';

/** Whether an admitted message is to be committed: it changes the state. */
export const changesState = (r: ApplyResult): boolean => r === 'ok' || r === 'gap';

export interface LiveStore {
  /** read-only: written only through apply(), commit() and hydrate() */
  state: LiveState;
  /** admit() and commit() of one message: the state has changed when it returns */
  apply(msg: Incoming): ApplyResult;
  /**
   * The sequence check alone, at arrival: whether `msg` is next, a gap, a duplicate or a sign the
   * stream restarted. A message it admits (changesState) must then be passed to commit(), in order;
   * the client commits once per animation frame, so a burst of messages costs one re-render.
   */
  admit(msg: Incoming): ApplyResult;
  /** Apply admitted messages, in arrival order, as one change (one batch, one version bump). */
  commit(msgs: readonly Incoming[]): void;
  /**
   * Bumped once per commit. A memo that reads it and then works on unwrap()ped data recomputes
   * once per change without one tracked read per field (aggregate() over 100 campaigns reads 1,300).
   */
  version: Accessor<number>;
  /** aggregate() over every campaign, computed once per commit (the floor's history point comes from it) */
  totals: Accessor<AggregateMetrics>;
  /** persisted data, applied only before the first live data */
  hydrate(saved: { state: LiveState; savedAt: number }): boolean;
  /** called synchronously after every change (the client coalesces it per frame) */
  onChange(cb: () => void): () => void;
}

export const emptyState = (): LiveState => ({
  campaigns: {},
  systemHealth: null,
  history: [],
  campaignHistory: {},
  seq: -1,
  lastUpdate: null,
});

export function makeLiveStore(opts: LiveStoreOptions): LiveStore {
  const [state, setState] = createStore<LiveState>(emptyState());
  const listeners = new Set<() => void>();
  const [version, setVersion] = createSignal(0);
  const [totals, setTotals] = createSignal<AggregateMetrics>(aggregate([]), { equals: false });
  /** the newest seq admitted (state.seq lags it until the commit) */
  let admittedSeq = -1;
  /** wall-clock ms when the newest admitted message arrived: what lastUpdate shows */
  let arrivedAt = 0;
  let duplicateRun = 0;
  let live = false;

  function record(series: HistoryPoint[], point: HistoryPoint): void {
    const where = placePoint(series, point.t);
    if (where === 'replace') series[series.length - 1] = point;
    else if (where === 'append') {
      series.push(point);
      if (series.length > opts.historyLength) series.splice(0, series.length - opts.historyLength);
    }
  }

  /** One history point for the whole floor (`floor`, or summed now), one per campaign in `changed`. */
  function recordHistory(t: number, changed: ReadonlySet<string>, floor?: HistoryPoint): void {
    // read the plain objects: summing through the store's proxies would be slower and would track
    const campaigns = unwrap(state.campaigns);
    const point = floor ?? activityPoint(t, Object.values(campaigns));
    setState(
      produce((s) => {
        record(s.history, point);
        for (const id of changed) {
          const c = campaigns[id];
          if (!c) continue;
          s.campaignHistory[id] ??= [];
          record(s.campaignHistory[id], activityPoint(t, [c]));
        }
      }),
    );
  }

  function applyFull(campaigns: CampaignView[], health: LiveState['systemHealth']): void {
    const byId: Record<string, CampaignView> = {};
    for (const c of campaigns) byId[c.campaignId] = c;
    setState('campaigns', reconcile(byId, { key: 'campaignId' }));
    if (health) setState('systemHealth', reconcile(health));
    // forget the sparklines of campaigns that are gone, so the store stays bounded
    setState(
      produce((s) => {
        for (const id of Object.keys(s.campaignHistory)) if (!(id in byId)) delete s.campaignHistory[id];
      }),
    );
  }

  const movesHistory = (msg: Incoming) =>
    msg.type === 'metrics_update' || msg.type === 'snapshot' || msg.type === 'rest';

  /** Writes one admitted message; returns the campaigns whose history it moves (null: none). */
  function write(msg: Incoming): readonly string[] | null {
    switch (msg.type) {
      case 'rest':
        applyFull(msg.data.campaigns, msg.data.systemHealth);
        return msg.data.campaigns.map((c) => c.campaignId);
      case 'snapshot':
        applyFull(msg.data.campaigns, msg.data.systemHealth);
        setState('seq', msg.seq);
        return msg.data.campaigns.map((c) => c.campaignId);
      case 'error':
        return null;
      case 'metrics_update':
        setState('seq', msg.seq);
        setState('campaigns', msg.data.campaignId, reconcile(msg.data));
        return [msg.data.campaignId];
      case 'campaign_status_change':
        setState('seq', msg.seq);
        if (state.campaigns[msg.data.campaignId])
          setState('campaigns', msg.data.campaignId, 'status', msg.data.status);
        return null;
      case 'system_health_update':
        setState('seq', msg.seq);
        setState('systemHealth', reconcile(msg.data));
        return null;
      case 'call_event':
        setState('seq', msg.seq);
        return null;
    }
  }

  /**
   * Every message in order, and the history as if each had been applied alone: the latest value in
   * a time bucket wins, so a bucket's point is taken once, after the last message that falls in it.
   */
  function commitAll(msgs: readonly Incoming[]): void {
    let bucket: number | null = null;
    const changed = new Set<string>();
    for (const msg of msgs) {
      const ms = msg.type === 'error' ? Number.NaN : Date.parse(msg.timestamp);
      const t = Number.isFinite(ms) ? bucketStart(ms, opts.historyIntervalMs) : null;
      // a message in a newer bucket: the previous bucket's point is the state before it
      if (t !== null && bucket !== null && t !== bucket && movesHistory(msg)) {
        recordHistory(bucket, changed);
        changed.clear();
      }
      const moved = write(msg);
      if (moved === null || t === null) continue;
      bucket = t;
      for (const id of moved) changed.add(id);
    }
    const sums = aggregate(Object.values(unwrap(state.campaigns)));
    setTotals(sums);
    if (bucket !== null)
      recordHistory(bucket, changed, {
        t: bucket,
        activeCalls: sums.totalActiveCalls,
        queueDepth: sums.totalQueueDepth,
        dialingRate: sums.totalDialingRate,
      });
  }

  function admit(msg: Incoming): ApplyResult {
    arrivedAt = Date.now();
    if (msg.type === 'rest') return 'ok';
    if (msg.type === 'snapshot') {
      admittedSeq = msg.seq;
      duplicateRun = 0;
      return 'ok';
    }
    if (msg.type === 'error') {
      console.warn(`live feed error ${msg.data.code}: ${msg.data.message}`);
      return 'ignored';
    }
    const last = admittedSeq;
    if (last >= 0 && msg.seq <= last) {
      // a replay overlap; a long run of them means seq restarted (a new bridge run): resync, once
      if (++duplicateRun < opts.maxDuplicateRun) return 'duplicate';
      duplicateRun = 0;
      return 'resync';
    }
    duplicateRun = 0;
    admittedSeq = msg.seq;
    return last >= 0 && msg.seq > last + 1 ? 'gap' : 'ok';
  }

  function commit(msgs: readonly Incoming[]): void {
    if (msgs.length === 0) return;
    batch(() => {
      commitAll(msgs);
      live = true;
      setState('lastUpdate', arrivedAt);
      setVersion((n) => n + 1);
    });
    for (const cb of listeners) cb();
  }

  return {
    state,
    version,
    totals,
    admit,
    commit,
    apply(msg) {
      const r = admit(msg);
      if (changesState(r)) commit([msg]);
      return r;
    },
    hydrate(saved) {
      if (live) return false;
      const problem = checkSaved(saved);
      if (problem) {
        console.warn(`persisted live state ignored: ${problem}`);
        return false;
      }
      // seq stays -1: the first live snapshot must always apply over persisted data
      batch(() => {
        setState(reconcile({ ...unwrap(saved.state), seq: -1 }, { key: 'campaignId' }));
        setTotals(aggregate(Object.values(unwrap(state.campaigns))));
        setVersion((n) => n + 1);
      });
      for (const cb of listeners) cb();
      return true;
    },
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

const PointSchema = v.object({
  t: v.number(),
  activeCalls: v.number(),
  queueDepth: v.number(),
  dialingRate: v.number(),
});
const SavedSchema = v.object({
  state: v.object({
    campaigns: v.record(v.string(), CampaignViewSchema),
    systemHealth: v.nullable(SystemHealthSchema),
    history: v.array(PointSchema),
    campaignHistory: v.record(v.string(), v.array(PointSchema)),
    seq: v.number(),
    lastUpdate: v.nullable(v.number()),
  }),
  savedAt: v.number(),
});

/** Persisted data crosses a boundary too (an older app version may have written it): check it once. */
function checkSaved(saved: unknown): string | null {
  const r = v.safeParse(SavedSchema, saved);
  return r.success ? null : describeIssues(r.issues);
}
