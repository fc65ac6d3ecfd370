import { createEffect, createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { createLiveWhenSeen, phaseOf } from '../createLiveWhenSeen.ts';
import { createOnScreen } from '../createOnScreen.ts';
import { DEFAULTS } from '../defaults.ts';
import type { Staleness } from '../freshness.ts';
import type { CampaignView, HistoryPoint } from '../live/types.ts';
import { stage } from '../stage.ts';
import { CampaignCard } from './CampaignCard.tsx';

const sameItems = <T,>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function CardSlot(props: {
  id: string;
  campaign: (id: string) => CampaignView | undefined;
  history: (id: string) => readonly HistoryPoint[];
  staleness: Staleness;
  onScreen: () => boolean;
}): JSX.Element {
  // The live store commits at most once per animation frame, so the sparkline redraws at most once
  // per frame too, in the same frame as the card's numbers, and only when its points moved. Off
  // screen the card holds a copy refreshed every few seconds instead, each card at its own moment of
  // the period (createLiveWhenSeen.ts).
  const offScreen = { refreshMs: DEFAULTS.offScreenRefreshMs, phase: phaseOf(props.id) };
  const trend = createLiveWhenSeen(
    () => props.history(props.id).map((p) => p.activeCalls),
    props.onScreen,
    offScreen,
  );
  const campaign = createLiveWhenSeen(() => props.campaign(props.id), props.onScreen, offScreen);
  return (
    <Show when={campaign()}>
      {(c) => <CampaignCard campaign={c()} trend={trend()} staleness={props.staleness} />}
    </Show>
  );
}

/**
 * The campaign cards, keyed by id: a card is created when its campaign appears and then only
 * updated in place, whatever the live core does to the array around it. New cards arrive a few per
 * task (stage.ts): the first snapshot brings every campaign at once, and creating them all in one
 * task would block a phone's main thread for hundreds of ms.
 */
export function CampaignList(props: {
  campaigns: () => readonly CampaignView[];
  campaign: (id: string) => CampaignView | undefined;
  history: (id: string) => readonly HistoryPoint[];
  staleness: Staleness;
}): JSX.Element {
  const all = createMemo(() => props.campaigns().map((c) => c.campaignId), [], { equals: sameItems });
  /** ids whose card may exist: grows a slice at a time; a card once shown stays */
  const [admitted, setAdmitted] = createSignal<ReadonlySet<string>>(new Set(), { equals: false });
  createEffect(() => {
    const waiting = all().filter((id) => !admitted().has(id));
    if (waiting.length === 0) return;
    onCleanup(
      stage(() =>
        setAdmitted((set) => {
          const next = new Set(all().filter((id) => set.has(id))); // forget campaigns that left
          for (const id of waiting.slice(0, DEFAULTS.cardsPerSlice)) next.add(id);
          return next;
        }),
      ),
    );
  });
  const ids = createMemo(() => all().filter((id) => admitted().has(id)), [], { equals: sameItems });
  return (
    <Show when={all().length > 0} fallback={<p class="empty">No campaigns yet.</p>}>
      <ul class="campaign-list">
        <For each={ids()}>
          {(id) => {
            const seen = createOnScreen();
            return (
              // data-far: beyond the on-screen margin the card keeps only its name, status,
              // figures and sparkline rendered (styles.css, "far cards")
              <li ref={seen.ref} data-far={seen.onScreen() ? undefined : ''}>
                <CardSlot
                  id={id}
                  campaign={props.campaign}
                  history={props.history}
                  staleness={props.staleness}
                  onScreen={seen.onScreen}
                />
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
