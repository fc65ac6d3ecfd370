// "Offline since hh:mm": when the data on screen stopped being live. Pure, so the wording and the
// choice of moment are tested without a network.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local 24-hour hh:mm: the same on every device whatever its locale, readable from across a room. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "Offline since 14:02", with the date in front when that was not today (a wall left over a weekend). */
export function offlineLabel(since: number, now: number): string {
  const d = new Date(since);
  const today = new Date(now);
  const sameDay =
    d.getFullYear() === today.getFullYear() &&
    d.getMonth() === today.getMonth() &&
    d.getDate() === today.getDate();
  const day = sameDay ? '' : `${d.getDate()} ${MONTHS[d.getMonth()]} `;
  return `Offline since ${day}${formatClock(since)}`;
}

export interface OfflineInput {
  /** the live client's offlineSince(): when its channel went down, null while it is up (or still connecting) */
  clientOfflineSince: number | null;
  /** when this page saw the browser go offline (or started offline); null while navigator.onLine */
  browserOfflineSince: number | null;
  /** wall-clock ms of the newest data held (live or restored from the device) */
  lastUpdate: number | null;
}

/**
 * null while live; otherwise since when the screen shows old data: the moment the link went down,
 * or the newest data held if that is older (an app opened offline shows yesterday's snapshot as
 * offline since yesterday, not since it was opened).
 */
export function offlineSince(input: OfflineInput): number | null {
  const down = input.clientOfflineSince ?? input.browserOfflineSince;
  if (down === null) return null;
  return input.lastUpdate === null ? down : Math.min(down, input.lastUpdate);
}
