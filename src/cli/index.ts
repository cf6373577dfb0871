// `proforma`: a thin command-line layer over the engine and the .xlsx host.
import { Command, CommanderError } from 'commander';
import {
  Analysis,
  BUILT_IN_SCALES,
  CATALOGUE,
  Plan,
  PlanRefusal,
  analyse,
  colourPlan,
  countIssues,
  editSettings,
  proposeScale,
  fixPlan,
  readiness,
  leftOutExplanation,
  rebuildPlan,
  summarise,
  summaryJson,
  readReturnRecord,
  type IssueCode,
  type WorkbookSnapshot,
  whyNoDay,
  Baseline,
  baselineFromPlan,
  baselinePlan,
  movementJson,
  quarterOf,
  findPartner,
  hiddenOwnRows,
  mergeNeedsAttention,
  mergeReturns,
  packFileName,
  packPlan,
  partnersOf,
  predictSnapshot,
} from '../engine';
import { promises as fs, readFileSync, realpathSync } from 'fs';
import * as path from 'path';
import { HostError, OpenWorkbook, readWorkbookFile, sameFile, writePlan } from '../hosts/xlsx/files';
import {
  CheckedFile,
  Style,
  formatBatchSummary,
  formatCheck,
  formatFixes,
  formatRules,
  formatSummary,
  formatUncoloured,
  paint,
  printable,
  proposalCommand,
  shellWord,
} from './format';
import { InputError, expandInputs, singleInput } from './inputs';
import { formatChanges, formatSettings, noProposalMessage, unclassifiedMessage } from './settings-format';
import { formatMerge, formatPacks, mergeJson } from './returns-format';
import { wrapLine } from './wrap';
import { formatMovement } from './moved-format';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** ANSI colours on: a terminal, and NO_COLOR unset. */
  colour: boolean;
  /** Columns to wrap output for people to; 80 when not given. */
  width?: number;
  /** "Now" for overdue dates and build times. */
  now: () => Date;
  /** The command as the user ran it, for hints ("npx proforma" through npx); "proforma" when not given. */
  command?: string;
  /** Whose shell hints quote file names for; this machine's (process.platform) when not given. */
  platform?: NodeJS.Platform;
}

const DEFAULT_WIDTH = 80;

/** The package's version: package.json is two folders up from both src/cli and dist/cli. */
const VERSION = ((): string => {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
})();

/** A bad argument or unusable input: exit 2 with this one line. */
class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_ERRORS = 1;
const EXIT_CANNOT_RUN = 2;

/**
 * A partner's pack given where the board's plan is meant (packs of a pack would hide that partner's
 * own rows as "hidden by the board"; a merge into a pack leaves the plan as it was).
 */
function refuseAPack(file: string, snapshot: WorkbookSnapshot, command: string): void {
  const record = readReturnRecord(snapshot);
  if (!record) return;
  const whose =
    'damaged' in record ? "a partner's pack" : `${printable(record.partner)}'s pack of ${printable(record.plan)}`;
  throw new UsageError(
    `${file} is ${whose} (it carries the record of what was sent), not the board's plan; ${command} takes the plan itself`,
  );
}

/** The file written keeps the plan's kind: macros only in .xlsm (Excel will not open them in .xlsx). */
function refuseWrongExtension(file: string, target: string, macroEnabled: boolean): void {
  if (target.toLowerCase().endsWith(macroEnabled ? '.xlsm' : '.xlsx')) return;
  throw new UsageError(
    macroEnabled
      ? `${file} holds macros; write it to a file ending in .xlsm, or Excel will not open it`
      : `the output file must end in .xlsx, not "${target}"`,
  );
}

function parseAsOf(value: string | undefined, io: Io): Date {
  if (value === undefined) return io.now();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new UsageError(`--as-of needs a date written YYYY-MM-DD, not "${printable(value)}"`);
  const [year, month, day] = match.slice(1).map(Number);
  // Written right but no such day: said as that, not as a format error.
  const why = whyNoDay(year, month, day);
  if (why) throw new UsageError(`--as-of: ${value} is not a date; ${why}`);
  return new Date(Date.UTC(year, month - 1, day));
}

type BuiltInScale = (typeof BUILT_IN_SCALES)[number];

/** --scale NAME: a built-in scale for this run. */
function parseScale(value: string | undefined): BuiltInScale | undefined {
  if (value === undefined) return undefined;
  const name = value.trim().toLowerCase();
  if (!(BUILT_IN_SCALES as readonly string[]).includes(name))
    throw new UsageError(`--scale should be one of ${BUILT_IN_SCALES.join(', ')}, not "${value}"`);
  return name as BuiltInScale;
}

async function analyseFile(file: string, today: Date, scale?: string, since?: Baseline, only?: readonly IssueCode[]) {
  const chosen = parseScale(scale);
  const open = await readWorkbookFile(file);
  return { open, snapshot: open.snapshot, analysis: analyse(open.snapshot, { today, scale: chosen, since, only }) };
}

