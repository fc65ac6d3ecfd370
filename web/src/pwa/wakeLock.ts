// Screen Wake Lock for the wall: keeps an unattended screen on. The browser drops the lock whenever
// the page is hidden (tab switch, screen off, app in background), so it is asked for again each
// time the page becomes visible; its state is shown so a sleeping wall is never a surprise.
import { createSignal, onCleanup } from 'solid-js';

export type WakeLockState = 'active' | 'released' | 'unsupported' | 'denied';

/** The parts of the Screen Wake Lock API used here (a fake in tests). */
export interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}
export interface WakeLockApi {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}
export type VisibilitySource = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

export interface WakeLockOptions {
  /** `navigator.wakeLock`; undefined where the browser has none */
  wakeLock: WakeLockApi | undefined;
  document: VisibilitySource;
  onChange?: (state: WakeLockState) => void;
}

export interface WakeLock {
  /** Keep the screen on from now on (while visible), until `release`. */
  acquire(): Promise<WakeLockState>;
  release(): Promise<void>;
  state(): WakeLockState;
  dispose(): void;
}

export function makeWakeLock(options: WakeLockOptions): WakeLock {
  const { wakeLock, document } = options;
  let state: WakeLockState = wakeLock ? 'released' : 'unsupported';
  let wanted = false;
  let sentinel: WakeLockSentinelLike | null = null;
  let pending: Promise<WakeLockState> | null = null;

  function set(next: WakeLockState): WakeLockState {
    if (next !== state) {
      state = next;
      options.onChange?.(state);
    }
    return state;
  }

  async function request(): Promise<WakeLockState> {
    if (!wakeLock) return state;
    // a hidden page is refused anyway; the visibility listener asks again when it is shown
    if (document.visibilityState !== 'visible') return state;
    try {
      const s = await wakeLock.request('screen');
      if (!wanted) {
        await s.release();
        return set('released');
      }
      sentinel = s;
      s.addEventListener('release', () => {
        if (sentinel === s) sentinel = null;
        set('released');
      });
      return set(s.released ? 'released' : 'active');
    } catch {
      // NotAllowedError: battery saver, permissions policy, or no longer visible
      return set('denied');
    }
  }

  function ensure(): Promise<WakeLockState> {
    if (sentinel && !sentinel.released) return Promise.resolve(state);
    pending ??= request().finally(() => {
      pending = null;
    });
    return pending;
  }

  function onVisibility(): void {
    if (wanted && document.visibilityState === 'visible') void ensure();
  }
  document.addEventListener('visibilitychange', onVisibility);

  return {
    acquire() {
      wanted = true;
      return ensure();
    },
    async release() {
      wanted = false;
      const s = sentinel;
      sentinel = null;
      if (s && !s.released) await s.release();
      if (state !== 'unsupported') set('released');
    },
    state: () => state,
    dispose() {
      document.removeEventListener('visibilitychange', onVisibility);
      wanted = false;
      const s = sentinel;
      sentinel = null;
      if (s && !s.released) void s.release().catch(() => {});
    },
  };
}

/** Solid wrapper: the lock's state as a signal, released with the owner. */
export function createWakeLock(options: Omit<WakeLockOptions, 'onChange'>): {
  state: () => WakeLockState;
  acquire: () => Promise<WakeLockState>;
  release: () => Promise<void>;
} {
  const lock = makeWakeLock({ ...options, onChange: (s) => setState(s) });
  const [state, setState] = createSignal<WakeLockState>(lock.state());
  onCleanup(() => lock.dispose());
  return { state, acquire: lock.acquire, release: lock.release };
}
