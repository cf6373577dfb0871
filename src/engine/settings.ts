// Board settings (SPEC §2.6). They live in the workbook so every partner shares
// them; defaults need no settings at all.
import {
  BUILT_IN_SCALES,
  STATUS_CLASSES,
  Scale,
  ScaleName,
  StatusClass,
  StatusInfo,
  builtInScale,
  spellingKey,
  statusColours,
} from './scales';
import { quoteCell } from './quote';
import { ROLE_ORDER, Role, headerKey } from './layout';
import { REF_SCHEMES, RefScheme } from './refs';

export interface Settings {
  /** The status scale: a built-in one by name, or the board's own (`customStatuses`). */
  scale: ScaleName;
  /** The board's own statuses, in order, for the custom scale. */
  customStatuses: StatusInfo[];
  /** W (superseded / withdrawn) is on the rag and ragb scales. */
  ragWithW: boolean;
  refScheme: RefScheme | 'auto';
  /** Ref prefix per sheet name, overriding the sheet's most common prefix. */
  prefixes: Record<string, string>;
  overviewName: string;
  /** Drop-down lists of the scale on the status and term columns when colouring (SPEC §4.1). */
  dropdowns: boolean;
  /** The board's header texts mapped to roles (`column:<header>`), overriding recognition. */
  columns: Record<string, Role>;
  /**
   * Codes of the warnings (and notes) the board does not want reported. As read, what the board
   * typed; analyse() reports any code that is not a warning's and keeps only the catalogue's.
   * (Plain strings: the catalogue's IssueCode depends on the rules, which depend on the settings.)
   */
  warningsOff: string[];
  /** Theme name per sheet name (`theme:<sheet>`), over the one read from the title rows (SPEC §2.1). */
  themes: Record<string, string>;
  /** Other spellings of one lead partner (`partner:<name>`), by the partner's name (SPEC §7.2). */
  partners?: Record<string, string[]>;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  scale: 'rag',
  customStatuses: [],
  ragWithW: true,
  refScheme: 'auto',
  prefixes: {},
  overviewName: 'Overview',
  dropdowns: true,
  columns: {},
  warningsOff: [],
  themes: {},
}) as Settings;

/** Name of the very hidden sheet that stores settings as key/value rows. */
export const SETTINGS_SHEET = 'ProformaSettings';

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

/** Why Excel would refuse a sheet name (its rules: 1–31 characters, none of \ / ? * [ ] :, no ' first or last, not "History"), or null. */
function sheetNameProblem(name: string): string | null {
  if (name === '') return 'it is empty';
  if (name.length > 31) return `it is ${name.length} characters long, and Excel's sheet names hold at most 31`;
  const forbidden = SHEET_NAME_FORBIDDEN.exec(name);
  if (forbidden) return `Excel does not allow "${forbidden[0]}" in a sheet name (nor any of \\ / ? * [ ] :)`;
  if (name.startsWith("'") || name.endsWith("'"))
    return 'Excel does not allow a sheet name to begin or end with an apostrophe';
  if (name.toLowerCase() === 'history') return 'Excel keeps the name History for itself';
  return null;
}

/** A setting that cannot be used: which pair (0-based, as given) and why. */
export interface SettingsProblem {
  pair: number;
  message: string;
}

/** Reads settings from key/value pairs, reporting anything it cannot use. */
/** The keys a settings sheet can hold (SPEC §2.6), as a message lists them. */
const KNOWN_KEYS =
  'scale, status:<code>, refScheme, prefix:<sheet name>, column:<heading>, overviewName, dropdowns, warningsOff and theme:<sheet name>';

