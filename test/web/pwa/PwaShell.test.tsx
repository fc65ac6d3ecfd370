import { createMemoryHistory, MemoryRouter, Route, useLocation } from '@solidjs/router';
import { cleanup, render, screen } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveState } from '../../../web/src/live/types.ts';
import { DEFAULTS } from '../../../web/src/pwa/defaults.ts';
import { idbSnapshotStore, type SavedSnapshot, toRecord } from '../../../web/src/pwa/persist.ts';
import { fakeIndexedDB } from './fakeIndexedDB.ts';

// The live core stands in as signals the test sets; the shell only reads it.
const live = vi.hoisted(() => ({
  ids: (): string[] => [],
  setIds: (_ids: string[]): void => {},
  offlineSince: (): number | null => null,
  setOfflineSince: (_t: number | null): void => {},
  lastUpdate: (): number | null => null,
  hydrated: [] as { state: unknown; savedAt: number }[],
}));
vi.mock('../../../web/src/live/index.ts', async () => {
  const { createSignal } = await import('solid-js');
  const [ids, setIds] = createSignal<string[]>([]);
  const [offlineSince, setOfflineSince] = createSignal<number | null>(null);
  Object.assign(live, { ids, setIds, offlineSince, setOfflineSince });
  const state = {
    campaigns: {},
    systemHealth: null,
    history: [],
    campaignHistory: {},
    seq: -1,
    lastUpdate: null,
  };
  return {
    createRealTimeMetrics: () => ({
      campaignMetrics: () => live.ids().map((campaignId) => ({ campaignId })),
      offlineSince: () => live.offlineSince(),
      lastUpdate: () => live.lastUpdate(),
      isConnected: () => live.offlineSince() === null,
    }),
    liveClient: () => ({
      state,
      hydrate: (saved: { state: unknown; savedAt: number }) => {
        live.hydrated.push(saved);
        return true;
      },
      onStateChange: () => () => {},
    }),
  };
});
vi.mock('virtual:pwa-register/solid', async () => {
  const { createSignal } = await import('solid-js');
  return {
    useRegisterSW: () => ({
      needRefresh: createSignal(false),
      offlineReady: createSignal(false),
      updateServiceWorker: async () => {},
    }),
  };
});

const { PwaShell } = await import('../../../web/src/pwa/PwaShell.tsx');

function Where(): JSX.Element {
  const location = useLocation();
  return <output data-testid="path">{location.pathname}</output>;
}

function mount(url: string) {
  window.history.replaceState(null, '', url);
  const history = createMemoryHistory();
  history.set({ value: url.split('?')[0] ?? '/', replace: true, scroll: false });
  return render(() => (
    <MemoryRouter history={history} root={(p) => <PwaShell>{p.children}</PwaShell>}>
      <Route path="*" component={Where} />
    </MemoryRouter>
  ));
}

let online = true;
beforeEach(() => {
  localStorage.clear();
  online = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {}); // the router scrolls to the top on navigation
  live.setIds([]);
  live.setOfflineSince(null);
  live.hydrated.length = 0;
  vi.stubGlobal('indexedDB', fakeIndexedDB().factory);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const key of Object.keys(document.documentElement.dataset))
    delete document.documentElement.dataset[key];
});

describe('PWA shell', () => {
  it('turns a wall link into wall mode and a dark theme on <html>, with the wall toolbar, and remembers it', () => {
    mount('/analytics/realtime?mode=wall&campaigns=a,b&rotate=30');
    expect(document.documentElement.dataset.mode).toBe('wall');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.getByTestId('wall-toolbar')).toBeTruthy();
    // jsdom has no wake lock: the toolbar says so instead of pretending
    expect(screen.getByTestId('wake-lock-state').textContent).toContain('Screen may sleep');
    expect(screen.getByTestId('rotation-indicator').textContent).toContain('every 30 s');
    expect(JSON.parse(localStorage.getItem(DEFAULTS.settingsKey) ?? '{}')).toMatchObject({ mode: 'wall' });
  });

  it('follows the system theme on a normal page and shows no wall toolbar', () => {
    const listeners: (() => void)[] = [];
    let dark = true;
    vi.stubGlobal('matchMedia', (query: string) => ({
      get matches() {
        return query.includes('dark') && dark;
      },
      addEventListener: (_: string, cb: () => void) => listeners.push(cb),
      removeEventListener: () => {},
    }));
    mount('/analytics/realtime');
    expect(document.documentElement.dataset.mode).toBe('normal');
    expect(document.documentElement.dataset.theme).toBe('dark');
    dark = false;
    for (const cb of listeners) cb();
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(screen.queryByTestId('wall-toolbar')).toBeNull();
    expect(document.querySelector('meta[name="theme-color"]')?.getAttribute('content')).toBe(
      DEFAULTS.themeColors.light,
    );
  });

  it('rotates a wall through the chosen campaigns', async () => {
    vi.useFakeTimers();
    mount('/analytics/realtime?mode=wall&campaigns=a,b&rotate=10');
    expect(screen.getByTestId('path').textContent).toBe('/analytics/realtime');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByTestId('path').textContent).toBe('/analytics/campaigns/a');
    expect(screen.getByTestId('rotation-indicator').textContent).toContain('1 / 2');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByTestId('path').textContent).toBe('/analytics/campaigns/b');
  });

  it('rotates through every known campaign after the overview when none were chosen', async () => {
    vi.useFakeTimers();
    live.setIds(['x', 'y']);
    mount('/analytics/realtime?mode=wall&rotate=10');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByTestId('path').textContent).toBe('/analytics/campaigns/x');
    live.setIds(['x', 'y', 'z']); // a new campaign joins the rotation by itself
    await vi.advanceTimersByTimeAsync(20_000);
    expect(screen.getByTestId('path').textContent).toBe('/analytics/campaigns/z');
  });

  it('marks the page offline when the browser goes offline, and clears the mark when it is back', () => {
    mount('/analytics/realtime');
    expect(screen.queryByTestId('offline-mark')).toBeNull();
    online = false;
    window.dispatchEvent(new Event('offline'));
    expect(screen.getByTestId('offline-mark').textContent).toMatch(/^Offline since \d\d:\d\d/);
    expect(document.documentElement.dataset.offline).toBe('true');
    online = true;
    window.dispatchEvent(new Event('online'));
    expect(screen.queryByTestId('offline-mark')).toBeNull();
  });

  it('marks the page offline when the live link is down though the browser is online', () => {
    mount('/analytics/realtime');
    live.setOfflineSince(new Date(2026, 10, 27, 14, 2).getTime());
    expect(screen.getByTestId('offline-mark').textContent).toContain('14:02');
  });

  it('gives the live client the snapshot saved on the device', async () => {
    const idb = fakeIndexedDB();
    const state: LiveState = {
      campaigns: {},
      systemHealth: null,
      history: [{ t: 1, activeCalls: 3, queueDepth: 4, dialingRate: 0.5 }],
      campaignHistory: {},
      seq: 7,
      lastUpdate: 1_000,
    };
    await idbSnapshotStore(idb.factory).write(toRecord(state, 2_000));
    vi.stubGlobal('indexedDB', idb.factory);
    mount('/analytics/realtime');
    await vi.waitFor(() => expect(live.hydrated).toHaveLength(1));
    expect((live.hydrated[0] as SavedSnapshot).state.history).toEqual(state.history);
    expect(live.hydrated[0]?.savedAt).toBe(2_000);
  });
});
