import { createMemo, For, type JSX, Show } from 'solid-js';
import type { Staleness } from '../freshness.ts';
import type { CampaignView, HistoryPoint } from '../live/types.ts';
import { CampaignCard } from './CampaignCard.tsx';

const sameItems = <T,>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function CardSlot(props: {
  id: string;
  campaign: (id: string) => CampaignView | undefined;
  history: (id: string) => readonly HistoryPoint[];
  staleness: Staleness;
}): JSX.Element {
  // The live store commits at most once per animation frame, so a plain memo redraws a sparkline at
  // most once per frame too, in the same frame as the card's numbers (and only when its points moved).
  const trend = createMemo(() => props.history(props.id).map((p) => p.activeCalls), [], {
    equals: sameItems,
  });
  return (
    <Show when={props.campaign(props.id)}>
      {(c) => <CampaignCard campaign={c()} trend={trend()} staleness={props.staleness} />}
    </Show>
  );
}

/**
 * The campaign cards, keyed by id: a card is created when its campaign appears and then only
 * updated in place, whatever the live core does to the array around it.
 */
export function CampaignList(props: {
  campaigns: () => readonly CampaignView[];
  campaign: (id: string) => CampaignView | undefined;
  history: (id: string) => readonly HistoryPoint[];
  staleness: Staleness;
}): JSX.Element {
  const ids = createMemo(() => props.campaigns().map((c) => c.campaignId), [], { equals: sameItems });
  return (
    <Show when={ids().length > 0} fallback={<p class="empty">No campaigns yet.</p>}>
      <ul class="campaign-list">
        <For each={ids()}>
          {(id) => (
            <li>
              <CardSlot
                id={id}
                campaign={props.campaign}
                history={props.history}
                staleness={props.staleness}
              />
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
