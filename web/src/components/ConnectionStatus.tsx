import { createMemo, type JSX } from 'solid-js';
import { formatAge, formatClock } from '../format.ts';
import { freshnessOf } from '../freshness.ts';
import type { ChannelName } from '../live/types.ts';

export const CHANNEL_LABELS: Record<ChannelName, string> = {
  websocket: 'WebSocket',
  sse: 'SSE',
  polling: 'Polling',
  offline: 'Offline',
};

/** "WebSocket · updated 1 s ago", "Offline · data from 14:02", "Polling · no data yet". */
export function connectionText(channel: ChannelName, lastUpdate: number | null, now: number): string {
  const label = CHANNEL_LABELS[channel];
  if (lastUpdate === null) return `${label} · no data yet`;
  if (channel === 'offline') return `${label} · data from ${formatClock(lastUpdate)}`;
  return `${label} · updated ${formatAge(now - lastUpdate)}`;
}

/**
 * The connection indicator: which channel delivers data and how old the newest data is. The icon
 * and the words carry the state; the colour only repeats it.
 */
export function ConnectionStatus(props: {
  channel: ChannelName;
  lastUpdate: number | null;
  now: number;
}): JSX.Element {
  // a memo: lastUpdate moves with every applied batch, the state seldom, and each write of the
  // attribute (even the same value) costs the page a style pass
  const state = createMemo(() =>
    props.channel === 'offline'
      ? 'offline'
      : freshnessOf(props.lastUpdate, props.now) === 'fresh'
        ? 'live'
        : 'stale',
  );
  const icon = () => ({ live: '●', stale: '◐', offline: '○' })[state()];
  return (
    // The age changes every second; aria-atomic keeps a screen reader from reading fragments, and
    // the status role makes it announce channel changes politely, not interrupt.
    <p class="connection-status" role="status" aria-atomic="true" data-state={state()}>
      <span class="connection-icon" aria-hidden="true">
        {icon()}
      </span>{' '}
      {connectionText(props.channel, props.lastUpdate, props.now)}
    </p>
  );
}