/**
 * --since FILE (SPEC §8): another copy of the plan, read as a plan, as the baseline. A file that
 * cannot be read, or holds no plan, stops the command (exit 2) before anything is written.
 */
async function readSince(file: string, today: Date, scale?: string): Promise<Baseline> {
  const { files } = await expandInputs([file]);
  if (files.length !== 1)
    throw new UsageError(`--since takes one workbook to compare with, and ${printable(file)} names ${files.length}`);
  const { analysis } = await analyseFile(files[0], today, scale);
  if (analysis.themes.length === 0)
    throw new UsageError(
      `--since ${printable(files[0])}: no sheet of it holds an action plan that could be read, so there is nothing to compare with`,
    );
  return baselineFromPlan(analysis, path.basename(files[0]));
}

interface CompareOptions {
  since?: string;
  json?: boolean;
  asOf?: string;
  scale?: string;
}

/** `compare`: what moved since the baseline (SPEC §8), for people or as JSON; exit 0, or 2 when there is no baseline. */
async function runCompare(argument: string, options: CompareOptions, io: Io, style: Style): Promise<number> {
  const today = parseAsOf(options.asOf, io);
  parseScale(options.scale);
  const { files } = await expandInputs([argument]);
  if (files.length !== 1)
    throw new UsageError(`compare takes one workbook, and ${printable(argument)} names ${files.length}`);
  const file = files[0];
  const since = options.since === undefined ? undefined : await readSince(options.since, today, options.scale);
  const { analysis } = await analyseFile(file, today, options.scale, since);
  if (analysis.themes.length === 0)
    throw new UsageError(`no sheet of ${file} holds an action plan that could be read, so there is nothing to compare`);
  const movement = analysis.movement;
  if (!movement) {
    if (analysis.baselineProblem) throw new UsageError(analysis.baselineProblem);
    throw new UsageError(
      `${file} has no baseline to compare with: no earlier period column and no recorded baseline. After the board meets, record one (${style.command} baseline ${file} --label "${quarterOf(today)}" --in-place), or compare with last quarter's file (--since FILE)`,
    );
  }
  io.out(
    options.json ? JSON.stringify(movementJson(movement), null, 2) : formatMovement(file, analysis, movement, style),
  );
  return EXIT_OK;
}

