// The shared shell of a server-under-test process: reads the upstream from the environment, starts
// the server, reports its port over IPC, and answers gc/close. CPU and RSS are read from /proc by
// the orchestrator, so a busy event loop cannot skew them.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import WebSocket from 'ws';

export interface Upstream {
  wsUrl: string;
  apiBase: string;
}
export interface RunningServer {
  port: number;
  close(): Promise<void>;
  /** The server's own counters (the bridge: clients resynced by snapshot, closed for slowness). */
  stats?(): Record<string, number>;
}
export type ToServer = { cmd: 'gc' } | { cmd: 'stats' } | { cmd: 'close' };
export type FromServer =
  | { kind: 'ready'; port: number }
  | { kind: 'gc-done' }
  | { kind: 'stats'; stats: Record<string, number> }
  | { kind: 'error'; message: string };

export function runServerChild(start: (up: Upstream) => Promise<RunningServer>): void {
  const up = JSON.parse(process.env.BENCH_UPSTREAM ?? 'null') as Upstream | null;
  if (!up || typeof process.send !== 'function') {
    console.error('bench/servers/*.ts run as children of bench/fanout.ts (need BENCH_UPSTREAM and IPC)');
    process.exit(2);
  }
  const reply = (m: FromServer) => process.send?.(m);
  const profile = process.env.BENCH_PROFILE;
  const session = profile ? new Session() : null;
  start(up).then(
    async (server) => {
      if (session) {
        // profile from ready to close (not startup), written before shutdown work can skew it
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      process.on('message', (m: ToServer) => {
        if (m.cmd === 'gc') {
          (globalThis as { gc?: () => void }).gc?.();
          reply({ kind: 'gc-done' });
        }
        if (m.cmd === 'stats') reply({ kind: 'stats', stats: server.stats?.() ?? {} });
        if (m.cmd === 'close') {
          const exit = setTimeout(() => process.exit(0), 3000);
          void stopProfile(session, profile)
            .then(() => server.close())
            .finally(() => {
              clearTimeout(exit);
              process.exit(0);
            });
        }
      });
      reply({ kind: 'ready', port: server.port });
    },
    (e: unknown) => {
      reply({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    },
  );
  process.on('disconnect', () => process.exit(0));
}

async function stopProfile(session: Session | null, file: string | undefined): Promise<void> {
  if (!session || !file) return;
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

/** The peers' upstream link: one WebSocket, subscribed to everything; resolves once subscribed. */
export function subscribeUpstream(wsUrl: string, onMessage: (text: string) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    ws.on('open', () => {
      ws.send('{"action":"subscribe"}');
      resolve(ws);
    });
    ws.on('message', (data) => onMessage(String(data)));
    ws.on('error', reject);
    ws.on('close', () => console.error('[bench server] upstream closed'));
  });
}
