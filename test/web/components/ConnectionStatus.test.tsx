import { cleanup, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus, connectionText } from '../../../web/src/components/ConnectionStatus.tsx';
import type { ChannelName } from '../../../web/src/live/types.ts';

const T = 1_700_000_000_000;

afterEach(cleanup);

describe('ConnectionStatus', () => {
  it.each([
    ['websocket', 'WebSocket · updated 1 s ago'],
    ['sse', 'SSE · updated 1 s ago'],
    ['polling', 'Polling · updated 1 s ago'],
  ] as const)('names the %s channel and the age of the newest data', (channel, text) => {
    render(() => <ConnectionStatus channel={channel} lastUpdate={T} now={T + 1_400} />);
    expect(screen.getByRole('status').textContent).toContain(text);
  });

  it('says offline with the wall-clock time of the data it still shows', () => {
    render(() => <ConnectionStatus channel="offline" lastUpdate={T} now={T + 600_000} />);
    const hhmm = new Intl.DateTimeFormat('en-US', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(T);
    expect(screen.getByRole('status').textContent).toContain(`Offline · data from ${hhmm}`);
    expect(hhmm).toMatch(/^\d\d:\d\d$/);
  });

  it('says when no data has arrived yet', () => {
    expect(connectionText('sse', null, T)).toBe('SSE · no data yet');
    expect(connectionText('offline', null, T)).toBe('Offline · no data yet');
  });

  it('follows the channel and the clock as they change', () => {
    const [channel, setChannel] = createSignal<ChannelName>('websocket');
    const [now, setNow] = createSignal(T);
    render(() => <ConnectionStatus channel={channel()} lastUpdate={T} now={now()} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('WebSocket · updated just now');
    expect(status.getAttribute('data-state')).toBe('live');
    setNow(T + 65_000);
    expect(status.textContent).toContain('WebSocket · updated 1 min ago');
    expect(status.getAttribute('data-state')).toBe('stale');
    setChannel('polling');
    expect(status.textContent).toContain('Polling · updated 1 min ago');
  });
});
