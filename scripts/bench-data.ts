// The benchmark's workbook, generated deterministically: the same rows as an
// .xlsx file (ExcelJS's streaming writer, so 200,000 rows stay cheap) and as an
// engine snapshot built directly in code (so the Office.js bench over the fake
// Excel does not depend on any .xlsx reader).
import ExcelJS from 'exceljs';
// Types only from the engine: loading this file must not load the engine, which may be mid-edit.
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/engine';

export interface BenchShape {
  sheets: number;
  /** Action rows per theme sheet. */
  rows: number;
}

type Value = string | number | Date | null;

interface BenchRow {
  values: Value[];
  hidden: boolean;
  /** A fill someone painted by hand on the RAG cell, "#RRGGBB". */
  ragFill?: string;
}

interface BenchSheet {
  name: string;
  rows: BenchRow[];
  /** 0-based, as in the engine. */
  merges: CellRange[];
}

export const HEADERS = ['Ref', 'Key Deliverable', 'Actions', 'Lead', 'By When', 'S M L', 'RAG', 'Progress update'];
const COL = { ref: 0, deliverable: 1, actions: 2, lead: 3, due: 4, term: 5, rag: 6, progress: 7 };
/** Rows above the first action: a title (merged across) and the header. */
const TOP_ROWS = 2;
const GROUP_SIZE = 4;

const THEMES = [
  'Prevention & Early Intervention',
  'Offender Management',
  'Reducing Reoffending',
  'Victims & Witnesses',
  'Domestic Abuse',
  'Youth Justice',
  'Substance Misuse',
  'Mental Health',
  'Accommodation',
  'Education & Employment',
  'Serious Violence',
  'Exploitation',
  'Road Safety',
  'Rural Crime',
  'Hate Crime',
  'Anti-social Behaviour',
  'Neighbourhood Policing',
  'Restorative Justice',
  'Finance & Benefit',
  'Health & Wellbeing',
];

const LEADS = [
  'Norfolk County Council',
  'OPCCN',
  'Norfolk Constabulary',
  'National Probation Service',
  'Youth Offending Team',
  'Public Health',
  'District Councils',
  'CCG',
  'HMP Norwich',
  'DWP',
];

const WORDS = (
  'review partnership delivery pathway referral cohort outcome data evidence board agreed funding pilot ' +
  'districts quarter report training staff capacity service users families housing offenders victims ' +
  'commissioned contract performance measure baseline target monitoring analysis workshop consultation ' +
  'engagement procurement evaluation recommendations implementation governance risk mitigation delay ' +
  'progress update meeting minutes action owner escalated resolved ongoing continued completed planned'
).split(' ');

/** RAG values as boards write them: mostly the scale, some spelt out, some not on it at all. */
const RAGS: Array<[string | null, number]> = [
  ['G', 38],
  ['A', 25],
  ['R', 12],
  ['W', 5],
  [null, 8],
  ['Amber', 3],
  ['green ', 2],
  ['Red/Amber', 2],
  ['B', 2],
  ['TBC', 1],
  ['Complete', 1],
  ['g', 1],
];
const TERMS: Array<[string | null, number]> = [
  ['S', 30],
  ['M', 30],
  ['L', 20],
  ['M c/f', 5],
  [null, 10],
  ['Soon', 3],
  ['s', 2],
];
const TEXT_DUES = ['Ongoing', 'Q3 2026', 'March 2026', 'TBC', 'End of year'];
const HAND_FILLS: Record<string, string> = { R: '#FF0000', A: '#FFC000', G: '#00B050' };

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, table: Array<[T, number]>): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let pick = rand() * total;
  for (const [value, weight] of table) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return table[table.length - 1][0];
}

function text(rand: () => number, minChars: number, maxChars: number): string {
  const target = minChars + Math.floor(rand() * (maxChars - minChars));
  let out = '';
  while (out.length < target) {
    let sentence = WORDS[Math.floor(rand() * WORDS.length)];
    sentence = sentence[0].toUpperCase() + sentence.slice(1);
    const words = 6 + Math.floor(rand() * 12);
    for (let i = 0; i < words; i++) sentence += ` ${WORDS[Math.floor(rand() * WORDS.length)]}`;
    out += (out ? ' ' : '') + `${sentence}.`;
  }
  return out.slice(0, maxChars);
}

export function themeName(s: number): string {
  return THEMES[s] ?? `Theme ${s + 1}`;
}

