import { cleanup, render, screen } from '@solidjs/testing-library';
import { createStore } from 'solid-js/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CampaignList } from '../../../web/src/components/CampaignList.tsx';
import { stalenessOf } from '../../../web/src/freshness.ts';
import type { CampaignView, HistoryPoint } from '../../../web/src/live/types.ts';
import { whenStaged } from '../../../web/src/stage.ts';
import { campaign } from '../fixtures.ts';

const T = 1_700_000_000_000;
const NO_HISTORY: HistoryPoint[] = [];

async function setup(n: number) {
  const initial: Record<string, CampaignView> = {};
  for (let i = 0; i < n; i++) {
    const id = `c${String(i).padStart(3, '0')}`;
    initial[id] = campaign({ campaignId: id, name: `Campaign ${id}` });
  }
  const [state, setState] = createStore({ campaigns: initial });
  const list = () => Object.values(state.campaigns).sort((a, b) => a.name.localeCompare(b.name));
  render(() => (
    <CampaignList
      campaigns={list}
      campaign={(id) => state.campaigns[id]}
      history={() => NO_HISTORY}
      staleness={stalenessOf(T, T)}
    />
  ));
  await whenStaged();
  return { state, setState };
}

afterEach(cleanup);

describe('CampaignList', () => {
  it('creates the cards a few per task, in order, the count in the heading ahead of them', async () => {
    const initial: Record<string, CampaignView> = {};
    for (let i = 0; i < 6; i++) {
      const id = `c${i}`;
      initial[id] = campaign({ campaignId: id, name: `Campaign ${id}` });
    }
    render(() => (
      <CampaignList
        campaigns={() => Object.values(initial)}
        campaign={(id) => initial[id]}
        history={() => NO_HISTORY}
        staleness={stalenessOf(T, T)}
      />
    ));
    // a slow device: every job overruns the slice budget, so each slice holds one job
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 100));
    // nothing in the rendering task itself: the first snapshot brings every campaign at once
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    const seen: number[] = [];
    const observer = new MutationObserver(() => seen.push(screen.queryAllByRole('article').length));
    observer.observe(document.body, { childList: true, subtree: true });
    await whenStaged();
    observer.disconnect();
    now.mockRestore();
    const cards = screen.getAllByRole('article');
    expect(cards.map((c) => c.getAttribute('aria-labelledby'))).toEqual(
      ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].map((id) => `card-${id}`),
    );
    // one step per slice, each adding cards at the end
    expect([...new Set(seen)]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('renders one card per campaign, in the order given', async () => {
    await setup(100);
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(100);
    expect(cards[0]?.getAttribute('aria-labelledby')).toBe('card-c000');
    expect(cards[99]?.getAttribute('aria-labelledby')).toBe('card-c099');
  });

  it('updates a changed campaign in place: same card element, only its text changes', async () => {
    const { setState } = await setup(3);
    const before = screen.getAllByRole('article');
    const figure = before[1]?.querySelector('.card-figures dd');
    const textNode = figure?.firstChild;
    expect(figure?.textContent).toBe('42');
    setState('campaigns', 'c001', 'activeCalls', 77);
    const after = screen.getAllByRole('article');
    expect(after).toEqual(before);
    expect(before[1]?.querySelector('.card-figures dd')).toBe(figure);
    expect(figure?.textContent).toBe('77');
    expect(figure?.firstChild).toBe(textNode);
  });

  it('keeps existing cards when a campaign is added', async () => {
    const { setState } = await setup(2);
    const before = screen.getAllByRole('article');
    setState('campaigns', 'c000a', campaign({ campaignId: 'c000a', name: 'Campaign c000a' }));
    await whenStaged();
    const after = screen.getAllByRole('article');
    expect(after).toHaveLength(3);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[1]);
  });

  it('says so when there are no campaigns', async () => {
    await setup(0);
    screen.getByText('No campaigns yet.');
  });
});
