// Board settings (SPEC §2.6). They live in the workbook so every partner shares
// them; defaults need no settings at all.

export type RefScheme = 'auto' | 'prefixed' | 'numbered';

export interface Settings {
  /** W (superseded / withdrawn) is on the scale. */
  ragWithW: boolean;
  /** B (blue, complete) is on the scale. */
  ragWithB: boolean;
  refScheme: RefScheme;
  /** Ref prefix per sheet name, overriding the sheet's most common prefix. */
  prefixes: Record<string, string>;
  overviewName: string;
  /** Drop-down lists of the scale on the status and term columns when colouring (SPEC §4.1). */
  dropdowns: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  ragWithW: true,
  ragWithB: false,
  refScheme: 'auto',
  prefixes: {},
  overviewName: 'Overview',
  dropdowns: true,
}) as Settings;

/** Name of the very hidden sheet that stores settings as key/value rows. */
export const SETTINGS_SHEET = 'ProformaSettings';

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

/** A setting that cannot be used: which pair (0-based, as given) and why. */
export interface SettingsProblem {
  pair: number;
  message: string;
}

/** Reads settings from key/value pairs, reporting anything it cannot use. */
export function settingsFromPairs(pairs: Array<[string, string]>): {
  settings: Settings;
  problems: SettingsProblem[];
} {
  const settings: Settings = { ...DEFAULT_SETTINGS, prefixes: {} };
  const problems: SettingsProblem[] = [];
  let pair = 0;
  const report = (message: string): void => {
    problems.push({ pair, message });
  };
  const bool = (key: string, raw: string): boolean | undefined => {
    const v = raw.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v)) return true;
    if (['false', 'no', '0', 'off'].includes(v)) return false;
    report(`Setting ${key} should be TRUE or FALSE, not "${raw}".`);
    return undefined;
  };
  for (const [index, [rawKey, raw]] of pairs.entries()) {
    pair = index;
    const key = rawKey.trim();
    if (key === '') continue;
    if (key === 'ragWithW') settings.ragWithW = bool(key, raw) ?? settings.ragWithW;
    else if (key === 'ragWithB') settings.ragWithB = bool(key, raw) ?? settings.ragWithB;
    else if (key === 'dropdowns') settings.dropdowns = bool(key, raw) ?? settings.dropdowns;
    else if (key === 'refScheme') {
      const v = raw.trim().toLowerCase();
      if (v === 'auto' || v === 'prefixed' || v === 'numbered') settings.refScheme = v;
      else report(`Setting refScheme should be auto, prefixed or numbered, not "${raw}".`);
    } else if (key === 'overviewName') {
      const v = raw.trim();
      if (v === '' || v.length > 31 || SHEET_NAME_FORBIDDEN.test(v))
        report(`Setting overviewName "${raw}" is not a valid sheet name.`);
      else settings.overviewName = v;
    } else if (key.startsWith('prefix:')) {
      const prefix = raw.trim().toUpperCase();
      if (/^[A-Z]+$/.test(prefix)) settings.prefixes[key.slice('prefix:'.length)] = prefix;
      else report(`Prefix for sheet "${key.slice(7)}" should be letters only, not "${raw}".`);
    } else report(`Unknown setting "${key}" was ignored.`);
  }
  return { settings, problems };
}

export function settingsToPairs(settings: Settings): Array<[string, string]> {
  const pairs: Array<[string, string]> = [
    ['ragWithW', String(settings.ragWithW).toUpperCase()],
    ['ragWithB', String(settings.ragWithB).toUpperCase()],
    ['refScheme', settings.refScheme],
    ['overviewName', settings.overviewName],
  ];
  if (!settings.dropdowns) pairs.push(['dropdowns', 'FALSE']);
  for (const [sheet, prefix] of Object.entries(settings.prefixes)) pairs.push([`prefix:${sheet}`, prefix]);
  return pairs;
}
