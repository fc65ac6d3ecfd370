import { createMemo, For, type JSX, Show } from 'solid-js';
import { createFrameSignal } from '../createFrameSignal.ts';
import type { Staleness } from '../freshness.ts';
import type { CampaignView, HistoryPoint } from '../live/types.ts';
import { CampaignCard } from './CampaignCard.tsx';

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

function CardSlot(props: {
  id: string;
  campaign: (id: string) => CampaignView | undefined;
  history: (id: string) => readonly HistoryPoint[];
  staleness: Staleness;
}): JSX.Element {
  const trend = createFrameSignal(() => props.history(props.id).map((p) => p.activeCalls));
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
  const ids = createMemo(() => props.campaigns().map((c) => c.campaignId), [], { equals: sameIds });
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
