// `npm run bench`: how long the built CLI takes on large generated plans, and how
// much memory, next to a bare ExcelJS readFile of the same file; and how many
// syncs and how large a payload the Office.js host needs over the fake Excel.
// Prints one JSON line per measurement on stdout (progress goes to stderr);
// asserts nothing.
//
// Each .xlsx operation runs in a fresh `node` child (so its peak RSS is its own),
// BENCH_RUNS times, round-robin with the others. `ms` is the median time of the
// operation itself (after its modules are loaded, `requireMs`); `wallMs` is the
// whole child (node startup, loading, the operation, exit); `peakRssMiB` the
// largest maxRSS over the runs. `ratioToExcelJS` and `wallRatioToExcelJS` compare
// those with a bare ExcelJS readFile of the same file.
//
//   BENCH_QUICK=1         small sizes only (smoke test)
//   BENCH_SIZES=20x2500   sheets x action rows, comma-separated (overrides the default sizes)
//   BENCH_RUNS=3          runs of each operation (the median time is reported, the largest RSS)
//   BENCH_TIMEOUT_S=900   a child still running after this long is killed and reported
//   BENCH_FAKE=0          skip the engine and fake-Excel measurements
//   BENCH_CLI=path        measure this built dist/cli/index.js (not rebuilt) instead of ./dist
import { spawn, spawnSync } from 'child_process';
import { promises as fs, existsSync, readdirSync, rmSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BenchShape, actionsOf, benchSnapshot, writeBenchWorkbook } from './fixtures/bench-data';

const ROOT = path.resolve(__dirname, '..');
/** BENCH_CLI: a built dist/cli/index.js to measure instead of this tree's (e.g. one built from HEAD). */
const CLI = path.resolve(process.env.BENCH_CLI ?? path.join(ROOT, 'dist', 'cli', 'index.js'));
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const TIMEOUT_MS = Math.max(1, Number(process.env.BENCH_TIMEOUT_S ?? 900) || 900) * 1000;
const FAKE = process.env.BENCH_FAKE !== '0';
/** A fixed "today", so overdue checks and issue counts are the same from run to run. */
const NOW = '2026-06-30T12:00:00.000Z';

function sizes(): BenchShape[] {
  const spec = process.env.BENCH_SIZES ?? (QUICK ? '2x500,2x2000' : '20x2500,20x10000');
  return spec.split(',').map((part) => {
    const match = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(part);
    if (!match) throw new Error(`BENCH_SIZES: "${part}" is not SHEETSxROWS`);
    return { sheets: Number(match[1]), rows: Number(match[2]) };
  });
}

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function note(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

const round = (n: number, places = 0): number => Number(n.toFixed(places));
const mib = (bytes: number): number => round(bytes / 2 ** 20, 2);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// ---------------------------------------------------------------------------
// The built CLI: rebuilt when missing or older than what it is built from.

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), 0);
}

/** Whether dist/cli is usable; emits one line saying what was done. */
function ensureCli(): boolean {
  if (process.env.BENCH_CLI) {
    emit({ host: 'xlsx', op: 'build-cli', ran: false, cli: CLI, exists: existsSync(CLI) });
    return existsSync(CLI);
  }
  const sources = ['src/engine', 'src/hosts/xlsx', 'src/cli', 'tsconfig.json', 'tsconfig.build.json'];
  const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(ROOT, s))));
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  if (built >= newestSource) {
    emit({ host: 'xlsx', op: 'build-cli', ran: false, upToDate: true, cli: CLI });
    return true;
  }
  note('building the CLI (npm run build:cli)');
  const start = process.hrtime.bigint();
  const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
  const ok = build.status === 0;
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}`
    .split('\n')
    .filter((line) => line.trim() && !/^npm warn/i.test(line))
    .slice(0, 5);
  emit({
    host: 'xlsx',
    op: 'build-cli',
    ran: true,
    ok,
    cli: CLI,
    ms: round(elapsedMs(start)),
    ...(ok ? {} : { error: output, usingPossiblyStaleDist: existsSync(CLI) }),
  });
  return existsSync(CLI);
}

// ---------------------------------------------------------------------------
// One operation in a fresh child process, so its peak RSS is its own.

interface ChildSpec {
  kind: 'exceljs' | 'cli';
  module: string;
  file: string;
  argv: string[];
  now: string;
}

interface ChildResult {
  ms: number;
  requireMs: number;
  maxRssMiB: number;
  exitCode: number;
  outBytes: number;
  issueCounts?: Record<string, number>;
  err: string[];
  wallMs: number;
}

const MARK = '@@proforma-bench@@';

/** What to clean up if the bench is interrupted: the running child and the temp folder. */
const live: { child?: ReturnType<typeof spawn>; dir?: string } = {};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    live.child?.kill('SIGKILL');
    if (live.dir) rmSync(live.dir, { recursive: true, force: true });
    process.exit(130);
  });
}

/** The child: loads the module (timed apart), runs the operation, reports on stderr. */
function childCode(spec: ChildSpec): string {
  return `
