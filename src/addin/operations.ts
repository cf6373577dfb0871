// What the task pane and the ribbon do, shared by both (one object in the shared
// runtime). A change reads the workbook afresh in one Excel.run (co-authors may
// have changed it), asks the engine for a plan, then writes it (the Excel host:
// sheets to add or rename in a run of their own, then the rest as one change, one
// undo step where this Excel allows it, from a load of its own). Operations run
// one at a time: the pane's check never reads a ribbon's change half made.
import {
  Analysis,
  Issue,
  Plan,
  Readiness,
  Settings,
  Summary,
  WorkbookSnapshot,
  analyse,
  baselinePlan,
  colourPlan,
  fixPlan,
  leftOutExplanation,
  mergesNeeded,
  predictSnapshot,
  readiness,
  rebuildPlan,
  summarise,
  findPartner,
  hiddenOwnRows,
  mergeReturns,
  packFileName,
  packPlan,
  partnersOf,
  type MergeResult,
  type ReturnInput,
} from '../engine';
import {
  ExcelSession,
  OfficeApi,
  ReadReceipt,
  SheetExtents,
  WriteResult,
  extentsOf,
  readMerges,
  readSettingsSheet,
  readSnapshot,
  runInExcel,
  selectCell,
  writePlan,
  writeSettings,
  ExcelHostError,
  fileUnsupported,
  openAsNewWorkbook,
  readDocumentFile,
  type OfficeFiles,
} from '../hosts/excel';
import { PackageError, applyPlan as applyToPackage, readPackage } from '../hosts/xlsx';

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
  /** Records the plan as it stands as the baseline `label` (SPEC §8), replacing any earlier one; returns a fresh check. */
  recordBaseline(label: string, progress?: Progress): Promise<ChangeResult>;
  select(sheet: string, cell: string): Promise<void>;
  saveSettings(settings: Settings): Promise<CheckResult>;
  /**
   * The board's settings alone, as the analysis of a workbook holding only the settings
   * sheet: for the settings view when the whole workbook could not be read.
   */
  readSettings(): Promise<Analysis>;
  /** Why partner packs cannot be made in this Excel (SPEC §7.4); null when they can. */
  packsUnavailable(): string | null;
  /** A partner's pack, from the workbook as Office hands it over, opened as a new workbook. */
  makePack(partner: string, progress?: Progress): Promise<PackResult>;
  /** What merging returned files would do (SPEC §7.4): per file, as `proforma merge` lists it. */
  previewMerge(files: ReturnedFile[], progress?: Progress): Promise<MergePreview>;
  /** Merges the previewed returns into the open workbook, conflicts settled by `choices`, as one change. */
  applyMerge(
    preview: MergePreview,
    choices: ReadonlyMap<string, number | 'plan'>,
    progress?: Progress,
  ): Promise<ChangeResult>;
}

/** A returned file the secretary picked: read in the pane, nothing leaves the computer. */
export interface ReturnedFile {
  name: string;
  bytes: Uint8Array;
}

/** What a merge would do: each readable return's report, and the files that could not be read. */
export interface MergePreview {
  result: MergeResult;
  unreadable: Array<{ name: string; problem: string }>;
  /** The returns as read, merged again (against a fresh read) when applied. */
  returns: ReturnInput[];
}

