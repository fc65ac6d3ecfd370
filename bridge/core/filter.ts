// `?campaignId=a&campaignId=b` → a subscription filter, each id checked against the protocol's rule.
import * as v from 'valibot';
import { CampaignIdSchema } from '../protocol/index.ts';
import type { Filter } from './state.ts';

/** The filter, or a message naming the bad value. Absent or empty = every campaign. */
export function parseFilter(ids: readonly string[] | undefined, max = 1000): Filter | string {
  if (!ids || ids.length === 0) return null;
  if (ids.length > max) return `campaignId: at most ${max} values`;
  const bad = ids.find((id: string): boolean => !v.is(CampaignIdSchema, id));
  if (bad !== undefined)
    return `campaignId: must be 1–64 of [A-Za-z0-9_-] (got ${JSON.stringify(bad.slice(0, 80))})`;
  return new Set(ids);
}
