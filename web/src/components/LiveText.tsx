import { createRenderEffect, type JSX, untrack } from 'solid-js';

/**
 * How wide `text` can be, in `ch` (the advance of "0"): digits are exactly 1ch in tabular figures;
 * other characters count as a little more than they take in common UI fonts (DejaVu Sans, Roboto,
 * Segoe UI, San Francisco, regular and bold), so the box is never narrower than its text.
 */
export function liveWidthCh(text: string): number {
  let ch = 0;
  for (let i = 0; i < text.length; i++) ch += charWidthCh(text.charCodeAt(i));
  return ch;
}

/** Room added when a shown value outgrows its box: one digit. */
export const GROWTH_HEADROOM_CH = 1;

function charWidthCh(c: number): number {
  if (c >= 48 && c <= 57) return 1; // 0-9
  // , . : space, no-break space, narrow no-break space (DejaVu: 0.50ch)
  if (c === 44 || c === 46 || c === 58 || c === 32 || c === 160 || c === 8239) return 0.55;
  if (c === 40 || c === 41 || c === 47) return 0.65; // ( ) / (0.53–0.61ch)
  if (c === 37) return 1.55; // % (1.32–1.49ch)
  return 1.6; // letters and dashes: "m" and "W" reach 1.55ch
}

/**
 * A value that changes many times a second, in a box of its own that the browser can lay out
 * alone. Without it every changed number re-lays out the page from the root: the cards, tiles and
 * panels are grid and flex items, and Blink never starts a layout at one of those (100 cards:
 * 13 ms a layout on the benchmark machine). The box is size-contained, so its width is reserved
 * here: the widest the text has been, which grows with the text (one page layout when it does)
 * and never shrinks, so a number that shrinks and grows back never moves its neighbours. `reserve`
 * is a text to make room for from the start ("99,999"), so a count climbing through 100 and 1,000
 * in its first minutes does not re-lay out the page each time.
 */
export function LiveText(props: { text: string; reserve?: string; class?: string }): JSX.Element {
  // Built by hand with one computation: a page holds hundreds of these, so each one's cost at
  // creation (the first snapshot's frame on a phone) and on every update counts.
  const box = document.createElement('span');
  box.className = untrack(() => (props.class ? `live ${props.class}` : 'live'));
  const text = document.createTextNode('');
  box.append(text);
  let widest = -1;
  const reserve = (ch: number) => {
    widest = ch;
    box.style.setProperty('--live-ch', String(ch));
  };
  reserve(liveWidthCh(untrack(() => props.reserve) ?? ''));
  let first = true;
  createRenderEffect(() => {
    const value = props.text;
    // the length bounds the width (1.6ch a character at most): most updates end here
    if (value.length * 1.6 > widest) {
      const ch = liveWidthCh(value);
      // past the first text, a value that outgrows its box is climbing (a count through 1,000 and
      // 10,000): the room for one more digit comes with it, so the next order of magnitude lays out
      // nothing (each growth lays out the page from the root, 5–17 ms with 100 cards)
      if (ch > widest) reserve(first ? ch : ch + GROWTH_HEADROOM_CH);
    }
    first = false;
    // a rate can move without its rounded text changing; the same text is not written again
    if (text.data !== value) text.data = value;
  });
  return box;
}
