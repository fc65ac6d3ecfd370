import { useParams } from '@solidjs/router';
import { type JSX, Match, Show, Switch } from 'solid-js';
import * as v from 'valibot';
import { CampaignIdSchema } from '../../../bridge/protocol/index.ts';
import { useNow } from '../clock.ts';
import { AnalyticsPanels } from '../components/AnalyticsPanels.tsx';
import { CampaignRates } from '../components/CampaignRates.tsx';
import { ComplianceBadge } from '../components/ComplianceBadge.tsx';
import { ConnectionStatus } from '../components/ConnectionStatus.tsx';
import { KpiTiles } from '../components/KpiTiles.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { SystemHealthPanel } from '../components/SystemHealthPanel.tsx';
import { createStaleness } from '../freshness.ts';
import { createRealTimeMetrics } from '../live/createRealTimeMetrics.ts';
import { Staged } from '../Staged.tsx';

function CampaignDetail(props: { campaignId: string }): JSX.Element {
  // the id is fixed for this component's life: the page re-creates it when the route param changes
  const rt = createRealTimeMetrics({ campaignId: props.campaignId });
  const now = useNow();
  const staleness = createStaleness(rt.lastUpdate, now);
  const campaign = () => rt.campaign(props.campaignId);
  return (
    <main class="page page-campaign">
      <nav class="breadcrumb">
        <a href="/analytics/realtime">← All campaigns</a>
      </nav>
      <header class="page-header">
        <h1>{campaign()?.name ?? props.campaignId}</h1>
        <Show when={campaign()}>{(c) => <StatusBadge status={c().status} />}</Show>
        <ConnectionStatus channel={rt.transport()} lastUpdate={rt.lastUpdate()} now={now()} />
      </header>
      <Switch>
        <Match when={campaign()}>
          {(c) => (
            <>
              <KpiTiles metrics={rt.aggregateMetrics()} staleness={staleness()} />
              {/* the tiles first, then each section in a later startup slice, in page order: a
                  section appears below those already there, so nothing on screen moves */}
              <Staged>
                <section class="panel panel-compliance" aria-labelledby="compliance-title">
                  <h2 id="compliance-title">Rates and compliance</h2>
                  <CampaignRates campaign={c()} />
                  <ComplianceBadge abandoned={c().outcomes.abandoned} humanAnswered={c().humanAnswered} />
                </section>
              </Staged>
              <Staged>
                <AnalyticsPanels history={rt.history} outcomes={() => c().outcomes} scope={c().name} />
              </Staged>
              <Staged>
                <SystemHealthPanel health={rt.systemHealth()} staleness={staleness()} />
              </Staged>
            </>
          )}
        </Match>
        <Match when={rt.lastUpdate() === null}>
          <p class="empty">Loading campaign…</p>
        </Match>
        <Match when={true}>
          <p class="empty">
            No campaign with id “{props.campaignId}”. <a href="/analytics/realtime">See all campaigns</a>
          </p>
        </Match>
      </Switch>
    </main>
  );
}

/** /analytics/campaigns/:campaignId — the overview's charts for one campaign. */
export function CampaignPage(): JSX.Element {
  const params = useParams<{ campaignId: string }>();
  const valid = () => v.is(CampaignIdSchema, params.campaignId);
  return (
    <Show
      when={valid() && params.campaignId}
      keyed
      fallback={
        <main class="page">
          <h1>Not a campaign id</h1>
          <p>
            “{params.campaignId}” is not a campaign id (1–64 letters, digits, “-” or “_”).{' '}
            <a href="/analytics/realtime">See all campaigns</a>
          </p>
        </main>
      }
    >
      {(id) => <CampaignDetail campaignId={id} />}
    </Show>
  );
}
