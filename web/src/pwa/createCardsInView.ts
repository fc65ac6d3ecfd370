// On a wall the overview shows as many whole campaign cards as fit one screen; the layout (wall.css)
// gives the cards that do not fit rows of zero height and clips them away. This follows that layout
// live: how many cards are really visible (for the "+N more campaigns" note), and which are not, so
// they can be made inert: a hidden card's link must not take the keyboard focus off screen.
import { type Accessor, createSignal, onCleanup } from 'solid-js';

/**
 * Watches the `li` children of the `ul.campaign-list` inside the element given to `ref` (the list
 * may come and go; cards are added a few at a time). A card laid out with no height is hidden: it is
 * made `inert`, and `visible()` counts the others. ResizeObserver reports after layout, so nothing
 * here forces one.
 */
export function createCardsInView(): { visible: Accessor<number>; ref: (el: HTMLElement) => void } {
  const [visible, setVisible] = createSignal(0);
  if (typeof ResizeObserver !== 'function' || typeof MutationObserver !== 'function')
    return { visible, ref: () => {} };
  const hidden = new Map<Element, boolean>();
  const count = () => setVisible([...hidden.values()].filter((h) => !h).length);
  const sizes = new ResizeObserver((entries) => {
    for (const e of entries) {
      if (!hidden.has(e.target)) continue;
      const isHidden = e.contentRect.height === 0;
      hidden.set(e.target, isHidden);
      (e.target as HTMLElement).inert = isHidden;
    }
    count();
  });
  const sync = (root: HTMLElement) => {
    const now = new Set(root.querySelectorAll(':scope .campaign-list > li'));
    for (const li of hidden.keys())
      if (!now.has(li)) {
        sizes.unobserve(li);
        hidden.delete(li);
      }
    for (const li of now)
      if (!hidden.has(li)) {
        hidden.set(li, true); // until measured: a card that turns out visible is counted then
        sizes.observe(li);
      }
    count();
  };
  let children: MutationObserver | undefined;
  const ref = (el: HTMLElement) => {
    children = new MutationObserver(() => sync(el));
    children.observe(el, { childList: true, subtree: true });
    sync(el);
  };
  onCleanup(() => {
    children?.disconnect();
    sizes.disconnect();
  });
  return { visible, ref };
}
