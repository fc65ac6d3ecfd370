import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplianceBadge } from '../../../web/src/components/ComplianceBadge.tsx';

afterEach(cleanup);

describe('ComplianceBadge', () => {
  it.each([
    [9, 400, 'ok', '✓ OK', '3 more drops allowed'],
    [10, 400, 'warning', '⚠ Warning', '2 more drops allowed'],
    [12, 400, 'warning', '⚠ Warning', '0 more drops allowed'],
    [13, 400, 'breach', '✖ Breach', '1 drop over the limit'],
    [20, 400, 'breach', '✖ Breach', '8 drops over the limit'],
  ] as const)(
    '%i drops of %i human answers: %s, in words and icon',
    (abandoned, human, severity, label, headroom) => {
      const { container } = render(() => <ComplianceBadge abandoned={abandoned} humanAnswered={human} />);
      const badge = container.querySelector('.compliance');
      expect(badge?.getAttribute('data-severity')).toBe(severity);
      expect(badge?.querySelector('.compliance-severity')?.textContent).toBe(label);
      expect(badge?.textContent).toContain(`${headroom} at today's volume`);
    },
  );

  it('shows the rate against the 3 % limit with the counts behind it', () => {
    const { container } = render(() => <ComplianceBadge abandoned={12} humanAnswered={400} />);
    expect(container.querySelector('.compliance-rate')?.textContent).toBe(
      'Abandon 3.0 % of 3.0 % limit (12 / 400)',
    );
  });
});
