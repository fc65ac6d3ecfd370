// The wall's small toolbar: is the screen kept awake, where is the rotation, fullscreen, and a way
// back to the normal mode. Words beside every icon: a state must not be told by colour alone.
import { type JSX, Show } from 'solid-js';
import type { RotationClock } from './rotation.ts';
import type { WakeLockState } from './wakeLock.ts';

const WAKE_LOCK_TEXT: Record<WakeLockState, string> = {
  active: 'Screen stays on',
  released: 'Screen may sleep',
  denied: 'Screen may sleep (wake lock refused)',
  unsupported: 'Screen may sleep (no wake lock here)',
};

export interface WallToolbarProps {
  wakeLock: () => WakeLockState;
  fullscreen: { supported: boolean; active: () => boolean; toggle: () => void } | null;
  /** null when rotation is off */
  rotation: {
    position: () => number;
    total: () => number;
    seconds: number;
    clock: () => RotationClock | null;
    toggle: () => void;
  } | null;
}

export function WallToolbar(props: WallToolbarProps): JSX.Element {
  return (
    <nav class="pwa-toolbar" aria-label="Wall controls" data-testid="wall-toolbar">
      <span class="pwa-chip" data-state={props.wakeLock()} data-testid="wake-lock-state">
        <span aria-hidden="true">{props.wakeLock() === 'active' ? '☀' : '☾'}</span>{' '}
        {WAKE_LOCK_TEXT[props.wakeLock()]}
      </span>
      <Show when={props.rotation}>
        {(r) => (
          <span class="pwa-chip pwa-rotation" data-testid="rotation-indicator">
            <span>
              {r().clock() ? 'Rotating' : 'Paused'}{' '}
              {r().position() > 0 ? `${r().position()} / ${r().total()}` : `– / ${r().total()}`}
              {` · every ${r().seconds} s`}
            </span>
            <Show when={r().clock()} keyed>
              {(c) => (
                <span
                  class="pwa-rotation__bar"
                  aria-hidden="true"
                  style={{ 'animation-duration': `${Math.max(0, c.nextStepAt - Date.now())}ms` }}
                />
              )}
            </Show>
            <button type="button" class="pwa-button pwa-button--quiet" onClick={() => r().toggle()}>
              {r().clock() ? 'Pause' : 'Resume'}
            </button>
          </span>
        )}
      </Show>
      <div class="pwa-toolbar__controls">
        <Show when={props.fullscreen?.supported ? props.fullscreen : null}>
          {(f) => (
            <button type="button" class="pwa-button" onClick={() => f().toggle()} aria-pressed={f().active()}>
              {f().active() ? 'Exit fullscreen' : 'Fullscreen'}
            </button>
          )}
        </Show>
        {/* rel=external: a full page load, so the shell starts again and reads the new settings */}
        <a class="pwa-button pwa-button--quiet" href="/analytics/realtime?mode=normal" rel="external">
          Leave wall mode
        </a>
      </div>
    </nav>
  );
}
