import { For, type JSX, Suspense } from 'solid-js';
import { formatCount, formatRate } from '../format.ts';
import type { Staleness } from '../freshness.ts';
import { Sparkline } from '../lazyCharts.ts';
import type { CampaignView } from '../live/types.ts';
import { OUTCOME_LIST } from '../outcomes.ts';
import { CampaignRates } from './CampaignRates.tsx';
import { ComplianceBadge } from './ComplianceBadge.tsx';
import { LiveText } from './LiveText.tsx';
import { StaleMarker } from './StaleMarker.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export const campaignHref = (campaignId: string): string =>
  `/analytics/campaigns/${encodeURIComponent(campaignId)}`;

/**
 * One campaign at a glance; its name links to the campaign's page. Every value is read where it
 * is shown, so a metrics update for this campaign rewrites only the text nodes that changed.
 */
export function CampaignCard(props: {
  campaign: CampaignView;
  /** active calls over time, for the sparkline */
  trend: readonly number[];
  staleness: Staleness;
}): JSX.Element {
  const c = () => props.campaign;
  return (
    <article
      class="campaign-card"
      aria-labelledby={`card-${c().campaignId}`}
      data-fresh={props.staleness.state}
    >
      <header class="card-header">
        <h3 id={`card-${c().campaignId}`}>
          <a href={campaignHref(c().campaignId)}>{c().name}</a>
        </h3>
        <StatusBadge status={c().status} />
      </header>
      <div class="card-activity">
        <dl class="card-figures">
          <div>
            <dt>Active</dt>
            <dd>
              <LiveText text={formatCount(c().activeCalls)} reserve="999" />
            </dd>
          </div>
          <div>
            <dt>Queue</dt>
            <dd>
              <LiveText text={formatCount(c().queueDepth)} reserve="9,999" />
            </dd>
          </div>
          <div>
            <dt>Dialing</dt>
            <dd>
              <LiveText text={formatRate(c().dialingRate)} reserve="99.9/s" />
            </dd>
          </div>
        </dl>
        {/* a block between the flex row and the SVG: an SVG that is not a flex item is its own
            layout root, so a new point redraws the line without re-laying out the page */}
        <div class="sparkline-slot">
          <Suspense fallback={<span class="sparkline-placeholder" />}>
            <Sparkline values={props.trend} label="Active calls" />
          </Suspense>
        </div>
      </div>
      <CampaignRates campaign={c()} />
      <ComplianceBadge abandoned={c().outcomes.abandoned} humanAnswered={c().humanAnswered} />
      <section class="card-outcomes" aria-label={`Outcomes, ${formatCount(c().completed)} completed`}>
        <dl>
          <For each={OUTCOME_LIST}>
            {(o) => (
              <div data-outcome={o.key}>
                <dt>
                  <span class={`swatch outcome-${o.key}`} data-pattern={o.pattern} aria-hidden="true" />
                  {o.label}
                </dt>
                <dd>
                  <LiveText text={formatCount(c().outcomes[o.key])} reserve="9,999" />
                </dd>
              </div>
            )}
          </For>
        </dl>
      </section>
      <StaleMarker staleness={props.staleness} />
    </article>
  );
}
