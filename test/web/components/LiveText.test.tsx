// A live value in a box the browser can lay out alone: its width is reserved from the widest text
// it has shown (or a text to make room for), and never shrinks, so neighbours never move back.
import { cleanup, render } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, test } from 'vitest';
import { GROWTH_HEADROOM_CH, LiveText, liveWidthCh } from '../../../web/src/components/LiveText.tsx';

afterEach(cleanup);

describe('liveWidthCh', () => {
  test('counts digits as one ch and every other character as at least its width in common UI fonts', () => {
    expect(liveWidthCh('')).toBe(0);
    expect(liveWidthCh('12,345')).toBeCloseTo(5.55);
    expect(liveWidthCh('12.3 %')).toBeCloseTo(3 + 0.55 + 0.55 + 1.55);
    expect(liveWidthCh('(1.5/s)')).toBeCloseTo(0.65 + 2 + 0.55 + 0.65 + 1.6 + 0.65);
    expect(liveWidthCh('–')).toBeCloseTo(1.6);
  });
});

describe('LiveText', () => {
  const ch = (box: HTMLElement) => Number(box.style.getPropertyValue('--live-ch'));

  test('shows the text and reserves the widest width it has shown, with a digit to spare once it grows, never less', () => {
    const [text, setText] = createSignal('9');
    const { container } = render(() => <LiveText text={text()} />);
    const box = container.querySelector('.live') as HTMLElement;
    expect(box.textContent).toBe('9');
    expect(ch(box)).toBe(1); // the first text: exactly its width
    setText('1,234');
    expect(box.textContent).toBe('1,234');
    expect(ch(box)).toBeCloseTo(4.55 + GROWTH_HEADROOM_CH);
    setText('7');
    expect(box.textContent).toBe('7');
    expect(ch(box)).toBeCloseTo(4.55 + GROWTH_HEADROOM_CH);
    // the next order of magnitude fits the room already made: no new width, no layout
    setText('12,345');
    expect(ch(box)).toBeCloseTo(4.55 + GROWTH_HEADROOM_CH);
    setText('123,456');
    expect(ch(box)).toBeCloseTo(6.55 + GROWTH_HEADROOM_CH);
  });

  test('makes room for the reserve text from the start', () => {
    const [text, setText] = createSignal('3');
    const { container } = render(() => <LiveText text={text()} reserve="9,999" />);
    const box = container.querySelector('.live') as HTMLElement;
    expect(ch(box)).toBeCloseTo(4.55);
    setText('12,345');
    expect(ch(box)).toBeCloseTo(5.55 + GROWTH_HEADROOM_CH);
  });
});
