import { cleanup, render, screen, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignCard } from '../../../web/src/components/CampaignCard.tsx';
import { stalenessOf } from '../../../web/src/freshness.ts';
import { campaign } from '../fixtures.ts';

const T = 1_700_000_000_000;

afterEach(cleanup);

describe('CampaignCard', () => {
  it('links to the campaign page by id', () => {
    render(() => <CampaignCard campaign={campaign()} trend={[]} staleness={stalenessOf(T, T)} />);
    const link = screen.getByRole('link', { name: 'Spring Sale' });
    expect(link.getAttribute('href')).toBe('/analytics/campaigns/spring-sale');
  });

  it('shows status in words, activity figures, and each rate with the counts behind it', () => {
    render(() => (
      <CampaignCard campaign={campaign({ status: 'paused' })} trend={[]} staleness={stalenessOf(T, T)} />
    ));
    const card = screen.getByRole('article', { name: 'Spring Sale' });
    expect(within(card).getByText('Paused')).toBeTruthy();
    expect(card.textContent).toContain('Active42');
    expect(card.textContent).toContain('Queue1,234');
    expect(card.textContent).toContain('Dialing3.5/s');
    const rates = within(card)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(rates).toEqual([
      'Answer rate 40.0 % (400 / 1,000)',
      'Conversion rate 12.5 % (50 / 400)',
      'Abandon rate 3.0 % (12 / 400)',
    ]);
  });

  it('shows the compliance severity and every outcome count', () => {
    const { container } = render(() => (
      <CampaignCard campaign={campaign()} trend={[]} staleness={stalenessOf(T, T)} />
    ));
    expect(container.querySelector('.compliance')?.getAttribute('data-severity')).toBe('warning');
    const count = (key: string) =>
      container.querySelector(`.card-outcomes [data-outcome="${key}"] dd`)?.textContent;
    expect(count('answered')).toBe('300');
    expect(count('optOuts')).toBe('38');
    expect(count('noAnswer')).toBe('300');
    expect(container.querySelectorAll('.card-outcomes [data-outcome]')).toHaveLength(8);
  });

  it('marks itself stale when the data is old', () => {
    const { container } = render(() => (
      <CampaignCard campaign={campaign()} trend={[]} staleness={stalenessOf(T, T + 30_000)} />
    ));
    expect(container.querySelector('.campaign-card')?.getAttribute('data-fresh')).toBe('stale');
    expect(screen.getByText(/Stale · 30 s ago/)).toBeTruthy();
  });

  it('draws the sparkline once the chart code has loaded, without holding back the card', async () => {
    render(() => <CampaignCard campaign={campaign()} trend={[1, 5, 3]} staleness={stalenessOf(T, T)} />);
    // the card's text is there at once; the sparkline comes with the lazy chart chunk
    screen.getByRole('link', { name: 'Spring Sale' });
    const spark = await screen.findByRole(
      'img',
      { name: /Active calls, last 3 points: from 1 to 3, low 1, high 5/ },
      { timeout: 15_000 },
    );
    expect(spark.querySelector('path')?.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+$/,
    );
  }, 30_000);
});
