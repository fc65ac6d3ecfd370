/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { precompress } from './web/precompress.ts';
import { NAVIGATE_FALLBACK_DENYLIST } from './web/src/pwa/swRoutes.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

// The PWA's sources live in web/, static files in public/, the build in dist/web (served by the bridge).
export default defineConfig({
  root: 'web',
  publicDir: '../public',
  plugins: [
    solid(),
    // Installable and offline (web/src/pwa registers the worker and prompts for updates).
    VitePWA({
      // the worker is always the production one: a build started from a test run (NODE_ENV=test)
      // would otherwise get workbox's development bundle, with its console chatter and size
      mode: 'production',
      registerType: 'prompt',
      injectRegister: false,
      // the glob below already precaches every icon; listing them again would duplicate entries
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Campaign Wallboard',
        short_name: 'Wallboard',
        description:
          'Live outbound call campaigns: calls, queue, answer and abandon rates, for the wall and the phone.',
        theme_color: '#0f172a',
        background_color: '#0f172a',
        display: 'standalone',
        start_url: '/analytics/realtime',
        scope: '/',
        orientation: 'any',
        icons: [
          { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // the plugin adds manifest.webmanifest itself
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        // Every navigation gets the app shell offline, except the bridge's own paths: its REST API,
        // the event stream and the socket, which a service worker must never hold (workbox#2692).
        navigateFallback: '/index.html',
        navigateFallbackDenylist: NAVIGATE_FALLBACK_DENYLIST,
        // no runtimeCaching: API data is never served from a cache (offline data comes from IndexedDB,
        // dated and marked as such), and unmatched requests go to the network untouched
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
    // brotli and gzip copies of the text files, for the bridge to send (after the worker is written)
    precompress(),
  ],
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  server: {
    // `npm run dev` serves the PWA with hot reload and proxies the API to a running bridge.
    proxy: {
      '/analytics': { target: 'http://127.0.0.1:8787' },
      '/ws': { target: 'ws://127.0.0.1:8787', ws: true },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        root: here,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{protocol,simulator,bridge}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        root: here,
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['test/web/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        root: here,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
