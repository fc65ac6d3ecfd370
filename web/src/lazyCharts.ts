import { lazy } from 'solid-js';

// One dynamic import, so the three charts share one chunk (and one request). Rendering any of them
// starts the fetch; until it lands, their <Suspense> fallbacks hold the space.
const chunk = () => import('./charts/index.ts');

export const ActivityChart = lazy(() => chunk().then((m) => ({ default: m.ActivityChart })));
export const OutcomeDonut = lazy(() => chunk().then((m) => ({ default: m.OutcomeDonut })));
export const Sparkline = lazy(() => chunk().then((m) => ({ default: m.Sparkline })));
