import { describe, expect, it } from 'vitest';
import { formatClock, offlineLabel, offlineSince } from '../../../web/src/pwa/offline.ts';

const at = (y: number, mo: number, d: number, h: number, mi: number) =>
  new Date(y, mo - 1, d, h, mi).getTime();

describe('"Offline since hh:mm"', () => {
  it('formats local time as zero-padded 24-hour hh:mm', () => {
    expect(formatClock(at(2026, 11, 27, 14, 2))).toBe('14:02');
    expect(formatClock(at(2026, 11, 27, 0, 5))).toBe('00:05');
    expect(formatClock(at(2026, 11, 27, 23, 59))).toBe('23:59');
  });

  it('says only the time when it was today', () => {
    expect(offlineLabel(at(2026, 11, 27, 14, 2), at(2026, 11, 27, 18, 0))).toBe('Offline since 14:02');
  });

  it('puts the date in front when it was another day', () => {
    expect(offlineLabel(at(2026, 11, 26, 14, 2), at(2026, 11, 27, 9, 0))).toBe('Offline since 26 Nov 14:02');
    expect(offlineLabel(at(2025, 11, 27, 14, 2), at(2026, 11, 27, 9, 0))).toBe('Offline since 27 Nov 14:02');
  });
});

describe('since when the screen is offline', () => {
  const base = { clientOfflineSince: null, browserOfflineSince: null, lastUpdate: 1_000 };

  it('is null while the link is up and the browser online', () => {
    expect(offlineSince(base)).toBeNull();
  });

  it('is when the live link went down', () => {
    expect(offlineSince({ ...base, clientOfflineSince: 2_000, lastUpdate: 1_900 })).toBe(1_900);
    expect(offlineSince({ ...base, clientOfflineSince: 2_000, lastUpdate: null })).toBe(2_000);
  });

  it('is when the browser went offline, before the link has noticed', () => {
    expect(offlineSince({ ...base, browserOfflineSince: 5_000, lastUpdate: 4_990 })).toBe(4_990);
  });

  it('is the age of the restored data when the app opened offline', () => {
    // opened at 50 000 without network, showing a snapshot whose newest data is from 1 000
    expect(offlineSince({ ...base, browserOfflineSince: 50_000, lastUpdate: 1_000 })).toBe(1_000);
  });
});
