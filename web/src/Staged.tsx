import { createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { stage } from './stage.ts';

/**
 * Its children, created in a later task (see stage.ts) so a page builds in slices; `fallback`
 * (e.g. a box of the right size, so nothing jumps) until then.
 */
export function Staged(props: { children: JSX.Element; fallback?: JSX.Element }): JSX.Element {
  const [ready, setReady] = createSignal(false);
  onCleanup(stage(() => setReady(true)));
  return (
    <Show when={ready()} fallback={props.fallback}>
      {props.children}
    </Show>
  );
}
