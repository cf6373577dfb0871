// The read-side of the engine: recognise every sheet, read refs, statuses and
// terms into an Analysis, then run the catalogue of checks (rules/) over it.
import { Issue, sortIssues } from './issues';
import { REQUIRED_ROLES, Role, SheetLayout, TableLike, findTableLike, recogniseSheet } from './layout';
import { commonPrefix, detectScheme, readRef, RefScheme } from './refs';
import { RefEntry, RuleContext, isIssueCode, ruleOf, runCatalogue } from './rules';
import {
  RagReading,
  Scale,
  ScaleName,
  StatusInfo,
  TermReading,
  readRag,
  readTerm,
  scaleOf,
  statusOfFill,
} from './scales';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SHEET,
  Settings,
  SettingsProblem,
  columnMappings,
  settingsFromPairs,
} from './settings';
import {
  SheetSnapshot,
  WorkbookSnapshot,
  address,
  blankMergeContinuations,
  cellAt,
  dateToSerial,
  displayText,
  isEmpty,
  isFormulaCell,
  parseAddress,
} from './snapshot';
import { markedOverviewSheet } from './overview-marker';

export interface AnalyseOptions {
  /** "Now", for overdue dates; hosts pass the real date, tests a fixed one. */
  today: Date;
  /** Overrides the settings stored in the workbook. */
  settings?: Settings;
  /** A built-in scale for this run, over the workbook's setting (the CLI's --scale). */
  scale?: Exclude<ScaleName, 'custom'>;
}

export interface ActionInfo {
  row: number;
  rag: RagReading;
  /** null where the sheet has no term column. */
  term: TermReading | null;
  /** An empty status cell whose fill shows a status (rag-colour-only); the row counts as "none". */
  colourOnly?: { status: StatusInfo; colour: string };
}

export interface ThemeSheet {
  name: string;
  theme: string;
  prefix: string | null;
  layout: SheetLayout;
  actions: ActionInfo[];
}

export interface SheetInfo {
  name: string;
  kind: 'theme' | 'overview' | 'skipped';
  theme: string | null;
  prefix: string | null;
  actions: number;
}

export interface Analysis {
  settings: Settings;
  /** The status scale the workbook was read on (the settings' scale). */
  scale: Scale;
  /** Settings that could not be used, as sentences (each is also a settings-invalid issue). */
  settingsProblems: string[];
  scheme: RefScheme;
  /** What the refs show whatever the settings say: the scheme by majority, each theme sheet's most common prefix. */
  detected: { scheme: RefScheme; prefixes: Record<string, string | null> };
  sheets: SheetInfo[];
  /** Theme sheets that can be counted (they have ref, actions and RAG columns). */
  themes: ThemeSheet[];
  /** Proforma sheets left out of the overview because a column is missing. */
  incomplete: Array<{ name: string; missing: Role[]; headerCell: string; layout: SheetLayout }>;
  /** Sheets not read that look like a table of actions (sheet-unrecognised): their header rows, for mapping. */
  unrecognised: Array<{ name: string; table: TableLike }>;
  hasTermColumn: boolean;
  /** The overview sheet Proforma built, if any. */
  overviewSheet: SheetSnapshot | null;
  issues: Issue[];
}

function readSettings(snapshot: WorkbookSnapshot): { settings: Settings; problems: SettingsProblem[] } {
  const sheet = snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
  if (!sheet) return { settings: { ...DEFAULT_SETTINGS, prefixes: {} }, problems: [] };
  const pairs = sheet.cells.map((row): [string, string] => [
    displayText(row[0] ?? { kind: 'empty' }),
    displayText(row[1] ?? { kind: 'empty' }),
  ]);
  return settingsFromPairs(pairs);
}

/**
 * The overview's name from the settings, unless it names a theme sheet or the
 * settings sheet: then the setting is reported and never acted on.
 */
function checkOverviewName(
  settings: Settings,
  snapshot: WorkbookSnapshot,
  themeSheets: string[],
  problems: SettingsProblem[],
): Settings {
  const wanted = settings.overviewName.toLowerCase();
  const clash = [...themeSheets, SETTINGS_SHEET].find((n) => n.toLowerCase() === wanted);
  if (!clash || settings.overviewName === DEFAULT_SETTINGS.overviewName) return settings;
  problems.push({
    pair: rowOfSetting(snapshot, 'overviewName'),
    message: `Setting overviewName "${settings.overviewName}" is the name of ${clash === SETTINGS_SHEET ? 'the settings sheet' : 'a theme sheet'}; the overview keeps the name "${DEFAULT_SETTINGS.overviewName}". Choose another name.`,
  });
  return { ...settings, overviewName: DEFAULT_SETTINGS.overviewName };
}

