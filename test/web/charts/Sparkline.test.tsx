import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Sparkline, sparklineLabel } from '../../../web/src/charts/Sparkline.tsx';

afterEach(cleanup);

describe('Sparkline', () => {
  it('draws one segment per step across its width, scaled from zero to the highest value', () => {
    const { getByRole } = render(() => (
      <Sparkline values={[0, 10, 5]} label="Active calls" width={100} height={30} />
    ));
    const svg = getByRole('img', { name: 'Active calls, last 3 points: from 0 to 5, low 0, high 10' });
    // x 1..99, y 28 (zero) .. 2 (the high)
    expect(svg.querySelector('path')?.getAttribute('d')).toBe('M1,28L50,2L99,15');
  });

  it('keeps the last 20 values', () => {
    const values = Array.from({ length: 30 }, (_, i) => i);
    const { getByRole } = render(() => <Sparkline values={values} label="Active calls" />);
    const svg = getByRole('img', { name: /last 20 points: from 10 to 29/ });
    expect(svg.querySelector('path')?.getAttribute('d')?.split('L')).toHaveLength(20);
  });

  it('says when there is no data', () => {
    expect(sparklineLabel('Active calls', [])).toBe('Active calls: no data yet');
  });
});
