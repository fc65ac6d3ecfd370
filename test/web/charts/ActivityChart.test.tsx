import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityChart } from '../../../web/src/charts/ActivityChart.tsx';
import { POINTS } from '../fixtures.ts';
import { openNumbers } from './openNumbers.ts';

afterEach(cleanup);

// default size 640×260, margins left 64, right 52, top 26, bottom 30: x runs 64..588, y 230..26
const chart = (points = POINTS) =>
  render(() => <ActivityChart points={points} title="Activity, all campaigns" />);

const coords = (d: string | null | undefined) =>
  (d ?? '')
    .slice(1)
    .split('L')
    .map((xy) => xy.split(',').map(Number));

describe('ActivityChart', () => {
  it('draws three series, each through the 20 points', () => {
    const { container } = chart();
    const lines = [...container.querySelectorAll('.series-line')];
    expect(lines.map((l) => l.closest('[data-series]')?.getAttribute('data-series'))).toEqual([
      'activeCalls',
      'queueDepth',
      'dialingRate',
    ]);
    for (const l of lines) expect(coords(l.getAttribute('d'))).toHaveLength(20);
  });

  it('puts the counts on a logarithmic left axis and the dialing rate on a linear right axis, with ticks from the scales', () => {
    const { container } = chart();
    const labels = (axis: string) =>
      [...container.querySelectorAll(`[data-axis="${axis}"] .tick text`)].map((t) => t.textContent);
    // counts on a log scale: queue depth peaks at 500 → 1..1,000, ticked at powers of ten;
    // dialing rate peaks at 2.9/s → nice linear domain 0..3
    expect(labels('left')).toEqual(['1', '10', '100', '1,000']);
    expect(labels('right')).toEqual(['0', '0.5', '1', '1.5', '2', '2.5', '3']);
    expect([...container.querySelectorAll('[data-axis="x"] text')].map((t) => t.textContent)).toEqual([
      '−30 s',
      '−20 s',
      '−10 s',
      'now',
    ]);
  });

  it('maps values to the same pixels every time for the same data', () => {
    const { container } = chart();
    const d = (key: string) =>
      container.querySelector(`[data-series="${key}"] .series-line`)?.getAttribute('d');
    // left: 204 px for three decades, 68 px each; 10 active calls sit one decade up: 230 − 68
    expect(coords(d('activeCalls'))[0]).toEqual([64, 162]);
    // queue depth 500 at the oldest point: 230 − log10(500) × 68; 310 at the newest, on the right edge
    expect(coords(d('queueDepth'))[0]).toEqual([64, 46.47]);
    expect(coords(d('queueDepth'))[19]).toEqual([588, 60.587]);
    // right: dialing rate 1.0 of a 0..3 axis: 230 − 204/3; 2.9 at the newest
    expect(coords(d('dialingRate'))[0]).toEqual([64, 162]);
    expect(coords(d('dialingRate'))[19]).toEqual([588, 32.8]);
    const active = d('activeCalls');
    expect(active).toBe(
      'M64,162L91.579,159.185L119.158,156.616L146.737,154.252L174.316,152.063L201.895,150.026L229.474,148.12L257.053,146.329L284.632,144.641L312.211,143.045L339.789,141.53L367.368,140.089L394.947,138.715L422.526,137.403L450.105,136.146L477.684,134.94L505.263,133.782L532.842,132.667L560.421,131.593L588,130.557',
    );
    cleanup();
    const again = chart();
    expect(again.container.querySelector('[data-series="activeCalls"] .series-line')?.getAttribute('d')).toBe(
      active,
    );
  });

  it('tells the series apart by line style and marker, not only colour', () => {
    const { container } = chart();
    const dashes = [...container.querySelectorAll('.series-line')].map((l) =>
      l.getAttribute('stroke-dasharray'),
    );
    expect(new Set(dashes).size).toBe(3);
    const markers = [...container.querySelectorAll('.series-marker')].map((m) =>
      m.getAttribute('d')?.replace(/[\d.,-]/g, ''),
    );
    expect(new Set(markers).size).toBe(3);
  });

  it('draws only the last 20 points when given more', () => {
    const more = [
      ...Array.from({ length: 5 }, (_, i) => ({
        t: POINTS[0]!.t - (5 - i) * 2000,
        activeCalls: 999,
        queueDepth: 999,
        dialingRate: 99,
      })),
      ...POINTS,
    ];
    const { container } = chart(more);
    const d = container.querySelector('[data-series="queueDepth"] .series-line')?.getAttribute('d');
    expect(coords(d)).toHaveLength(20);
    expect(coords(d)[0]).toEqual([64, 46.47]);
  });

  it('has an accessible name and description, a legend with the latest values and a table of the numbers', () => {
    const { container, getByRole } = chart();
    const svg = getByRole('img', { name: /Activity, all campaigns/ });
    const described = (svg.getAttribute('aria-labelledby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described[1]).toBe(
      '20 points over the last 38 s. Now: active calls 29, queue depth 310, dialing rate 2.9/s.',
    );
    const legend = [...container.querySelectorAll('.legend-item')].map((li) => li.textContent);
    expect(legend).toEqual([
      'Active calls 29 (left axis)',
      'Queue depth 310 (left axis)',
      'Dialing rate 2.9/s (right axis)',
    ]);
    expect(container.querySelector('.chart-numbers table')).toBeNull(); // built only when opened
    openNumbers(container);
    const rows = container.querySelectorAll('.chart-numbers tbody tr');
    expect(rows).toHaveLength(20);
    expect(rows[19]?.textContent).toBe('now293102.9/s');
    expect(rows[0]?.textContent).toBe('−38 s105001.0/s');
  });

  it('puts an idle floor (0 active calls) on the bottom of the log axis', () => {
    const idle = POINTS.map((p) => ({ ...p, activeCalls: 0 }));
    const { container } = chart(idle);
    const d = container.querySelector('[data-series="activeCalls"] .series-line')?.getAttribute('d');
    expect(coords(d).every(([, y]) => y === 230)).toBe(true);
  });

  it('draws empty lines and says so when there is no data', () => {
    const { container, getByRole } = chart([]);
    expect(container.querySelectorAll('.series-marker')).toHaveLength(0);
    const svg = getByRole('img');
    expect(svg.textContent).toContain('No data yet.');
  });
});
