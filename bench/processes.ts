// Child processes of the benchmark: TypeScript entry points run by node + tsx's loader directly
// (not the tsx CLI, which would add a wrapper process between us and the pid we measure).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SpawnOptions {
  env: Record<string, string>;
  nodeArgs?: string[];
  /** taskset CPU list, e.g. '0'. */
  cpus?: string | undefined;
}

export function spawnTs(entry: string, o: SpawnOptions): ChildProcess {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  const node = [...(o.nodeArgs ?? []), '--import', 'tsx', file];
  const [cmd, args] = o.cpus
    ? ['taskset', ['-c', o.cpus, process.execPath, ...node]]
    : [process.execPath, node];
  return spawn(cmd, args, {
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message from `child` for which `pick` returns a value. */
export function nextMessage<T>(
  child: ChildProcess,
  pick: (m: unknown) => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${what}: no answer in ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: unknown) => {
      const v = pick(m);
      if (v !== undefined) done(null, v);
    };
    const onExit = (code: number | null) => done(new Error(`${what}: process exited (${code})`));
    function done(err: Error | null, v?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(v as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export function waitExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
