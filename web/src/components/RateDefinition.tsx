import { createSignal, createUniqueId, type JSX } from 'solid-js';
import { ratio } from '../../../bridge/protocol/index.ts';
import { formatCount, formatPercent } from '../format.ts';
import { LiveText } from './LiveText.tsx';

export interface RateParts {
  label: string;
  numeratorLabel: string;
  numerator: number;
  denominatorLabel: string;
  denominator: number;
}

/** "Abandon rate = abandoned 12 / human-answered 400 = 3.0 %" */
export const definitionText = (p: RateParts): string =>
  `${p.label} = ${p.numeratorLabel} ${formatCount(p.numerator)} / ${p.denominatorLabel} ${formatCount(p.denominator)} = ${formatPercent(ratio(p.numerator, p.denominator))}`;

/**
 * A rate with the counts behind it. Tapping (or focusing) shows its definition with numerator and
 * denominator; screen readers get the definition as the button's description.
 */
export function RateDefinition(props: RateParts): JSX.Element {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  return (
    <span class="rate">
      <button
        type="button"
        class="rate-button"
        aria-expanded={open()}
        aria-describedby={`rate-def-${id}`}
        onClick={() => setOpen(!open())}
      >
        <span class="rate-label">{props.label}</span>{' '}
        <span class="rate-value">
          <LiveText text={formatPercent(ratio(props.numerator, props.denominator))} />
        </span>{' '}
        <span class="rate-counts">
          {/* the brackets and the slash inside the boxes: a box next to a character reads as
              "( 12 / 400 )" to a screen reader; the space between them lets a narrow button wrap */}
          <LiveText text={`(${formatCount(props.numerator)} /`} class="live-end" />{' '}
          <LiveText text={`${formatCount(props.denominator)})`} />
        </span>
      </button>
      <span class="rate-definition" id={`rate-def-${id}`} hidden={!open()}>
        {definitionText(props)}
      </span>
    </span>
  );
}