const spec = ${JSON.stringify(spec)};
const MARK = ${JSON.stringify(MARK)};
const clock = () => Number(process.hrtime.bigint()) / 1e6;
const report = (data) => process.stderr.write('\\n' + MARK + JSON.stringify(data) + '\\n');
(async () => {
  const t0 = clock();
  const err = [];
  let exitCode = 0;
  let outBytes = 0;
  let issueCounts;
  const mod = require(spec.module);
  const t1 = clock();
  if (spec.kind === 'exceljs') {
    await new mod.Workbook().xlsx.readFile(spec.file);
  } else {
    exitCode = await mod.main(spec.argv, {
      out: (text) => {
        text = String(text);
        outBytes += text.length + 1;
        // check --json ends with its counts: keep those, not the output.
        const tail = text.slice(-400);
        const at = tail.lastIndexOf('"counts":');
        try {
          if (at >= 0) issueCounts = JSON.parse(tail.slice(at + 9).trim().slice(0, -1));
        } catch {}
      },
      err: (text) => { if (err.length < 5) err.push(String(text)); },
      colour: false,
      now: () => new Date(spec.now),
    });
  }
  const t2 = clock();
  report({ ms: t2 - t1, requireMs: t1 - t0, maxRssMiB: process.resourceUsage().maxRSS / 1024, exitCode, outBytes, issueCounts, err });
})().catch((error) => {
  report({ error: String((error && error.stack) || error).split('\\n').slice(0, 5) });
  process.exitCode = 3;
});
`;
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // tsx may hand its loader to children through NODE_OPTIONS; the child runs plain JS.
  if (env.NODE_OPTIONS?.includes('tsx')) delete env.NODE_OPTIONS;
  return env;
}

function runChild(spec: ChildSpec): Promise<ChildResult | { error: string | string[] }> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', childCode(spec)], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    live.child = child;
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ error: `could not start node: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.child = undefined;
      const wallMs = elapsedMs(start);
      const line = stderr
        .split('\n')
        .reverse()
        .find((l) => l.startsWith(MARK));
      if (timedOut) return resolve({ error: `killed after ${TIMEOUT_MS / 1000} s (BENCH_TIMEOUT_S)` });
      if (!line) {
        const tail = stderr.trim().split('\n').slice(-5);
        return resolve({ error: [`child ended (code ${code}, signal ${signal}) without a report`, ...tail] });
      }
      const data = JSON.parse(line.slice(MARK.length)) as Partial<ChildResult> & { error?: string[] };
      if (data.error) return resolve({ error: data.error });
      resolve({ ...(data as ChildResult), wallMs });
    });
  });
}

// ---------------------------------------------------------------------------
// The .xlsx host through the built CLI, next to a bare ExcelJS readFile.

interface Op {
  op: string;
  spec: (file: string, out: string) => ChildSpec;
  /** Exit codes that mean the operation ran (check exits 1 when it finds errors). */
  ok: number[];
  writes: boolean;
}

function cliOp(name: string, argv: (file: string, out: string) => string[], writes: boolean): Op {
  return {
    op: name,
    spec: (file, out) => ({ kind: 'cli', module: CLI, file, argv: argv(file, out), now: NOW }),
    ok: writes ? [0] : [0, 1],
    writes,
  };
}

