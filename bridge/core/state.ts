// The bridge's one copy of the current state: campaigns (with derived fields), system health, the seq
// counter and the replay ring. Every envelope that leaves the bridge is made here, so seq order, ring
// order and state order are the same thing.
import { type Logger, rateLimited, silentLogger } from '../log.ts';
import {
  aggregate,
  type CampaignMetrics,
  type CampaignView,
  type MetricsResponse,
  type Snapshot,
  type SystemHealth,
  type UpstreamEnvelope,
  withDerived,
} from '../protocol/index.ts';
import { type Frame, frameOf } from './frame.ts';
import { BARRIER, Ring } from './ring.ts';

/** null = every campaign. */
export type Filter = ReadonlySet<string> | null;

export interface StateOptions {
  ringSize: number;
  maxCampaigns: number;
  /**
   * First seq is seqStart + 1. Default: the start time in ms, so a Last-Event-ID from an earlier run
   * (which counted fewer than 1,000 events per second) is always older than this run's ring.
   */
  seqStart?: number;
  now?: () => number;
  log?: Logger;
}

export interface UpstreamState {
  campaigns: CampaignMetrics[];
  systemHealth: SystemHealth | null;
}

/** What a resync produced: envelopes that bring every client up to date, or a new snapshot for all. */
export type ResyncResult = { kind: 'frames'; frames: Frame[] } | { kind: 'snapshot'; seq: number };

export interface State {
  seq(): number;
  campaigns(): ReadonlyMap<string, CampaignView>;
  systemHealth(): SystemHealth | null;
  /** Applies one live envelope; the frame to broadcast, or null when stale or rejected. */
  apply(env: UpstreamEnvelope): Frame | null;
  /** Replaces the state with a full upstream state (REST after a reconnect). */
  resync(state: UpstreamState): ResyncResult;
  snapshot(filter?: Filter): Snapshot;
  /** The `snapshot` envelope for `filter`, serialized once per seq and filter. */
  snapshotFrame(filter: Filter): Frame;
  /** GET /analytics/metrics body as JSON, serialized once per seq. */
  metricsJson(): string;
  /** Frames after `seq` for resume, or null when a snapshot is needed. */
  since(seq: number): Frame[] | null;
}

const filterKey = (filter: Filter): string => (filter === null ? '*' : [...filter].sort().join(','));

/** Same numbers and fields: JSON of the same producer keeps key order, so text equality is enough. */
const sameView = (a: CampaignView | undefined, b: CampaignView): boolean =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

