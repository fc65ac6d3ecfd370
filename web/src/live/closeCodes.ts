// What a WebSocket close code means for the next step (RFC 6455 codes, centrifuge's 4xxx convention).

/**
 * - `quick`: the server is going away or restarting, or asks for a resync: reconnect almost at once.
 * - `backoff`: a failure: reconnect after full-jitter backoff.
 * - `long`: the server is overloaded (1013): wait long before trying WebSocket again.
 * - `fallback`: retrying WebSocket now would loop (1009, 4500–4999): use the next channel and let the
 *   background probe try WebSocket later.
 */
export type CloseAction = 'quick' | 'backoff' | 'long' | 'fallback';

export function closeAction(code: number | undefined): CloseAction {
  if (code === undefined) return 'backoff';
  if (code === 1001 || code === 1012) return 'quick';
  if (code === 1013) return 'long';
  if (code === 1009) return 'fallback';
  if (code >= 4000 && code <= 4499) return 'quick';
  if (code >= 4500 && code <= 4999) return 'fallback';
  // 1000 included: the dashboard always wants data, so a normal close from the server is a reconnect.
  return 'backoff';
}
