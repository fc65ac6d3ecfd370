// Wall/normal settings, configured entirely from the URL so a tablet is set up by opening a link
// (`?mode=wall&campaigns=a,b&rotate=30&theme=dark`), and remembered on the device so the installed
// app (which starts at the manifest's start_url, without the query) opens the same way.
// Pure: parse → merge → resolve; `loadSettings` is the only part that touches storage.
import * as v from 'valibot';
import { CampaignIdSchema } from '../../../bridge/protocol/index.ts';
import { DEFAULTS } from './defaults.ts';

export const MODES = ['wall', 'normal'] as const;
export type Mode = (typeof MODES)[number];
export const THEMES = ['dark', 'light', 'system'] as const;
export type ThemeSetting = (typeof THEMES)[number];
export type Theme = Exclude<ThemeSetting, 'system'>;

export interface Settings {
  mode: Mode;
  /** campaign ids to rotate through; empty = the overview and every known campaign */
  campaigns: string[];
  /** seconds per rotation stop; 0 = rotation off, otherwise at least DEFAULTS.minRotateSeconds */
  rotateSeconds: number;
  theme: ThemeSetting;
}

/** Only what someone chose explicitly; defaults are filled in by `resolveSettings` (they depend on the mode). */
export type SettingsChoice = Partial<Settings>;

export type Warn = (message: string) => void;

/** The URL's parameter for each setting (the short `rotate` reads better in a link). */
const URL_PARAM: Record<keyof Settings, string> = {
  mode: 'mode',
  campaigns: 'campaigns',
  rotateSeconds: 'rotate',
  theme: 'theme',
};

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function parseMode(value: unknown, where: string, warn: Warn): Mode | undefined {
  if (isOneOf(MODES, value)) return value;
  warn(`${where}mode: ignored ${JSON.stringify(value)}, expected one of ${MODES.join(', ')}`);
  return undefined;
}

function parseTheme(value: unknown, where: string, warn: Warn): ThemeSetting | undefined {
  if (isOneOf(THEMES, value)) return value;
  warn(`${where}theme: ignored ${JSON.stringify(value)}, expected one of ${THEMES.join(', ')}`);
  return undefined;
}

function parseCampaigns(value: unknown, where: string, warn: Warn): string[] | undefined {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) {
    warn(`${where}campaigns: ignored ${JSON.stringify(value)}, expected a comma-separated list of ids`);
    return undefined;
  }
  const ids: string[] = [];
  for (const raw of list) {
    const id = typeof raw === 'string' ? raw.trim() : raw;
    if (id === '') continue;
    if (!v.is(CampaignIdSchema, id)) {
      warn(`${where}campaigns: ignored ${JSON.stringify(id)}, an id is 1–64 of [A-Za-z0-9_-]`);
      continue;
    }
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > DEFAULTS.maxCampaigns) {
    warn(`${where}campaigns: kept the first ${DEFAULTS.maxCampaigns} of ${ids.length}`);
    ids.length = DEFAULTS.maxCampaigns;
  }
  return ids;
}

function parseRotate(value: unknown, where: string, warn: Warn): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    warn(`${where}rotate: ignored ${JSON.stringify(value)}, expected seconds ≥ 0 (0 = off)`);
    return undefined;
  }
  const seconds = Math.round(n);
  if (seconds === 0) return 0;
  if (seconds < DEFAULTS.minRotateSeconds) {
    warn(`${where}rotate: raised ${seconds} s to the minimum of ${DEFAULTS.minRotateSeconds} s`);
    return DEFAULTS.minRotateSeconds;
  }
  if (seconds > DEFAULTS.maxRotateSeconds) {
    warn(`${where}rotate: lowered ${seconds} s to the maximum of ${DEFAULTS.maxRotateSeconds} s`);
    return DEFAULTS.maxRotateSeconds;
  }
  return seconds;
}