export function settingsFromPairs(pairs: Array<[string, string]>): {
  settings: Settings;
  problems: SettingsProblem[];
} {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    prefixes: {},
    customStatuses: [],
    columns: {},
    warningsOff: [],
    themes: {},
  };
  const partnerOf = new Map<string, string>();
  const mappedKeys = new Map<string, string>();
  let scaleSet = false;
  const problems: SettingsProblem[] = [];
  let pair = 0;
  const report = (message: string): void => {
    problems.push({ pair, message });
  };
  const bool = (key: string, raw: string): boolean | undefined => {
    const v = raw.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v)) return true;
    if (['false', 'no', '0', 'off'].includes(v)) return false;
    report(`Setting ${key} should be TRUE or FALSE, not ${quoteCell(raw)}.`);
    return undefined;
  };
  for (const [index, [rawKey, raw]] of pairs.entries()) {
    pair = index;
    const key = rawKey.trim();
    if (key === '') continue;
    // A heading a board types over its own settings sheet ("Key | Value", "Setting | Value"): not a setting.
    if (index === 0 && /^(keys?|settings?|names?)$/i.test(key) && /^values?$/i.test(raw.trim())) continue;
    if (key === 'ragWithW') settings.ragWithW = bool(key, raw) ?? settings.ragWithW;
    else if (key === 'ragWithB') {
      // The older key: B on means the ragb scale, unless a scale is set.
      const on = bool(key, raw);
      if (on !== undefined && !scaleSet) settings.scale = on ? 'ragb' : 'rag';
    } else if (key === 'scale') {
      const v = raw.trim().toLowerCase();
      if ((BUILT_IN_SCALES as readonly string[]).includes(v) || v === 'custom') {
        settings.scale = v as ScaleName;
        scaleSet = true;
      } else report(`Setting scale should be rag, ragb, track or custom, not ${quoteCell(raw)}.`);
    } else if (key.startsWith('status:')) {
      const status = parseStatus(key.slice('status:'.length).trim(), raw, settings.customStatuses, report);
      if (status) settings.customStatuses.push(status);
    } else if (key === 'dropdowns') settings.dropdowns = bool(key, raw) ?? settings.dropdowns;
    else if (key === 'refScheme') {
      const v = raw.trim().toLowerCase();
      if (v === 'auto' || (REF_SCHEMES as readonly string[]).includes(v)) settings.refScheme = v as RefScheme | 'auto';
      else report(`Setting refScheme should be auto, prefixed, numbered, dotted or codes, not ${quoteCell(raw)}.`);
    } else if (key === 'overviewName') {
      const v = raw.trim();
      const why = sheetNameProblem(v);
      if (why) report(`Setting overviewName ${quoteCell(raw)} is not a valid sheet name: ${why}.`);
      else settings.overviewName = v;
    } else if (key.startsWith('prefix:')) {
      const prefix = raw.trim().toUpperCase();
      if (/^[A-Z]+$/.test(prefix)) settings.prefixes[key.slice('prefix:'.length)] = prefix;
      else report(`Prefix for sheet "${key.slice(7)}" should be letters only, not ${quoteCell(raw)}.`);
    } else if (key.startsWith('theme:')) {
      const sheet = key.slice('theme:'.length).trim();
      const name = raw.replace(/\s+/g, ' ').trim();
      if (sheet === '') report(`Setting ${key} names no sheet; write theme:<sheet name>.`);
      else if (name === '') report(`Setting ${key} gives no theme name.`);
      else settings.themes[sheet] = name;
    } else if (key.startsWith('column:')) {
      const header = key.slice('column:'.length).trim();
      const role = raw.trim().toLowerCase();
      const earlier = mappedKeys.get(headerKey(header));
      if (headerKey(header) === '') report(`Setting ${key} names no header; write column:<header text>.`);
      else if (!(ROLE_ORDER as string[]).includes(role))
        report(`Column "${header}" is mapped to ${quoteCell(raw)}; use one of ${ROLE_ORDER.join(', ')}.`);
      else if (earlier !== undefined) report(`Column "${header}" is mapped already, as "${earlier}".`);
      else {
        settings.columns[header] = role as Role;
        mappedKeys.set(headerKey(header), header);
      }
    } else if (key.startsWith('partner:')) {
      const name = key.slice('partner:'.length).replace(/\s+/g, ' ').trim();
      const spellings = raw
        .split(',')
        .map((w) => w.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
      // A spelling names one partner: the same words under two names could not say whose a row is.
      const taken = [name, ...spellings].find((w) => {
        const owner = partnerOf.get(w.toLowerCase());
        return owner !== undefined && owner.toLowerCase() !== name.toLowerCase();
      });
      if (name === '') report(`Setting ${key} names no partner; write partner:<name>.`);
      else if (taken !== undefined)
        report(`Setting ${key}: "${taken}" is already a spelling of partner ${partnerOf.get(taken.toLowerCase())}.`);
      else {
        settings.partners ??= {};
        settings.partners[name] = [...(settings.partners[name] ?? []), ...spellings];
        for (const w of [name, ...spellings]) partnerOf.set(w.toLowerCase(), name);
      }
    } else if (key === 'warningsOff') {
      // Checked against the catalogue by analyse(): the catalogue imports the settings, not the other way.
      const codes = raw.split(',').map((w) => w.trim().toLowerCase());
      settings.warningsOff = [...new Set(codes.filter(Boolean))];
    } else report(`Unknown setting ${quoteCell(key)}: this row is not used. The settings are ${KNOWN_KEYS}.`);
  }
  if (settings.scale === 'custom' && settings.customStatuses.length === 0) {
    pair = pairs.findIndex(([k]) => k.trim() === 'scale');
    report('Setting scale is custom, but no status:<code> rows define the statuses; the rag scale is used.');
    settings.scale = 'rag';
  }
  return { settings, problems };
}

