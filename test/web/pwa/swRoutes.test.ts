import { describe, expect, it } from 'vitest';
import { servesAppShell } from '../../../web/src/pwa/swRoutes.ts';

describe('service worker navigation fallback', () => {
  it.each([
    '/',
    '/analytics/realtime',
    '/analytics/realtime?mode=wall&campaigns=a,b',
    '/analytics/campaigns/c1',
    '/analytics/campaigns/metrics-team', // a campaign named like an API path is still a page
    '/analytics/systems-overview',
  ])('gives the app shell to the page %s offline', (path) => {
    expect(servesAppShell(path)).toBe(true);
  });

  it.each([
    '/analytics/metrics',
    '/analytics/metrics?x=1',
    '/analytics/stream',
    '/analytics/stream?campaignId=c1&campaignId=c2',
    '/analytics/system/health',
    '/analytics/campaigns/c1/metrics',
    '/analytics/campaigns/c1/metrics?fresh=1',
    '/ws',
    '/ws?x=1',
    '/healthz',
    '/readyz',
  ])('leaves %s to the network', (path) => {
    expect(servesAppShell(path)).toBe(false);
  });
});
