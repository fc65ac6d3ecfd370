// The chart chunk: everything that needs d3 line/pie code, loaded lazily (see lazyCharts.ts) so
// tiles, status and cards paint before it arrives.
export { ActivityChart } from './ActivityChart.tsx';
export { OutcomeDonut } from './OutcomeDonut.tsx';
export { Sparkline } from './Sparkline.tsx';
