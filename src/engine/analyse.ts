// The whole read-side of the engine: recognise every sheet, read refs, RAG and
// terms, and produce the issues of SPEC §3 and the numbers of the overview.
import { readDueDate } from './dates';
import { Issue, makeIssue, sortIssues } from './issues';
import { ROLE_NAMES, Role, SheetLayout, recogniseSheet } from './layout';
import { RefReading, commonPrefix, detectScheme, readRef } from './refs';
import {
  RagReading,
  Scale,
  ScaleName,
  StatusInfo,
  TermReading,
  betterScale,
  readRag,
  readTerm,
  scaleOf,
  statusOfFill,
} from './scales';
import { DEFAULT_SETTINGS, SETTINGS_SHEET, Settings, SettingsProblem, settingsFromPairs } from './settings';
import {
  CellValue,
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
  serialToIsoDate,
} from './snapshot';
import { markedOverviewSheet } from './overview-marker';
import { buildOverview, isOverviewStale } from './overview';

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
  scheme: 'prefixed' | 'numbered';
  sheets: SheetInfo[];
  /** Theme sheets that can be counted (they have ref, actions and RAG columns). */
  themes: ThemeSheet[];
  /** Proforma sheets left out of the overview because a column is missing. */
  incomplete: Array<{ name: string; missing: Role[] }>;
  hasTermColumn: boolean;
  /** The overview sheet Proforma built, if any. */
  overviewSheet: SheetSnapshot | null;
  issues: Issue[];
}

const REQUIRED: Role[] = ['ref', 'actions', 'rag'];

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
  const sheet = snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
  const pair = sheet
    ? sheet.cells.findIndex((row) => displayText(row[0] ?? { kind: 'empty' }).trim() === 'overviewName')
    : -1;
  problems.push({
    pair: Math.max(pair, 0),
    message: `Setting overviewName "${settings.overviewName}" is the name of ${clash === SETTINGS_SHEET ? 'the settings sheet' : 'a theme sheet'}; the overview keeps the name "${DEFAULT_SETTINGS.overviewName}". Choose another name.`,
  });
  return { ...settings, overviewName: DEFAULT_SETTINGS.overviewName };
}

function quote(text: string): string {
  return `"${text.trim()}"`;
}

