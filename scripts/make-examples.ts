// Writes the example workbooks in examples/ from scripts/example-data.ts.
// Run with `npm run examples`; the generated files are committed.
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { SETTINGS_SHEET, WorkbookSnapshot, analyse, parseAddress, rebuildPlan } from '../src/engine';
import { applyPlan, readPackage } from '../src/hosts/xlsx';
import { Cell, DELIVERY_PLAN, NORFOLK_2019, QUARTERLY_REPORT, ThemeData } from './example-data';

export const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');
/** The fixed moment the examples are "built" and checked at, so they never change by themselves. */
export const EXAMPLE_DATE = new Date(Date.UTC(2026, 10, 20, 9, 30));

interface Layout {
  headers: string[];
  /** The status column (0-based), for fills that show a status by colour. */
  status: number;
  widths: number[];
  merge: boolean;
  row: (group: ThemeData['groups'][number], i: number) => Cell[];
}

const NORFOLK_LAYOUT: Layout = {
  headers: [
    'Ref',
    'Priority',
    'Actions',
    'Responsible Partner / Lead',
    'Outcome / impact measure',
    'R\nA\nG',
    'Evidence / Progress update',
  ],
  status: 5,
  widths: [7, 40, 50, 24, 30, 5, 40],
  merge: false,
  row: (group, i) => {
    const a = group.actions[i];
    return [
      i === 0 ? group.ref : null,
      i === 0 ? group.priority : null,
      a.action,
      a.lead,
      a.outcome ?? null,
      a.rag,
      a.evidence ?? null,
    ];
  },
};

const QUARTERLY_LAYOUT: Layout = {
  headers: ['Ref', 'Key Deliverable', 'Actions', 'Lead', 'By When', 'S M L', 'RAG', 'Progress update'],
  status: 6,
  widths: [6, 38, 46, 26, 12, 8, 6, 40],
  merge: true,
  row: (group, i) => {
    const a = group.actions[i];
    // Lower cells of a merge: ExcelJS echoes the master here, real files hold nothing.
    return [
      i === 0 ? group.ref : null,
      i === 0 ? group.priority : null,
      a.action,
      a.lead,
      a.due ?? null,
      a.term ?? null,
      a.rag,
      a.evidence ?? null,
    ];
  },
};

