// What one upstream frame is, decided once at the boundary. Only `envelope` is ever applied.
import * as v from 'valibot';
import type { UpstreamEnvelope } from '../protocol/index.ts';
import {
  ERROR_CODES,
  ErrorBodySchema,
  parseJson,
  parseWith,
  UPSTREAM_TYPES,
  UpstreamEnvelopeSchema,
} from '../protocol/index.ts';

export type Classified =
  | { kind: 'envelope'; envelope: UpstreamEnvelope }
  /** Upstream answered one of our actions with `{"type":"error"}`: logged, never forwarded. */
  | { kind: 'upstreamError'; code: string; message: string }
  /** A well-formed message of a type this bridge does not know (a newer upstream): skipped. */
  | { kind: 'ignored'; type: string }
  | { kind: 'invalid'; code: string; message: string };

const KNOWN: ReadonlySet<string> = new Set(UPSTREAM_TYPES);
const UpstreamErrorSchema = v.object({ type: v.literal('error'), data: ErrorBodySchema.entries.error });

export function classifyUpstream(data: unknown): Classified {
  // `ws` hands binary frames over as Buffer, browsers as Blob/ArrayBuffer: the feed is JSON text only.
  if (typeof data !== 'string') {
    return { kind: 'invalid', code: ERROR_CODES.badMessage, message: 'binary frame (expected JSON text)' };
  }
  const json = parseJson(data);
  if (!json.ok) return { kind: 'invalid', code: json.code, message: json.message };
  const value = json.value;
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type === 'error') {
    const err = parseWith(UpstreamErrorSchema, value);
    return err.ok
      ? { kind: 'upstreamError', code: err.value.data.code, message: err.value.data.message }
      : { kind: 'invalid', code: err.code, message: err.message };
  }
  if (typeof type === 'string' && !KNOWN.has(type)) return { kind: 'ignored', type: type.slice(0, 64) };
  const env = parseWith(UpstreamEnvelopeSchema, value);
  return env.ok
    ? { kind: 'envelope', envelope: env.value }
    : { kind: 'invalid', code: env.code, message: env.message };
}