/** Analyses a workbook. The snapshot's merge continuation cells are blanked in place. */
export function analyse(snapshot: WorkbookSnapshot, options: AnalyseOptions): Analysis {
  const stored = readSettings(snapshot);
  const problems = options.settings ? [] : [...stored.problems];
  let settings = options.settings ?? stored.settings;
  const issues: Issue[] = [];
  const sheets: SheetInfo[] = [];
  const layouts: SheetLayout[] = [];
  const incomplete: Analysis['incomplete'] = [];
  let overviewSheet: SheetSnapshot | null = null;
  const marked = markedOverviewSheet(snapshot);

  for (const sheet of snapshot.sheets) {
    if (sheet.name === SETTINGS_SHEET) continue;
    blankMergeContinuations(sheet);
    const recognition = recogniseSheet(sheet);
    // The mark makes a sheet the overview, unless it holds an action table: a plan's rows are never replaced.
    if (sheet.name === marked && recognition.kind === 'not-proforma') {
      overviewSheet = sheet;
      sheets.push({ name: sheet.name, kind: 'overview', theme: null, prefix: null, actions: 0 });
      continue;
    }
    if (recognition.kind === 'not-proforma') {
      sheets.push({ name: sheet.name, kind: 'skipped', theme: null, prefix: null, actions: 0 });
      issues.push(
        makeIssue(
          'sheet-skipped',
          sheet.name,
          'A1',
          `Sheet "${sheet.name}" has no action-plan header row (a row with Ref, Actions, RAG and similar headings) in its first 30 rows, so it was not checked.`,
        ),
      );
      continue;
    }
    const layout = recognition.layout;
    const missing = REQUIRED.filter((role) => layout.columns[role] === undefined);
    sheets.push({ name: sheet.name, kind: 'theme', theme: layout.theme, prefix: null, actions: layout.actions.length });
    if (missing.length > 0) {
      incomplete.push({ name: sheet.name, missing });
      issues.push(
        makeIssue(
          'column-missing',
          sheet.name,
          address(layout.headerRow, layout.firstCol),
          `The header row has no ${missing.map((r) => ROLE_NAMES[r]).join(', ')} column${missing.length > 1 ? 's' : ''}, so this sheet's actions cannot be checked or counted.`,
        ),
      );
      continue;
    }
    layouts.push(layout);
  }

  settings = checkOverviewName(
    settings,
    snapshot,
    sheets.filter((s) => s.kind === 'theme').map((s) => s.name),
    problems,
  );
  for (const problem of problems)
    issues.push(makeIssue('settings-invalid', SETTINGS_SHEET, address(problem.pair, 1), problem.message));
  if (options.scale) settings = { ...settings, scale: options.scale };
  const scale = scaleOf(settings);

  const refsBySheet = layouts.map((layout) =>
    layout.groups.map((group) => ({ group, ref: readRef(group.ref) })).filter((g) => !isEmpty(g.group.ref)),
  );
  const scheme = detectScheme(
    settings.refScheme,
    refsBySheet.flatMap((refs) => refs.map((r) => r.ref)),
  );
  const todaySerial = Math.floor(dateToSerial(options.today));
  const hasTermColumn = layouts.some((l) => l.columns.term !== undefined);
  const seenRefs = new Map<string, string>();
  let lastNumber = 0;
  const themes: ThemeSheet[] = [];

  layouts.forEach((layout, index) => {
    const name = layout.sheet.name;
    const readings = new Map(refsBySheet[index].map((r) => [r.group, r.ref]));
    const refs = [...readings.values()];
    const prefix = scheme === 'prefixed' ? (settings.prefixes[name] ?? commonPrefix(refs)) : null;
    const info = sheets.find((s) => s.name === name);
    if (info) info.prefix = prefix;
    const refCol = layout.columns.ref as number;
    if (scheme === 'prefixed') lastNumber = 0;

    // Refs: one per group start.
    const firstActionGroup = layout.actions[0]?.group;
    layout.groups.forEach((group, groupIndex) => {
      const cell = address(group.row, refCol);
      if (isEmpty(group.ref)) {
        if (group.priority !== '' || groupIndex === firstActionGroup) {
          const why = group.priority !== '' ? 'starts a new priority' : 'is the first action of the sheet';
          issues.push(makeIssue('ref-missing', name, cell, `This row ${why} but has no ref.`));
        }
        return;
      }
      const ref = readings.get(group) as RefReading;
      const refIssue = refFormatIssue(ref, scheme, prefix, name, cell);
      if (refIssue) issues.push(refIssue);
      if (ref.normal === null || ref.shape !== scheme) return;
      if (scheme === 'prefixed' && prefix !== null && ref.prefix !== prefix) {
        issues.push(
          makeIssue(
            'ref-prefix',
            name,
            cell,
            `Ref ${quote(ref.raw)} does not use this sheet's prefix ${prefix}; it may belong on another tab.`,
          ),
        );
        return;
      }
      const earlier = seenRefs.get(ref.normal);
      if (earlier !== undefined) {
        issues.push(
          makeIssue(
            'ref-duplicate',
            name,
            cell,
            `Ref ${ref.normal} is used already, at ${earlier}; each priority needs its own ref.`,
          ),
        );
        return;
      }
      seenRefs.set(ref.normal, `'${name}'!${cell}`);
      const expected = lastNumber + 1;
      if (ref.number !== expected) {
        const label = (n: number): string => `${scheme === 'prefixed' ? ref.prefix : ''}${n}`;
        const within = scheme === 'prefixed' ? 'on this sheet' : 'across the workbook';
        const message =
          ref.number < expected
            ? `Ref ${ref.normal} comes after ${label(lastNumber)}; refs should rise in order ${within}.`
            : `Ref ${ref.normal} skips ${expected === ref.number - 1 ? label(expected) : `${label(expected)} to ${label(ref.number - 1)}`}; refs should run without gaps ${within}.`;
        issues.push(makeIssue('ref-sequence', name, cell, message));
      }
      lastNumber = Math.max(lastNumber, ref.number);
    });

    const actions = layout.actions.map(({ row }) => checkActionRow(layout, row, scale, todaySerial, issues));
    themes.push({ name, theme: layout.theme, prefix, layout, actions });
  });

  const mismatch = scaleMismatch(themes, scale, settings);
  if (mismatch) issues.push(mismatch);

  const analysis: Analysis = {
    settings,
    scale,
    settingsProblems: problems.map((p) => p.message),
    scheme,
    sheets,
    themes,
    incomplete,
    hasTermColumn,
    overviewSheet,
    issues,
  };
  if (overviewSheet && isOverviewStale(overviewSheet, buildOverview(analysis, options.today)))
    issues.push(
      makeIssue(
        'overview-stale',
        overviewSheet.name,
        'A1',
        'The overview no longer matches the theme sheets; rebuild it before sending.',
      ),
    );
  withoutFormulaFixes(snapshot, issues);
  analysis.issues = sortIssues(
    issues,
    snapshot.sheets.map((s) => s.name),
  );
  return analysis;
}

