import { cleanup, render } from '@solidjs/testing-library';
import { createEffect, createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityChart } from '../../../web/src/charts/ActivityChart.tsx';
import { createSize, isSizeContained, settle } from '../../../web/src/charts/createSize.ts';
import { POINTS } from '../fixtures.ts';

/** A ResizeObserver the test drives: `resize(el, w, h)` is what the browser does after a layout. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  targets: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  unobserve() {}
  disconnect() {
    this.disconnected = true;
  }
  static resize(el: Element, width: number, height: number) {
    for (const o of FakeResizeObserver.all)
      if (!o.disconnected && o.targets.includes(el))
        o.callback(
          [{ target: el, contentRect: { width, height } as DOMRectReadOnly } as ResizeObserverEntry],
          o as unknown as ResizeObserver,
        );
  }
}

let frames: Map<number, FrameRequestCallback>;
let nextFrame: number;
/** runs the frame callbacks requested so far, as the browser does once per frame */
const runFrame = () => {
  const due = [...frames.values()];
  frames.clear();
  for (const cb of due) cb(0);
  return due.length;
};

beforeEach(() => {
  FakeResizeObserver.all = [];
  frames = new Map();
  nextFrame = 1;
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(nextFrame, cb);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

const box = (contain?: string) => {
  const el = document.createElement('div');
  if (contain) el.style.contain = contain;
  document.body.append(el);
  return el;
};

/** a createSize in its own root, with a count of the redraws an effect reading both values would do */
function sized(el: Element) {
  return createRoot((dispose) => {
    const [size, ref] = createSize({ width: 640, height: 260 });
    const seen: string[] = [];
    createEffect(() => seen.push(`${size.width()}×${size.height()}`));
    ref(el);
    return { size, seen, dispose };
  });
}

describe('settle', () => {
  it('takes whole pixels, rounding down so a drawing never overhangs its box', () => {
    expect(settle(undefined, 300.9)).toBe(300);
    expect(settle(300, 302.4)).toBe(302);
    expect(settle(300, 298.7)).toBe(298);
  });

  it('keeps the current size while the measured one stays within a pixel of it', () => {
    expect(settle(300, 300.99)).toBe(300);
    expect(settle(300, 299.01)).toBe(300);
    expect(settle(300, 301)).toBe(301);
  });
});

describe('isSizeContained', () => {
  it('is true for size and strict containment only, not inline-size', () => {
    expect(isSizeContained('size')).toBe(true);
    expect(isSizeContained('size layout')).toBe(true);
    expect(isSizeContained('strict')).toBe(true);
    expect(isSizeContained('inline-size')).toBe(false);
    expect(isSizeContained('inline-size layout')).toBe(false);
    expect(isSizeContained('content')).toBe(false);
    expect(isSizeContained('layout paint')).toBe(false);
    expect(isSizeContained('none')).toBe(false);
    expect(isSizeContained('')).toBe(false);
  });
});

describe('createSize', () => {
  it('gives the fallback until the first measurement lands on a frame', () => {
    const el = box('size layout');
    const s = sized(el);
    expect(s.seen).toEqual(['640×260']);
    FakeResizeObserver.resize(el, 900.6, 420.2);
    // nothing is written from inside the observer's callback
    expect(s.seen).toEqual(['640×260']);
    expect(runFrame()).toBe(1);
    expect(s.seen).toEqual(['640×260', '900×420']);
    s.dispose();
  });

  it('applies a burst of resizes once per frame, the last one winning, width and height together', () => {
    const el = box('size');
    const s = sized(el);
    FakeResizeObserver.resize(el, 700, 300);
    FakeResizeObserver.resize(el, 710, 310);
    FakeResizeObserver.resize(el, 720, 330);
    // one frame requested for the three
    expect(frames.size).toBe(1);
    runFrame();
    expect(s.seen).toEqual(['640×260', '720×330']);
    expect(runFrame()).toBe(0);
    s.dispose();
  });

  it('does not redraw for a sub-pixel wobble of the box', () => {
    const el = box('size');
    const s = sized(el);
    FakeResizeObserver.resize(el, 800.4, 400.4);
    runFrame();
    for (const h of [400.6, 400.2, 400.9, 400.1, 399.5]) {
      FakeResizeObserver.resize(el, 800.4, h);
      runFrame();
    }
    expect(s.seen).toEqual(['640×260', '800×400']);
    s.dispose();
  });

  it('takes the height only from a size-contained box: elsewhere the drawing sets the height', () => {
    const el = box();
    const s = sized(el);
    FakeResizeObserver.resize(el, 500, 377);
    runFrame();
    expect(s.seen).toEqual(['640×260', '500×260']);
    // the wall layout turns containment on: the box's height now comes from outside
    el.style.contain = 'size layout';
    FakeResizeObserver.resize(el, 800, 377);
    runFrame();
    expect(s.size.height()).toBe(377);
    // and off again: back to the fixed height, whatever the box measures
    el.style.contain = '';
    FakeResizeObserver.resize(el, 500, 377);
    runFrame();
    expect([s.size.width(), s.size.height()]).toEqual([500, 260]);
    s.dispose();
  });

  it('keeps the last size for a box measured at zero (hidden), and stops observing when disposed', () => {
    const el = box('size');
    const s = sized(el);
    FakeResizeObserver.resize(el, 800, 400);
    runFrame();
    FakeResizeObserver.resize(el, 0, 0);
    runFrame();
    expect([s.size.width(), s.size.height()]).toEqual([800, 400]);
    FakeResizeObserver.resize(el, 900, 450);
    s.dispose();
    // the frame requested before disposal never runs, and the observer is gone
    expect(frames.size).toBe(0);
    expect(FakeResizeObserver.all.every((o) => o.disconnected)).toBe(true);
    expect(s.seen.at(-1)).toBe('800×400');
  });
});

describe('ActivityChart in a size-contained box', () => {
  const plotOf = (container: HTMLElement) => {
    const plot = container.querySelector('.activity-plot');
    if (!plot) throw new Error('no .activity-plot');
    return plot;
  };

  it('draws to the height of its box, its left axis spanning the new height', () => {
    const { container } = render(() => <ActivityChart points={POINTS} title="Activity, all campaigns" />);
    const plot = plotOf(container);
    (plot as HTMLElement).style.contain = 'size layout';
    FakeResizeObserver.resize(plot, 800, 460);
    runFrame();
    const svg = container.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('width')).toBe('800');
    expect(svg?.getAttribute('height')).toBe('460');
    expect(svg?.getAttribute('viewBox')).toBe('0 0 800 460');
    // margins top 26, bottom 30: the floor of the log axis (1) sits at 460 − 30, its top (1,000) at 26
    const ticks = [...container.querySelectorAll('[data-axis="left"] .tick')].map((t) =>
      t.getAttribute('transform'),
    );
    expect(ticks[0]).toBe('translate(0,430)');
    expect(ticks.at(-1)).toBe('translate(0,26)');
    // the x axis labels follow the bottom
    expect(container.querySelector('[data-axis="x"] text')?.getAttribute('y')).toBe(String(460 - 30 + 18));
  });

  it('keeps the fixed height outside the wall, where the box is not size-contained', () => {
    const { container } = render(() => <ActivityChart points={POINTS} title="Activity, all campaigns" />);
    const plot = plotOf(container);
    FakeResizeObserver.resize(plot, 500, 600);
    runFrame();
    const svg = container.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('width')).toBe('500');
    expect(svg?.getAttribute('height')).toBe('260');
  });
});
