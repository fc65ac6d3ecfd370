import { type JSX, Show } from 'solid-js';
import { completedOf, humanAnsweredOf } from '../../../bridge/protocol/index.ts';
import { useNow } from '../clock.ts';
import { AnalyticsPanels } from '../components/AnalyticsPanels.tsx';
import { CampaignList } from '../components/CampaignList.tsx';
import { ConnectionStatus } from '../components/ConnectionStatus.tsx';
import { KpiTiles } from '../components/KpiTiles.tsx';
import { SystemHealthPanel } from '../components/SystemHealthPanel.tsx';
import { formatCount } from '../format.ts';
import { createStaleness } from '../freshness.ts';
import { createRealTimeMetrics } from '../live/createRealTimeMetrics.ts';
import { createCardsInView } from '../pwa/createCardsInView.ts';

/** /analytics/realtime: every campaign, live. */
export function OverviewPage(): JSX.Element {
  const rt = createRealTimeMetrics();
  const now = useNow();
  const staleness = createStaleness(rt.lastUpdate, now);
  const outcomes = () => rt.aggregateMetrics().outcomes;
  // a wall shows the cards that fit one screen (wall.css) and says how many it leaves out; the
  // shell sets the mode on <html> before any page renders
  const wall = document.documentElement.dataset.mode === 'wall';
  const inView = wall ? createCardsInView() : null;
  const more = () => (inView ? rt.campaignMetrics().length - inView.visible() : 0);
  return (
    <main class="page page-overview">
      <header class="page-header">
        <h1>Campaigns · realtime</h1>
        <ConnectionStatus channel={rt.transport()} lastUpdate={rt.lastUpdate()} now={now()} />
      </header>
      <KpiTiles metrics={rt.aggregateMetrics()} staleness={staleness()} />
      <AnalyticsPanels history={rt.history} outcomes={outcomes} scope="all campaigns" />
      <SystemHealthPanel
        health={rt.systemHealth()}
        answers={{ humanAnswered: humanAnsweredOf(outcomes()), completed: completedOf(outcomes()) }}
        staleness={staleness()}
      />
      <section class="campaigns" aria-labelledby="campaigns-title" ref={(el) => inView?.ref(el)}>
        <h2 id="campaigns-title">
          Campaigns <span class="count">({formatCount(rt.campaignMetrics().length)})</span>
        </h2>
        <CampaignList
          campaigns={rt.campaignMetrics}
          campaign={rt.campaign}
          history={rt.campaignHistory}
          staleness={staleness()}
        />
        <Show when={more() > 0}>
          <p class="more-campaigns" data-testid="more-campaigns">
            +{formatCount(more())} more campaign{more() === 1 ? '' : 's'}
          </p>
        </Show>
      </section>
    </main>
  );
}