/** The settings sheet's row holding a key, for a problem's cell (the first row when there is none). */
function rowOfSetting(snapshot: WorkbookSnapshot, key: string): number {
  const sheet = snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
  const row = sheet ? sheet.cells.findIndex((r) => displayText(r[0] ?? { kind: 'empty' }).trim() === key) : -1;
  return Math.max(row, 0);
}

/** warningsOff keeps the catalogue's warnings and notes only: an error or an unknown code is reported, not acted on. */
function checkWarningsOff(settings: Settings, snapshot: WorkbookSnapshot, problems: SettingsProblem[]): Settings {
  const kept: Settings['warningsOff'] = [];
  for (const code of settings.warningsOff) {
    const report = (message: string): void => {
      problems.push({ pair: rowOfSetting(snapshot, 'warningsOff'), message });
    };
    if (!isIssueCode(code)) report(`Setting warningsOff names "${code}", which is not a check's code.`);
    else if (ruleOf(code).severity === 'error')
      report(`Setting warningsOff names ${code}, an error; only warnings can be switched off.`);
    else kept.push(code);
  }
  return kept.length === settings.warningsOff.length ? settings : { ...settings, warningsOff: kept };
}

/** Analyses a workbook. The snapshot's merge continuation cells are blanked in place. */
export function analyse(snapshot: WorkbookSnapshot, options: AnalyseOptions): Analysis {
  const stored = readSettings(snapshot);
  const problems = options.settings ? [] : [...stored.problems];
  let settings = options.settings ?? stored.settings;
  const mappings = columnMappings(settings.columns);
  const sheets: SheetInfo[] = [];
  const layouts: SheetLayout[] = [];
  const incomplete: Analysis['incomplete'] = [];
  const skipped: RuleContext['skipped'] = [];
  let overviewSheet: SheetSnapshot | null = null;
  const marked = markedOverviewSheet(snapshot);

  for (const sheet of snapshot.sheets) {
    if (sheet.name === SETTINGS_SHEET) continue;
    blankMergeContinuations(sheet);
    const recognition = recogniseSheet(sheet, mappings);
    // The mark makes a sheet the overview, unless it holds an action table: a plan's rows are never replaced.
    if (sheet.name === marked && recognition.kind === 'not-proforma') {
      overviewSheet = sheet;
      sheets.push({ name: sheet.name, kind: 'overview', theme: null, prefix: null, actions: 0 });
      continue;
    }
    if (recognition.kind === 'not-proforma') {
      sheets.push({ name: sheet.name, kind: 'skipped', theme: null, prefix: null, actions: 0 });
      skipped.push({ name: sheet.name, table: findTableLike(sheet, mappings) });
      continue;
    }
    const layout = recognition.layout;
    // The board's own name for the theme (theme:<sheet>), over the title rows; sheet names match as Excel's do.
    const named = Object.entries(settings.themes ?? {}).find(
      ([name]) => name.toLowerCase() === sheet.name.toLowerCase(),
    );
    if (named) layout.theme = named[1];
    const missing = REQUIRED_ROLES.filter((role) => layout.columns[role] === undefined);
    sheets.push({ name: sheet.name, kind: 'theme', theme: layout.theme, prefix: null, actions: layout.actions.length });
    if (missing.length > 0)
      incomplete.push({ name: sheet.name, missing, headerCell: address(layout.headerRow, layout.firstCol), layout });
    else layouts.push(layout);
  }

  settings = checkOverviewName(
    settings,
    snapshot,
    sheets.filter((s) => s.kind === 'theme').map((s) => s.name),
    problems,
  );
  settings = checkWarningsOff(settings, snapshot, options.settings ? [] : problems);
  if (options.scale) settings = { ...settings, scale: options.scale };
  const scale = scaleOf(settings);

  const refsBySheet = layouts.map((layout) =>
    layout.groups
      .filter((group) => !isEmpty(group.ref))
      .map((group) => ({ cell: address(group.row, layout.columns.ref as number), reading: readRef(group.ref) })),
  );
  const allReadings = refsBySheet.flatMap((refs) => refs.map((r) => r.reading));
  const scheme = detectScheme(settings.refScheme, allReadings);
  const detected: Analysis['detected'] = { scheme: detectScheme('auto', allReadings), prefixes: {} };
  const refs: RefEntry[] = [];
  const themes: ThemeSheet[] = layouts.map((layout, index) => {
    const name = layout.sheet.name;
    const readings = refsBySheet[index].map((r) => r.reading);
    detected.prefixes[name] = commonPrefix(readings);
    const prefix = scheme === 'prefixed' ? (settings.prefixes[name] ?? detected.prefixes[name]) : null;
    const info = sheets.find((s) => s.name === name);
    if (info) info.prefix = prefix;
    const theme: ThemeSheet = {
      name,
      theme: layout.theme,
      prefix,
      layout,
      actions: layout.actions.map(({ row }) => readAction(layout, row, scale)),
    };
    for (const ref of refsBySheet[index]) refs.push({ theme, ...ref });
    return theme;
  });

  const analysis: Analysis = {
    settings,
    scale,
    settingsProblems: problems.map((p) => p.message),
    scheme,
    detected,
    sheets,
    themes,
    incomplete,
    unrecognised: skipped.flatMap(({ name, table }) => (table ? [{ name, table }] : [])),
    hasTermColumn: layouts.some((l) => l.columns.term !== undefined),
    overviewSheet,
    issues: [],
  };
  const context: RuleContext = {
    analysis,
    snapshot,
    today: options.today,
    todaySerial: Math.floor(dateToSerial(options.today)),
    skipped,
    settingsProblems: problems,
    refs,
  };
  const issues = runCatalogue(context, settings.warningsOff);
  withoutFormulaFixes(snapshot, issues);
  analysis.issues = sortIssues(
    issues,
    snapshot.sheets.map((s) => s.name),
  );
  return analysis;
}