/** Why a file could not be read, without the "cannot read <file>: " the stderr line starts with. */
function readProblem(file: string, error: HostError): string {
  const prefix = `cannot read ${file}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** A failure of Proforma's own on one file (not the file's fault): said with the file's name, to be reported. */
function checkProblem(error: unknown): string {
  return `Proforma failed on this file (${(error as Error)?.message ?? String(error)}); please report it`;
}

interface CheckOptions {
  json?: boolean;
  ready?: boolean;
  asOf?: string;
  scale?: string;
}

/**
 * `check` over one or more files: each report in turn, then (for several) one line
 * per file; a file that cannot be read is said on stderr and the others still run.
 * Resolves to the worst exit code.
 */
async function checkFiles(names: string[], options: CheckOptions, io: Io, style: Style): Promise<number> {
  // Bad arguments stop the run before any file is read.
  const today = parseAsOf(options.asOf, io);
  parseScale(options.scale);
  const { files, batch } = await expandInputs(names);
  const checked: CheckedFile[] = [];
  const reports: unknown[] = [];
  let worst = EXIT_OK;
  for (const file of files) {
    let analysis: Analysis;
    try {
      analysis = (await analyseFile(file, today, options.scale)).analysis;
    } catch (error) {
      const unreadable = error instanceof HostError;
      const problem = unreadable ? readProblem(file, error) : checkProblem(error);
      io.err(`proforma: ${printable(unreadable ? error.message : `cannot check ${file}: ${problem}`)}`);
      checked.push({ file, problem, unreadable });
      reports.push({ file, error: problem });
      worst = EXIT_CANNOT_RUN;
      continue;
    }
    const ready = readiness(analysis);
    const counts = countIssues(analysis.issues);
    if (counts.error > 0 || (options.ready && !ready.ready)) worst = Math.max(worst, EXIT_ERRORS);
    checked.push({ file, analysis, ready });
    if (options.json) {
      const sheets = analysis.sheets.map((s) => ({
        name: s.name,
        kind: s.kind,
        theme: s.theme,
        prefix: s.prefix,
        actions: s.actions,
      }));
      reports.push({ file, sheets, issues: analysis.issues, counts });
    } else {
      if (checked.length > 1) io.out('');
      io.out(formatCheck(file, analysis, ready, style, options.asOf === undefined ? undefined : today));
    }
  }
  if (options.json) {
    // One file: the object of SPEC §6 (nothing when it could not be read: stderr said why). Several: an array.
    if (batch) io.out(JSON.stringify(reports, null, 2));
    else if ('sheets' in (reports[0] as object)) io.out(JSON.stringify(reports[0], null, 2));
  } else if (batch) io.out(`\n${formatBatchSummary(checked, style)}`);
  return worst;
}

/** `summary` of one or more files: each table (under its file's name, for several), or JSON; worst exit code. */
async function summariseFiles(
  names: string[],
  options: { json?: boolean; scale?: string },
  io: Io,
  style: Style,
): Promise<number> {
  parseScale(options.scale);
  const { files, batch } = await expandInputs(names);
  const reports: unknown[] = [];
  let worst = EXIT_OK;
  let shown = 0;
  for (const file of files) {
    let summary: ReturnType<typeof summarise>;
    try {
      summary = summarise((await analyseFile(file, io.now(), options.scale)).analysis);
    } catch (error) {
      // One file: its own error, as every command says it. Several: said, and the others still run.
      if (!batch) throw error;
      const unreadable = error instanceof HostError;
      const problem = unreadable ? readProblem(file, error) : checkProblem(error);
      io.err(`proforma: ${printable(unreadable ? error.message : `cannot summarise ${file}: ${problem}`)}`);
      reports.push({ file, error: problem });
      worst = EXIT_CANNOT_RUN;
      continue;
    }
    if (options.json) reports.push(batch ? { file, ...summaryJson(summary) } : summaryJson(summary));
    else if (!batch) io.out(formatSummary(summary, style));
    else {
      // Several: each table under its file's name, a blank line between them.
      io.out(
        `${shown > 0 ? '\n' : ''}${paint(printable(file), 'bold', style.colour)}\n${formatSummary(summary, style)}`,
      );
      shown++;
    }
  }
  if (options.json) io.out(JSON.stringify(batch ? reports : reports[0], null, 2));
  return worst;
}

interface WriteOptions {
  output?: string;
  inPlace?: boolean;
  force?: boolean;
  asOf?: string;
  scale?: string;
  /** rebuild --since FILE: what moved is told since that file. */
  since?: string;
}

async function targetOf(file: string, options: WriteOptions): Promise<string> {
  if (options.output && options.inPlace) throw new UsageError('give either -o FILE or --in-place, not both');
  if (!options.output && !options.inPlace)
    throw new UsageError('say where to write: -o out.xlsx for a new file, or --in-place to change this one');
  const target = options.inPlace ? file : (options.output as string);
  if (!/\.xls[xm]$/i.test(target))
    throw new UsageError(`the output file must end in .xlsx, not "${printable(target)}"`);
  if (options.output && (await sameFile(file, options.output)))
    throw new UsageError(`-o ${options.output} names the input file; to change it, use --in-place instead`);
  // Another workbook is never replaced by accident (a link counts, even one to nothing).
  const existing = options.output ? await fs.lstat(options.output).catch(() => null) : null;
  if (existing?.isDirectory()) throw new UsageError(`cannot write ${options.output}: it is a folder`);
  if (existing && !options.force)
    throw new UsageError(
      `${options.output} exists already; to replace it, add --force (or write to a new file with -o)`,
    );
  if (options.output) {
    // Said before any work, and plainly: the system's own word for this is "no such file".
    const folder = path.dirname(options.output);
    const found = await fs.stat(folder).then(
      (stat) => (stat.isDirectory() ? 'folder' : 'not a folder'),
      (error: NodeJS.ErrnoException) =>
        error.code === 'ENOENT' ? 'missing' : error.code === 'EACCES' ? 'denied' : 'other',
    );
    if (found === 'missing' || found === 'not a folder')
      throw new UsageError(`cannot write ${options.output}: there is no folder ${folder}`);
    if (found === 'denied') throw new UsageError(`cannot write ${options.output}: permission denied for ${folder}`);
    if (found === 'other') throw new UsageError(`cannot write ${options.output}: cannot use the folder ${folder}`);
  }
  return target;
}

/** `file`: the workbook read (its name titles an overview of a plan without title rows; never the -o target's). */
type Planner = (analysis: Analysis, snapshot: OpenWorkbook['snapshot'], now: Date, file: string) => Plan;

interface WriteCommand {
  name: string;
  description: string;
  planner: Planner;
  /** Why the command cannot run where no plan was read ("there is nothing to fix"); rebuild's engine says it itself. */
  withoutPlan?: string;
  /** What to say about the plan beyond its one-sentence description (the cells fixed, the rows left uncoloured). */
  details?: (analysis: Analysis, plan: Plan, style: Style, file: string) => string;
  /** The checks its plan and details read, where not all (the catalogue is most of a large plan's time). */
  only?: readonly IssueCode[];
}

async function runWrite(
  argument: string,
  options: WriteOptions,
  io: Io,
  style: Style,
  command: WriteCommand,
): Promise<number> {
  const file = await singleInput(argument, command.name);
  const target = await targetOf(file, options);
  const now = parseAsOf(options.asOf, io);
  const since = options.since === undefined ? undefined : await readSince(options.since, now, options.scale);
  const { open, snapshot, analysis } = await analyseFile(file, now, options.scale, since, command.only);
  // A change is made on the board's own scale: on another (--scale) it would write codes, live
  // colours or counts that the workbook's own scale rejects the next time anyone reads it.
  if (options.scale !== undefined) {
    const board = analyse(snapshot, { today: now }).settings.scale;
    if (board !== analysis.settings.scale)
      throw new UsageError(
        `--scale ${analysis.settings.scale} is not the board's scale (${board}): ${command.name} would write what the workbook's own scale rejects. To make ${analysis.settings.scale} the board's scale: ${style.command} settings ${shellWord(file, style.platform)} --set scale=${analysis.settings.scale} --in-place; then ${command.name} without --scale`,
      );
  }
  // Excel opens a package only under the extension of its kind: macros live in .xlsm.
  refuseWrongExtension(file, target, open.pkg.macroEnabled);
  // No plan read: the command could not run (exit 2), as a rebuild refuses to build an overview of nothing.
  if (analysis.themes.length === 0 && command.withoutPlan) {
    const tables = analysis.unrecognised.map((u) => `"${printable(u.name)}"`);
    throw new UsageError(
      `No sheet holds an action plan that could be read, so ${command.withoutPlan}; nothing was changed.${tables.length > 0 ? ` Map the headings of ${tables.join(', ')} in the settings (column:<heading> = ref, actions, rag …), then ${command.name} again.` : ''}`,
    );
  }
  const plan = command.planner(analysis, snapshot, now, file);
  if (plan.edits.length > 0) await writePlan(open, plan, target, now);
  // Said once the file is written: a refused or failed write has already said why, on stderr.
  const shownTarget = printable(target);
  const outcome = plan.edits.length > 0 ? `Wrote ${shownTarget}.` : `${shownTarget} not written.`;
  const details = command.details?.(analysis, plan, style, file) ?? '';
  if (plan.edits.length === 0 && details === '') {
    // "Nothing to fix." → "Nothing to fix; out.xlsx not written.": one line when there is nothing more to say.
    io.out(wrapLine(`${plan.description.replace(/\.$/, ';')} ${outcome}`, style.width));
    return EXIT_OK;
  }
  io.out(wrapLine(plan.description, style.width));
  if (details) io.out(details);
  io.out(wrapLine(outcome, style.width));
  return EXIT_OK;
}