/** Reads one source (URL values or stored JSON), keeping only the valid fields it holds. */
function parseChoice(get: (field: keyof Settings) => unknown, where: string, warn: Warn): SettingsChoice {
  const choice: SettingsChoice = {};
  const mode = get('mode');
  if (mode !== undefined) {
    const m = parseMode(mode, where, warn);
    if (m) choice.mode = m;
  }
  const campaigns = get('campaigns');
  if (campaigns !== undefined) {
    const c = parseCampaigns(campaigns, where, warn);
    if (c) choice.campaigns = c;
  }
  const rotate = get('rotateSeconds');
  if (rotate !== undefined) {
    const r = parseRotate(rotate, where, warn);
    if (r !== undefined) choice.rotateSeconds = r;
  }
  const theme = get('theme');
  if (theme !== undefined) {
    const t = parseTheme(theme, where, warn);
    if (t) choice.theme = t;
  }
  return choice;
}

/** Validates what was remembered; anything unreadable is dropped (with a warning), never thrown. */
export function parseStoredChoice(stored: unknown, warn: Warn = console.warn): SettingsChoice {
  if (stored === null || stored === undefined) return {};
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    warn('stored settings: ignored, not an object');
    return {};
  }
  const record = stored as Record<string, unknown>;
  return parseChoice((field) => record[field], 'stored settings ', warn);
}

/** Reads the URL's choices; a parameter given empty (`?theme=`) is ignored, except `campaigns=` which clears the list. */
export function parseUrlChoice(params: URLSearchParams, warn: Warn = console.warn): SettingsChoice {
  return parseChoice(
    (field) => {
      const value = params.get(URL_PARAM[field]);
      if (value === null || (value === '' && field !== 'campaigns')) return undefined;
      return value;
    },
    'URL ',
    warn,
  );
}

function isTrue(value: string | null): boolean {
  return value !== null && ['1', 'true', 'yes', ''].includes(value.toLowerCase());
}

/**
 * Merges the URL over what was remembered. `?reset=1` forgets everything remembered; `?mode=normal`
 * leaves wall mode and forgets the wall's configuration (campaigns, rotation, theme) so an ordinary
 * browser is ordinary again. Returns what to remember (null = forget, nothing left worth keeping).
 */
export function mergeChoice(
  params: URLSearchParams,
  stored: unknown,
  warn: Warn = console.warn,
): SettingsChoice {
  const url = parseUrlChoice(params, warn);
  const reset = isTrue(params.get('reset')) || url.mode === 'normal';
  const merged: SettingsChoice = { ...(reset ? {} : parseStoredChoice(stored, warn)), ...url };
  // normal is the default mode: remembering it would only hide a later change of the default
  if (merged.mode === 'normal') delete merged.mode;
  return merged;
}

/** Fills in the defaults, which depend on the mode: a wall rotates and is dark unless told otherwise. */
export function resolveSettings(choice: SettingsChoice): Settings {
  const mode = choice.mode ?? 'normal';
  const wall = mode === 'wall';
  return {
    mode,
    campaigns: choice.campaigns ?? [],
    rotateSeconds: choice.rotateSeconds ?? (wall ? DEFAULTS.wallRotateSeconds : 0),
    theme: choice.theme ?? (wall ? 'dark' : 'system'),
  };
}

/** The theme to paint: an explicit choice, else the system's preference. */
export function resolveTheme(theme: ThemeSetting, prefersDark: boolean): Theme {
  if (theme !== 'system') return theme;
  return prefersDark ? 'dark' : 'light';
}

/** Where settings are remembered (localStorage in the browser; anything with the same three methods in tests). */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Reads the URL and the remembered choice, remembers the merge and returns the settings to use.
 * Storage that is missing, full or disabled (private browsing) only costs the memory, never the page.
 */
export function loadSettings(
  search: string,
  storage: SettingsStorage | null,
  warn: Warn = console.warn,
): Settings {
  const params = new URLSearchParams(search);
  let stored: unknown = null;
  try {
    const raw = storage?.getItem(DEFAULTS.settingsKey) ?? null;
    stored = raw === null ? null : JSON.parse(raw);
  } catch (err) {
    warn(`stored settings: ignored, unreadable (${String(err)})`);
  }
  const choice = mergeChoice(params, stored, warn);
  try {
    if (Object.keys(choice).length === 0) storage?.removeItem(DEFAULTS.settingsKey);
    else storage?.setItem(DEFAULTS.settingsKey, JSON.stringify(choice));
  } catch (err) {
    warn(`settings: could not remember them on this device (${String(err)})`);
  }
  return resolveSettings(choice);
}
