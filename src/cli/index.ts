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
  fixPlan,
  readiness,
  rebuildPlan,
  summarise,
  summaryJson,
} from '../engine';
import { HostError, OpenWorkbook, readWorkbookFile, sameFile, writePlan } from '../hosts/xlsx/files';
import { formatCheck, formatRules, formatSummary, paint, printable } from './format';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** ANSI colours on: a terminal, and NO_COLOR unset. */
  colour: boolean;
  /** "Now" for overdue dates and build times. */
  now: () => Date;
}

/** A bad argument or unusable input: exit 2 with this one line. */
class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_ERRORS = 1;
const EXIT_CANNOT_RUN = 2;

function parseAsOf(value: string | undefined, io: Io): Date {
  if (value === undefined) return io.now();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--as-of needs a date written YYYY-MM-DD, not "${value}"`);
  return date;
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

async function analyseFile(file: string, today: Date, scale?: string) {
  const chosen = parseScale(scale);
  const open = await readWorkbookFile(file);
  return { open, snapshot: open.snapshot, analysis: analyse(open.snapshot, { today, scale: chosen }) };
}

interface WriteOptions {
  output?: string;
  inPlace?: boolean;
  asOf?: string;
  scale?: string;
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
  return target;
}

type Planner = (analysis: Analysis, snapshot: OpenWorkbook['snapshot'], now: Date) => Plan;

async function runWrite(file: string, options: WriteOptions, io: Io, planner: Planner): Promise<number> {
  const target = await targetOf(file, options);
  const now = parseAsOf(options.asOf, io);
  const { open, snapshot, analysis } = await analyseFile(file, now, options.scale);
  // Excel opens a package only under the extension of its kind: macros live in .xlsm.
  const extension = open.pkg.macroEnabled ? '.xlsm' : '.xlsx';
  if (!target.toLowerCase().endsWith(extension))
    throw new UsageError(
      open.pkg.macroEnabled
        ? `${file} holds macros; write it to a file ending in .xlsm, or Excel will not open it`
        : `the output file must end in .xlsx, not "${target}"`,
    );
  const plan = planner(analysis, snapshot, now);
  if (plan.edits.length === 0) {
    io.out(`${plan.description} Nothing was written.`);
    return EXIT_OK;
  }
  await writePlan(open, plan, target, now);
  io.out(`${plan.description} Wrote ${target}.`);
  return EXIT_OK;
}

const SCALE_HELP = `read statuses on a built-in scale for this run: ${BUILT_IN_SCALES.join(', ')} (default: the workbook's setting)`;

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('proforma')
    .description('Check, fix, colour and summarise a RAG-rated action plan workbook (.xlsx).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: () => undefined })
    .showHelpAfterError(false);

  program
    .command('check')
    .description('list every problem, grouped by sheet; exit 0 if no errors, 1 if errors, 2 if it could not run')
    .argument('<file>', 'the workbook (.xlsx)')
    .option('--json', 'print one JSON object')
    .option('--as-of <date>', 'check overdue dates as of this day (YYYY-MM-DD) instead of today')
    .option('--scale <name>', SCALE_HELP)
    .action(async (file: string, options: { json?: boolean; asOf?: string; scale?: string }) => {
      const today = parseAsOf(options.asOf, io);
      const { analysis } = await analyseFile(file, today, options.scale);
      const counts = countIssues(analysis.issues);
      if (options.json) {
        const sheets = analysis.sheets.map((s) => ({
          name: s.name,
          kind: s.kind,
          theme: s.theme,
          prefix: s.prefix,
          actions: s.actions,
        }));
        io.out(JSON.stringify({ file, sheets, issues: analysis.issues, counts }, null, 2));
      } else io.out(formatCheck(file, analysis, readiness(analysis), io.colour));
      setExit(counts.error > 0 ? EXIT_ERRORS : EXIT_OK);
    });

  program
    .command('summary')
    .description("the overview's numbers: actions by theme, status and term")
    .argument('<file>', 'the workbook (.xlsx)')
    .option('--json', 'print one JSON object')
    .option('--scale <name>', SCALE_HELP)
    .action(async (file: string, options: { json?: boolean; scale?: string }) => {
      const { analysis } = await analyseFile(file, io.now(), options.scale);
      const summary = summarise(analysis);
      io.out(options.json ? JSON.stringify(summaryJson(summary), null, 2) : formatSummary(summary, io.colour));
    });

  const writeCommand = (name: string, description: string, planner: Planner): void => {
    program
      .command(name)
      .description(description)
      .argument('<file>', 'the workbook (.xlsx)')
      .option('-o, --output <file>', 'write the result to a new .xlsx file')
      .option('--in-place', 'change the workbook itself')
      .option('--as-of <date>', 'the day to use as today (YYYY-MM-DD)')
      .option('--scale <name>', SCALE_HELP)
      .action(async (file: string, options: WriteOptions) => setExit(await runWrite(file, options, io, planner)));
  };
  writeCommand('fix', 'apply every fix that is certain (RAG spellings, ref format)', (analysis) => fixPlan(analysis));
  writeCommand('colour', 'colour each action row by its RAG status', (analysis) => colourPlan(analysis));
  writeCommand('rebuild', 'rebuild the overview sheet from the theme sheets', (analysis, snapshot, now) =>
    rebuildPlan(snapshot, analysis, now),
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
          : formatRules(io.colour),
      );
    });
  return program;
}

/** Runs the CLI and resolves to its exit code; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0)
        return EXIT_OK;
      io.err(`proforma: ${error.message.replace(/^error: /, '')} (see proforma --help)`);
      return EXIT_CANNOT_RUN;
    }
    if (error instanceof UsageError || error instanceof HostError || error instanceof PlanRefusal) {
      io.err(`proforma: ${printable(error.message)}`);
      return EXIT_CANNOT_RUN;
    }
    // Anything else is our fault: still one line, with enough to report it.
    io.err(`proforma: unexpected problem: ${(error as Error)?.message ?? String(error)}`);
    return EXIT_CANNOT_RUN;
  }
}

export function run(): void {
  // `proforma check … | head`: the reader went away. Write nothing more, finish, and exit with
  // the run's own code, quietly, as Unix tools do.
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  main(process.argv.slice(2), {
    out: (text) => {
      if (!closed) process.stdout.write(`${text}\n`);
    },
    err: (text) => process.stderr.write(`${paint(text, 'red', colour && Boolean(process.stderr.isTTY))}\n`),
    colour,
    now: () => new Date(),
  }).then((code) => {
    process.exitCode = code;
  });
}
