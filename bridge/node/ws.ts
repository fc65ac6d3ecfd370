// `ws`, loaded by file path. Under vitest the `browser` export condition is on (vite-plugin-solid), and a
// plain `import 'ws'` would resolve to ws's browser stub, which only throws; a path bypasses conditions.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const ws: typeof import('ws') = require(join(dirname(require.resolve('ws/package.json')), 'index.js'));

export const WebSocket = ws.WebSocket;
export const WebSocketServer = ws.WebSocketServer;
export type WebSocket = import('ws').WebSocket;
export type RawData = import('ws').RawData;