const EXCELJS_OP = 'exceljs-readFile';

function ops(): Op[] {
  const exceljs = require.resolve('exceljs', { paths: [ROOT] });
  return [
    {
      op: EXCELJS_OP,
      spec: (file) => ({ kind: 'exceljs', module: exceljs, file, argv: [], now: NOW }),
      ok: [0],
      writes: false,
    },
    cliOp('check', (file) => ['check', file, '--json'], false),
    cliOp('colour', (file, out) => ['colour', file, '-o', out], true),
    cliOp('rebuild', (file, out) => ['rebuild', file, '-o', out], true),
    cliOp('fix', (file, out) => ['fix', file, '-o', out], true),
  ];
}

interface OpSummary {
  ms: number;
  /** Start of the node process to its end: startup and module loading included. */
  wallMs: number;
  peakRssMiB: number;
  issues?: Record<string, number>;
}

async function benchXlsx(
  dir: string,
  file: string,
  shape: BenchShape,
  cliReady: boolean,
): Promise<Map<string, OpSummary>> {
  const actions = actionsOf(shape);
  const fileMiB = mib((await fs.stat(file)).size);
  const list = ops().filter((op) => cliReady || op.op === EXCELJS_OP);
  const results = new Map<string, ChildResult[]>(list.map((op) => [op.op, []]));
  const failures = new Map<string, string | string[]>();
  const outSizes = new Map<string, number>();
  // Round-robin, so drift on the machine spreads over every operation alike.
  for (let run = 0; run < RUNS; run++) {
    for (const op of list) {
      if (failures.has(op.op)) continue;
      const out = path.join(dir, `out-${op.op}.xlsx`);
      note(`${actions} actions: ${op.op}, run ${run + 1} of ${RUNS}`);
      const result = await runChild(op.spec(file, out));
      if ('error' in result) failures.set(op.op, result.error);
      else if (!op.ok.includes(result.exitCode)) failures.set(op.op, [`exit code ${result.exitCode}`, ...result.err]);
      else {
        results.get(op.op)?.push(result);
        if (op.writes) outSizes.set(op.op, (await fs.stat(out)).size);
      }
      await fs.rm(out, { force: true });
    }
  }
  const summaries = new Map<string, OpSummary>();
  for (const op of list) {
    const runs = results.get(op.op) ?? [];
    if (runs.length) {
      summaries.set(op.op, {
        ms: median(runs.map((r) => r.ms)),
        wallMs: median(runs.map((r) => r.wallMs)),
        peakRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)),
        issues: runs[0].issueCounts,
      });
    }
  }
  const baseline = summaries.get(EXCELJS_OP);
  for (const op of list) {
    const summary = summaries.get(op.op);
    const failure = failures.get(op.op);
    if (!summary || failure) {
      emit({ host: 'xlsx', op: op.op, actions, fileMiB, error: failure ?? 'no successful run' });
      continue;
    }
    const runs = results.get(op.op) as ChildResult[];
    emit({
      host: 'xlsx',
      op: op.op,
      actions,
      ms: round(summary.ms),
      ratioToExcelJS: baseline ? round(summary.ms / baseline.ms, 2) : null,
      peakRssMiB: round(summary.peakRssMiB),
      fileMiB,
      runsMs: runs.map((r) => round(r.ms)),
      requireMs: round(median(runs.map((r) => r.requireMs))),
      wallMs: round(median(runs.map((r) => r.wallMs))),
      wallRatioToExcelJS: baseline ? round(median(runs.map((r) => r.wallMs)) / baseline.wallMs, 2) : null,
      ...(op.op === EXCELJS_OP ? {} : { exitCode: runs[0].exitCode }),
      ...(op.writes ? { outFileMiB: mib(outSizes.get(op.op) ?? 0) } : { outBytes: runs[0].outBytes }),
      ...(runs[0].issueCounts ? { issues: runs[0].issueCounts } : {}),
    });
  }
  return summaries;
}

// ---------------------------------------------------------------------------
// The engine alone, and the Office.js host over the fake Excel (syncs and
// payload, not Excel's own speed), on a snapshot built directly in code.

function timed<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, round(elapsedMs(start), 1)];
}

