// Debian's Chromium driven by playwright-core, with the flags it needs as root in a container and a
// fresh profile per launch (service workers, IndexedDB and localStorage never leak between tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
] as const;

export interface Browser {
  context: BrowserContext;
  /** The profile directory, removed by close(). */
  profile: string;
  close(): Promise<void>;
}

/** A persistent context on a fresh profile: the closest thing to a real installed-PWA browser. */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'wallboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