interface SettingsOptions extends WriteOptions {
  set: string[];
  unset: string[];
  scaleFromValues?: boolean;
}

/** Collects a repeated option's values, in order. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `settings`: without changes, the board's settings and what Proforma detects; with them, the
 * settings sheet written (and nothing else), or refused with what cannot be used.
 */
async function runSettings(argument: string, options: SettingsOptions, io: Io, style: Style): Promise<number> {
  const file = await singleInput(argument, 'settings');
  const set = options.set.map((pair): [string, string] => {
    const at = pair.indexOf('=');
    if (at <= 0 || pair.slice(0, at).trim() === '')
      throw new UsageError(`--set needs KEY=VALUE (e.g. --set overviewName=Summary), not "${printable(pair)}"`);
    return [pair.slice(0, at).trim(), pair.slice(at + 1)];
  });
  const unset = options.unset.map((key) => {
    if (key.trim() === '') throw new UsageError('--unset needs the key of a setting');
    return key.trim();
  });
  const changing = set.length > 0 || unset.length > 0 || Boolean(options.scaleFromValues);
  const now = parseAsOf(options.asOf, io);
  if (!changing) {
    const { snapshot, analysis } = await analyseFile(file, now, options.scale);
    io.out(formatSettings(file, snapshot, analysis, style));
    if (options.output || options.inPlace)
      io.out(
        wrapLine(
          `\nNo change was asked for (--set, --unset or --scale-from-values); nothing was written.`,
          style.width,
        ),
      );
    return EXIT_OK;
  }
  const target = await targetOf(file, options);
  const { open, snapshot, analysis } = await analyseFile(file, now, options.scale);
  refuseWrongExtension(file, target, open.pkg.macroEnabled);
  const result = editSettings(snapshot, analysis, { set, unset, scaleFromValues: options.scaleFromValues }, now);
  if (!result.ok) {
    switch (result.reason) {
      case 'invalid':
        throw new UsageError(
          `${result.problems.map((p) => `${p.key || p.cell}: ${p.message}`).join(' ')} Nothing was written.`,
        );
      case 'no-proposal':
        throw new UsageError(`--scale-from-values: ${noProposalMessage(result.why)}`);
      case 'unclassified':
        throw new UsageError(unclassifiedMessage(result.words, style));
    }
  }
  const shownTarget = printable(target);
  for (const note of result.notes) io.out(wrapLine(printable(note), style.width));
  if (result.plan.edits.length === 0) {
    io.out(wrapLine(`${result.plan.description.replace(/\.$/, ';')} ${shownTarget} not written.`, style.width));
    return EXIT_OK;
  }
  await writePlan(open, result.plan, target, now);
  io.out(wrapLine(result.plan.description, style.width));
  io.out(formatChanges(result.changes, style));
  io.out(wrapLine(`Wrote ${shownTarget}.`, style.width));
  return EXIT_OK;
}