export interface PackResult {
  partner: string;
  /** The name to save it under: "<plan> - <partner>.xlsx". */
  fileName: string;
  /** Whether Excel opened it as a new workbook; if not, `bytes` are there to save. */
  opened: boolean;
  bytes: Uint8Array;
  message: string;
  intent: 'success' | 'warning';
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

/** What a cell the write skipped (someone changed it since the read) was meant to be: a fix, or a merged cell. */
export interface SkippedCells {
  one: string;
  many: string;
}
const SKIPPED_FIXES: SkippedCells = { one: 'fix was not made', many: 'fixes were not made' };

/** What a write did besides the plan, in sentences; empty when it did just the plan. */
export function writeNotes(
  written: WriteResult,
  skippedAre: SkippedCells = SKIPPED_FIXES,
): { sentences: string[]; warning: boolean } {
  const sentences: string[] = [];
  const skipped = written.skippedFixes;
  if (skipped.length > 0) {
    const cells = skipped.map((s) => `${s.sheet} ${s.cell} (now "${s.found}")`).join(', ');
    sentences.push(
      skipped.length === 1
        ? `1 ${skippedAre.one}: ${cells} changed since the check. Check again to see it.`
        : `${skipped.length} ${skippedAre.many}: ${cells} changed since the check. Check again to see them.`,
    );
  }
  const theirs = written.listsNotWritten.filter((l) => l.why === 'theirs');
  if (theirs.length > 0)
    sentences.push(
      `No drop-down was added at ${theirs.map((l) => `${l.sheet} ${l.cells}`).join(', ')}: those cells now have validation of someone else's, which Proforma leaves as it is.`,
    );
  const long = written.listsNotWritten.filter((l) => l.why === 'too-long');
  if (long.length > 0)
    sentences.push(
      `No drop-down was added at ${long.map((l) => `${l.sheet} ${l.cells}`).join(', ')}: the list would be longer than the 255 characters Excel allows.`,
    );
  if (written.undo === 'refused')
    sentences.push(
      'Undo is not grouped on this Excel: it would not make the change one undo step, so each part undoes on its own.',
    );
  return { sentences, warning: skipped.length > 0 || theirs.length > 0 || long.length > 0 };
}

/**
 * `documentUrl`: the workbook's path or URL (Office.context.document.url; null for a workbook
 * never saved), whose file name titles an overview when the theme sheets have no title rows.
 */
export function createOperations(
  api: OfficeApi,
  now: () => Date = () => new Date(),
  documentUrl: () => string | null | undefined = () => undefined,
  files?: OfficeFiles,
): Operations {
  // How far each sheet reached when last read: the next read sizes its first windows by it.
  let extents: SheetExtents | undefined;
  // What this Excel accepts (undo grouping, the list separator), learnt by the first change.
  const session = new ExcelSession();
  // One operation at a time, in the order asked: the ribbon's and the pane's share this object.
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work, work);
    last = next.catch(() => undefined);
    return next;
  };

  const read = async (
    context: Excel.RequestContext,
    progress?: Progress,
    colours = false,
  ): Promise<{ snapshot: WorkbookSnapshot; receipt: ReadReceipt; analysis: Analysis }> => {
    progress?.('Reading the workbook…');
    const { snapshot, receipt } = await readSnapshot(context, { colours, hint: extents });
    extents = extentsOf(snapshot);
    progress?.('Checking…');
    const analysis = analyse(snapshot, { today: now() });
    if (colours) {
      // Merged areas only where the colour plan needs them, and only where Excel has the call
      // (ExcelApi 1.13; the manifest asks for 1.9). Excel already reads the cells under a merge
      // as empty, so the analysis stands; the merges go into the sheets it was made from.
      const questions = mergesNeeded(analysis);
      if (questions.length > 0)
        receipt.merges = api.isSetSupported('ExcelApi', '1.13')
          ? await readMerges(context, snapshot, questions)
          : 'unsupported';
    }
    return { snapshot, receipt, analysis };
  };

  /**
   * Reads, plans from what is there now, then writes. The new state is predicted from the read
   * and the plan (nothing is read twice), unless the write found the workbook changed meanwhile
   * (a fix skipped, a list left out): then it is read again.
   */
  const change = async (
    planner: Planner,
    verb: string,
    progress?: Progress,
    { colours = false, skippedAre = SKIPPED_FIXES }: { colours?: boolean; skippedAre?: SkippedCells } = {},
  ): Promise<ChangeResult> => {
    const before = await runInExcel(api, (context) => read(context, progress, colours));
    const plan = planner(before.analysis, before.snapshot);
    progress?.(`${verb}…`);
    const written = await writePlan(api, plan, before.snapshot, before.receipt, session);
    const notes = writeNotes(written, skippedAre);
    // Coloured without the merged cells Excel would not give: say what that means for them.
    const unmerged = before.receipt.merges === 'unsupported' || before.receipt.merges === 'too-many';
    if (unmerged && plan.edits.some((e) => e.kind === 'live-colours'))
      notes.sentences.push(
        `Excel did not list this workbook's merged cells (${before.receipt.merges === 'unsupported' ? 'this version of Excel cannot' : 'a table has more than 512 merged areas'}), so a cell merged across several actions takes the tint of the row it starts on.`,
      );
    let after: Analysis;
    if (notes.warning) after = (await runInExcel(api, (context) => read(context))).analysis;
    else {
      const predicted = predictSnapshot(before.snapshot, plan);
      extents = extentsOf(predicted);
      after = analyse(predicted, { today: now() });
    }
    return {
      message: [plan.description, ...notes.sentences].join(' '),
      intent: notes.warning ? 'warning' : 'success',
      result: report(after),
    };
  };

  /** The pack of one partner, made from the file as Office hands it over (SPEC §7.4). */
  const makePack = async (name: string, progress?: Progress): Promise<PackResult> => {
    if (!files) throw new ExcelHostError('Partner packs cannot be made here.', 'ApiNotFound');
    // Whether the file Office hands over may lack the latest changes: its docs do not say it holds unsaved ones.
    const unsaved = api.isSetSupported('ExcelApi', '1.9')
      ? await runInExcel(api, async (context) => {
          context.workbook.load('isDirty');
          await context.sync();
          return context.workbook.isDirty;
        })
      : false;
    progress?.('Reading the workbook as a file…');
    const bytes = await readDocumentFile(files);
    let pkg: ReturnType<typeof readPackage>;
    try {
      pkg = readPackage(bytes);
    } catch (error) {
      if (error instanceof PackageError)
        throw new ExcelHostError(`The workbook as Excel handed it over could not be read: ${error.message}.`);
      throw error;
    }
    const analysis = analyse(pkg.snapshot, { today: now() });
    const partner = findPartner(partnersOf(analysis).partners, name, analysis.settings);
    if (!partner)
      throw new ExcelHostError(
        `${name} leads no action row in the workbook as it was last saved. Save the workbook, then make the pack again.`,
      );
    progress?.(`Making the pack for ${partner.name}…`);
    const planFile = fileNameOf(documentUrl() ?? undefined) ?? 'Action plan.xlsx';
    const fileName = packFileName(planFile, partner.name, pkg.macroEnabled ? '.xlsm' : '.xlsx');
    const pack = applyToPackage(pkg, packPlan(analysis, partner, { planFile, now: now() }), now());
    const rows = `${partner.rows.length} action row${partner.rows.length === 1 ? '' : 's'}`;
    const hidden = hiddenOwnRows(analysis, partner);
    const notes = [
      hidden.length > 0
        ? `${hidden.length} of its rows ${hidden.length === 1 ? 'is' : 'are'} hidden in the plan (${hidden.map((h) => `${h.sheet} ${h.cell}`).join(', ')}), and so in the pack too.`
        : '',
      unsaved
        ? 'The workbook has changes not saved yet: the pack was made from the file as Excel hands it over, which may not hold them. Save, then make the pack again to be sure.'
        : '',
    ].filter(Boolean);
    progress?.('Opening it as a new workbook…');
    try {
      await openAsNewWorkbook(files, pack);
    } catch (error) {
      return {
        partner: partner.name,
        fileName,
        opened: false,
        bytes: pack,
        intent: 'warning',
        message: [
          `${(error as Error).message} Save the pack (${rows} for ${partner.name}) with the link below instead.`,
          ...notes,
        ].join(' '),
      };
    }
    return {
      partner: partner.name,
      fileName,
      opened: true,
      bytes: pack,
      intent: notes.length > 0 ? 'warning' : 'success',
      message: [
        `The pack for ${partner.name} (${rows}) has opened as a new workbook; it may be behind this window. Save it as "${fileName}" and send it to ${partner.name}.`,
        ...notes,
      ].join(' '),
    };
  };

  /** The returned files read and compared with the workbook as it is now. */
  const previewMerge = async (returned: ReturnedFile[], progress?: Progress): Promise<MergePreview> => {
    const { snapshot, analysis } = await runInExcel(api, (context) => read(context, progress));
    progress?.('Reading the returned files…');
    const unreadable: MergePreview['unreadable'] = [];
    const returns: ReturnInput[] = [];
    for (const file of returned) {
      try {
        const read = readPackage(file.bytes).snapshot;
        returns.push({ file: file.name, snapshot: read, model: analyse(read, { today: now() }) });
      } catch (error) {
        if (!(error instanceof PackageError)) throw error;
        unreadable.push({ name: file.name, problem: `cannot read it: ${error.message}` });
      }
    }
    return { result: mergeReturns({ snapshot, model: analysis }, returns), unreadable, returns };
  };

  return {
    check: (progress) =>
      inTurn(() => runInExcel(api, async (context) => report((await read(context, progress)).analysis))),
    // A fix chosen from an earlier check is applied only if the fresh check still finds it.
    fix: (issues, progress) =>
      inTurn(() =>
        change(
          (analysis) =>
            fixPlan(analysis, issues ? analysis.issues.filter((i) => issues.some((w) => sameIssue(i, w))) : undefined),
          'Fixing',
          progress,
        ),
      ),
    // Only colouring reads Proforma's rules and lists, the board's validation, and (where the
    // plan needs them) merges: the rest never need them.
    colour: (progress) =>
      inTurn(() => change((analysis) => colourPlan(analysis), 'Colouring rows', progress, { colours: true })),
    // Rows left out of the overview's columns make it a rebuild to act on, not a plain success.
    rebuild: (progress) =>
      inTurn(async () => {
        const done = await change(
          (analysis, snapshot) =>
            rebuildPlan(snapshot, analysis, now(), { fileName: fileNameOf(documentUrl() ?? undefined) }),
          'Rebuilding the overview',
          progress,
        );
        const explanation = leftOutExplanation(done.result.summary.leftOut);
        return explanation ? { ...done, intent: 'warning', message: `${done.message} ${explanation}` } : done;
      }),
    recordBaseline: (label, progress) =>
      inTurn(() =>
        change(
          (analysis, snapshot) => baselinePlan(analysis, snapshot, label, now()),
          'Recording the baseline',
          progress,
        ),
      ),
    select: (sheet, cell) => runInExcel(api, (context) => selectCell(context, sheet, cell)),
    readSettings: () =>
      inTurn(() => runInExcel(api, async (context) => analyse(await readSettingsSheet(context), { today: now() }))),
    saveSettings: (settings) =>
      inTurn(async () => {
        await writeSettings(api, settings, session);
        return runInExcel(api, async (context) => report((await read(context)).analysis));
      }),
    packsUnavailable: () => (files ? fileUnsupported(files) : 'Partner packs cannot be made here.'),
    makePack: (partner, progress) => inTurn(() => makePack(partner, progress)),
    previewMerge: (returned, progress) => inTurn(() => previewMerge(returned, progress)),
    // Merged again against a fresh read (co-authors may have changed the workbook since the preview):
    // each cell is written only where it still holds what the merge saw.
    applyMerge: (preview, choices, progress) =>
      inTurn(() =>
        // A cell skipped because someone changed it meanwhile is a merged cell, not a fix.
        change(
          (analysis, snapshot) => mergeReturns({ snapshot, model: analysis }, preview.returns, {}, choices).plan,
          'Merging the returns',
          progress,
          { skippedAre: { one: 'merged cell was not written', many: 'merged cells were not written' } },
        ),
      ),
  };
}
