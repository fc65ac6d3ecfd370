// One validation step per boundary: text in, a typed value or a readable error out. Never throws.
import * as v from 'valibot';
import { ClientActionSchema, UpstreamEnvelopeSchema } from './schema.ts';
import type { ClientAction, UpstreamEnvelope } from './types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export const ERROR_CODES = {
  badJson: 'bad_json',
  badMessage: 'bad_message',
  tooLarge: 'message_too_large',
  rateLimited: 'rate_limited',
  notFound: 'not_found',
  badRequest: 'bad_request',
  upstreamUnavailable: 'upstream_unavailable',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** "outcomes.busy: must be ≥ 0" — names the field, so the sender can fix it. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = v.getDotPath(i);
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  const r = v.safeParse(schema, input);
  return r.success
    ? { ok: true, value: r.output }
    : { ok: false, code: ERROR_CODES.badMessage, message: describeIssues(r.issues) };
}

export function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, code: ERROR_CODES.badJson, message: 'message is not valid JSON' };
  }
}

function parseText<S extends v.GenericSchema>(schema: S, text: string): Parsed<v.InferOutput<S>> {
  const json = parseJson(text);
  return json.ok ? parseWith(schema, json.value) : json;
}

export const parseUpstreamMessage = (text: string): Parsed<UpstreamEnvelope> =>
  parseText(UpstreamEnvelopeSchema, text);

export const parseClientAction = (text: string): Parsed<ClientAction> => parseText(ClientActionSchema, text);