/** A council's delivery plan: its own headings ("Success looks like" is mapped in its settings), a ref per action. */
const DELIVERY_LAYOUT: Layout = {
  headers: [
    'Ref',
    'Commitment',
    'Key milestones',
    'Lead officer(s)',
    'Success looks like',
    'Target date',
    'Current Status',
    'Latest update',
  ],
  status: 6,
  widths: [6, 30, 46, 26, 26, 12, 12, 40],
  merge: false,
  row: (group, i) => {
    const a = group.actions[i];
    return [
      a.ref ?? null,
      i === 0 ? group.priority : null,
      a.action,
      a.lead,
      a.outcome ?? null,
      a.due ?? null,
      a.rag,
      a.evidence ?? null,
    ];
  },
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

function setCell(cell: ExcelJS.Cell, value: Cell): void {
  if (value === null) return;
  if (typeof value === 'object' && !(value instanceof Date))
    cell.value = { formula: value.formula, result: { error: value.error } } as ExcelJS.CellValue;
  else cell.value = value;
  if (value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
}

function writeHeader(sheet: ExcelJS.Worksheet, rowNumber: number, layout: Layout): void {
  const row = sheet.getRow(rowNumber);
  layout.headers.forEach((h, c) => {
    const cell = row.getCell(c + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = {
      wrapText: true,
      vertical: 'top',
      horizontal: c === layout.headers.length - 1 ? 'left' : undefined,
    };
  });
}

function writeTheme(workbook: ExcelJS.Workbook, theme: ThemeData, layout: Layout): void {
  const sheet = workbook.addWorksheet(theme.tab);
  layout.widths.forEach((w, c) => (sheet.getColumn(c + 1).width = w));
  let r = 1;
  for (const title of theme.titles) {
    sheet.getCell(r, 1).value = title;
    sheet.getCell(r, 1).font = { bold: true, size: r === 1 ? 12 : 14 };
    r++;
  }
  writeHeader(sheet, r++, layout);
  theme.groups.forEach((group, g) => {
    const interlude = theme.interludes?.[g];
    if (interlude === 'repeat-header') writeHeader(sheet, r++, layout);
    else if (interlude) {
      sheet.getCell(r, 1).value = interlude;
      sheet.getCell(r, 1).font = { bold: true, italic: true };
      sheet.mergeCells(r, 1, r, layout.headers.length);
      r++;
    }
    const top = r;
    group.actions.forEach((action, i) => {
      const row = sheet.getRow(r);
      layout.row(group, i).forEach((value, c) => {
        const cell = row.getCell(c + 1);
        setCell(cell, value);
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
      if (action.hidden) row.hidden = true;
      if (action.statusFill)
        row.getCell(layout.status + 1).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: action.statusFill },
        };
      r++;
    });
    if (layout.merge && group.actions.length > 1) {
      sheet.mergeCells(top, 1, r - 1, 1);
      sheet.mergeCells(top, 2, r - 1, 2);
    }
  });
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Proforma examples';
  workbook.created = EXAMPLE_DATE;
  workbook.modified = EXAMPLE_DATE;
  return workbook;
}

/** The Norfolk 2019 proforma, with a hand-typed overview and a notes sheet. */
export function norfolkWorkbook(): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const overview = workbook.addWorksheet('Overview');
  const rows: Array<Array<string | number>> = [
    ['Strategic Framework for Reducing Offending - overview (typed by hand)'],
    [],
    ['Theme', 'R', 'A', 'G'],
    ['Prevention/Early Intervention', 1, 3, 2],
    ['Offender Management', 1, 3, 4],
    ['Rehabilitation and Resettlement', 0, 1, 1],
  ];
  rows.forEach((values, r) => values.forEach((v, c) => (overview.getCell(r + 1, c + 1).value = v)));
  overview.getColumn(1).width = 40;
  for (const theme of NORFOLK_2019) writeTheme(workbook, theme, NORFOLK_LAYOUT);
  const notes = workbook.addWorksheet('Notes');
  notes.getCell('A1').value = 'How to complete this proforma';
  notes.getCell('A2').value = 'Leads update their rows each quarter. RAG: R, A, G, or W for superseded actions.';
  return workbook;
}

/** The delivery plan, with the board's settings: the track scale and a mapping for its own "Success looks like" heading. */
export function deliveryPlanWorkbook(): ExcelJS.Workbook {
  const workbook = newWorkbook();
  for (const theme of DELIVERY_PLAN) writeTheme(workbook, theme, DELIVERY_LAYOUT);
  const settings = workbook.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
  settings.addRows([
    ['scale', 'track'],
    ['column:Success looks like', 'outcome'],
  ]);
  return workbook;
}

/** A workbook's bytes as ExcelJS writes them (ExcelJS only ever writes these fresh examples, never a user's file). */
async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The quarterly performance report, with an overview Proforma built before one RAG was changed. */
export async function quarterlyWorkbook(): Promise<Uint8Array> {
  const workbook = newWorkbook();
  for (const theme of QUARTERLY_REPORT) writeTheme(workbook, theme, QUARTERLY_LAYOUT);
  // What real workbooks hold that hosts trip on: a sheet name with a comma and an apostrophe
  // (Office.js address lists split on commas), a long progress update, and an empty sheet.
  const contacts = workbook.addWorksheet("Partners' contacts, 2026");
  contacts.addRows([
    ['Partner', 'Contact'],
    ['Police', 'Reducing Offending Board secretary'],
    ['Probation', 'Head of Public Protection'],
  ]);
  contacts.getCell('A5').value =
    `Quarterly narrative: ${'Partners met monthly to review the cohort; '.repeat(28).trim()}`;
  workbook.addWorksheet('Blank');
  // The overview is built by Proforma's own .xlsx host, so it carries Proforma's mark.
  const pkg = readPackage(await bytesOf(workbook));
  const analysis = analyse(pkg.snapshot, { today: EXAMPLE_DATE });
  const rebuilt = readPackage(applyPlan(pkg, rebuildPlan(pkg.snapshot, analysis, EXAMPLE_DATE), EXAMPLE_DATE));
  // A partner updated their RAG after the overview was built: the overview is now stale.
  const { row, col } = parseAddress('G5');
  const diversion = rebuilt.snapshot.sheets.find((s) => s.name === 'Diversion');
  const expect = diversion?.cells[row]?.[col] ?? { kind: 'empty' as const };
  const edit = { kind: 'set-value' as const, sheet: 'Diversion', row, col, expect, value: 'A' };
  return applyPlan(rebuilt, { description: 'A partner changes a RAG', edits: [edit] }, EXAMPLE_DATE);
}

/** A committed example's snapshot, as the .xlsx host reads it (for tests of the other host and the pane). */
export function exampleSnapshot(file: string): WorkbookSnapshot {
  return readPackage(readFileSync(path.join(EXAMPLES_DIR, file))).snapshot;
}

/** A committed example's bytes. */
export function exampleBytes(file: string): Uint8Array {
  return readFileSync(path.join(EXAMPLES_DIR, file));
}

export const EXAMPLES: Record<string, () => Promise<Uint8Array>> = {
  'norfolk-2019-refresh.xlsx': async () => bytesOf(norfolkWorkbook()),
  'quarterly-performance-report.xlsx': quarterlyWorkbook,
  'delivery-plan-on-track.xlsx': async () => bytesOf(deliveryPlanWorkbook()),
};

async function main(): Promise<void> {
  for (const [file, make] of Object.entries(EXAMPLES)) {
    const target = path.join(EXAMPLES_DIR, file);
    await fs.writeFile(target, await make());
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