/** `cliIssues`: what `check --json` counted on the .xlsx file, to show both saw the same workbook. */
async function benchInProcess(shape: BenchShape, cliIssues?: Record<string, number>): Promise<void> {
  // Loaded here, not at the top: an engine that does not load (mid-rewrite) costs these lines only.
  const { analyse, baselinePlan, colourPlan, countIssues, fixPlan, predictSnapshot, rebuildPlan } =
    await import('../src/engine');
  const actions = actionsOf(shape);
  const today = new Date(NOW);
  const snapshot = benchSnapshot(shape);

  const [analysis, analyseMs] = timed(() => analyse(snapshot, { today }));
  const issues = countIssues(analysis.issues);
  emit({
    host: 'engine',
    op: 'analyse',
    actions,
    ms: analyseMs,
    issues,
    ...(cliIssues ? { sameIssueCountsAsCliCheck: JSON.stringify(issues) === JSON.stringify(cliIssues) } : {}),
  });
  const [fixes, fixMs] = timed(() => fixPlan(analysis));
  const [colours, colourMs] = timed(() => colourPlan(analysis));
  const [overview, rebuildMs] = timed(() => rebuildPlan(snapshot, analysis, today));
  emit({ host: 'engine', op: 'fix-plan', actions, ms: fixMs, edits: fixes.edits.length });
  emit({ host: 'engine', op: 'colour-plan', actions, ms: colourMs, edits: colours.edits.length });
  emit({ host: 'engine', op: 'rebuild-plan', actions, ms: rebuildMs, edits: overview.edits.length });
  // What moved (SPEC §8): the baseline recorded, then every check compares the plan with it.
  const [recorded, recordMs] = timed(() => baselinePlan(analysis, snapshot, 'Q2 2026/27', today));
  const withBaseline = predictSnapshot(snapshot, recorded);
  const [compared, compareMs] = timed(() => analyse(withBaseline, { today }));
  emit({ host: 'engine', op: 'baseline-plan', actions, ms: recordMs });
  emit({
    host: 'engine',
    op: 'analyse-with-baseline',
    actions,
    ms: compareMs,
    changes: compared.movement?.actions.length ?? 0,
  });
  // Partner returns (SPEC §7): the first partner's pack, and that pack returned unchanged, merged
  // (every action row of the plan compared, cell by cell, with its record and the return).
  const { mergeReturns, packPlan, partnersOf } = await import('../src/engine');
  const [{ partners }, partnersMs] = timed(() => partnersOf(analysis));
  const [pack, packMs] = timed(() => packPlan(analysis, partners[0], { planFile: 'plan.xlsx', now: today }));
  const returned = predictSnapshot(snapshot, pack);
  const returnModel = analyse(returned, { today });
  const [merged, mergeMs] = timed(() =>
    mergeReturns({ snapshot, model: analysis }, [{ file: 'return.xlsx', snapshot: returned, model: returnModel }]),
  );
  emit({ host: 'engine', op: 'partners', actions, ms: partnersMs, partners: partners.length });
  emit({ host: 'engine', op: 'pack-plan', actions, ms: packMs, edits: pack.edits.length });
  emit({
    host: 'engine',
    op: 'merge',
    actions,
    ms: mergeMs,
    edits: merged.plan.edits.length,
    listed: merged.returns[0].conflicts.length + merged.returns[0].refused.length + merged.returns[0].unmatched.length,
  });
}

/**
 * The requests the Office.js host sends for each change, serialised by Microsoft's own client
 * library (@microsoft/office-js, excel-web-16.00.debug.js, run in jsdom with its request
 * executor replaced by one that records the body): what Excel on the web would receive, against
 * what the fake counts for the same plan. Responses cannot be measured without Excel. The bodies
 * are left in test-results/officejs-requests/, one JSON file per operation and size.
 */