interface PacksOptions {
  output?: string;
  lead: string[];
  force?: boolean;
  asOf?: string;
}

/**
 * `packs` (SPEC §7.2): one pack per lead partner (or those named with --lead) in the folder -o
 * names, each the board's own workbook patched; every pack file is checked before any is written.
 */
async function runPacks(argument: string, options: PacksOptions, io: Io, style: Style): Promise<number> {
  const file = await singleInput(argument, 'packs');
  if (!options.output) throw new UsageError('say where to write the packs: -o FOLDER (created if it is not there)');
  const folder = options.output;
  const now = parseAsOf(options.asOf, io);
  const { open, analysis } = await analyseFile(file, now);
  refuseAPack(file, open.snapshot, 'packs');
  if (analysis.themes.length === 0)
    throw new UsageError(
      `${file} holds no action plan Proforma could read, so no packs were written; see \`${style.command} check ${file}\``,
    );
  const { partners, noLead } = partnersOf(analysis);
  if (partners.length === 0)
    throw new UsageError(
      `no action row of ${file} names a lead partner (the Lead column), so there is no one to send a pack to; nothing was written`,
    );
  const chosen = options.lead.map((name) => {
    const partner = findPartner(partners, name, analysis.settings);
    if (!partner)
      throw new UsageError(
        `--lead "${printable(name)}" leads no action row of ${file}; its lead partners are ${partners.map((p) => `"${printable(p.name)}"`).join(', ')}`,
      );
    return partner;
  });
  const packed = chosen.length > 0 ? [...new Set(chosen)] : partners;
  const found = await fs.stat(folder).catch(() => null);
  if (found && !found.isDirectory()) throw new UsageError(`-o ${folder} is a file; name a folder for the packs`);
  const extension = open.pkg.macroEnabled ? '.xlsm' : '.xlsx';
  const names: string[] = [];
  for (const partner of packed) names.push(packFileName(path.basename(file), partner.name, extension, names));
  const targets = names.map((name) => path.join(folder, name));
  // Another workbook is never replaced by accident: every pack file is looked at before any is written.
  const existing: string[] = [];
  for (const target of targets) {
    if (await sameFile(file, target)) throw new UsageError(`the pack ${target} would replace the plan itself`);
    if (await fs.lstat(target).catch(() => null)) existing.push(target);
  }
  if (existing.length > 0 && !options.force)
    throw new UsageError(
      `${existing.length === 1 ? `${existing[0]} exists already; to replace it` : `${existing.length} of the packs exist already in ${folder} (${existing.map((t) => path.basename(t)).join(', ')}); to replace them`}, add --force; nothing was written`,
    );
  await fs.mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot make the folder ${folder}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`,
    );
  });
  const written: Parameters<typeof formatPacks>[0] = [];
  for (const [index, partner] of packed.entries()) {
    const plan = packPlan(analysis, partner, { planFile: path.basename(file), now });
    await writePlan(open, plan, targets[index], now);
    written.push({
      file: targets[index],
      partner: partner.name,
      rows: partner.rows.length,
      hidden: hiddenOwnRows(analysis, partner),
    });
  }
  io.out(formatPacks(written, chosen.length > 0 ? [] : noLead, { plan: file, folder }, style));
  return EXIT_OK;
}

interface MergeCliOptions extends WriteOptions {
  json?: boolean;
  preferReturns?: boolean;
}

/**
 * `merge` (SPEC §7.3): the returns' updates brought into the plan cell by cell; the returns are
 * only read. Exit 0 when everything was applied, 1 when anything is listed for the secretary.
 */
async function runMerge(
  argument: string,
  returnArguments: string[],
  options: MergeCliOptions,
  io: Io,
  style: Style,
): Promise<number> {
  const file = await singleInput(argument, 'merge');
  const target = await targetOf(file, options);
  const now = parseAsOf(options.asOf, io);
  for (const name of returnArguments) {
    if (await sameFile(name, file))
      throw new UsageError(`${name} is the plan itself; name the copies the partners returned`);
    // Written over, a return named to merge would be lost with nothing said (--force or not).
    if (options.output && (await sameFile(name, options.output)))
      throw new UsageError(
        `-o ${options.output} is one of the returns to merge; write the merged plan to another file. Nothing was written`,
      );
  }
  // A folder of returns may hold the plan itself, or the file this merge writes: neither is a return.
  // (A merged plan written there by an earlier run has no record, so it would be read as a copy of
  // the plan: README says to write the merged plan outside the folder of returns.)
  const returnFiles: string[] = [];
  for (const name of (await expandInputs(returnArguments)).files)
    if (!(await sameFile(name, file)) && !(options.output && (await sameFile(name, options.output))))
      returnFiles.push(name);
  if (returnFiles.length === 0) throw new UsageError('there is no returned workbook to merge');
  const { open, snapshot, analysis } = await analyseFile(file, now, options.scale);
  refuseAPack(file, snapshot, 'merge');
  refuseWrongExtension(file, target, open.pkg.macroEnabled);
  // Every return is read before anything is written: one that cannot be read stops the merge.
  const returns = [];
  for (const returned of returnFiles) {
    const { snapshot: read } = await readWorkbookFile(returned);
    returns.push({
      file: returned,
      snapshot: read,
      model: analyse(read, { today: now, scale: parseScale(options.scale) }),
    });
  }
  const result = mergeReturns({ snapshot, model: analysis }, returns, { preferReturns: options.preferReturns });
  const written = result.plan.edits.length > 0;
  if (written) await writePlan(open, result.plan, target, now);
  const after = analyse(predictSnapshot(snapshot, result.plan), { today: now, scale: parseScale(options.scale) });
  if (options.json) io.out(JSON.stringify(mergeJson(result, written ? target : null), null, 2));
  else
    io.out(formatMerge(result, { target, written, plan: file }, { analysis: after, ready: readiness(after) }, style));
  return mergeNeedsAttention(result) ? EXIT_ERRORS : EXIT_OK;
}

const SINCE_HELP =
  "compare with this workbook (e.g. last quarter's plan) instead of the plan's previous period or its recorded baseline";
const SCALE_HELP = `read statuses on a built-in scale for this run: ${BUILT_IN_SCALES.join(', ')} (default: the workbook's setting)`;

function buildProgram(io: Io, style: Style, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name(style.command)
    .description('Check, fix, colour and summarise a RAG-rated action plan workbook (.xlsx).')
    .version(VERSION, '-V, --version', 'print the version of Proforma')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: () => undefined,
      getOutHelpWidth: () => style.width,
      getErrHelpWidth: () => style.width,
    })
    .showHelpAfterError(false);

  program
    .command('check')
    .description(
      'list every problem, grouped by sheet; exit 0 if no errors, 1 if errors (with --ready: or not ready to send), 2 if it could not run; with several files, the worst',
    )
    .argument('<files...>', 'the workbooks (.xlsx), or a folder of them')
    .option('--json', 'print one JSON object (an array of them for several files)')
    .option('--ready', 'exit 1 also when a workbook is not ready to send (no plan read, or no up-to-date overview)')
    .option('--as-of <date>', 'check overdue dates as of this day (YYYY-MM-DD) instead of today')
    .option('--scale <name>', SCALE_HELP)
    .action(async (files: string[], options: CheckOptions) => setExit(await checkFiles(files, options, io, style)));

  program
    .command('summary')
    .description("the overview's numbers: actions by theme, status and term, for each workbook")
    .argument('<files...>', 'the workbooks (.xlsx), or a folder of them')
    .option('--json', 'print one JSON object (an array of them, each with its "file", for several files)')
    .option('--scale <name>', SCALE_HELP)
    .action(async (files: string[], options: { json?: boolean; scale?: string }) =>
      setExit(await summariseFiles(files, options, io, style)),
    );

  const commands: WriteCommand[] = [
    {
      name: 'fix',
      description: 'apply every fix that is certain (RAG spellings, ref format), listing each cell changed',
      planner: (analysis) => fixPlan(analysis),
      withoutPlan: 'there is nothing to fix',
      details: (_analysis, plan, style) => formatFixes(plan.edits, style),
    },
    {
      name: 'colour',
      description: 'colour each action row by its RAG status, saying which rows and sheets stay uncoloured',
      planner: (analysis) => colourPlan(analysis),
      withoutPlan: 'there are no rows to colour',
      // The plan reads the model only; the list of uncoloured rows names rag-colour-only's fixes.
      only: ['rag-colour-only'],
      details: (analysis, _plan, style, file) => {
        const proposed = proposeScale(analysis);
        const hint =
          'proposal' in proposed
            ? wrapLine(
                `The status values are the board's own words: \`${proposalCommand(proposed.proposal, file, style)}\` makes them its scale (see \`${style.command} check\`); then colour again.`,
                style.width,
              )
            : '';
        return [formatUncoloured(analysis, style), hint].filter(Boolean).join('\n');
      },
    },
    {
      name: 'rebuild',
      description: 'rebuild the overview sheet from the theme sheets',
      planner: (analysis, snapshot, now, file) =>
        rebuildPlan(snapshot, analysis, now, { fileName: path.basename(file) }),
      // Why rows were left out of the matrix, and what to do: as the add-in says it (when it was rebuilt).
      details: (analysis, plan, style) =>
        plan.edits.length === 0 ? '' : wrapLine(leftOutExplanation(summarise(analysis).leftOut), style.width),
    },
  ];
  for (const command of commands) {
    const sub = program
      .command(command.name)
      .description(command.description)
      .argument('<file>', 'the workbook (.xlsx)')
      .option('-o, --output <file>', 'write the result to a new .xlsx file')
      .option('--force', 'with -o: replace that file if it exists')
      .option('--in-place', 'change the workbook itself')
      .option('--as-of <date>', 'the day to use as today (YYYY-MM-DD)')
      .option('--scale <name>', SCALE_HELP);
    if (command.name === 'rebuild') sub.option('--since <file>', SINCE_HELP);
    sub.action(async (file: string, options: WriteOptions) =>
      setExit(await runWrite(file, options, io, style, command)),
    );
  }
  program
    .command('baseline')
    .description(
      'record the plan as it stands as the baseline (a very hidden ProformaBaseline sheet, replacing any earlier one): next quarter, compare shows what moved since',
    )
    .argument('<file>', 'the workbook (.xlsx)')
    .requiredOption('--label <text>', 'the period it records, e.g. "Q2 2026/27"')
    .option('-o, --output <file>', 'write the result to a new .xlsx file')
    .option('--force', 'with -o: replace that file if it exists')
    .option('--in-place', 'change the workbook itself')
    .option('--as-of <date>', 'the day to record it as (YYYY-MM-DD)')
    .option('--scale <name>', SCALE_HELP)
    .action(async (file: string, options: WriteOptions & { label: string }) =>
      setExit(
        await runWrite(file, options, io, style, {
          name: 'baseline',
          description: 'record the baseline',
          planner: (analysis, snapshot, now) => baselinePlan(analysis, snapshot, options.label, now),
        }),
      ),
    );
  program
    .command('compare')
    .description(
      'what moved since the baseline: new and removed actions, statuses better or worse, slipped dates, changed leads, unchanged updates, and per theme',
    )
    .argument('<file>', 'the workbook (.xlsx)')
    .option('--since <file>', SINCE_HELP)
    .option('--json', 'print one JSON object')
    .option('--as-of <date>', 'the day to use as today (YYYY-MM-DD)')
    .option('--scale <name>', SCALE_HELP)
    .action(async (file: string, options: CompareOptions) => setExit(await runCompare(file, options, io, style)));
  program
    .command('settings')
    .description(
      "without changes, the board's settings and what Proforma detects (refs, prefixes, scale, columns, themes); with them, the settings sheet written and nothing else",
    )
    .argument('<file>', 'the workbook (.xlsx)')
    .option('--set <key=value>', 'set a setting (repeatable), e.g. --set overviewName=Summary', collect, [])
    .option('--unset <key>', 'remove a setting (repeatable), e.g. --unset prefix:Notes', collect, [])
    .option(
      '--scale-from-values',
      "make the board's status words its scale (as check proposes); classify a word with --set status:<word>=<class>",
    )
    .option('-o, --output <file>', 'write the result to a new .xlsx file')
    .option('--force', 'with -o: replace that file if it exists')
    .option('--in-place', 'change the workbook itself')
    .option('--scale <name>', SCALE_HELP)
    .action(async (file: string, options: SettingsOptions) => setExit(await runSettings(file, options, io, style)));
  program
    .command('packs')
    .description(
      "one pack per lead partner: the board's workbook showing the partner its own action rows (the others hidden), live colours and drop-downs, and a record of what was sent, to merge the return",
    )
    .argument('<file>', 'the plan (.xlsx)')
    .option('-o, --output <folder>', 'the folder to write the packs to (created if absent)')
    .option('--lead <name>', "that partner's pack only (repeatable)", collect, [])
    .option('--force', 'replace pack files that exist already')
    .option('--as-of <date>', 'the day recorded as the day sent (YYYY-MM-DD)')
    .action(async (file: string, options: PacksOptions) => setExit(await runPacks(file, options, io, style)));
  program
    .command('merge')
    .description(
      "bring partners' returns into the plan cell by cell, listing conflicts, refused changes and rows added or missing; exit 0 if everything was applied, 1 if anything is listed, 2 if it could not run",
    )
    .argument('<file>', 'the plan (.xlsx)')
    .argument('<returns...>', 'the returned copies (.xlsx), or a folder of them')
    .option('-o, --output <file>', 'write the merged plan to a new .xlsx file')
    .option('--force', 'with -o: replace that file if it exists')
    .option('--in-place', 'change the plan itself')
    .option('--prefer-returns', "where a return has no record of what was sent, take its values over the plan's")
    .option('--json', 'print one JSON object')
    .option('--as-of <date>', 'the day to use as today (YYYY-MM-DD)')
    .option('--scale <name>', SCALE_HELP)
    .action(async (file: string, returns: string[], options: MergeCliOptions) =>
      setExit(await runMerge(file, returns, options, io, style)),
    );
  program
    .command('rules')
    .description('the catalogue of checks: code, severity, what each finds and how it is fixed')
    .option('--json', 'print a JSON array')
    .action((options: { json?: boolean }) => {
      io.out(
        options.json
          ? JSON.stringify(
              CATALOGUE.map(({ code, severity, family, description, fix }) => ({
                code,
                severity,
                family,
                description,
                fix,
              })),
              null,
              2,
            )
          : formatRules(style),
      );
    });
  return program;
}

