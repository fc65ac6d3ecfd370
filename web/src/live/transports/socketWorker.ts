// The socket worker's entry: the pump on the worker's own global (see socketPump.ts for why).
import { makeSocketPump } from './socketPump.ts';
import type { FromWorker } from './workerProtocol.ts';

const scope = globalThis as unknown as {
  postMessage(msg: FromWorker): void;
  addEventListener(type: 'message', cb: (e: MessageEvent) => void): void;
};
const pump = makeSocketPump((msg) => scope.postMessage(msg), WebSocket);
scope.addEventListener('message', (e) => pump.handle(e.data));
