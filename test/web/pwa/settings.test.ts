import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../web/src/pwa/defaults.ts';
import {
  loadSettings,
  mergeChoice,
  parseUrlChoice,
  resolveSettings,
  resolveTheme,
  type SettingsStorage,
} from '../../../web/src/pwa/settings.ts';

function memoryStorage(initial?: unknown): SettingsStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  if (initial !== undefined)
    map.set(DEFAULTS.settingsKey, typeof initial === 'string' ? initial : JSON.stringify(initial));
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function collect(): { warn: (m: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m) => warnings.push(m), warnings };
}

describe('settings from the URL', () => {
  it('reads a full wall link into settings', () => {
    const { warn, warnings } = collect();
    const s = loadSettings('?mode=wall&campaigns=a,b&rotate=30&theme=dark', memoryStorage(), warn);
    expect(s).toEqual({ mode: 'wall', campaigns: ['a', 'b'], rotateSeconds: 30, theme: 'dark' });
    expect(warnings).toEqual([]);
  });

  it('gives a plain browser the normal mode, no rotation and the system theme', () => {
    expect(loadSettings('', memoryStorage(), collect().warn)).toEqual({
      mode: 'normal',
      campaigns: [],
      rotateSeconds: 0,
      theme: 'system',
    });
  });

  it('makes a wall dark and rotating by default', () => {
    const s = loadSettings('?mode=wall', memoryStorage(), collect().warn);
    expect(s.theme).toBe('dark');
    expect(s.rotateSeconds).toBe(DEFAULTS.wallRotateSeconds);
  });

  it('lets a wall follow the system theme and turn rotation off when told', () => {
    const s = loadSettings('?mode=wall&theme=system&rotate=0', memoryStorage(), collect().warn);
    expect(s.theme).toBe('system');
    expect(s.rotateSeconds).toBe(0);
  });

  it('ignores invalid values with a warning naming the parameter, and keeps the valid ones', () => {
    const { warn, warnings } = collect();
    const s = loadSettings(
      '?mode=kiosk&theme=purple&rotate=soon&campaigns=ok,bad id,ok,x/y',
      memoryStorage(),
      warn,
    );
    expect(s).toEqual({ mode: 'normal', campaigns: ['ok'], rotateSeconds: 0, theme: 'system' });
    expect(warnings.some((w) => w.includes('mode'))).toBe(true);
    expect(warnings.some((w) => w.includes('theme'))).toBe(true);
    expect(warnings.some((w) => w.includes('rotate'))).toBe(true);
    expect(warnings.filter((w) => w.includes('campaigns'))).toHaveLength(2);
  });

  it('raises a rotation faster than the minimum to the minimum, with a warning', () => {
    const { warn, warnings } = collect();
    expect(parseUrlChoice(new URLSearchParams('rotate=3'), warn).rotateSeconds).toBe(
      DEFAULTS.minRotateSeconds,
    );
    expect(parseUrlChoice(new URLSearchParams('rotate=-5'), warn).rotateSeconds).toBeUndefined();
    expect(parseUrlChoice(new URLSearchParams('rotate=99999'), warn).rotateSeconds).toBe(
      DEFAULTS.maxRotateSeconds,
    );
    expect(warnings).toHaveLength(3);
  });

  it('trims, de-duplicates and caps the campaign list', () => {
    const many = Array.from({ length: DEFAULTS.maxCampaigns + 5 }, (_, i) => `c${i}`).join(',');
    const { warn } = collect();
    expect(parseUrlChoice(new URLSearchParams('campaigns= a , b,a,,'), warn).campaigns).toEqual(['a', 'b']);
    expect(parseUrlChoice(new URLSearchParams(`campaigns=${many}`), warn).campaigns).toHaveLength(
      DEFAULTS.maxCampaigns,
    );
  });
});

describe('settings remembered on the device', () => {
  it('remembers a wall link so the installed app opens as a wall without the query', () => {
    const storage = memoryStorage();
    loadSettings('?mode=wall&campaigns=a,b&rotate=20', storage, collect().warn);
    const later = loadSettings('', storage, collect().warn);
    expect(later).toEqual({ mode: 'wall', campaigns: ['a', 'b'], rotateSeconds: 20, theme: 'dark' });
  });

  it('lets the URL change one setting and keeps the rest remembered', () => {
    const storage = memoryStorage({ mode: 'wall', campaigns: ['a'], rotateSeconds: 20 });
    const s = loadSettings('?theme=light', storage, collect().warn);
    expect(s).toEqual({ mode: 'wall', campaigns: ['a'], rotateSeconds: 20, theme: 'light' });
    expect(JSON.parse(storage.map.get(DEFAULTS.settingsKey) ?? 'null')).toMatchObject({
      theme: 'light',
      mode: 'wall',
    });
  });

  it('forgets the wall with ?mode=normal', () => {
    const storage = memoryStorage({ mode: 'wall', campaigns: ['a'], rotateSeconds: 20, theme: 'dark' });
    expect(loadSettings('?mode=normal', storage, collect().warn)).toEqual(resolveSettings({}));
    expect(storage.map.has(DEFAULTS.settingsKey)).toBe(false);
    expect(loadSettings('', storage, collect().warn).mode).toBe('normal');
  });

  it('forgets everything with ?reset=1 but still applies the rest of the same URL', () => {
    const storage = memoryStorage({ mode: 'wall', campaigns: ['a'], theme: 'light' });
    expect(loadSettings('?reset=1', storage, collect().warn)).toEqual(resolveSettings({}));
    expect(storage.map.has(DEFAULTS.settingsKey)).toBe(false);
    expect(
      mergeChoice(new URLSearchParams('reset=1&mode=wall&campaigns=b'), { mode: 'wall', campaigns: ['a'] }),
    ).toEqual({
      mode: 'wall',
      campaigns: ['b'],
    });
  });

  it('survives unreadable or tampered storage with a warning', () => {
    const { warn, warnings } = collect();
    expect(loadSettings('', memoryStorage('{not json'), warn).mode).toBe('normal');
    expect(loadSettings('', memoryStorage([1, 2]), warn).mode).toBe('normal');
    const s = loadSettings('', memoryStorage({ mode: 'wall', rotateSeconds: 'x', campaigns: 'a,b' }), warn);
    expect(s).toMatchObject({
      mode: 'wall',
      campaigns: ['a', 'b'],
      rotateSeconds: DEFAULTS.wallRotateSeconds,
    });
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('works without storage at all (private browsing)', () => {
    const throwing: SettingsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const { warn, warnings } = collect();
    expect(loadSettings('?mode=wall', throwing, warn).mode).toBe('wall');
    expect(loadSettings('?mode=wall', null, warn).mode).toBe('wall');
    expect(warnings).toHaveLength(2);
  });
});

describe('theme', () => {
  it('paints an explicit theme and otherwise follows the system', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });
});
