import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeBreakdown } from '../../../web/src/components/OutcomeBreakdown.tsx';
import { OUTCOMES, outcomes } from '../fixtures.ts';

function rows(container: HTMLElement) {
  return [...container.querySelectorAll('.breakdown-row')].map((row) => ({
    key: row.getAttribute('data-outcome'),
    label: row.querySelector('.breakdown-label')?.textContent,
    count: row.querySelector('.breakdown-count')?.textContent,
    percent: row.querySelector('.breakdown-percent')?.textContent ?? '',
    share: (row.querySelector('.breakdown-fill') as HTMLElement | null)?.style.getPropertyValue('--share'),
  }));
}

const percentSum = (rs: { percent: string }[]) =>
  Math.round(rs.reduce((a, r) => a + Number.parseFloat(r.percent), 0) * 10) / 10;

afterEach(cleanup);

describe('OutcomeBreakdown', () => {
  it('lists every outcome with its count and its share of completed attempts', () => {
    const { container, getByText } = render(() => <OutcomeBreakdown outcomes={OUTCOMES} />);
    const rs = rows(container);
    expect(rs.map((r) => r.key)).toEqual([
      'answered',
      'converted',
      'optOuts',
      'abandoned',
      'machine',
      'busy',
      'noAnswer',
      'failed',
    ]);
    expect(rs.find((r) => r.key === 'abandoned')).toEqual({
      key: 'abandoned',
      label: 'Abandoned',
      count: '12',
      percent: '1.2 %',
      share: '1.2',
    });
    expect(rs.find((r) => r.key === 'noAnswer')?.count).toBe('300');
    expect(percentSum(rs)).toBe(100);
    getByText('1,000');
  });

  it('shows shares that add up to 100 % even when each one is rounded', () => {
    const { container } = render(() => (
      <OutcomeBreakdown outcomes={outcomes({ answered: 1, busy: 1, failed: 1 })} />
    ));
    const rs = rows(container);
    expect(rs.filter((r) => r.count === '1').map((r) => r.percent)).toEqual(['33.4 %', '33.3 %', '33.3 %']);
    expect(percentSum(rs)).toBe(100);
  });

  it('gives every bar a pattern as well as a colour', () => {
    const { container } = render(() => <OutcomeBreakdown outcomes={OUTCOMES} />);
    const patterns = [...container.querySelectorAll('.breakdown-fill')].map((el) =>
      el.getAttribute('data-pattern'),
    );
    expect(new Set(patterns).size).toBe(8);
  });
});
