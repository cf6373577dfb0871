// What the task pane and the ribbon do, shared by both: each operation reads the
// workbook afresh (co-authors may have changed it), asks the engine for a plan,
// and applies it — all inside one Excel.run, so it is one undo step.
import {
  Analysis,
  Issue,
  Plan,
  Readiness,
  Settings,
  Summary,
  WorkbookSnapshot,
  analyse,
  colourPlan,
  fixPlan,
  leftOutExplanation,
  predictSnapshot,
  readiness,
  rebuildPlan,
  summarise,
} from '../engine';
import {
  OfficeApi,
  SheetExtents,
  extentsOf,
  readSettingsSheet,
  readSnapshot,
  runInExcel,
  selectCell,
  writePlan,
  writeSettings,
} from '../hosts/excel';

export type Progress = (step: string) => void;

/** What the task pane shows after a check. */
export interface CheckResult {
  analysis: Analysis;
  summary: Summary;
  readiness: Readiness;
}

function report(analysis: Analysis): CheckResult {
  return { analysis, summary: summarise(analysis), readiness: readiness(analysis) };
}

/** What a change did, in a sentence, and the check of the workbook after it. */
export interface ChangeResult {
  message: string;
  /** warning: it was done, but not all of it as the user hoped (rows left out of a rebuilt overview). */
  intent: 'success' | 'warning';
  result: CheckResult;
}

export interface Operations {
  check(progress?: Progress): Promise<CheckResult>;
  /** Applies the fixes of the given issues (all fixable issues when omitted); returns a fresh check. */
  fix(issues?: Issue[], progress?: Progress): Promise<ChangeResult>;
  colour(progress?: Progress): Promise<ChangeResult>;
  rebuild(progress?: Progress): Promise<ChangeResult>;
  select(sheet: string, cell: string): Promise<void>;
  saveSettings(settings: Settings): Promise<CheckResult>;
  /**
   * The board's settings alone, as the analysis of a workbook holding only the settings
   * sheet: for the settings view when the whole workbook could not be read.
   */
  readSettings(): Promise<Analysis>;
}

type Planner = (analysis: Analysis, snapshot: WorkbookSnapshot) => Plan;

/** "Plan 2026.xlsx" from "https://…/Shared%20Documents/Plan%202026.xlsx" or "C:\\Board\\Plan 2026.xlsx". */
export function fileNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const last = url.split(/[?#]/)[0].split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last) || undefined;
  } catch {
    return last || undefined;
  }
}

/** Whether an issue from an earlier check is still the same issue now. */
function sameIssue(a: Issue, b: Issue): boolean {
  return a.sheet === b.sheet && a.cell === b.cell && a.code === b.code && a.fix?.value === b.fix?.value;
}

/**
 * `documentUrl`: the workbook's path or URL (Office.context.document.url; null for a workbook
 * never saved), whose file name titles an overview when the theme sheets have no title rows.
 */
export function createOperations(
  api: OfficeApi,
  now: () => Date = () => new Date(),
  documentUrl: () => string | null | undefined = () => undefined,
): Operations {
  // How far each sheet reached when last read: the next read sizes its first windows by it.
  let extents: SheetExtents | undefined;
  const read = async (context: Excel.RequestContext, progress?: Progress, colours = false) => {
    progress?.('Reading the workbook…');
    const snapshot = await readSnapshot(context, { colours, hint: extents });
    extents = extentsOf(snapshot);
    progress?.('Checking…');
    return { snapshot, analysis: analyse(snapshot, { today: now() }) };
  };

  /**
   * Reads, plans from what is there now, then writes: sheets to add or rename
   * first in a run of their own (Excel cannot undo those inside an undo group),
   * then everything else as one undo step. The new state is predicted from the
   * read and the plan (nothing is read twice).
   */
  const change = async (
    planner: Planner,
    verb: string,
    progress?: Progress,
    { colours = false } = {},
  ): Promise<ChangeResult> => {
    const before = await runInExcel(api, (context) => read(context, progress, colours));
    const plan = planner(before.analysis, before.snapshot);
    progress?.(`${verb}…`);
    await writePlan(api, plan, before.snapshot);
    const predicted = predictSnapshot(before.snapshot, plan);
    extents = extentsOf(predicted);
    const after = analyse(predicted, { today: now() });
    return { message: plan.description, intent: 'success', result: report(after) };
  };

  return {
    check: (progress) => runInExcel(api, async (context) => report((await read(context, progress)).analysis)),
    // A fix chosen from an earlier check is applied only if the fresh check still finds it.
    fix: (issues, progress) =>
      change(
        (analysis) =>
          fixPlan(analysis, issues ? analysis.issues.filter((i) => issues.some((w) => sameIssue(i, w))) : undefined),
        'Fixing',
        progress,
      ),
    // Only colouring reads merges (no row tint on a cell merged across rows), Proforma's rules
    // and lists, and the board's validation: the rest never need them.
    colour: (progress) => change((analysis) => colourPlan(analysis), 'Colouring rows', progress, { colours: true }),
    // Rows left out of the overview's columns make it a rebuild to act on, not a plain success.
    rebuild: async (progress) => {
      const done = await change(
        (analysis, snapshot) =>
          rebuildPlan(snapshot, analysis, now(), { fileName: fileNameOf(documentUrl() ?? undefined) }),
        'Rebuilding the overview',
        progress,
      );
      const explanation = leftOutExplanation(done.result.summary.leftOut);
      return explanation ? { ...done, intent: 'warning', message: `${done.message} ${explanation}` } : done;
    },
    select: (sheet, cell) => runInExcel(api, (context) => selectCell(context, sheet, cell)),
    readSettings: () => runInExcel(api, async (context) => analyse(await readSettingsSheet(context), { today: now() })),
    saveSettings: async (settings) => {
      await writeSettings(api, settings);
      return runInExcel(api, async (context) => report((await read(context)).analysis));
    },
  };
}
