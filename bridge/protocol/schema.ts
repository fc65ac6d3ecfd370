// Runtime schemas for the wire contract (shared/PROTOCOL.md §1–3). The TypeScript types in
// types.ts are inferred from these, so the contract has one source of truth.
// valibot over zod: it tree-shakes to the few validators used (~3 KB gzipped in the PWA bundle
// against ~13 KB for zod 3's monolithic build) and parses as fast or faster.
import * as v from 'valibot';

export const STATUSES = ['active', 'paused', 'completed', 'stopped'] as const;
export const OUTCOME_KEYS = [
  'answered',
  'converted',
  'optOuts',
  'abandoned',
  'machine',
  'busy',
  'noAnswer',
  'failed',
] as const;
export const CALL_PHASES = ['dialing', 'ringing', 'answered', 'ended'] as const;
export const UPSTREAM_TYPES = [
  'metrics_update',
  'campaign_status_change',
  'system_health_update',
  'call_event',
] as const;

const count = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must be ≥ 0'),
);
const rate = v.pipe(v.number('must be a number'), v.finite('must be finite'), v.minValue(0, 'must be ≥ 0'));
const fraction = v.pipe(rate, v.maxValue(1, 'must be ≤ 1'));
const isoTime = v.pipe(v.string('must be a string'), v.isoTimestamp('must be an ISO-8601 time'));

export const CampaignIdSchema = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 of [A-Za-z0-9_-]'),
);
export const StatusSchema = v.picklist(STATUSES, `must be one of ${STATUSES.join(', ')}`);
export const OutcomeKeySchema = v.picklist(OUTCOME_KEYS, `must be one of ${OUTCOME_KEYS.join(', ')}`);

export const OutcomesSchema = v.object({
  answered: count,
  converted: count,
  optOuts: count,
  abandoned: count,
  machine: count,
  busy: count,
  noAnswer: count,
  failed: count,
});

export const AgentsSchema = v.object({ staffed: count, available: count, onCall: count, wrapUp: count });

export const CampaignMetricsSchema = v.object({
  campaignId: CampaignIdSchema,
  name: v.pipe(v.string('must be a string'), v.maxLength(200, 'must be ≤ 200 characters')),
  status: StatusSchema,
  activeCalls: count,
  queueDepth: count,
  dialingRate: rate,
  totalAttempts: count,
  outcomes: OutcomesSchema,
  agents: v.optional(AgentsSchema),
  updatedAt: isoTime,
});

export const StatusChangeSchema = v.object({
  campaignId: CampaignIdSchema,
  status: StatusSchema,
  previousStatus: StatusSchema,
});

export const SystemHealthSchema = v.object({
  cpuUsage: fraction,
  memoryUsage: fraction,
  answerRate: fraction,
  activeCampaigns: count,
  timestamp: isoTime,
});

export const CallEventSchema = v.pipe(
  v.object({
    callId: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(128)),
    campaignId: CampaignIdSchema,
    phase: v.picklist(CALL_PHASES, `must be one of ${CALL_PHASES.join(', ')}`),
    outcome: v.optional(OutcomeKeySchema),
  }),
  v.check(
    (e) => (e.phase === 'ended') === (e.outcome !== undefined),
    'outcome is set exactly when phase is ended',
  ),
);

const envelope = <T extends string, S extends v.GenericSchema>(type: T, data: S) =>
  v.object({ type: v.literal(type), data, timestamp: isoTime });

/** What upstream (API Gateway or the simulator) sends: an envelope without `seq`. */
export const UpstreamEnvelopeSchema = v.variant(
  'type',
  [
    envelope('metrics_update', CampaignMetricsSchema),
    envelope('campaign_status_change', StatusChangeSchema),
    envelope('system_health_update', SystemHealthSchema),
    envelope('call_event', CallEventSchema),
  ],
  `type must be one of ${UPSTREAM_TYPES.join(', ')}`,
);

export const DerivedSchema = v.object({
  completed: count,
  humanAnswered: count,
  answerRate: fraction,
  conversionRate: fraction,
  abandonRate: fraction,
});

export const CampaignViewSchema = v.object({ ...CampaignMetricsSchema.entries, ...DerivedSchema.entries });

export const AggregateMetricsSchema = v.object({
  totalActiveCalls: count,
  totalQueueDepth: count,
  totalDialingRate: rate,
  totalAttempts: count,
  outcomes: OutcomesSchema,
  answerRate: fraction,
  conversionRate: fraction,
  abandonRate: fraction,
  activeCampaigns: count,
});

export const SnapshotSchema = v.object({
  campaigns: v.array(CampaignViewSchema),
  aggregate: AggregateMetricsSchema,
  systemHealth: v.nullable(SystemHealthSchema),
  seq: count,
});

export const ErrorBodySchema = v.object({
  error: v.object({ code: v.string(), message: v.string() }),
});

const seqEnvelope = <T extends string, S extends v.GenericSchema>(type: T, data: S) =>
  v.object({ type: v.literal(type), data, timestamp: isoTime, seq: count });

/** What the bridge sends on /ws and /analytics/stream: envelopes with the bridge's `seq`. */
export const BridgeEnvelopeSchema = v.variant('type', [
  seqEnvelope('snapshot', SnapshotSchema),
  seqEnvelope('metrics_update', CampaignViewSchema),
  seqEnvelope('campaign_status_change', StatusChangeSchema),
  seqEnvelope('system_health_update', SystemHealthSchema),
  seqEnvelope('call_event', CallEventSchema),
  // Errors answer one client's bad message: they are not part of the shared stream, so seq is optional.
  v.object({
    type: v.literal('error'),
    data: ErrorBodySchema.entries.error,
    timestamp: isoTime,
    seq: v.optional(count),
  }),
]);

/** REST: GET /analytics/metrics. */
export const MetricsResponseSchema = v.object({
  campaigns: v.array(CampaignViewSchema),
  aggregate: AggregateMetricsSchema,
  timestamp: isoTime,
});

/** Client → bridge and bridge → upstream, routed on `action` (PROTOCOL.md §2). */
export const ClientActionSchema = v.variant(
  'action',
  [
    v.object({ action: v.literal('subscribe'), campaignId: v.optional(CampaignIdSchema) }),
    v.object({ action: v.literal('unsubscribe'), campaignId: v.optional(CampaignIdSchema) }),
    v.object({ action: v.literal('ping') }),
  ],
  'action must be one of subscribe, unsubscribe, ping',
);
