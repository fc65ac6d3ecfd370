// Fullscreen control for the wall toolbar. Entering fullscreen needs a user gesture, so it is a
// button, never automatic; an installed app in `display: standalone` already has no browser chrome.
import { createSignal, onCleanup } from 'solid-js';

export type FullscreenDocument = Pick<
  Document,
  | 'fullscreenEnabled'
  | 'fullscreenElement'
  | 'exitFullscreen'
  | 'documentElement'
  | 'addEventListener'
  | 'removeEventListener'
>;

export function createFullscreen(doc: FullscreenDocument = document): {
  supported: boolean;
  active: () => boolean;
  toggle: () => Promise<void>;
} {
  const supported =
    Boolean(doc.fullscreenEnabled) && typeof doc.documentElement.requestFullscreen === 'function';
  const [active, setActive] = createSignal(doc.fullscreenElement != null);
  const onChange = () => setActive(doc.fullscreenElement != null);
  doc.addEventListener('fullscreenchange', onChange);
  onCleanup(() => doc.removeEventListener('fullscreenchange', onChange));

  async function toggle(): Promise<void> {
    try {
      if (doc.fullscreenElement) await doc.exitFullscreen();
      else await doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
    } catch (err) {
      console.warn(`fullscreen: ${String(err)}`);
    }
  }
  return { supported, active, toggle };
}
