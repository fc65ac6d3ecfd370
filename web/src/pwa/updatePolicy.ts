// When a new version may replace the running one. A person is asked (the prompt); an unattended wall
// applies it by itself at a quiet moment, so it never runs stale code for long but never reloads
// under someone's finger nor right after the rotation put up a new page.
import { DEFAULTS } from './defaults.ts';
import type { RotationClock } from './rotation.ts';

export interface QuietInput {
  now: number;
  /** ms since epoch of the last pointer/keyboard input (-Infinity when none) */
  lastInputAt: number;
  /** null when the rotation is off */
  rotation: RotationClock | null;
}

export function isQuietMoment(
  input: QuietInput,
  tun: { quietMs: number; rotationGuardMs: number } = DEFAULTS,
): boolean {
  if (input.now - input.lastInputAt < tun.quietMs) return false;
  const r = input.rotation;
  if (!r) return true;
  return input.now - r.lastStepAt >= tun.rotationGuardMs && r.nextStepAt - input.now >= tun.rotationGuardMs;
}

export interface AutoApplyOptions {
  isQuiet: () => boolean;
  apply: () => void | Promise<void>;
  pollMs?: number;
}

/** Polls for a quiet moment, then applies the waiting update once. `stop` when it is no longer wanted. */
export function makeAutoApply(options: AutoApplyOptions): { stop(): void; applied(): boolean } {
  let applied = false;
  const timer = setInterval(() => {
    if (applied || !options.isQuiet()) return;
    applied = true;
    clearInterval(timer);
    void options.apply();
  }, options.pollMs ?? DEFAULTS.autoUpdatePollMs);
  return { stop: () => clearInterval(timer), applied: () => applied };
}

/** Asks the server for a new service worker now and then: an app left open for days would otherwise never look. */
export function makeUpdateCheck(
  registration: Pick<ServiceWorkerRegistration, 'update' | 'installing'>,
  options: { intervalMs?: number; online?: () => boolean } = {},
): { stop(): void } {
  const online = options.online ?? (() => navigator.onLine);
  const timer = setInterval(() => {
    if (registration.installing || !online()) return;
    registration.update().catch((err: unknown) => console.warn(`update check failed: ${String(err)}`));
  }, options.intervalMs ?? DEFAULTS.updateCheckMs);
  return { stop: () => clearInterval(timer) };
}

/** Time of the last pointer or keyboard input on `target`. */
export function trackInput(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  now: () => number = Date.now,
): { lastInputAt(): number; dispose(): void } {
  let last = Number.NEGATIVE_INFINITY;
  const onInput = () => {
    last = now();
  };
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  for (const e of events) target.addEventListener(e, onInput, { passive: true, capture: true });
  return {
    lastInputAt: () => last,
    dispose: () => {
      for (const e of events) target.removeEventListener(e, onInput, { capture: true });
    },
  };
}
