// What the page and the socket worker say to each other. The worker owns the WebSockets (one per id)
// and hands the page decoded, checked envelopes in batches; the page acks each batch when it has
// taken it, and only then gets the next one, so a busy page receives one message per free moment
// instead of one task per WebSocket frame.
import type { BridgeEnvelope } from '../../../../bridge/protocol/index.ts';

export type ToWorker =
  /** open a WebSocket; the worker subscribes on open and pings every pingIntervalMs */
  | { op: 'open'; id: number; url: string; pingIntervalMs: number }
  /** send text if the socket is open (refresh = subscribe again) */
  | { op: 'send'; id: number; text: string }
  /** the page took the last batch: the next may come */
  | { op: 'ack'; id: number }
  /** close with 1000 and forget the id: no `end` follows */
  | { op: 'close'; id: number };

export type FromWorker =
  /** envelopes in arrival order, and the problems of the frames that failed the check */
  | { kind: 'batch'; id: number; msgs: BridgeEnvelope[]; invalid: string[] }
  /** the socket is gone (never after `close`); every batch of this id came before it */
  | { kind: 'end'; id: number; code?: number; reason: string };