/**
 * Most status values invalid on the board's scale but valid on a built-in one: the board
 * probably uses that scale (SPEC §2.5). Reported once, at the first theme sheet's status header.
 */
function scaleMismatch(themes: ThemeSheet[], scale: Scale, settings: Settings): Issue | undefined {
  if (themes.length === 0) return undefined;
  const filled = themes.flatMap((t) =>
    t.actions
      .filter((a) => a.rag.state !== 'missing')
      .map((a) => ({ state: a.rag.state, value: cellAt(t.layout.sheet, a.row, t.layout.columns.rag as number) })),
  );
  const invalid = filled.filter((f) => f.state === 'invalid').length;
  const better = betterScale(
    filled.map((f) => f.value),
    invalid,
    scale,
    settings.ragWithW,
  );
  if (!better) return undefined;
  const first = themes[0].layout;
  return makeIssue(
    'scale-mismatch',
    first.sheet.name,
    address(first.headerRow, first.columns.rag as number),
    `${invalid} of ${filled.length} status values are not on the ${scale.name} scale but fit the ${better.name} scale (${better.statuses.map((s) => s.code).join(', ')}); choose it in the settings (scale: ${better.name}), or run the command line with --scale ${better.name}.`,
  );
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

/** "Ready to send" (SPEC §3): no errors, and the overview present and up to date. */
export function readiness(analysis: Analysis): Readiness {
  const blockers: string[] = [];
  const errors = analysis.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) blockers.push(`${errors} error${errors === 1 ? '' : 's'} to correct.`);
  if (!analysis.overviewSheet) blockers.push('There is no overview yet; rebuild it.');
  else if (analysis.issues.some((i) => i.code === 'overview-stale'))
    blockers.push('The overview is out of date; rebuild it.');
  return { ready: blockers.length === 0, blockers };
}

function refFormatIssue(
  ref: RefReading,
  scheme: 'prefixed' | 'numbered',
  prefix: string | null,
  sheet: string,
  cell: string,
): Issue | undefined {
  const example = scheme === 'prefixed' ? `${prefix ?? 'PE'}3` : '12';
  const expected =
    scheme === 'prefixed'
      ? `letters then a number, like ${example}`
      : 'a whole number, like 12 (this workbook numbers its refs across all sheets)';
  if (ref.normal === null || ref.shape !== scheme)
    return makeIssue('ref-format', sheet, cell, `Ref ${quote(ref.raw)} is not a valid ref; expected ${expected}.`);
  if (!ref.isNormal)
    return makeIssue(
      'ref-format',
      sheet,
      cell,
      `Ref ${quote(ref.raw)} should be written ${ref.normal} (upper case, no spaces or dashes).`,
      ref.normal,
    );
  return undefined;
}

/** The status an empty status cell's fill shows, if it is a status colour (rag-colour-only). */
function fillStatus(sheet: SheetSnapshot, row: number, col: number, scale: Scale) {
  const fill = sheet.fills[`${row},${col}`];
  return fill ? statusOfFill(fill, scale) : undefined;
}

/** Statuses that need evidence, and the only ones that can be overdue (SPEC §2.5). */
function needsAttention(status: StatusInfo | undefined): boolean {
  return status?.class === 'off-track' || status?.class === 'at-risk';
}

