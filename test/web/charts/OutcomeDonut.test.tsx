import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeDonut, slicesOf } from '../../../web/src/charts/OutcomeDonut.tsx';
import { OUTCOMES, outcomes } from '../fixtures.ts';
import { openNumbers } from './openNumbers.ts';

afterEach(cleanup);

const donut = (o = OUTCOMES) =>
  render(() => <OutcomeDonut outcomes={o} title="Outcomes, all campaigns" size={200} />);

describe('OutcomeDonut', () => {
  it('draws one arc per outcome that occurred, in contract order', () => {
    const { container } = donut(outcomes({ converted: 5, machine: 3, failed: 2 }));
    const arcs = [...container.querySelectorAll('path.arc')];
    expect(arcs.map((a) => a.getAttribute('data-outcome'))).toEqual(['converted', 'machine', 'failed']);
  });

  it('draws all eight arcs when every outcome occurred', () => {
    const { container } = donut();
    expect(container.querySelectorAll('path.arc')).toHaveLength(8);
  });

  it('draws two half rings for two equal outcomes: clockwise from 12 o’clock, radius 99 outside and 58 inside', () => {
    const { container } = donut(outcomes({ answered: 1, noAnswer: 1 }));
    const d = [...container.querySelectorAll('path.arc')].map((a) => a.getAttribute('d'));
    expect(d).toEqual([
      'M0,-99A99,99,0,1,1,0,99L0,58A58,58,0,1,0,0,-58Z',
      'M0,99A99,99,0,1,1,0,-99L0,-58A58,58,0,1,0,0,58Z',
    ]);
  });

  it('draws the same paths for the same data', () => {
    const first = [...donut().container.querySelectorAll('path.arc')].map((a) => a.getAttribute('d'));
    cleanup();
    const second = [...donut().container.querySelectorAll('path.arc')].map((a) => a.getAttribute('d'));
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(8);
  });

  it('fills each arc with its outcome’s pattern and names it in a tooltip title', () => {
    const { container } = donut(outcomes({ abandoned: 1, busy: 3 }));
    const arcs = [...container.querySelectorAll('path.arc')];
    for (const a of arcs) {
      const id = /^url\(#(.+)\)$/.exec(a.getAttribute('fill') ?? '')?.[1] ?? '';
      expect(container.querySelector(`pattern[id="${id}"] rect`)?.getAttribute('class')).toBe(
        `outcome-${a.getAttribute('data-outcome')}`,
      );
    }
    expect(arcs.map((a) => a.querySelector('title')?.textContent)).toEqual([
      'Abandoned: 1 (25.0 %)',
      'Busy: 3 (75.0 %)',
    ]);
  });

  it('has an accessible name, a description with the counts and a table of the numbers', () => {
    const { getByRole, container } = donut(outcomes({ answered: 3, machine: 1 }));
    const svg = getByRole('img', { name: /Outcomes, all campaigns/ });
    const descId = (svg.getAttribute('aria-labelledby') ?? '').split(' ')[1] ?? '';
    expect(document.getElementById(descId)?.textContent).toBe(
      '4 completed attempts: answered 3 (75.0 %), machine 1 (25.0 %).',
    );
    openNumbers(container);
    const rows = [...container.querySelectorAll('.chart-numbers tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['Answered375.0 %', 'Machine125.0 %']);
    expect(container.querySelector('.donut-total')?.textContent).toBe('4');
  });

  it('draws no arcs and says so before anything completed', () => {
    const { container, getByRole } = donut(outcomes({}));
    expect(container.querySelectorAll('path.arc')).toHaveLength(0);
    expect(getByRole('img').textContent).toContain('No completed attempts yet.');
  });

  it('gives shares that add up to 100 %', () => {
    const total = slicesOf(outcomes({ answered: 1, busy: 1, failed: 1 })).reduce((a, s) => a + s.percent, 0);
    expect(Math.round(total * 10) / 10).toBe(100);
  });
});
