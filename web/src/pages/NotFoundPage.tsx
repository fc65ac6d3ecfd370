import { useLocation } from '@solidjs/router';
import type { JSX } from 'solid-js';

export function NotFoundPage(): JSX.Element {
  const location = useLocation();
  return (
    <main class="page page-not-found">
      <h1>Page not found</h1>
      <p>
        Nothing lives at <code>{location.pathname}</code>. <a href="/analytics/realtime">See all campaigns</a>
      </p>
    </main>
  );
}
