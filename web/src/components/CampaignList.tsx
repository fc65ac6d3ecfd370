import { createMemo, For, type JSX, Show } from 'solid-js';
import { createLiveWhenSeen, phaseOf } from '../createLiveWhenSeen.ts';
import { createOnScreen } from '../createOnScreen.ts';
import { DEFAULTS } from '../defaults.ts';
import type { Staleness } from '../freshness.ts';
import type { CampaignView, HistoryPoint } from '../live/types.ts';
import { Staged } from '../Staged.tsx';
import { CampaignCard } from './CampaignCard.tsx';

const placeholder = () => <div class="card-placeholder" />;

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
 * updated in place, whatever the live core does to the array around it.
 *
 * Every campaign's slot (its `li`) is created at once, holding a placeholder; the cards go into
 * their slots a few per task (Staged, stage.ts): the first snapshot brings every campaign at once,
 * and creating them all in one task would block a phone's main thread for hundreds of ms. The slot
 * is what the browser skips when off screen (content-visibility: auto, styles.css). A card waits
 * until its slot has been laid out and reported on (or off) screen, so a card built off screen goes
 * into a slot the browser already skips and costs next to no layout until it is scrolled near.
 * Built together with its skippable box, a far card still cost part of a layout: in one run of a test page, a
 * far box built with 400 paragraphs took 9 ms to lay out, 0.9 ms when the box had been there a frame
 * before (27.5 ms without content-visibility). The placeholder has a card's size, as a skipped slot
 * keeps the size it last rendered at. A tab opened hidden should build no cards until it is shown:
 * the observer reports in a rendering update, which a hidden tab does not get (as specified).
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
          {(id) => {
            const seen = createOnScreen();
            return (
              // data-far: beyond the on-screen margin the card keeps only its name, status,
              // figures and sparkline rendered (styles.css, "far cards")
              <li ref={seen.ref} data-far={seen.onScreen() ? undefined : ''}>
                <Show when={seen.measured()} fallback={placeholder()}>
                  <Staged fallback={placeholder()}>
                    <CardSlot
                      id={id}
                      campaign={props.campaign}
                      history={props.history}
                      staleness={props.staleness}
                      onScreen={seen.onScreen}
                    />
                  </Staged>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
