// The app's outer shell: settings from the URL, theme and mode on <html>, the saved snapshot,
// "Offline since", the update prompt and, on a wall, wake lock, rotation and fullscreen.
// App renders it inside the Router root: <PwaShell>{routes}</PwaShell>.
import { useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { createRealTimeMetrics, liveClient } from '../live/index.ts';
import { Staged } from '../Staged.tsx';
import { DEFAULTS } from './defaults.ts';
import { createFullscreen } from './fullscreen.ts';
import { OfflineMark } from './OfflineMark.tsx';
import { offlineSince } from './offline.ts';
import { idbSnapshotStore, makePersistence } from './persist.ts';
import { makeRotation, type RotationClock, rotationStops, stopIndex } from './rotation.ts';
import { loadSettings, resolveTheme, type SettingsStorage } from './settings.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { isQuietMoment, trackInput } from './updatePolicy.ts';
import { WallToolbar } from './WallToolbar.tsx';
import { createWakeLock } from './wakeLock.ts';
import './pwa.css';
import './wall.css';

function localStorageOrNull(): SettingsStorage | null {
  try {
    return window.localStorage; // throws where storage is disabled
  } catch {
    return null;
  }
}

function listen(target: EventTarget, type: string, handler: () => void): void {
  target.addEventListener(type, handler);
  onCleanup(() => target.removeEventListener(type, handler));
}

function createMediaQuery(query: string): () => boolean {
  const mql = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  const [matches, setMatches] = createSignal(mql?.matches ?? false);
  if (mql) listen(mql, 'change', () => setMatches(mql.matches));
  return matches;
}

function setThemeColor(color: string): void {
  let meta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (!meta) {
    meta = document.createElement('meta');
    meta.name = 'theme-color';
    document.head.append(meta);
  }
  meta.content = color;
}

export function PwaShell(props: { children: JSX.Element }): JSX.Element {
  const settings = loadSettings(window.location.search, localStorageOrNull());
  const wall = settings.mode === 'wall';
  const root = document.documentElement;
  const live = createRealTimeMetrics();
  const location = useLocation();
  const navigate = useNavigate();

  // ── theme and mode: the views style themselves from these two attributes
  const prefersDark = createMediaQuery('(prefers-color-scheme: dark)');
  const theme = createMemo(() => resolveTheme(settings.theme, prefersDark()));
  root.dataset.mode = settings.mode;
  createEffect(() => {
    root.dataset.theme = theme();
    setThemeColor(DEFAULTS.themeColors[theme()]);
  });

  // ── the last snapshot on the device: shown at once (even offline), saved while live
  const persistence =
    typeof indexedDB === 'undefined'
      ? null
      : makePersistence({
          store: idbSnapshotStore(indexedDB),
          client: liveClient(),
          firstSaveAfterMs: DEFAULTS.persistFirstSaveAfterMs,
        });
  void persistence?.start();
  onCleanup(() => persistence?.dispose());
  const saveNow = () => persistence?.flush() ?? Promise.resolve();

  // ── online/offline and visibility. Catching up is the live client's: it reconnects at once on
  // `online`, `visibilitychange` to visible and `pageshow`, and gets a fresh snapshot.
  const [browserOfflineSince, setBrowserOfflineSince] = createSignal<number | null>(
    navigator.onLine ? null : Date.now(),
  );
  listen(window, 'online', () => setBrowserOfflineSince(null));
  listen(window, 'offline', () => setBrowserOfflineSince(Date.now()));
  root.dataset.visibility = document.visibilityState;
  listen(document, 'visibilitychange', () => {
    root.dataset.visibility = document.visibilityState; // pauses the shell's animations while hidden
    if (document.visibilityState === 'hidden') void saveNow(); // a hidden page may be killed without another event
  });
  listen(window, 'pagehide', () => void saveNow());

  const since = createMemo(() =>
    offlineSince({
      clientOfflineSince: live.offlineSince(),
      browserOfflineSince: browserOfflineSince(),
      lastUpdate: live.lastUpdate(),
    }),
  );
  createEffect(() => {
    if (since() === null) delete root.dataset.offline;
    else root.dataset.offline = 'true';
  });

  // ── wall: rotation, wake lock, fullscreen
  const input = trackInput(window);
  onCleanup(() => input.dispose());
  const stops = createMemo(() =>
    rotationStops(
      settings.campaigns,
      live.campaignMetrics().map((c) => c.campaignId),
    ),
  );
  const [clock, setClock] = createSignal<RotationClock | null>(null);
  const rotation =
    wall && settings.rotateSeconds > 0
      ? makeRotation({
          intervalMs: settings.rotateSeconds * 1000,
          stops,
          currentPath: () => location.pathname,
          navigate: (path) => navigate(path),
          lastInputAt: input.lastInputAt,
          onClock: setClock,
        })
      : null;
  rotation?.start();
  onCleanup(() => rotation?.stop());

  const wakeLock = wall ? createWakeLock({ wakeLock: navigator.wakeLock, document }) : null;
  void wakeLock?.acquire();
  const fullscreen = wall ? createFullscreen() : null;

  return (
    <>
      <OfflineMark since={since} />
      {props.children}
      <Show when={wall && wakeLock}>
        {(lock) => (
          <WallToolbar
            wakeLock={lock().state}
            fullscreen={fullscreen}
            rotation={
              rotation && {
                position: () => stopIndex(stops(), location.pathname) + 1,
                total: () => stops().length,
                seconds: settings.rotateSeconds,
                clock,
                toggle: () => (rotation.running() ? rotation.stop() : rotation.start()),
              }
            }
          />
        )}
      </Show>
      {/* after the page's own slices: registering loads and runs workbox-window, nothing a first
          paint needs (and the worker's precache download competes with the page's data) */}
      <Staged>
        <UpdatePrompt
          wall={wall}
          isQuiet={() =>
            isQuietMoment({ now: Date.now(), lastInputAt: input.lastInputAt(), rotation: clock() })
          }
          beforeReload={saveNow}
        />
      </Staged>
    </>
  );
}
