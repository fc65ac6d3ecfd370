import type { RegisterSWOptions } from 'virtual:pwa-register/solid';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The service worker registration is the browser's; here it is a pair of signals the test flips.
const sw = vi.hoisted(() => ({
  needRefresh: (_v: boolean): void => {},
  updateServiceWorker: (_reload?: boolean): Promise<void> => Promise.resolve(),
  options: {} as RegisterSWOptions,
}));
vi.mock('virtual:pwa-register/solid', () => ({
  useRegisterSW(options: RegisterSWOptions) {
    const [needRefresh, setNeedRefresh] = createSignal(false);
    const [offlineReady, setOfflineReady] = createSignal(false);
    sw.needRefresh = setNeedRefresh;
    sw.options = options;
    return {
      needRefresh: [needRefresh, setNeedRefresh],
      offlineReady: [offlineReady, setOfflineReady],
      updateServiceWorker: (reload?: boolean) => sw.updateServiceWorker(reload),
    };
  },
}));

const { UpdatePrompt } = await import('../../../web/src/pwa/UpdatePrompt.tsx');

beforeEach(() => {
  vi.useFakeTimers();
  sw.updateServiceWorker = vi.fn(() => Promise.resolve());
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('update prompt', () => {
  it('shows nothing until a new version is waiting, then offers Reload', async () => {
    render(() => <UpdatePrompt wall={false} isQuiet={() => true} />);
    expect(screen.queryByTestId('update-prompt')).toBeNull();
    sw.needRefresh(true);
    expect(screen.getByTestId('update-prompt').textContent).toContain('A new version is available');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(sw.updateServiceWorker).toHaveBeenCalledWith(true);
  });

  it('never reloads a normal page by itself, however quiet', () => {
    render(() => <UpdatePrompt wall={false} isQuiet={() => true} />);
    sw.needRefresh(true);
    vi.advanceTimersByTime(10 * 60_000);
    expect(sw.updateServiceWorker).not.toHaveBeenCalled();
  });

  it('can be put off with Later on a normal page', () => {
    render(() => <UpdatePrompt wall={false} isQuiet={() => true} />);
    sw.needRefresh(true);
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-prompt')).toBeNull();
  });

  it('on a wall, applies the update by itself once the screen is quiet', () => {
    let quiet = false;
    render(() => <UpdatePrompt wall={true} isQuiet={() => quiet} />);
    sw.needRefresh(true);
    expect(screen.getByTestId('update-prompt').textContent).toContain('by itself');
    vi.advanceTimersByTime(5 * 60_000);
    expect(sw.updateServiceWorker).not.toHaveBeenCalled();
    quiet = true;
    vi.advanceTimersByTime(10_000);
    expect(sw.updateServiceWorker).toHaveBeenCalledTimes(1);
  });

  it('saves before the page reloads into the new version', async () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    const beforeReload = vi.fn(() => Promise.resolve());
    render(() => <UpdatePrompt wall={true} isQuiet={() => true} beforeReload={beforeReload} />);
    sw.options.onNeedReload?.();
    await vi.runAllTimersAsync();
    expect(beforeReload).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });

  it('checks for a new version periodically once registered', () => {
    render(() => <UpdatePrompt wall={false} isQuiet={() => true} />);
    const registration = { update: vi.fn(() => Promise.resolve()), installing: null };
    sw.options.onRegisteredSW?.('/sw.js', registration as unknown as ServiceWorkerRegistration);
    vi.advanceTimersByTime(60 * 60_000);
    expect(registration.update).toHaveBeenCalledTimes(2);
  });
});
