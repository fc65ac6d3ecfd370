// One loader for `ws` (see bridge/node/ws.ts for why it goes by file path).
export { WebSocket, WebSocketServer } from '../../../bridge/node/ws.ts';