/** One theme sheet's rows; the same for the same (shape, sheet) every time. */
function benchSheet(shape: BenchShape, s: number): BenchSheet {
  const rand = random(1000 + s);
  const name = themeName(s);
  const rows: BenchRow[] = [
    { values: [`Appendix 1: Action Plan Proforma - ${name}`], hidden: false },
    { values: [...HEADERS], hidden: false },
  ];
  const merges: CellRange[] = [{ top: 0, left: 0, bottom: 0, right: HEADERS.length - 1 }];
  const mergeGroups = s % 2 === 1; // half the sheets merge Ref and Key Deliverable down each group
  let ref = s * Math.ceil(shape.rows / GROUP_SIZE) + 1;
  for (let r = 0; r < shape.rows; r++) {
    const starts = r % GROUP_SIZE === 0;
    const values: Value[] = new Array(HEADERS.length).fill(null);
    if (starts) {
      values[COL.ref] = rand() < 0.005 ? `${ref} ` : ref; // now and then a ref typed as text
      values[COL.deliverable] = `Deliverable ${ref}: ${text(rand, 40, 200)}`;
      const top = TOP_ROWS + r;
      const bottom = Math.min(top + GROUP_SIZE - 1, TOP_ROWS + shape.rows - 1);
      if (mergeGroups && bottom > top)
        merges.push(
          { top, left: COL.ref, bottom, right: COL.ref },
          { top, left: COL.deliverable, bottom, right: COL.deliverable },
        );
      ref++;
    }
    values[COL.actions] = text(rand, 40, 240);
    values[COL.lead] = rand() < 0.06 ? null : LEADS[Math.floor(rand() * LEADS.length)];
    const due = rand();
    values[COL.due] =
      due < 0.7
        ? new Date(Date.UTC(2025 + Math.floor(rand() * 3), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)))
        : due < 0.8
          ? TEXT_DUES[Math.floor(rand() * TEXT_DUES.length)]
          : null;
    values[COL.term] = weighted(rand, TERMS);
    const rag = weighted(rand, RAGS);
    values[COL.rag] = rag;
    const update = rand();
    values[COL.progress] = update < 0.25 ? text(rand, 200, 1200) : update < 0.75 ? text(rand, 20, 120) : null;
    const hand = rag !== null && HAND_FILLS[rag] && rand() < 0.2 ? HAND_FILLS[rag] : undefined;
    rows.push({ values, hidden: rand() < 0.004, ragFill: hand });
  }
  return { name, rows, merges };
}

const argb = (hex: string): string => `FF${hex.slice(1)}`;

/** Writes the workbook with ExcelJS's streaming writer: one sheet's rows in memory at a time. */
export async function writeBenchWorkbook(file: string, shape: BenchShape): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (let s = 0; s < shape.sheets; s++) {
    const data = benchSheet(shape, s);
    const sheet = workbook.addWorksheet(data.name);
    sheet.columns = [8, 40, 50, 24, 12, 8, 8, 60].map((width) => ({ width }));
    // A merge must be made before any of its rows is committed (committing a row commits those above
    // it too): merge when its last row is added, commit only outside an open merge.
    const mergesEndingAt = new Map<number, CellRange[]>();
    for (const m of data.merges) mergesEndingAt.set(m.bottom, [...(mergesEndingAt.get(m.bottom) ?? []), m]);
    const lastRowFrom = new Map<number, number>();
    for (const m of data.merges) lastRowFrom.set(m.top, Math.max(lastRowFrom.get(m.top) ?? -1, m.bottom));
    let openUntil = -1;
    data.rows.forEach((row, i) => {
      const written = sheet.addRow(row.values);
      if (row.hidden) written.hidden = true;
      if (i === 1) {
        written.font = { bold: true };
        written.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      }
      const due = written.getCell(COL.due + 1);
      if (row.values[COL.due] instanceof Date) due.numFmt = 'dd/mm/yyyy';
      if (row.ragFill)
        written.getCell(COL.rag + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(row.ragFill) } };
      openUntil = Math.max(openUntil, lastRowFrom.get(i) ?? -1);
      for (const m of mergesEndingAt.get(i) ?? []) sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
      if (i >= openUntil) written.commit();
    });
    sheet.commit();
  }
  await workbook.commit();
}

const EMPTY: CellValue = Object.freeze({ kind: 'empty' });
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function toCell(value: Value): CellValue {
  if (value === null) return EMPTY;
  if (value instanceof Date) return { kind: 'date', serial: (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000 };
  if (typeof value === 'number') return { kind: 'number', value };
  return { kind: 'text', text: value };
}

/** The same workbook as the engine sees it, built without any .xlsx reader. */
export function benchSnapshot(shape: BenchShape): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  for (let s = 0; s < shape.sheets; s++) {
    const data = benchSheet(shape, s);
    const fills: Record<string, string> = {};
    const hiddenRows: number[] = [];
    data.rows.forEach((row, r) => {
      if (row.hidden) hiddenRows.push(r);
      if (row.ragFill) fills[`${r},${COL.rag}`] = row.ragFill;
    });
    for (let c = 0; c < HEADERS.length; c++) fills[`1,${c}`] = '#D9D9D9';
    sheets.push({
      name: data.name,
      visibility: 'visible',
      cells: data.rows.map((row) => row.values.map(toCell)),
      merges: data.merges.map((m) => ({ ...m })),
      hiddenRows,
      fills,
    });
  }
  return { sheets };
}

export function actionsOf(shape: BenchShape): number {
  return shape.sheets * shape.rows;
}
