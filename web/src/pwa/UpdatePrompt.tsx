// "A new version is available — Reload". A person decides; a wall applies the update by itself at a
// quiet moment (see updatePolicy.ts). The app also asks for a new version every half hour, since
// a wall never navigates and would otherwise only look when reloaded.

import { useRegisterSW } from 'virtual:pwa-register/solid';
import { createEffect, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { makeAutoApply, makeUpdateCheck } from './updatePolicy.ts';

export interface UpdatePromptProps {
  wall: boolean;
  /** a quiet moment: nobody touching the screen, no rotation step about to happen */
  isQuiet: () => boolean;
  /** runs before the page reloads into the new version (e.g. save the snapshot) */
  beforeReload?: () => Promise<void>;
}

export function UpdatePrompt(props: UpdatePromptProps): JSX.Element {
  let check: { stop(): void } | undefined;
  let disposed = false;
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // registration settles later and may outlive the component: no timer for an unmounted prompt
      if (registration && !disposed) check = makeUpdateCheck(registration);
    },
    onRegisterError(err: unknown) {
      console.warn(`service worker not registered: ${String(err)}`);
    },
    onNeedReload() {
      // the new service worker controls the page now: save what is on screen, then load the new code
      const before = props.beforeReload?.() ?? Promise.resolve();
      void before.catch(() => {}).finally(() => window.location.reload());
    },
  });
  onCleanup(() => {
    disposed = true;
    check?.stop();
  });

  const [applying, setApplying] = createSignal(false);
  const apply = async () => {
    setApplying(true);
    await updateServiceWorker(true);
  };

  createEffect(() => {
    if (!props.wall || !needRefresh()) return;
    const auto = makeAutoApply({ isQuiet: props.isQuiet, apply });
    onCleanup(() => auto.stop());
  });

  // "ready to work offline" matters once; let it go by itself (a wall has nobody to close it)
  createEffect(() => {
    if (!offlineReady()) return;
    const t = setTimeout(() => setOfflineReady(false), 8_000);
    onCleanup(() => clearTimeout(t));
  });

  return (
    <>
      <Show when={needRefresh()}>
        <div class="pwa-toast pwa-update" role="alert" data-testid="update-prompt">
          <span>
            A new version is available
            {props.wall ? ' — it loads by itself when the screen is quiet' : ''}
          </span>
          <button type="button" class="pwa-button" onClick={apply} disabled={applying()}>
            {applying() ? 'Reloading…' : 'Reload'}
          </button>
          <Show when={!props.wall}>
            <button type="button" class="pwa-button pwa-button--quiet" onClick={() => setNeedRefresh(false)}>
              Later
            </button>
          </Show>
        </div>
      </Show>
      <Show when={offlineReady() && !needRefresh()}>
        <div class="pwa-toast" role="status" data-testid="offline-ready">
          <span>Ready to work offline</span>
          <button type="button" class="pwa-button pwa-button--quiet" onClick={() => setOfflineReady(false)}>
            OK
          </button>
        </div>
      </Show>
    </>
  );
}