/** What one action row says: its status (or the fill that shows one) and term. */
function readAction(layout: SheetLayout, row: number, scale: Scale): ActionInfo {
  const { sheet, columns } = layout;
  const ragCol = columns.rag as number;
  const rag = readRag(cellAt(sheet, row, ragCol), scale);
  const termCol = columns.term;
  const info: ActionInfo = { row, rag, term: termCol === undefined ? null : readTerm(cellAt(sheet, row, termCol)) };
  const fill = rag.state === 'missing' ? sheet.fills[`${row},${ragCol}`] : undefined;
  const shown = fill ? statusOfFill(fill, scale) : undefined;
  if (shown) info.colourOnly = shown;
  return info;
}

/** A fix is never offered for a cell that holds a formula: the formula is what needs correcting. */
function withoutFormulaFixes(snapshot: WorkbookSnapshot, issues: Issue[]): void {
  for (const issue of issues) {
    if (!issue.fix) continue;
    const sheet = snapshot.sheets.find((s) => s.name === issue.sheet);
    const { row, col } = parseAddress(issue.cell);
    if (!sheet || !isFormulaCell(sheet, row, col)) continue;
    delete issue.fix;
    issue.message = `${issue.message} This cell holds a formula: correct the formula instead.`;
  }
}

export interface Readiness {
  ready: boolean;
  /** What stands in the way, as sentences; empty when ready. */
  blockers: string[];
}

/** "Ready to send" (SPEC §3): at least one theme sheet, no errors, and the overview present and up to date. */
export function readiness(analysis: Analysis): Readiness {
  const blockers: string[] = [];
  const errors = analysis.issues.filter((i) => i.severity === 'error').length;
  if (analysis.themes.length === 0) blockers.push('No theme sheet could be read.');
  if (errors > 0) blockers.push(`${errors} error${errors === 1 ? '' : 's'} to correct.`);
  // With no theme sheet there is nothing to build an overview from (a rebuild is refused): not a step to offer.
  if (analysis.themes.length === 0) return { ready: false, blockers };
  if (!analysis.overviewSheet) blockers.push('There is no overview yet; rebuild it.');
  else if (analysis.issues.some((i) => i.code === 'overview-stale'))
    blockers.push('The overview is out of date; rebuild it.');
  return { ready: blockers.length === 0, blockers };
}
