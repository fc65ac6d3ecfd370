import { createServer } from 'node:net';

/** A loopback port free right now, for a child process that must be told its port (PORT=0 is refused there). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}
