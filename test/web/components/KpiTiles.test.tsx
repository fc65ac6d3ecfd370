import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KpiTiles } from '../../../web/src/components/KpiTiles.tsx';
import { stalenessOf } from '../../../web/src/freshness.ts';
import { aggregateOf, campaign } from '../fixtures.ts';

const metrics = aggregateOf([
  campaign(),
  campaign({ campaignId: 'b', activeCalls: 8, queueDepth: 766, dialingRate: 1.25 }),
]);
const T = 1_700_000_000_000;

const tileValue = (container: HTMLElement, key: string) =>
  container.querySelector(`[data-kpi="${key}"] .tile-value`)?.textContent;

afterEach(cleanup);

describe('KpiTiles', () => {
  it('shows the four summed figures under their labels', () => {
    const { container } = render(() => <KpiTiles metrics={metrics} staleness={stalenessOf(T, T + 1000)} />);
    for (const label of ['Active Calls', 'Queue Depth', 'Dialing Rate', 'Total Attempts'])
      screen.getByText(label);
    expect(tileValue(container, 'activeCalls')).toBe('50');
    expect(tileValue(container, 'queueDepth')).toBe('2,000');
    expect(tileValue(container, 'dialingRate')).toBe('4.8/s');
    expect(tileValue(container, 'totalAttempts')).toBe('2,200');
  });

  it('has no stale marker while the data is fresh', () => {
    const { container } = render(() => <KpiTiles metrics={metrics} staleness={stalenessOf(T, T + 5_000)} />);
    expect(screen.queryByText(/Stale/)).toBeNull();
    expect(container.querySelector('.kpi')?.getAttribute('data-fresh')).toBe('fresh');
  });

  it('keeps the marker’s line while fresh, empty and hidden from assistive tech, so nothing below moves', () => {
    const { container } = render(() => <KpiTiles metrics={metrics} staleness={stalenessOf(T, T + 5_000)} />);
    const slot = container.querySelector('.kpi .stale-marker');
    expect(slot?.hasAttribute('data-reserved')).toBe(true);
    expect(slot?.getAttribute('aria-hidden')).toBe('true');
    expect(slot?.textContent?.trim()).toBe('');
  });

  it('marks the tiles stale in words once the data is older than three update intervals', () => {
    const { container } = render(() => <KpiTiles metrics={metrics} staleness={stalenessOf(T, T + 14_000)} />);
    expect(screen.getByText(/Stale · 14 s ago/)).toBeTruthy();
    expect(container.querySelector('.kpi')?.getAttribute('data-fresh')).toBe('stale');
  });

  it('says there is no data yet before the first update', () => {
    render(() => <KpiTiles metrics={aggregateOf([])} staleness={stalenessOf(null, T)} />);
    screen.getByText(/No data yet/);
  });
});
