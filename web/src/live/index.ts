// The live client core's public surface.
export {
  type LiveClient,
  type LiveClientOptions,
  liveClient,
  makeLiveClient,
  setLiveClient,
} from './client.ts';
export { DEFAULTS, resolveEndpoints } from './config.ts';
export {
  createRealTimeMetrics,
  type RealTimeMetrics,
  type RealTimeMetricsOptions,
} from './createRealTimeMetrics.ts';
export type * from './types.ts';
