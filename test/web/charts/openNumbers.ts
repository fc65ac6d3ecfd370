import { fireEvent } from '@solidjs/testing-library';

/** Opens a chart's "Numbers" disclosure the way a click on its summary does. */
export function openNumbers(container: HTMLElement): HTMLDetailsElement {
  const details = container.querySelector<HTMLDetailsElement>('details.chart-numbers');
  if (!details) throw new Error('no Numbers disclosure');
  details.open = true;
  fireEvent(details, new Event('toggle'));
  return details;
}