export function createState(opts: StateOptions): State {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? silentLogger;
  const overflowLog = rateLimited(log, 10_000, now);
  const campaigns = new Map<string, CampaignView>();
  let systemHealth: SystemHealth | null = null;
  let seq = opts.seqStart ?? now();
  const ring = new Ring(opts.ringSize, seq);
  // Snapshot frames and the REST body are cached for the current seq only.
  let cacheSeq = -1;
  const snapshotCache = new Map<string, Frame>();
  let metricsCache: string | null = null;

  function clearCacheIfStale(): void {
    if (cacheSeq === seq) return;
    cacheSeq = seq;
    snapshotCache.clear();
    metricsCache = null;
  }

  function emit(env: UpstreamEnvelope, data: unknown, campaignId: string | null): Frame {
    seq += 1;
    const frame = frameOf({ type: env.type, data, timestamp: env.timestamp, seq }, campaignId);
    ring.push(seq, frame);
    return frame;
  }

  function admits(id: string): boolean {
    if (campaigns.has(id) || campaigns.size < opts.maxCampaigns) return true;
    overflowLog.warn('campaign dropped: too many campaigns', {
      campaignId: id,
      maxCampaigns: opts.maxCampaigns,
    });
    return false;
  }

  function apply(env: UpstreamEnvelope): Frame | null {
    switch (env.type) {
      case 'metrics_update': {
        const id = env.data.campaignId;
        const stored = campaigns.get(id);
        // Date.parse of two ISO strings: an older snapshot than the stored one is stale (out of order)
        if (stored && Date.parse(env.data.updatedAt) < Date.parse(stored.updatedAt)) return null;
        if (!admits(id)) return null;
        const view = withDerived(env.data);
        campaigns.set(id, view);
        return emit(env, view, id);
      }
      case 'campaign_status_change': {
        const stored = campaigns.get(env.data.campaignId);
        if (stored) campaigns.set(stored.campaignId, { ...stored, status: env.data.status });
        return emit(env, env.data, env.data.campaignId);
      }
      case 'system_health_update':
        systemHealth = env.data;
        return emit(env, env.data, null);
      case 'call_event':
        return emit(env, env.data, env.data.campaignId);
    }
  }

  function resync(next: UpstreamState): ResyncResult {
    const timestamp = new Date(now()).toISOString();
    const incoming = new Map<string, CampaignView>();
    for (const c of next.campaigns) {
      if (incoming.size >= opts.maxCampaigns && !incoming.has(c.campaignId)) {
        overflowLog.warn('campaign dropped: too many campaigns', {
          campaignId: c.campaignId,
          maxCampaigns: opts.maxCampaigns,
        });
        continue;
      }
      incoming.set(c.campaignId, withDerived(c));
    }
    const removed = [...campaigns.keys()].some((id) => !incoming.has(id));
    if (removed) {
      // Campaigns vanished and no envelope says so: replace everything and send a fresh snapshot.
      campaigns.clear();
      for (const [id, view] of incoming) campaigns.set(id, view);
      systemHealth = next.systemHealth ?? systemHealth;
      seq += 1;
      ring.push(seq, BARRIER);
      return { kind: 'snapshot', seq };
    }
    // Otherwise each changed campaign becomes a metrics_update: clients converge without a snapshot
    // and SSE resume stays possible across the resync. REST is authoritative here, stale or not.
    const frames: Frame[] = [];
    for (const [id, view] of incoming) {
      if (sameView(campaigns.get(id), view)) continue;
      campaigns.set(id, view);
      frames.push(emit({ type: 'metrics_update', data: view, timestamp }, view, id));
    }
    const health = next.systemHealth;
    if (health && JSON.stringify(health) !== JSON.stringify(systemHealth)) {
      systemHealth = health;
      frames.push(emit({ type: 'system_health_update', data: health, timestamp }, health, null));
    }
    return { kind: 'frames', frames };
  }

  function snapshot(filter: Filter = null): Snapshot {
    const all = [...campaigns.values()];
    return {
      campaigns: filter === null ? all : all.filter((c) => filter.has(c.campaignId)),
      // the aggregate is over ALL campaigns, whatever the filter (INTERFACES.md)
      aggregate: aggregate(all),
      systemHealth,
      seq,
    };
  }

  function snapshotFrame(filter: Filter): Frame {
    clearCacheIfStale();
    const key = filterKey(filter);
    let frame = snapshotCache.get(key);
    if (!frame) {
      const env = { type: 'snapshot', data: snapshot(filter), timestamp: new Date(now()).toISOString(), seq };
      frame = frameOf(env, null);
      // bounded: many distinct filters at one seq would otherwise pile up
      if (snapshotCache.size < 64) snapshotCache.set(key, frame);
    }
    return frame;
  }

  function metricsJson(): string {
    clearCacheIfStale();
    if (metricsCache === null) {
      const all = [...campaigns.values()];
      const body: Omit<MetricsResponse, 'timestamp'> = { campaigns: all, aggregate: aggregate(all) };
      // without the closing brace: the timestamp is the time of each answer, the rest is per seq
      metricsCache = JSON.stringify(body).slice(0, -1);
    }
    return `${metricsCache},"timestamp":${JSON.stringify(new Date(now()).toISOString())}}`;
  }

  return {
    seq: () => seq,
    campaigns: () => campaigns,
    systemHealth: () => systemHealth,
    apply,
    resync,
    snapshot,
    snapshotFrame,
    metricsJson,
    since: (from) => ring.since(from),
  };
}
