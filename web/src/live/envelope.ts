// The one validation step for data arriving from the bridge: text in, a typed message or a readable error out.
import * as v from 'valibot';
import type { BridgeEnvelope, CampaignView, SystemHealth } from '../../../bridge/protocol/index.ts';
import { BridgeEnvelopeSchema, describeIssues } from '../../../bridge/protocol/index.ts';

/** A full state read over REST (polling, refreshMetrics): like a snapshot, but without a `seq`. */
export interface RestSnapshot {
  type: 'rest';
  data: { campaigns: CampaignView[]; systemHealth: SystemHealth | null };
  timestamp: string;
}

/** Everything a transport hands to the client. */
export type Incoming = BridgeEnvelope | RestSnapshot;

export type Decoded = { ok: true; value: BridgeEnvelope } | { ok: false; message: string };

/**
 * Full schema check of one bridge envelope. A metrics_update costs a few microseconds (docs/client.md),
 * far below one frame, and it keeps a malformed message from ever reaching the store or the screen.
 */
export function decodeEnvelope(text: unknown): Decoded {
  if (typeof text !== 'string') return { ok: false, message: 'message is not text' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'message is not valid JSON' };
  }
  const r = v.safeParse(BridgeEnvelopeSchema, json);
  return r.success ? { ok: true, value: r.output } : { ok: false, message: describeIssues(r.issues) };
}
