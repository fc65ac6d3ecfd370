// The unmistakable "Offline since hh:mm" mark: an icon, words and a hatched band, so it reads
// without colour and from across a room. Shown whenever the data on screen is not live.
import { createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { offlineLabel } from './offline.ts';

export function OfflineMark(props: { since: () => number | null }): JSX.Element {
  // re-render each minute so the date appears when "since" falls on an earlier day
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));
  return (
    <Show when={props.since()}>
      {(since) => (
        <div class="pwa-offline" role="status" aria-live="polite" data-testid="offline-mark">
          <svg class="pwa-offline__icon" viewBox="0 0 24 24" width="1.2em" height="1.2em" aria-hidden="true">
            <path
              d="M3 3l18 18M8.5 8.6A5 5 0 0 0 6 18h11m3-2.5A4 4 0 0 0 16 10h-.3A6 6 0 0 0 9 6.2"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
            />
          </svg>
          <span>{offlineLabel(since(), now())}</span>
          <span class="pwa-offline__hint">
            — showing the last data received; it updates by itself when the connection is back
          </span>
        </div>
      )}
    </Show>
  );
}
