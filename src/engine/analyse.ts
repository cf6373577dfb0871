// The read-side of the engine: recognise every sheet, read refs, statuses and
// terms into the workbook's model (model.ts), then run the catalogue of checks
// (rules/) over it; the model and the issues found make an Analysis.
import { Analysis, Issue, sortIssues } from './issues';
import type { ActionInfo, PeriodStatus, SheetInfo, ThemeSheet, WorkbookModel } from './model';
import { PlanLayout, REQUIRED_ROLES, findTableLike, isPlanLayout, recogniseSheet } from './layout';
import { commonPrefix, detectScheme, readRef } from './refs';
import { isReturnSheet } from './returns';
import { RefEntry, RuleContext, isIssueCode, ruleOf, runCatalogue } from './rules';
import { Scale, ScaleName, readRag, readTerm, statusOfFill } from './scales';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SHEET,
  Settings,
  SettingsProblem,
  columnMappings,
  scaleOf,
  settingsFromPairs,
} from './settings';
import {
  SheetSnapshot,
  WorkbookSnapshot,
  address,
  cellAt,
  dateToSerial,
  displayText,
  isEmpty,
  isFormulaCell,
  parseAddress,
  withoutMergeContinuations,
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

/** Analyses a workbook. Pure: the snapshot given is not changed. */
export function analyse(given: WorkbookSnapshot, options: AnalyseOptions): Analysis {
  // Read with each merge's value in its top-left cell only (SPEC §2.3), on copies of the rows merges touch.
  const snapshot: WorkbookSnapshot = {
    ...given,
    sheets: given.sheets.map((sheet) => (sheet.name === SETTINGS_SHEET ? sheet : withoutMergeContinuations(sheet))),
  };
  const stored = readSettings(snapshot);
  const problems = options.settings ? [] : [...stored.problems];
  let settings = options.settings ?? stored.settings;
  const mappings = columnMappings(settings.columns);
  const sheets: SheetInfo[] = [];
  const layouts: PlanLayout[] = [];
  const incomplete: WorkbookModel['incomplete'] = [];
  const skipped: RuleContext['skipped'] = [];
  let overviewSheet: SheetSnapshot | null = null;
  const marked = markedOverviewSheet(snapshot);

  for (const sheet of snapshot.sheets) {
    // Proforma's own records (a pack's ProformaReturn, whatever state a program saved it in) are not the plan.
    if (sheet.name === SETTINGS_SHEET || isReturnSheet(sheet.name)) continue;
    const recognition = recogniseSheet(sheet, mappings);
    // The mark makes a sheet the overview, unless it holds an action table: a plan's rows are never replaced.
    if (sheet.name === marked && recognition.kind === 'not-proforma') {
      overviewSheet = sheet;
      sheets.push({ name: sheet.name, kind: 'overview', theme: null, prefix: null, actions: 0 });
      continue;
    }
    if (recognition.kind === 'not-proforma') {
      sheets.push({ name: sheet.name, kind: 'skipped', theme: null, prefix: null, actions: 0 });
      skipped.push({ name: sheet.name, table: recognition.table ?? findTableLike(sheet, mappings) });
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
    if (missing.length === 0 && isPlanLayout(layout)) layouts.push(layout);
    else incomplete.push({ name: sheet.name, missing, headerCell: layout.headerCell, layout });
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

  const refsBySheet = layouts.map(({ groups, columns }) => {
    const refCol = columns.ref;
    if (refCol === undefined) return [];
    return groups
      .filter((group) => !isEmpty(group.ref))
      .map((group) => ({ cell: address(group.row, refCol), reading: readRef(group.ref) }));
  });
  const allReadings = refsBySheet.flatMap((refs) => refs.map((r) => r.reading));
  const scheme = detectScheme(settings.refScheme, allReadings);
  const detected: WorkbookModel['detected'] = { scheme: detectScheme('auto', allReadings), prefixes: {} };
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
      actions: readActions(layout, scale),
    };
    for (const ref of refsBySheet[index]) refs.push({ theme, ...ref });
    return theme;
  });

  const model: WorkbookModel = {
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
  };
  const context: RuleContext = {
    model,
    snapshot,
    today: options.today,
    todaySerial: Math.floor(dateToSerial(options.today)),
    skipped,
    settingsProblems: problems,
    refs,
  };
  const issues = runCatalogue(context, settings.warningsOff);
  withoutFormulaFixes(snapshot, issues);
  return {
    ...model,
    issues: sortIssues(
      issues,
      snapshot.sheets.map((s) => s.name),
    ),
  };
}

/**
 * What each action row says: its status in every status column (SPEC §2.2: the current
 * status is the rightmost filled one, the previous the filled one before it) and its term.
 */
function readActions(layout: PlanLayout, scale: Scale): ActionInfo[] {
  const { sheet, columns, status } = layout;
  const termCol = columns.term;
  const rows = layout.actions.map(({ row }) => ({
    row,
    periods: status.map(({ col, label }): PeriodStatus => ({
      col,
      label,
      reading: readRag(cellAt(sheet, row, col), scale),
    })),
  }));
  // An empty later period is not yet due: a row with no status is missing it in the latest period any row filled.
  let due = status[0]?.col ?? columns.rag;
  for (const { periods } of rows)
    for (const period of periods) if (period.reading.state !== 'missing' && period.col > due) due = period.col;
  return rows.map(({ row, periods }) => {
    const filled = periods.filter((p) => p.reading.state !== 'missing');
    const current = filled[filled.length - 1] ?? null;
    let statusCol = current?.col ?? due;
    if (!current) {
      // A status shown only by a fill (rag-colour-only) is read where the fill is.
      const shown = [...periods].reverse().find((p) => {
        const fill = sheet.fills[`${row},${p.col}`];
        return fill !== undefined && statusOfFill(fill, scale) !== undefined;
      });
      if (shown) statusCol = shown.col;
    }
    return {
      row,
      rag: current?.reading ?? { state: 'missing' },
      statusCol,
      current,
      previous: filled[filled.length - 2] ?? null,
      periods,
      term: termCol === undefined ? null : readTerm(cellAt(sheet, row, termCol)),
    };
  });
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