function checkActionRow(
  layout: SheetLayout,
  row: number,
  scale: Scale,
  todaySerial: number,
  issues: Issue[],
): ActionInfo {
  const { sheet, columns } = layout;
  const name = sheet.name;
  const at = (role: Role): { value: CellValue; cell: string } | undefined => {
    const col = columns[role];
    return col === undefined ? undefined : { value: cellAt(sheet, row, col), cell: address(row, col) };
  };

  // Error values first: a #REF! in the RAG cell is an error value, not a missing RAG.
  const rowCells = sheet.cells[row] ?? [];
  rowCells.forEach((value, col) => {
    if (value.kind === 'error')
      issues.push(
        makeIssue(
          'cell-error',
          name,
          address(row, col),
          `This cell shows the Excel error ${value.error}; correct the formula or type the value in.`,
        ),
      );
  });

  const ragCell = at('rag') as { value: CellValue; cell: string };
  const rag = readRag(ragCell.value, scale);
  const codes = scale.statuses.map((s) => s.code).join(', ');
  const status = rag.state === 'valid' ? scale.statuses.find((s) => s.code === rag.code) : undefined;
  const noun = scale.name === 'rag' || scale.name === 'ragb' ? 'RAG' : 'status';
  const valueNoun = noun === 'RAG' ? 'RAG value' : 'Status';
  const shown = rag.state === 'missing' ? fillStatus(sheet, row, columns.rag as number, scale) : undefined;
  if (shown)
    issues.push(
      makeIssue(
        'rag-colour-only',
        name,
        ragCell.cell,
        `This action's status is shown only by the cell's colour, ${shown.colour}; write ${shown.status.code} (${shown.status.name}) in the cell so everyone can read, filter and count it.`,
        shown.status.code,
      ),
    );
  else if (rag.state === 'missing')
    issues.push(
      makeIssue('rag-missing', name, ragCell.cell, `This action has no ${noun} status; enter one of ${codes}.`),
    );
  else if (rag.state === 'invalid' && ragCell.value.kind !== 'error') {
    const hint =
      rag.offScale === 'B'
        ? ' B (complete) is on the ragb scale; choose that scale in the settings if the board uses it.'
        : rag.offScale
          ? ` ${rag.offScale} is not on this board's scale; switch it on in the settings if the board uses it.`
          : '';
    issues.push(
      makeIssue(
        'rag-invalid',
        name,
        ragCell.cell,
        `${valueNoun} ${quote(rag.found)} is not on the scale; use one of ${codes}.${hint}`,
      ),
    );
  } else if (rag.state === 'valid' && !rag.normal) {
    const found = displayText(ragCell.value);
    const message =
      found.trim() === rag.code
        ? `${valueNoun} "${found}" has spaces around it; write just ${rag.code}.`
        : `${valueNoun} "${found}" should be written as the code ${rag.code}.`;
    issues.push(makeIssue('rag-nonstandard', name, ragCell.cell, message, rag.code));
  }

  let term: TermReading | null = null;
  const termCell = at('term');
  if (termCell) {
    term = readTerm(termCell.value);
    if (term.state === 'missing')
      issues.push(
        makeIssue(
          'term-missing',
          name,
          termCell.cell,
          'This action has no term; enter S, M or L (short, medium or long).',
        ),
      );
    else if (term.state === 'invalid' && termCell.value.kind !== 'error')
      issues.push(
        makeIssue(
          'term-invalid',
          name,
          termCell.cell,
          `Term ${quote(term.found)} is not on the term scale; use S, M or L, with "c/f" after it if carried forward (e.g. "M c/f").`,
        ),
      );
  }

  const lead = at('lead');
  if (lead && isEmpty(lead.value))
    issues.push(
      makeIssue('lead-missing', name, lead.cell, 'This action has no lead partner; name who is responsible.'),
    );

  const outcome = at('outcome');
  if (outcome && isEmpty(outcome.value))
    issues.push(makeIssue('outcome-missing', name, outcome.cell, 'This action has no outcome or impact measure.'));

  const evidence = at('evidence');
  if (evidence && status && needsAttention(status) && isEmpty(evidence.value)) {
    const label = status.name;
    issues.push(
      makeIssue(
        'evidence-missing',
        name,
        evidence.cell,
        `This action is rated ${label} but has no evidence or progress update; say what is happening.`,
      ),
    );
  }

  const due = at('due');
  if (due) {
    const dueSerial = readDueDate(due.value);
    if (dueSerial !== undefined && dueSerial < todaySerial && status && needsAttention(status)) {
      issues.push(
        makeIssue(
          'overdue',
          name,
          due.cell,
          `This action was due by ${serialToIsoDate(dueSerial)} and is still rated ${status.code}; update the ${noun} or agree a new date.`,
        ),
      );
    }
  }

  return { row, rag, term };
}
