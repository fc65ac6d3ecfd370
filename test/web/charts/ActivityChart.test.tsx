import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityChart } from '../../../web/src/charts/ActivityChart.tsx';
import { POINTS } from '../fixtures.ts';

afterEach(cleanup);

// default size 640×260, margins left 56, right 52, top 14, bottom 30: x runs 56..588, y 230..14
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

  it('puts the counts on the left axis and the dialing rate on the right, with ticks from the scales', () => {
    const { container } = chart();
    const labels = (axis: string) =>
      [...container.querySelectorAll(`[data-axis="${axis}"] .tick text`)].map((t) => t.textContent);
    // queue depth peaks at 500 → 0..500; dialing rate peaks at 2.9/s → nice domain 0..3
    expect(labels('left')).toEqual(['0', '100', '200', '300', '400', '500']);
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
    // queue depth 500 at the oldest point: left edge, top of the plot
    expect(coords(d('queueDepth'))[0]).toEqual([56, 14]);
    // 310 at the newest: 230 − 310/500 × 216
    expect(coords(d('queueDepth'))[19]).toEqual([588, 96.08]);
    // dialing rate 1.0 of a 0..3 axis: 230 − 216/3; 2.9 at the newest
    expect(coords(d('dialingRate'))[0]).toEqual([56, 158]);
    expect(coords(d('dialingRate'))[19]).toEqual([588, 21.2]);
    const active = d('activeCalls');
    expect(active).toBe(
      'M56,225.68L84,225.248L112,224.816L140,224.384L168,223.952L196,223.52L224,223.088L252,222.656L280,222.224L308,221.792L336,221.36L364,220.928L392,220.496L420,220.064L448,219.632L476,219.2L504,218.768L532,218.336L560,217.904L588,217.472',
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
    expect(coords(d)[0]).toEqual([56, 14]);
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
    const rows = container.querySelectorAll('.chart-numbers tbody tr');
    expect(rows).toHaveLength(20);
    expect(rows[19]?.textContent).toBe('now293102.9/s');
    expect(rows[0]?.textContent).toBe('−38 s105001.0/s');
  });

  it('draws empty lines and says so when there is no data', () => {
    const { container, getByRole } = chart([]);
    expect(container.querySelectorAll('.series-marker')).toHaveLength(0);
    const svg = getByRole('img');
    expect(svg.textContent).toContain('No data yet.');
  });
});
