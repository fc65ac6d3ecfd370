import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { RateDefinition } from '../../../web/src/components/RateDefinition.tsx';

const abandon = () => (
  <RateDefinition
    label="Abandon rate"
    numeratorLabel="abandoned"
    numerator={12}
    denominatorLabel="human-answered"
    denominator={400}
  />
);

afterEach(cleanup);

describe('RateDefinition', () => {
  it('shows the rate with the counts behind it', () => {
    render(abandon);
    expect(screen.getByRole('button').textContent).toBe('Abandon rate 3.0 % (12 / 400)');
  });

  it('shows the definition with numerator and denominator when tapped, and hides it on a second tap', () => {
    render(abandon);
    const button = screen.getByRole('button');
    const definition = screen.getByText('Abandon rate = abandoned 12 / human-answered 400 = 3.0 %');
    expect(definition.hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(definition.hidden).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(button);
    expect(definition.hidden).toBe(true);
  });

  it('gives the definition to assistive technology as the button description', () => {
    render(abandon);
    const button = screen.getByRole('button');
    const id = button.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(id)?.textContent).toBe(
      'Abandon rate = abandoned 12 / human-answered 400 = 3.0 %',
    );
  });

  it('reads 0.0 % when the denominator is zero', () => {
    render(() => (
      <RateDefinition
        label="Conversion rate"
        numeratorLabel="converted"
        numerator={0}
        denominatorLabel="human-answered"
        denominator={0}
      />
    ));
    expect(screen.getByRole('button').textContent).toBe('Conversion rate 0.0 % (0 / 0)');
  });
});
