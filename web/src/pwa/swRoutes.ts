// Which navigations the service worker answers with the app shell. Imported by vite.config.ts (the
// generated worker) and by the tests, so the rule that keeps the worker off the bridge's API, event
// stream and socket is checked in one place. Workbox matches these against pathname + search.
export const NAVIGATE_FALLBACK_DENYLIST: RegExp[] = [
  // REST and SSE; the SPA's own pages /analytics/realtime and /analytics/campaigns/:id are not here
  /^\/analytics\/(metrics|stream|system)(\/|\?|$)/,
  /^\/analytics\/campaigns\/[^/?]+\/metrics(\/|\?|$)/,
  /^\/ws(\/|\?|$)/,
  /^\/(healthz|readyz)(\/|\?|$)/,
];

/** True when an offline navigation to `pathAndSearch` gets the app shell from the precache. */
export function servesAppShell(pathAndSearch: string): boolean {
  return !NAVIGATE_FALLBACK_DENYLIST.some((re) => re.test(pathAndSearch));
}
