// The one shape every channel has (centrifuge-js, partysocket): the connection state machine
// drives WebSocket, SSE and polling through it without knowing which one it holds.
import type { Incoming } from '../envelope.ts';
import type { TransportName } from '../types.ts';

/** Why a channel ended. `code` is the WebSocket close code when there is one. */
export interface TransportEnd {
  code?: number;
  reason: string;
}

export interface TransportCallbacks {
  /** one validated message */
  message(msg: Incoming): void;
  /** a message that failed validation: logged and counted, never fatal */
  invalid(problem: string): void;
  /** the channel is gone for good; called at most once, never after handle.close() */
  end(why: TransportEnd): void;
}

export interface TransportHandle {
  /** ask for a full state now: WS re-subscribes, SSE reopens, polling polls */
  refresh(): void;
  /** close without calling end() */
  close(): void;
  send?(action: object): void;
}

export interface Transport {
  name: TransportName;
  supported(): boolean;
  open(cb: TransportCallbacks): TransportHandle;
  /** the longest normal wait between two deliveries, for a channel that paces itself (polling) */
  expectedGapMs?(): number;
}
