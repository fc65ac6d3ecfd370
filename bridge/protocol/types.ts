// Types of the wire contract, inferred from the schemas so they cannot drift apart.
import type * as v from 'valibot';
import type * as s from './schema.ts';

export type CampaignStatus = (typeof s.STATUSES)[number];
export type OutcomeKey = (typeof s.OUTCOME_KEYS)[number];
export type CallPhase = (typeof s.CALL_PHASES)[number];
export type UpstreamType = (typeof s.UPSTREAM_TYPES)[number];

export type Outcomes = v.InferOutput<typeof s.OutcomesSchema>;
export type Agents = v.InferOutput<typeof s.AgentsSchema>;
export type CampaignMetrics = v.InferOutput<typeof s.CampaignMetricsSchema>;
export type StatusChange = v.InferOutput<typeof s.StatusChangeSchema>;
export type SystemHealth = v.InferOutput<typeof s.SystemHealthSchema>;
export type CallEvent = v.InferOutput<typeof s.CallEventSchema>;
export type Derived = v.InferOutput<typeof s.DerivedSchema>;
export type CampaignView = v.InferOutput<typeof s.CampaignViewSchema>;
export type AggregateMetrics = v.InferOutput<typeof s.AggregateMetricsSchema>;
export type Snapshot = v.InferOutput<typeof s.SnapshotSchema>;
export type ErrorBody = v.InferOutput<typeof s.ErrorBodySchema>;
export type UpstreamEnvelope = v.InferOutput<typeof s.UpstreamEnvelopeSchema>;
export type BridgeEnvelope = v.InferOutput<typeof s.BridgeEnvelopeSchema>;
export type MetricsResponse = v.InferOutput<typeof s.MetricsResponseSchema>;
export type ClientAction = v.InferOutput<typeof s.ClientActionSchema>;

/** Envelope of one upstream type, e.g. `Envelope<'metrics_update'>`. */
export type UpstreamEnvelopeOf<T extends UpstreamType> = Extract<UpstreamEnvelope, { type: T }>;
export type BridgeEnvelopeOf<T extends BridgeEnvelope['type']> = Extract<BridgeEnvelope, { type: T }>;
