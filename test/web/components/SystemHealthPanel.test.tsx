import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemHealthPanel } from '../../../web/src/components/SystemHealthPanel.tsx';
import { stalenessOf } from '../../../web/src/freshness.ts';
import { whenStaged } from '../../../web/src/stage.ts';
import { HEALTH } from '../fixtures.ts';

const T = 1_700_000_000_000;
const item = (label: string) => screen.getByText(label).closest('.health-item')?.textContent;

afterEach(cleanup);

describe('SystemHealthPanel', () => {
  it('shows CPU, memory, answer rate and active campaigns', async () => {
    render(() => <SystemHealthPanel health={HEALTH} staleness={stalenessOf(T, T)} />);
    await whenStaged();
    expect(item('CPU Usage')).toContain('42.0 %');
    expect(item('Memory Usage')).toContain('61.5 %');
    expect(item('Answer Rate')).toContain('40.0 %');
    expect(item('Active Campaigns')).toContain('3');
  });

  it('shows the answer rate from the counts, with its definition, when the counts are given', async () => {
    render(() => (
      <SystemHealthPanel
        health={HEALTH}
        answers={{ humanAnswered: 400, completed: 1000 }}
        staleness={stalenessOf(T, T)}
      />
    ));
    await whenStaged();
    expect(screen.getByRole('button').textContent).toBe('Answer rate 40.0 % (400 / 1,000)');
    screen.getByText('Answer rate = human-answered 400 / completed 1,000 = 40.0 %');
  });

  it('says when no health report has arrived', () => {
    render(() => <SystemHealthPanel health={null} staleness={stalenessOf(null, T)} />);
    screen.getByText('No health report yet.');
  });
});
