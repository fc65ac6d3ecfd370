// What `npm start` runs after its build: bridge/main.ts with no configuration at all, as on a fresh
// machine. It must serve the built dashboard at its one URL, live on the embedded simulator, in
// Chromium. (Every other browser test starts its stack in-process and names the build directory
// itself, which once hid that main.ts served no dashboard without STATIC_DIR.)
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../bridge/helpers/freePort.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { waitForChannel } from './support/dashboard.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

let child: ChildProcess | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
  }
});

test('the bridge as npm start runs it, with no configuration, serves the live dashboard at its one URL', async () => {
  const port = await freePort();
  // PATH and PORT only: no STATIC_DIR, no upstream (the embedded simulator)
  child = spawn(process.execPath, ['--import', 'tsx', 'bridge/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout?.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "bridge listening" line in 30 s:\n${lines.join('\n')}`)),
      30_000,
    );
    child?.stdout?.on('data', () => {
      const line = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.msg === 'bridge listening');
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
  expect(listening.pwa).toBe(fileURLToPath(new URL('../../dist/web', import.meta.url)));

  browser = await launchBrowser();
  const page = await browser.context.newPage();
  // the root URL, as the README says to open it
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForChannel(page, 'WebSocket', 30_000);
  expect(new URL(page.url()).pathname).toBe('/analytics/realtime');
  await page.waitForFunction(() => document.querySelectorAll('article.campaign-card').length > 0, undefined, {
    timeout: 30_000,
  });
}, 120_000);