async function benchOfficeJsRequests(actions: number): Promise<void> {
  const { JSDOM } = await import('jsdom');
  const { analyse, colourPlan, fixPlan, rebuildPlan } = await import('../src/engine');
  const excel = await import('../src/hosts/excel');
  const { FakeExcel } = await import('./fake-excel');
  const { loadSnapshot } = await import('./fake-excel/from-snapshot');
  const library = require.resolve('@microsoft/office-js/dist/excel-web-16.00.debug.js');
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'https://localhost/',
    runScripts: 'outside-only',
  });
  const window = dom.window as unknown as {
    eval(code: string): void;
    Excel: { RequestContext: new (url: string) => unknown };
  };
  window.eval(await fs.readFile(library, 'utf8'));
  const shape: BenchShape = { sheets: Math.max(1, Math.round(actions / 2500)), rows: 0 };
  shape.rows = Math.round(actions / shape.sheets);
  const snapshot = benchSnapshot(shape);
  const analysis = analyse(snapshot, { today: new Date(NOW) });
  const receipt = { colours: true, rules: {}, merges: 'not-read' as const };
  const folder = path.join(ROOT, 'test-results', 'officejs-requests');
  await fs.mkdir(folder, { recursive: true });
  for (const [op, plan] of [
    ['fix', fixPlan(analysis)],
    ['colour', colourPlan(analysis)],
    ['rebuild', rebuildPlan(snapshot, analysis, new Date(NOW))],
  ] as const) {
    const requests: unknown[] = [];
    const recording = (): Excel.RequestContext => {
      const context = new window.Excel.RequestContext('https://example.invalid/') as Record<string, unknown>;
      context._requestExecutor = {
        executeAsync: (_data: unknown, _flags: unknown, message: { Body: unknown }) => {
          requests.push(message.Body);
          const ok = { HttpStatusCode: 200, ErrorCode: null, ErrorMessage: null, Headers: {}, Body: { Results: [] } };
          return Promise.resolve(ok);
        },
      };
      return context as unknown as Excel.RequestContext;
    };
    // As writePlan does it: sheets first in a run of their own, then the change: its load (whose
    // answer a recording cannot give: the loaded values are then missing, which ends it), and
    // its writes as they would be if the load found the workbook as read.
    await excel.applyStructure(recording(), excel.structureOf(plan), snapshot);
    const content = excel.contentOf(plan);
    const loads = requests.length;
    await excel.loadNow(recording(), content, snapshot, ',').catch(() => undefined);
    const loadRequests = requests.length - loads;
    await excel.queueWrites(recording(), content, snapshot, excel.nowAsRead(content, snapshot, receipt, ','));
    const bodies = requests.map((body) => JSON.stringify(body).length);
    await fs.writeFile(path.join(folder, `${op}-${actionsOf(shape)}.json`), JSON.stringify(requests, null, 1));
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, snapshot);
    await excel.writePlan(fake, plan, snapshot, receipt);
    const maxRequestBytes = Math.max(0, ...bodies);
    emit({
      host: 'officejs-client',
      op,
      actions: actionsOf(shape),
      sheets: shape.sheets,
      edits: plan.edits.length,
      requests: bodies.length,
      loadRequests,
      maxRequestBytes,
      totalRequestBytes: bodies.reduce((a, b) => a + b, 0),
      requestBytesPerSheet: round(bodies.reduce((a, b) => a + b, 0) / shape.sheets),
      fakeMaxRequestBytes: fake.stats.maxRequestBytes,
      fakeOverReal: round(fake.stats.maxRequestBytes / Math.max(1, maxRequestBytes), 2),
    });
  }
}

/** Sizes for the Office.js host over the fake Excel (actions): check, then each change as the pane makes it. */
const FAKE_SIZES = QUICK ? [1000] : [1000, 10_000, 50_000];

/**
 * The task pane's operations over the fake Excel, which counts syncs and the
 * bytes of each request and response as JSON (a measure of what Office.js
 * sends; Excel on the web refuses more than 5 MB either way). A change is the
 * read it is planned from plus its writes.
 */
