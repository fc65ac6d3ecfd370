// Whether an element is on the screen (or close to it), from one IntersectionObserver shared by every
// caller: 100 campaign cards cost one observer, not 100.
import { type Accessor, createSignal, onCleanup } from 'solid-js';

/** How far outside the viewport still counts as on screen: a card scrolled into view is live already. */
export const ON_SCREEN_MARGIN = '50% 0px';

type Watcher = (onScreen: boolean) => void;
let observer: IntersectionObserver | null = null;
const watchers = new Map<Element, Watcher>();

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) watchers.get(e.target)?.(e.isIntersecting);
    },
    { rootMargin: ON_SCREEN_MARGIN },
  );
  return observer;
}

/**
 * `onScreen`: true while `el` is within the viewport (plus ON_SCREEN_MARGIN) and not clipped away by
 * a scrolling or overflow-hidden ancestor. Always true where IntersectionObserver does not exist, so
 * a browser without it simply renders everything live. `measured`: whether the observer has reported
 * on `el` yet (the frame after it was first laid out; at once without IntersectionObserver). Call
 * `ref` with the element once it exists.
 */
export function createOnScreen(): {
  onScreen: Accessor<boolean>;
  measured: Accessor<boolean>;
  ref: (el: Element) => void;
} {
  const supported = typeof IntersectionObserver === 'function';
  // true until the first report: a card that is on screen must never start out frozen
  const [onScreen, setOnScreen] = createSignal(true);
  const [measured, setMeasured] = createSignal(!supported);
  let watched: Element | null = null;
  const unwatch = () => {
    if (!watched) return;
    watchers.delete(watched);
    observer?.unobserve(watched);
    watched = null;
  };
  onCleanup(unwatch);
  return {
    onScreen,
    measured,
    ref(el) {
      if (!supported || el === watched) return;
      unwatch();
      watched = el;
      watchers.set(el, (on) => {
        setOnScreen(on);
        setMeasured(true);
      });
      shared().observe(el);
    },
  };
}
