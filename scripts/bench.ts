// `npm run bench`: how long the engine and the .xlsx host take on a large plan,
// and how much memory they use. Prints figures; asserts nothing.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { analyse, colourPlan, fixPlan, rebuildPlan } from '../src/engine';
import { applyPlan, loadWorkbook, saveWorkbook, snapshotWorkbook } from '../src/hosts/xlsx';
import * as excel from '../src/hosts/excel';
import { FakeExcel } from '../tests/fake-excel';
import { loadSnapshot } from '../tests/fake-excel/from-snapshot';

const SHEETS = Number(process.env.BENCH_SHEETS ?? 8);
const ROWS = Number(process.env.BENCH_ROWS ?? 2500);
const RAGS = ['R', 'A', 'G', 'W', 'Amber', 'green ', 'Red/Amber', ''];
const TERMS = ['S', 'M', 'L', 'M c/f', '', 'Soon'];

function bigWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  let ref = 1;
  for (let s = 0; s < SHEETS; s++) {
    const sheet = workbook.addWorksheet(`Theme ${s + 1}`);
    sheet.addRow([`Theme ${s + 1}`]);
    sheet.addRow(['Ref', 'Key Deliverable', 'Actions', 'Lead', 'By When', 'S M L', 'RAG', 'Progress update']);
    for (let r = 0; r < ROWS; r++) {
      const starts = r % 4 === 0;
      sheet.addRow([
        starts ? ref++ : null,
        starts ? `Deliverable ${ref}` : null,
        `Action ${r} on sheet ${s + 1}`,
        r % 17 === 0 ? '' : 'Partner',
        new Date(Date.UTC(2026, r % 12, 28)),
        TERMS[r % TERMS.length],
        RAGS[r % RAGS.length],
        r % 5 === 0 ? '' : 'Progress noted',
      ]);
    }
  }
  return workbook;
}

function time<T>(label: string, fn: () => T): T {
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms`);
  return result;
}

async function timeAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms`);
  return result;
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-bench-'));
  const file = path.join(dir, 'big.xlsx');
  console.log(`${SHEETS} theme sheets × ${ROWS} action rows = ${SHEETS * ROWS} actions, 8 columns`);
  await timeAsync('write the test workbook (ExcelJS)', () => saveWorkbook(bigWorkbook(), file));
  console.log(`${'file size'.padEnd(34)} ${((await fs.stat(file)).size / 1024).toFixed(0).padStart(9)} KiB`);
  const workbook = await timeAsync('xlsx host: load', () => loadWorkbook(file));
  const snapshot = time('xlsx host: snapshot', () => snapshotWorkbook(workbook));
  const today = new Date();
  const analysis = time('engine: analyse (all checks)', () => analyse(snapshot, { today }));
  console.log(`${'issues found'.padEnd(34)} ${String(analysis.issues.length).padStart(9)}`);
  const fixes = time('engine: fix plan', () => fixPlan(analysis));
  const colours = time('engine: colour plan', () => colourPlan(analysis));
  const overview = time('engine: rebuild plan', () => rebuildPlan(snapshot, analysis, today));
  console.log(
    `${'edits (fix / colour / rebuild)'.padEnd(34)} ${fixes.edits.length} / ${colours.edits.length} / ${overview.edits.length}`,
  );
  // The Office.js host over the in-memory fake Excel: syncs and payload, not Excel's own speed.
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
  loadSnapshot(fake.state, snapshotWorkbook(await loadWorkbook(file)));
  await timeAsync('excel host (fake): read', () => excel.runInExcel(fake, (ctx) => excel.readSnapshot(ctx, fake)));
  const mib = (n: number): string => `${(n / 2 ** 20).toFixed(2)} MiB`;
  console.log(`${'  syncs, largest response'.padEnd(34)} ${fake.stats.syncs}, ${mib(fake.stats.maxResponseBytes)}`);
  fake.resetStats();
  await timeAsync('excel host (fake): apply colour', () =>
    excel.runInExcel(fake, (ctx) => excel.applyPlan(ctx, fake, colours), { write: true }),
  );
  console.log(`${'  syncs, largest request'.padEnd(34)} ${fake.stats.syncs}, ${mib(fake.stats.maxRequestBytes)}`);
  time('xlsx host: apply fix+colour+rebuild', () => {
    applyPlan(workbook, fixes);
    applyPlan(workbook, colours);
    applyPlan(workbook, overview);
  });
  await timeAsync('xlsx host: save', () => saveWorkbook(workbook, path.join(dir, 'out.xlsx')));
  const heap = process.memoryUsage();
  console.log(
    `${'memory: heap used / rss'.padEnd(34)} ${(heap.heapUsed / 2 ** 20).toFixed(0)} MiB / ${(heap.rss / 2 ** 20).toFixed(0)} MiB`,
  );
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
