// Every tunable of the PWA layer in one place.
export const DEFAULTS = {
  /** localStorage key of the remembered wall/theme settings */
  settingsKey: 'wallboard.settings',
  /** seconds between rotation stops in wall mode when the URL does not say */
  wallRotateSeconds: 30,
  /** a faster rotation cannot be read from across the room */
  minRotateSeconds: 10,
  maxRotateSeconds: 3600,
  /** more would not fit a rotation nor a URL anyone types */
  maxCampaigns: 50,
  /** IndexedDB database and store of the persisted snapshot */
  dbName: 'wallboard',
  storeName: 'snapshot',
  snapshotKey: 'last',
  /** at most one write per interval: the store changes several times a second */
  persistThrottleMs: 5_000,
  /** nothing saved this soon after the page opens: its first seconds (the first snapshot's frames
   * on a phone) are the busiest, and leaving the page (pagehide, hidden) still saves at once */
  persistFirstSaveAfterMs: 5_000,
  /** no pointer or keyboard input for this long = nobody is looking closely: a wall may reload */
  quietMs: 60_000,
  /** no reload this close to a rotation step, so a stop is never cut short right after it appeared */
  rotationGuardMs: 3_000,
  /** how often an open app asks the server for a new service worker */
  updateCheckMs: 30 * 60_000,
  /** how often a wall re-checks whether it is a quiet moment to apply a waiting update */
  autoUpdatePollMs: 5_000,
  /** after a touch, rotation holds the current stop this long so a person can read it */
  rotationHoldAfterInputMs: 60_000,
  /** browser chrome colour per theme (matches the manifest's theme_color for dark) */
  themeColors: { dark: '#0f172a', light: '#f8fafc' },
} as const;
