// Browser tests need the built PWA (the bridge serves dist/web) and Debian's Chromium.
// Missing Chromium fails the run loudly: a browser test must never skip itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The build is stale when any source that goes into it changed after dist/web/index.html. */
function buildIsStale(): boolean {
  const built = join(root, 'dist/web/index.html');
  if (!existsSync(built)) return true;
  const sources = ['web', 'public', 'bridge/protocol', 'vite.config.ts'].map((p) => join(root, p));
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(built).mtimeMs;
}

export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  if (buildIsStale())
    // vitest sets NODE_ENV=test, which would give Solid's development build: test what ships
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
}