/**
 * A board's own status: `status:<code>` = `<class>; <name>; <meaning>; #RRGGBB; <spelling>, …`.
 * The code goes in drop-down lists (no commas) and rule marks; each spelling means one status.
 */
function parseStatus(
  code: string,
  raw: string,
  earlier: StatusInfo[],
  report: (message: string) => void,
): StatusInfo | undefined {
  const parts = raw.split(';').map((p) => p.trim());
  const [cls, name, meaning, colour, spellings = ''] = parts;
  const classes = STATUS_CLASSES.join(', ');
  if (code === '' || code.includes(',') || code.length > 40)
    return void report(`Status code "${code}" should be 1–40 characters without commas.`);
  if (parts.length < 4)
    return void report(
      `Status ${code} should read "<class>; <name>; <meaning>; #RRGGBB; <spellings>", e.g. "off-track; Red; Off track; #D4351C; red, r".`,
    );
  if (!(STATUS_CLASSES as readonly string[]).includes(cls.toLowerCase()))
    return void report(`Status ${code} has class ${quoteCell(cls)}; use one of ${classes}.`);
  if (!/^#[0-9a-f]{6}$/i.test(colour))
    return void report(`Status ${code} has colour ${quoteCell(colour)}; write it as #RRGGBB, e.g. #D4351C.`);
  const words = spellings
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const taken = new Map<string, string>();
  for (const other of earlier)
    for (const w of [other.code, ...other.spellings]) taken.set(spellingKey(w, false), other.code);
  for (const w of [code, ...words]) {
    const owner = taken.get(spellingKey(w, false));
    if (owner !== undefined) return void report(`Status ${code}: "${w}" already means status ${owner}.`);
  }
  return {
    code,
    name: name || code,
    meaning: meaning || name || code,
    ...statusColours(colour),
    class: cls.toLowerCase() as StatusClass,
    spellings: words,
  };
}

/** The board's scale, from its settings. */
export function scaleOf(settings: Settings): Scale {
  if (settings.scale === 'custom' && settings.customStatuses.length > 0)
    return { name: 'custom', statuses: settings.customStatuses, compact: false };
  return builtInScale(settings.scale === 'custom' ? 'rag' : settings.scale, settings.ragWithW);
}

/** A status of the board's own scale as its settings row: `status:<code>` = `<class>; <name>; <meaning>; #RRGGBB; <spellings>`. */
export function statusRow(status: StatusInfo): [string, string] {
  const { code, class: cls, name, meaning, colour, spellings } = status;
  const parts = [cls, name, meaning, colour, ...(spellings.length > 0 ? [spellings.join(', ')] : [])];
  return [`status:${code}`, parts.join('; ')];
}

export function settingsToPairs(settings: Settings): Array<[string, string]> {
  const pairs: Array<[string, string]> = [
    ['scale', settings.scale],
    ['ragWithW', String(settings.ragWithW).toUpperCase()],
    ['refScheme', settings.refScheme],
    ['overviewName', settings.overviewName],
  ];
  if (settings.scale === 'custom') pairs.push(...settings.customStatuses.map(statusRow));
  if (!settings.dropdowns) pairs.push(['dropdowns', 'FALSE']);
  for (const [sheet, prefix] of Object.entries(settings.prefixes)) pairs.push([`prefix:${sheet}`, prefix]);
  for (const [header, role] of Object.entries(settings.columns)) pairs.push([`column:${header}`, role]);
  if (settings.warningsOff.length > 0) pairs.push(['warningsOff', settings.warningsOff.join(', ')]);
  for (const [sheet, name] of Object.entries(settings.themes ?? {})) pairs.push([`theme:${sheet}`, name]);
  for (const [name, spellings] of Object.entries(settings.partners ?? {}))
    pairs.push([`partner:${name}`, spellings.join(', ')]);
  return pairs;
}

/** Column mappings as recognition takes them: by header key. */
export function columnMappings(columns: Settings['columns']): Map<string, Role> {
  return new Map(Object.entries(columns).map(([header, role]) => [headerKey(header), role]));
}
