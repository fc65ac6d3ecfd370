// `ws`'s Node build, loaded by file path. Under vitest, vite-plugin-solid's `browser` export
// condition reaches Node workers too, and a plain `import 'ws'` then resolves to ws's browser stub
// (which only throws). A file path bypasses export conditions, so the server works everywhere.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const ws: typeof import('ws') = require(join(dirname(require.resolve('ws/package.json')), 'index.js'));

export const WebSocket = ws.WebSocket;
export const WebSocketServer = ws.WebSocketServer;
export type WebSocket = import('ws').WebSocket;
export type RawData = import('ws').RawData;
