// The client's one store: snapshots reconciled keyed by campaign id, deltas written with path setters,
// so an unchanged campaign keeps its object and a changed field re-renders only what reads it.
import { type Accessor, batch, createSignal } from 'solid-js';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import * as v from 'valibot';
import { CampaignViewSchema, describeIssues, SystemHealthSchema } from '../../../bridge/protocol/index.ts';
import type { Incoming } from './envelope.ts';
import { activityPoint, bucketStart, placePoint } from './history.ts';
import type { CampaignView, HistoryPoint, LiveState } from './types.ts';

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

export interface LiveStore {
  /** read-only: written only through apply() and hydrate() */
  state: LiveState;
  apply(msg: Incoming): ApplyResult;
  /**
   * Bumped once per applied message. A memo that reads it and then works on unwrap()ped data recomputes
   * once per message without one tracked read per field (aggregate() over 50 campaigns reads 650).
   */
  version: Accessor<number>;
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

  /** One history point for the whole floor, and one per campaign in `changed`. */
  function recordHistory(timestamp: string, changed: readonly string[]): void {
    const ms = Date.parse(timestamp);
    if (!Number.isFinite(ms)) return;
    const t = bucketStart(ms, opts.historyIntervalMs);
    // read the plain objects: summing through the store's proxies would be slower and would track
    const campaigns = unwrap(state.campaigns);
    const floor = activityPoint(t, Object.values(campaigns));
    setState(
      produce((s) => {
        record(s.history, floor);
        for (const id of changed) {
          const c = campaigns[id];
          if (!c) continue;
          s.campaignHistory[id] ??= [];
          record(s.campaignHistory[id], activityPoint(t, [c]));
        }
      }),
    );
  }

  function applyFull(campaigns: CampaignView[], health: LiveState['systemHealth'], timestamp: string): void {
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
    recordHistory(timestamp, Object.keys(byId));
  }

  function applyLive(msg: Incoming): ApplyResult {
    if (msg.type === 'rest') {
      applyFull(msg.data.campaigns, msg.data.systemHealth, msg.timestamp);
      return 'ok';
    }
    if (msg.type === 'snapshot') {
      applyFull(msg.data.campaigns, msg.data.systemHealth, msg.timestamp);
      setState('seq', msg.seq);
      duplicateRun = 0;
      return 'ok';
    }
    if (msg.type === 'error') {
      console.warn(`live feed error ${msg.data.code}: ${msg.data.message}`);
      return 'ignored';
    }
    const last = state.seq;
    if (last >= 0 && msg.seq <= last) {
      // a replay overlap; a long run of them means seq restarted (a new bridge run): resync, once
      if (++duplicateRun < opts.maxDuplicateRun) return 'duplicate';
      duplicateRun = 0;
      return 'resync';
    }
    duplicateRun = 0;
    setState('seq', msg.seq);
    switch (msg.type) {
      case 'metrics_update':
        setState('campaigns', msg.data.campaignId, reconcile(msg.data));
        recordHistory(msg.timestamp, [msg.data.campaignId]);
        break;
      case 'campaign_status_change':
        if (state.campaigns[msg.data.campaignId])
          setState('campaigns', msg.data.campaignId, 'status', msg.data.status);
        break;
      case 'system_health_update':
        setState('systemHealth', reconcile(msg.data));
        break;
      case 'call_event':
        break;
    }
    return last >= 0 && msg.seq > last + 1 ? 'gap' : 'ok';
  }

  return {
    state,
    version,
    apply(msg) {
      let changed = false;
      const result = batch(() => {
        const r = applyLive(msg);
        changed = r === 'ok' || r === 'gap';
        if (changed) {
          live = true;
          setState('lastUpdate', Date.now());
          setVersion((n) => n + 1);
        }
        return r;
      });
      if (changed) for (const cb of listeners) cb();
      return result;
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
