import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { CampaignPage } from './pages/CampaignPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { PwaShell } from './pwa/PwaShell.tsx';

const HOME = '/analytics/realtime';

function Layout(props: RouteSectionProps): JSX.Element {
  return <PwaShell>{props.children}</PwaShell>;
}

// the query (?mode=wall&theme=dark…) is kiosk set-up from a URL: keep it across the redirect
const toHome = () => <Navigate href={({ location }) => `${HOME}${location.search}`} />;

export function App(): JSX.Element {
  return (
    <Router root={Layout}>
      <Route path="/" component={toHome} />
      <Route path={HOME} component={OverviewPage} />
      <Route path="/analytics/campaigns/:campaignId" component={CampaignPage} />
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
