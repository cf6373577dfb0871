// The read-side of the engine: recognise every sheet, read refs, statuses and
// terms into the workbook's model (model.ts), then run the catalogue of checks
// (rules/) over it; the model and the issues found make an Analysis.
import { Analysis, Issue, sortIssues } from './issues';
import type { ActionInfo, PeriodStatus, SheetInfo, ThemeSheet, WorkbookModel } from './model';
import { PlanLayout, REQUIRED_ROLES, findTableLike, isPlanLayout, recogniseSheet } from './layout';
import { commonPrefix, detectScheme, readRef, readRefList } from './refs';
import { isReturnSheet } from './returns';
import { IssueCode, RefEntry, RuleContext, isIssueCode, ruleOf, runCatalogue } from './rules';
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
import type { Baseline } from './model';
import { BASELINE_SHEET, isBaselineSheet, readRecordedBaseline } from './baseline';
import { compareWithBaseline, compareWithPeriods } from './movement';

export interface AnalyseOptions {
  /** "Now", for overdue dates; hosts pass the real date, tests a fixed one. */
  today: Date;
  /** Overrides the settings stored in the workbook. */
  settings?: Settings;
  /** A built-in scale for this run, over the workbook's setting (the CLI's --scale). */
  scale?: Exclude<ScaleName, 'custom'>;
  /**
   * Another copy of the plan to compare with (the CLI's --since FILE, made by baselineFromPlan):
   * over the plan's own previous period and the baseline recorded in the workbook (SPEC §8).
   */
  since?: Baseline;
  /**
   * Only these checks run (the model is read whole all the same): for a command that needs the
   * model and a few findings, not the whole catalogue's (`colour` needs only rag-colour-only's
   * fixes, to say them). Its issues are then not a check's: never show them as one.
   */
  only?: readonly IssueCode[];
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
  const clash = [...themeSheets, SETTINGS_SHEET, BASELINE_SHEET].find((n) => n.toLowerCase() === wanted);
  if (!clash || settings.overviewName === DEFAULT_SETTINGS.overviewName) return settings;
  const what =
    clash === SETTINGS_SHEET ? 'the settings sheet' : clash === BASELINE_SHEET ? 'the baseline sheet' : 'a theme sheet';
  problems.push({
    pair: rowOfSetting(snapshot, 'overviewName'),
    message: `Setting overviewName "${settings.overviewName}" is the name of ${what}; the overview keeps the name "${DEFAULT_SETTINGS.overviewName}". Choose another name.`,
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

/**
 * prefix:<sheet> and theme:<sheet> name a sheet of the workbook (as Excel matches sheet names,
 * without case): one that names none, a typo most likely, is reported and not kept (SPEC §2.6).
 */
function checkSheetKeys(settings: Settings, snapshot: WorkbookSnapshot, problems: SettingsProblem[]): Settings {
  const sheets = [...snapshot.sheets.map((s) => s.name), ...(snapshot.otherSheets ?? [])].filter(
    (name) => name !== SETTINGS_SHEET && !isBaselineSheet(name),
  );
  const known = new Set(sheets.map((name) => name.toLowerCase()));
  const shown = sheets.slice(0, 8).map((name) => `"${name}"`);
  const list = sheets.length > 8 ? `${shown.join(', ')} …` : shown.join(', ');
  const keep = <T>(what: 'prefix' | 'theme', entries: Record<string, T>): Record<string, T> => {
    const kept: Record<string, T> = {};
    for (const [sheet, value] of Object.entries(entries)) {
      if (known.has(sheet.trim().toLowerCase())) kept[sheet] = value;
      else
        problems.push({
          pair: rowOfSetting(snapshot, `${what}:${sheet}`),
          message: `Setting ${what}:${sheet} names no sheet of this workbook, so it is not used; write the sheet's name as its tab shows it (the sheets are ${list}).`,
        });
    }
    return kept;
  };
  const prefixes = keep('prefix', settings.prefixes);
  const themes = keep('theme', settings.themes ?? {});
  return { ...settings, prefixes, themes };
}

/** Analyses a workbook. Pure: the snapshot given is not changed. */
export function analyse(given: WorkbookSnapshot, options: AnalyseOptions): Analysis {
  // Read with each merge's value in its top-left cell only (SPEC §2.3), on copies of the rows merges touch.
  const snapshot: WorkbookSnapshot = {
    ...given,
    sheets: given.sheets.map((sheet) =>
      sheet.name === SETTINGS_SHEET || isBaselineSheet(sheet.name) ? sheet : withoutMergeContinuations(sheet),
    ),
  };
  const stored = readSettings(snapshot);
  const problems = options.settings ? [] : [...stored.problems];
  let settings = options.settings ?? checkSheetKeys(stored.settings, snapshot, problems);
  const mappings = columnMappings(settings.columns);
  const sheets: SheetInfo[] = [];
  const layouts: PlanLayout[] = [];
  const incomplete: WorkbookModel['incomplete'] = [];
  const skipped: RuleContext['skipped'] = [];
  let overviewSheet: SheetSnapshot | null = null;
  const marked = markedOverviewSheet(snapshot);

  for (const sheet of snapshot.sheets) {
    // Proforma's own records (the settings, the baseline, a pack's ProformaReturn in whatever state a
    // program saved it) are not sheets of the plan.
    if (sheet.name === SETTINGS_SHEET || isBaselineSheet(sheet.name) || isReturnSheet(sheet.name)) continue;
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
      .flatMap((group) => {
        const cell = address(group.row, refCol);
        // A cell listing several refs is one row answering each of them (SPEC §2.4).
        const list = readRefList(group.ref);
        return list
          ? list.map((reading) => ({ cell, reading, listed: true }))
          : [{ cell, reading: readRef(group.ref) }];
      });
  });
  const allReadings = refsBySheet.flatMap((refs) => refs.map((r) => r.reading));
  const scheme = detectScheme(settings.refScheme, allReadings);
  const detected: WorkbookModel['detected'] = { scheme: detectScheme('auto', allReadings), prefixes: {} };
  const refs: RefEntry[] = [];
  const themes: ThemeSheet[] = layouts.map((layout, index) => {
    const name = layout.sheet.name;
    const readings = refsBySheet[index].map((r) => r.reading);
    detected.prefixes[name] = commonPrefix(readings);
    // The board's prefix for the sheet; its name matches as Excel's sheet names do, without case.
    const set = Object.entries(settings.prefixes).find(([sheet]) => sheet.trim().toLowerCase() === name.toLowerCase());
    const prefix = scheme === 'prefixed' ? (set?.[1] ?? detected.prefixes[name]) : null;
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
    movement: null,
    baselineProblem: null,
  };
  // The baseline (SPEC §8): a file given wins; else the plan's own previous period; else the one recorded.
  const recorded = readRecordedBaseline(snapshot, scale);
  if (recorded && 'problem' in recorded) model.baselineProblem = recorded.problem;
  if (options.since) model.movement = compareWithBaseline(model, options.since);
  else model.movement = compareWithPeriods(model);
  if (!model.movement && recorded && 'baseline' in recorded)
    model.movement = compareWithBaseline(model, recorded.baseline);
  const context: RuleContext = {
    model,
    snapshot,
    today: options.today,
    todaySerial: Math.floor(dateToSerial(options.today)),
    skipped,
    settingsProblems: problems,
    refs,
  };
  const issues = runCatalogue(context, settings.warningsOff, options.only);
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
 * status is the rightmost filled one, the previous the filled one before it), its term, and
 * where its progress update is (the current period's own, where each period has one).
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
  const updateOf = new Map(status.flatMap((s) => (s.update === undefined ? [] : [[s.col, s.update] as const])));
  const showsStatus = (row: number, col: number): boolean => {
    const fill = sheet.fills[`${row},${col}`];
    return fill !== undefined && statusOfFill(fill, scale) !== undefined;
  };
  return rows.map(({ row, periods }) => {
    const filled = periods.filter((p) => p.reading.state !== 'missing');
    let current: PeriodStatus | null = filled[filled.length - 1] ?? null;
    let previous: PeriodStatus | null = filled[filled.length - 2] ?? null;
    let statusCol = current?.col ?? due;
    // A status shown only by a fill (rag-colour-only, SPEC §2.5) is read where the fill is. With no
    // period filled: the rightmost such cell. After the last filled period: an empty later period
    // whose fill shows a status is the board's latest status, by colour alone, so the row's status
    // is none until it is written in (unless the fill is the whole row's, as the action text's cell has it).
    const rowFill = sheet.fills[`${row},${columns.actions}`];
    const shown = [...periods]
      .reverse()
      .find(
        (p) =>
          p.reading.state === 'missing' &&
          showsStatus(row, p.col) &&
          (current === null || (p.col > current.col && sheet.fills[`${row},${p.col}`] !== rowFill)),
      );
    if (shown) {
      statusCol = shown.col;
      current = null;
      previous = null;
    }
    return {
      row,
      rag: current?.reading ?? { state: 'missing' },
      statusCol,
      current,
      previous,
      periods,
      term: termCol === undefined ? null : readTerm(cellAt(sheet, row, termCol)),
      evidenceCol: updateOf.get(statusCol) ?? columns.evidence,
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
