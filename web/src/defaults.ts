// Every tunable of the views in one place.
export const DEFAULTS = {
  /** one shared clock drives every "3 s ago" and staleness check */
  clockTickMs: 1_000,
  /** the slowest regular update a healthy feed gives (the polling interval, the history bucket) */
  expectedUpdateMs: 2_000,
  /** data older than this many expected updates is marked stale */
  staleAfterUpdates: 3,
  /**
   * The activity chart and the donut redraw at most this often (ms): the numbers beside them follow
   * every applied batch (once per frame), the drawings within the product's 100 ms.
   */
  chartMinIntervalMs: 100,
  /** points drawn by the activity chart and sparklines */
  chartPoints: 20,
  /**
   * A campaign card off screen is refreshed this often instead of on every update (the polling
   * channel's freshness); on screen, or scrolled into view, it follows every update.
   */
  offScreenRefreshMs: 2_000,
  /** chart size used until (or when) the element can be measured */
  chartWidth: 640,
  chartHeight: 260,
  sparklineWidth: 120,
  sparklineHeight: 32,
  donutSize: 180,
  /** abandon-rate compliance (16 CFR 310.4(b)(4), 47 CFR 64.1200): per mille, integers avoid float edges */
  abandonLimitPerMille: 30,
  abandonWarningPerMille: 25,
  /**
   * Startup slices (stage.ts): mount jobs share one task while it is shorter than this (ms). A
   * phone is ~4× slower than this machine and a task over 50 ms there blocks input, so ≤ 10 ms.
   */
  stageBudgetMs: 8,
} as const;

/** Data older than this is shown as stale. */
export const STALE_AFTER_MS = DEFAULTS.expectedUpdateMs * DEFAULTS.staleAfterUpdates;
