// What `npm start` runs after its build: bridge/main.ts with no configuration at all, as on a fresh
// machine. It must serve the built dashboard at its one URL, live on the embedded simulator, in
// Chromium. (Every other browser test starts its stack in-process and names the build directory
// itself, which once hid that main.ts served no dashboard without STATIC_DIR.)
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bridge/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const { stdout } = proc;
  if (!stdout) throw new Error('the bridge process has no stdout pipe');
  // whole lines (a chunk of stdout may end mid-line), each a JSON log record
  const lines: string[] = [];
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "bridge listening" line in 30 s:\n${lines.join('\n')}`)),
      30_000,
    );
    createInterface({ input: stdout }).on('line', (line) => {
      lines.push(line);
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record.msg !== 'bridge listening') return;
      clearTimeout(timer);
      resolve(record);
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
