// Every error the bridge answers, on HTTP or a socket, is `{ error: { code, message } }` (PROTOCOL.md §3).
import { ERROR_CODES } from '../protocol/index.ts';

/** The protocol's codes plus the bridge's own. */
export const BRIDGE_ERRORS = {
  ...ERROR_CODES,
  slowConsumer: 'slow_consumer',
  tooManyClients: 'too_many_clients',
  notBuilt: 'not_built',
} as const;
export type BridgeErrorCode = (typeof BRIDGE_ERRORS)[keyof typeof BRIDGE_ERRORS];

/** WebSocket close codes the bridge uses (RFC 6455 and the 4000–4499 "reconnect" range). */
export const CLOSE_CODES = {
  tooBig: 1009,
  restart: 1012,
  tryAgainLater: 1013,
  /** Fell too far behind: reconnect, and the new connection starts from a snapshot. */
  slowConsumer: 4008,
} as const;

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export function jsonError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify(errorBody(code, message)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** An `error` envelope for one client: not part of the shared stream, so it has no seq. */
export const errorEnvelope = (code: string, message: string, now: number = Date.now()): string =>
  JSON.stringify({ type: 'error', data: { code, message }, timestamp: new Date(now).toISOString() });
