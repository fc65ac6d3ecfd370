// One loader for `ws` (see bridge/node/ws.ts for why it goes by file path).
export { type RawData, WebSocket, WebSocketServer } from '../node/ws.ts';