/** Runs the CLI and resolves to its exit code; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode = EXIT_OK;
  const style: Style = {
    colour: io.colour,
    width: io.width ?? DEFAULT_WIDTH,
    command: io.command ?? 'proforma',
    platform: io.platform ?? process.platform,
  };
  const program = buildProgram(io, style, (code) => (exitCode = code));
  // `proforma` alone: someone finding out what it does. Show the help, as `proforma --help` would.
  if (argv.length === 0) {
    io.out(program.helpInformation().trimEnd());
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0)
        return EXIT_OK;
      // Commander puts its suggestion on a line of its own: one line, as every other message.
      const message = error.message
        .replace(/^error: /, '')
        .replace(/\s*\(Did you mean (.*)\)\s*$/, '; did you mean $1')
        .replace(/\s*\n\s*/g, ' ');
      io.err(`proforma: ${message} (see ${style.command} --help)`);
      return EXIT_CANNOT_RUN;
    }
    if (
      error instanceof UsageError ||
      error instanceof InputError ||
      error instanceof HostError ||
      error instanceof PlanRefusal
    ) {
      io.err(`proforma: ${printable(error.message)}`);
      return EXIT_CANNOT_RUN;
    }
    // Anything else is our fault: still one line, with enough to report it.
    io.err(`proforma: unexpected problem: ${(error as Error)?.message ?? String(error)}`);
    return EXIT_CANNOT_RUN;
  }
}

