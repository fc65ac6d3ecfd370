import { createSignal, type JSX, Show } from 'solid-js';

/**
 * The numbers behind a chart, as a table under a "Numbers" disclosure. The table is built only
 * while open: closed, it would still be rewritten every animation frame for nobody.
 */
export function ChartNumbers(props: { children: JSX.Element }): JSX.Element {
  const [open, setOpen] = createSignal(false);
  return (
    <details class="chart-numbers" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Numbers</summary>
      <Show when={open()}>{props.children}</Show>
    </details>
  );
}
