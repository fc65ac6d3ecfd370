// `ws`'s Node build, loaded by file path. vite-plugin-solid adds the `browser` export condition in test
// mode and vitest passes it to its Node workers (`--conditions browser`), so a plain `import 'ws'`
// resolves to ws's browser stub, which only throws. A file path bypasses export conditions.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const ws: typeof import('ws') = require(join(dirname(require.resolve('ws/package.json')), 'index.js'));

export const WebSocket = ws.WebSocket;
export const WebSocketServer = ws.WebSocketServer;
export type WebSocket = import('ws').WebSocket;