/** COLUMNS when set (as other Unix tools honour it), else the terminal's width, else 80 (a pipe, a file). */
export function terminalWidth(
  env: NodeJS.ProcessEnv = process.env,
  stdout: { isTTY?: boolean; columns?: number } = process.stdout,
): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  if (stdout.isTTY && stdout.columns && stdout.columns > 0) return stdout.columns;
  return DEFAULT_WIDTH;
}

/**
 * How the user ran Proforma, for the commands its hints name: "npx proforma" through npx (npm
 * exec sets npm_command=exec for what it runs, npm 7 and later) or from a checkout of the
 * repository, where `npx proforma` works after `npm ci`; "proforma" when installed, its script
 * inside a node_modules folder (npm install -g puts it there, and its command on the PATH).
 */
export function invokedAs(env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? ''): string {
  if (env.npm_command === 'exec') return 'npx proforma';
  let real = script;
  try {
    real = realpathSync(script);
  } catch {
    // Not a file we can resolve: judge by the path as given.
  }
  return /[\\/]node_modules[\\/]/.test(real) ? 'proforma' : 'npx proforma';
}

export function run(): void {
  // `proforma check … | head`: the reader went away. Write nothing more, finish, and exit with
  // the run's own code, quietly, as Unix tools do.
  let closed = false;
  let failed: string | null = null;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    closed = true;
    // Any other failure to write the output (a full disk behind `> file`): one line, exit 2.
    if (error.code !== 'EPIPE' && failed === null) {
      failed = error.code === 'ENOSPC' ? 'the disk is full' : (error.code ?? error.message);
      process.stderr.write(`proforma: could not write the output: ${failed}\n`);
      process.exitCode = EXIT_CANNOT_RUN;
    }
  });
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  // Not awaited, and no .catch: main never rejects (it reports every error itself and resolves to the exit code).
  void main(process.argv.slice(2), {
    out: (text) => {
      if (!closed) process.stdout.write(`${text}\n`);
    },
    err: (text) => process.stderr.write(`${paint(text, 'red', colour && Boolean(process.stderr.isTTY))}\n`),
    colour,
    width: terminalWidth(),
    now: () => new Date(),
    command: invokedAs(),
  }).then((code) => {
    process.exitCode = failed === null ? code : EXIT_CANNOT_RUN;
  });
}