async function benchExcelFake(actions: number): Promise<void> {
  const { createOperations } = await import('../src/addin/operations');
  const { FakeExcel } = await import('./fake-excel');
  const { loadSnapshot } = await import('./fake-excel/from-snapshot');
  const shape: BenchShape = { sheets: Math.max(1, Math.round(actions / 2500)), rows: 0 };
  shape.rows = Math.round(actions / shape.sheets);
  const snapshot = benchSnapshot(shape);
  const rows = snapshot.sheets.reduce((sum, s) => sum + s.cells.length, 0);
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20', SharedRuntime: '1.1' } });
  loadSnapshot(fake.state, snapshot);
  const operations = createOperations(fake, () => new Date(NOW));
  const stats = fake.stats;
  for (const [op, run] of [
    ['check', () => operations.check()],
    ['fix', () => operations.fix()],
    ['colour', () => operations.colour()],
    // Colouring again reads Proforma's rules and lists (one sync more) and writes nothing.
    ['colour-again', () => operations.colour()],
    ['check-coloured', () => operations.check()],
    ['rebuild', () => operations.rebuild()],
  ] as const) {
    fake.resetStats();
    const start = process.hrtime.bigint();
    try {
      await run();
      emit({
        host: 'excel-fake',
        op,
        rows,
        actions: actionsOf(shape),
        ms: round(elapsedMs(start)),
        syncs: stats.syncs,
        maxPayloadBytes: Math.max(stats.maxRequestBytes, stats.maxResponseBytes),
        maxRequestBytes: stats.maxRequestBytes,
        maxResponseBytes: stats.maxResponseBytes,
        refusedResponses: stats.refusedResponses,
      });
    } catch (error) {
      emit({
        host: 'excel-fake',
        op,
        rows,
        actions: actionsOf(shape),
        error: String((error as Error)?.message ?? error),
        syncs: stats.syncs,
      });
    }
  }
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpus = os.cpus();
  emit({
    host: 'machine',
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    totalMemMiB: round(os.totalmem() / 2 ** 20),
    quick: QUICK,
    runs: RUNS,
  });
  const cliReady = ensureCli();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-bench-'));
  live.dir = dir;
  const byActions = new Map<number, Map<string, OpSummary>>();
  try {
    for (const shape of sizes()) {
      const actions = actionsOf(shape);
      const file = path.join(dir, `plan-${shape.sheets}x${shape.rows}.xlsx`);
      note(`${actions} actions: writing the workbook`);
      const start = process.hrtime.bigint();
      await writeBenchWorkbook(file, shape);
      emit({
        host: 'generator',
        op: 'write-xlsx-stream',
        sheets: shape.sheets,
        rowsPerSheet: shape.rows,
        actions,
        ms: round(elapsedMs(start)),
        fileMiB: mib((await fs.stat(file)).size),
      });
      const summaries = await benchXlsx(dir, file, shape, cliReady);
      byActions.set(actions, summaries);
      await fs.rm(file, { force: true });
      if (FAKE) {
        note(`${actions} actions: engine and fake Excel`);
        try {
          await benchInProcess(shape, summaries.get('check')?.issues);
        } catch (error) {
          const message = String((error as Error)?.stack ?? error)
            .split('\n')
            .slice(0, 3);
          emit({ host: 'engine', op: 'in-process', actions, error: message });
        }
      }
    }
    if (FAKE)
      for (const actions of FAKE_SIZES) {
        note(`${actions} actions: the Office.js host over the fake Excel`);
        await benchExcelFake(actions);
        try {
          await benchOfficeJsRequests(actions);
        } catch (error) {
          emit({ host: 'officejs-client', actions, error: String((error as Error)?.message ?? error) });
        }
      }
    // Linearity: time (and memory) per action, largest size against smallest.
    const counts = [...byActions.keys()].sort((a, b) => a - b);
    if (counts.length >= 2) {
      const [small, large] = [counts[0], counts[counts.length - 1]];
      const msPerActionRatio: Record<string, number> = {};
      const peakRssRatio: Record<string, number> = {};
      for (const [op, a] of byActions.get(small) ?? []) {
        const b = byActions.get(large)?.get(op);
        if (!b) continue;
        msPerActionRatio[op] = round(b.ms / large / (a.ms / small), 2);
        peakRssRatio[op] = round(b.peakRssMiB / a.peakRssMiB, 2);
      }
      emit({
        host: 'xlsx',
        op: 'scaling',
        actions: [small, large],
        sizeRatio: round(large / small, 2),
        msPerActionRatio,
        peakRssRatio,
      });
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
