import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../web/src/App.tsx';
import { whenStaged } from '../../../web/src/stage.ts';
import { campaign, HEALTH, POINTS } from '../fixtures.ts';
import { fake } from './fakeLive.ts';

vi.mock('../../../web/src/live/createRealTimeMetrics.ts', () => import('./fakeLive.ts'));
// the shell (service worker, wake lock, persistence) is tested on its own; here it only wraps
vi.mock('../../../web/src/pwa/PwaShell.tsx', () => ({
  PwaShell: (p: { children: JSX.Element }) => p.children,
}));

const CHART_LOAD = { timeout: 15_000 };

function open(path: string) {
  window.history.replaceState(null, '', path);
  return render(() => <App />);
}

function feed() {
  const now = Date.now();
  fake.set({
    campaigns: {
      'spring-sale': campaign(),
      winback: campaign({
        campaignId: 'winback',
        name: 'Winback',
        activeCalls: 8,
        queueDepth: 766,
        status: 'paused',
      }),
    },
    systemHealth: HEALTH,
    history: POINTS,
    campaignHistory: { 'spring-sale': POINTS.slice(10) },
    channel: 'websocket',
    lastUpdate: now,
  });
}

// jsdom has no scrolling; the router scrolls to the top after a navigation
window.scrollTo = () => {};

beforeEach(() => fake.reset());
afterEach(cleanup);

describe('routes', () => {
  it('leads from / to the realtime overview, keeping the kiosk query', async () => {
    open('/?mode=wall');
    await waitFor(() => expect(window.location.pathname).toBe('/analytics/realtime'));
    expect(window.location.search).toBe('?mode=wall');
    await screen.findByRole('heading', { level: 1, name: 'Campaigns · realtime' });
  });

  it('shows a not-found page for an unknown path', () => {
    open('/nope');
    screen.getByRole('heading', { name: 'Page not found' });
  });

  it('rejects a campaign id the contract does not allow', () => {
    open('/analytics/campaigns/bad%20id!');
    screen.getByRole('heading', { name: 'Not a campaign id' });
  });
});

describe('overview page', () => {
  it('shows tiles, connection, health and one card per campaign from the live metrics', async () => {
    feed();
    open('/analytics/realtime');
    await whenStaged();
    expect(fake.calls).toContainEqual({});
    expect(document.querySelector('[data-kpi="activeCalls"] .tile-value')?.textContent).toBe('50');
    expect(document.querySelector('[data-kpi="queueDepth"] .tile-value')?.textContent).toBe('2,000');
    expect(screen.getByRole('status').textContent).toContain('WebSocket · updated');
    expect(screen.getAllByRole('article').map((a) => a.querySelector('h3')?.textContent)).toEqual([
      'Spring Sale',
      'Winback',
    ]);
    expect(screen.getByText('Active Campaigns').closest('.health-item')?.textContent).toContain('3');
    screen.getByRole('heading', { name: 'Campaigns (2)' });
  });

  it('writes a live change to the tiles at once', () => {
    feed();
    open('/analytics/realtime');
    fake.set('campaigns', 'winback', 'activeCalls', 58);
    expect(document.querySelector('[data-kpi="activeCalls"] .tile-value')?.textContent).toBe('100');
  });

  it('redraws the charts on the next animation frame, not on every change', async () => {
    feed();
    open('/analytics/realtime');
    const svg = await screen.findByRole(
      'img',
      { name: /Active calls, queue depth and dialing rate, all campaigns/ },
      CHART_LOAD,
    );
    const desc = () =>
      document.getElementById((svg.getAttribute('aria-labelledby') ?? '').split(' ')[1] ?? '')?.textContent;
    expect(desc()).toContain('active calls 29');
    for (let i = 0; i < 50; i++) fake.set('history', 19, 'activeCalls', 100 + i);
    expect(desc()).toContain('active calls 29'); // not yet: the frame has not come
    await waitFor(() => expect(desc()).toContain('active calls 149'));
  }, 30_000);

  it('draws the donut of the outcomes over all campaigns', async () => {
    feed();
    open('/analytics/realtime');
    const donut = await screen.findByRole(
      'img',
      { name: /Outcomes of completed attempts, all campaigns/ },
      CHART_LOAD,
    );
    expect(donut.querySelectorAll('path.arc')).toHaveLength(8);
    expect(document.querySelector('.donut-total')?.textContent).toBe('2,000');
  }, 30_000);

  it('marks everything stale when the newest data is old', async () => {
    feed();
    fake.set('lastUpdate', Date.now() - 60_000);
    open('/analytics/realtime');
    await whenStaged();
    expect(document.querySelector('.kpi')?.getAttribute('data-fresh')).toBe('stale');
    expect(screen.getAllByText(/Stale · 1 min ago/).length).toBeGreaterThan(2);
  });
});

describe('campaign page', () => {
  it('opens from its card and shows that campaign’s figures, rates and compliance', async () => {
    feed();
    open('/analytics/realtime');
    fireEvent.click(await screen.findByRole('link', { name: 'Winback' }));
    await waitFor(() => expect(window.location.pathname).toBe('/analytics/campaigns/winback'));
    await screen.findByRole('heading', { level: 1, name: 'Winback' });
    await whenStaged();
    expect(fake.calls).toContainEqual({ campaignId: 'winback' });
    expect(document.querySelector('[data-kpi="activeCalls"] .tile-value')?.textContent).toBe('8');
    expect(document.querySelector('.compliance')?.getAttribute('data-severity')).toBe('warning');
    screen.getByRole('button', { name: /Abandon rate 3.0 % \(12 \/ 400\)/ });
  });

  it('draws the campaign’s own activity', async () => {
    feed();
    open('/analytics/campaigns/spring-sale');
    const svg = await screen.findByRole(
      'img',
      { name: /Active calls, queue depth and dialing rate, Spring Sale/ },
      CHART_LOAD,
    );
    expect(
      svg.querySelector('[data-series="activeCalls"] .series-line')?.getAttribute('d')?.split('L'),
    ).toHaveLength(10);
  }, 30_000);

  it('says so when the campaign does not exist', () => {
    feed();
    open('/analytics/campaigns/ghost');
    screen.getByText(/No campaign with id “ghost”/);
  });

  it('waits for data before deciding a campaign does not exist', () => {
    open('/analytics/campaigns/ghost');
    screen.getByText('Loading campaign…');
  });
});
