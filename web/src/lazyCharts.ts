import { lazy } from 'solid-js';
import { stage } from './stage.ts';

// One dynamic import, so the three charts share one chunk (and one request). Rendering any of them
// starts the fetch; until it lands, their <Suspense> fallbacks hold the space.
const chunk = () => import('./charts/index.ts');

// Each chart type appears in a startup slice of its own once the chunk is there (stage.ts): resolved
// together, the activity chart and the donut drew their first frame together, one layout of ~150
// new objects (a long task on a phone).
const inTurn = <T>(value: T) => new Promise<T>((resolve) => stage(() => resolve(value)));

export const ActivityChart = lazy(() =>
  chunk()
    .then(inTurn)
    .then((m) => ({ default: m.ActivityChart })),
);
export const OutcomeDonut = lazy(() =>
  chunk()
    .then(inTurn)
    .then((m) => ({ default: m.OutcomeDonut })),
);
export const Sparkline = lazy(() =>
  chunk()
    .then(inTurn)
    .then((m) => ({ default: m.Sparkline })),
);
