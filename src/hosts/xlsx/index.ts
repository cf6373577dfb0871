// The .xlsx host: ExcelJS reads a file into the engine's snapshot and applies
// the engine's plans. It decides nothing about action plans.
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  CellRange,
  CellStyle,
  CellValue,
  Edit,
  Plan,
  SheetContent,
  SheetSnapshot,
  WorkbookSnapshot,
  address,
  dateToSerial,
  displayText,
  parseRangeAddress,
  sameCellValue,
} from '../../engine';

/** A problem the user can act on; its message is one plain sentence. */
export class HostError extends Error {
  override name = 'HostError';
}

function describeNonXlsx(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.subarray(0, 4).toString('binary') !== 'PK\x03\x04') {
    if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
      return 'it is an old-style .xls (or other Office 97-2003) file; open it in Excel and save it as .xlsx';
    return 'it is not an .xlsx file (not a zip package)';
  }
  // Every zip ends with an end-of-central-directory record; a file cut short has none.
  const tail = bytes.subarray(Math.max(0, bytes.length - 65_557));
  if (tail.lastIndexOf(Buffer.from('PK\x05\x06', 'binary')) < 0)
    return 'the file is damaged or cut short (its zip package is incomplete)';
  // Zip entry names are stored as plain text, so the package type shows without unzipping.
  const text = bytes.toString('latin1');
  if (text.includes('word/document.xml')) return 'it is a Word document, not an Excel workbook';
  if (text.includes('ppt/presentation.xml')) return 'it is a PowerPoint file, not an Excel workbook';
  if (!text.includes('xl/workbook.xml')) return 'it is a zip file but not an Excel workbook';
  return undefined;
}

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new HostError(`cannot read ${file}: ${why}`);
  }
  const notXlsx = describeNonXlsx(bytes);
  if (notXlsx) throw new HostError(`cannot read ${file}: ${notXlsx}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new HostError(
      `cannot read ${file}: the file is damaged or cut short (${(error as Error).message.split('\n')[0]})`,
    );
  }
  return workbook;
}

export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  // Write next to the target, then rename: an interrupted save never leaves half a file.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new HostError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

type ExcelValue = ExcelJS.CellValue | undefined;

function textOfRich(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}

/** ExcelJS's many value shapes → the engine's cell value (formulas give their cached result). */
export function toCellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', serial: dateToSerial(value) };
  if (typeof value === 'object') {
    if ('error' in value) return { kind: 'error', error: String(value.error) };
    if ('richText' in value) return { kind: 'text', text: textOfRich(value) };
    if ('formula' in value || 'sharedFormula' in value)
      return toCellValue((value as ExcelJS.CellFormulaValue).result as ExcelValue);
    if ('hyperlink' in value) {
      const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
      if (typeof text === 'string') return { kind: 'text', text };
      if (text && typeof text === 'object' && 'richText' in text)
        return { kind: 'text', text: textOfRich(text as ExcelJS.CellRichTextValue) };
      return { kind: 'empty' };
    }
  }
  return { kind: 'text', text: String(value) };
}

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return undefined;
  return `#${argb.slice(2).toUpperCase()}`;
}

function hexToArgb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function readMerge(ref: string): CellRange {
  try {
    return parseRangeAddress(ref);
  } catch {
    throw new HostError(`the workbook has an unreadable merged range "${ref}"`);
  }
}

export function snapshotSheet(worksheet: ExcelJS.Worksheet): SheetSnapshot {
  const cells: CellValue[][] = [];
  const hiddenRows: number[] = [];
  const fills: Record<string, string> = {};
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    if (row.hidden) hiddenRows.push(r);
    const line: CellValue[] = [];
    // includeEmpty: a styled empty cell still carries a fill (e.g. a tinted continuation row).
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const c = colNumber - 1;
      // A merge's lower cells echo the master's value in ExcelJS: they are continuation cells.
      const continuation = cell.isMerged && cell.master.address !== cell.address;
      const value: CellValue = continuation ? { kind: 'empty' } : toCellValue(cell.value);
      if (value.kind !== 'empty') {
        while (line.length < c) line.push({ kind: 'empty' });
        line[c] = value;
      }
      const fill = cell.fill;
      if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
        const hex = argbToHex(fill.fgColor?.argb);
        if (hex) fills[`${r},${c}`] = hex;
      }
    });
    while (cells.length < r) cells.push([]);
    cells[r] = line;
  });
  const merges = (worksheet.model.merges ?? []).map(readMerge);
  return { name: worksheet.name, visibility: worksheet.state ?? 'visible', cells, merges, hiddenRows, fills };
}

export function snapshotWorkbook(workbook: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: workbook.worksheets.map(snapshotSheet) };
}

function requireSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new HostError(`sheet "${name}" is no longer in the workbook`);
  return sheet;
}

function setStyle(cell: ExcelJS.Cell, fill: string | null | undefined, fontColour: string | null | undefined): void {
  // ExcelJS may share one style object between cells: always give the cell its own copy.
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (fill !== undefined) {
    if (fill === null) delete style.fill;
    else style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: hexToArgb(fill) } };
  }
  if (fontColour !== undefined) {
    const font: Partial<ExcelJS.Font> = { ...(style.font ?? {}) };
    if (fontColour === null) delete font.color;
    else font.color = { argb: hexToArgb(fontColour) };
    style.font = font;
  }
  cell.style = style;
}

function plannedStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  const font: Partial<ExcelJS.Font> = {};
  if (style.bold) font.bold = true;
  if (style.size) font.size = style.size;
  if (style.fontColour) font.color = { argb: hexToArgb(style.fontColour) };
  const next: Partial<ExcelJS.Style> = {};
  if (Object.keys(font).length > 0) next.font = font;
  if (style.fill) next.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: hexToArgb(style.fill) } };
  if (style.align || style.wrap)
    next.alignment = { horizontal: style.align, wrapText: style.wrap ?? false, vertical: 'middle' };
  cell.style = next;
}

function addSheet(workbook: ExcelJS.Workbook, content: SheetContent): void {
  // ExcelJS orders sheets by an untyped orderNo: one below the lowest puts the sheet first.
  type Ordered = ExcelJS.Worksheet & { orderNo: number };
  const first = Math.min(0, ...workbook.worksheets.map((ws) => (ws as Ordered).orderNo));
  const sheet = workbook.addWorksheet(content.name) as Ordered;
  sheet.orderNo = first - 1;
  content.cells.forEach((line, r) =>
    line.forEach((planned, c) => {
      if (planned.value === null && !planned.style) return;
      const cell = sheet.getCell(r + 1, c + 1);
      // Plain strings are stored as text by ExcelJS: "=HYPERLINK(..)" never becomes a formula.
      if (planned.value !== null) cell.value = planned.value;
      if (planned.style) plannedStyle(cell, planned.style);
    }),
  );
  for (const m of content.merges) sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  content.columnWidths.forEach((width, c) => (sheet.getColumn(c + 1).width = width));
  // Make the new overview the sheet Excel opens on.
  const views = workbook.views?.[0];
  if (views) views.activeTab = 0;
}

function applyEdit(workbook: ExcelJS.Workbook, edit: Edit): void {
  switch (edit.kind) {
    case 'set-value': {
      requireSheet(workbook, edit.sheet).getCell(edit.row + 1, edit.col + 1).value = edit.value;
      return;
    }
    case 'format': {
      const sheet = requireSheet(workbook, edit.sheet);
      for (let r = edit.range.top; r <= edit.range.bottom; r++)
        for (let c = edit.range.left; c <= edit.range.right; c++)
          setStyle(sheet.getCell(r + 1, c + 1), edit.fill, edit.fontColour);
      return;
    }
    case 'rename-sheet':
      requireSheet(workbook, edit.from).name = edit.to;
      return;
    case 'delete-sheet':
      workbook.removeWorksheet(requireSheet(workbook, edit.sheet).id);
      return;
    case 'add-sheet':
      addSheet(workbook, edit.content);
      return;
  }
}

/** Throws if an edit cannot be made as planned: its sheet is gone, or its cell changed since the check. */
function checkEdit(workbook: ExcelJS.Workbook, edit: Edit): void {
  if (edit.kind === 'set-value') {
    const now = toCellValue(requireSheet(workbook, edit.sheet).getCell(edit.row + 1, edit.col + 1).value);
    if (!sameCellValue(now, edit.expect))
      throw new HostError(
        `'${edit.sheet}'!${address(edit.row, edit.col)} changed since it was checked (now "${displayText(now)}"); check again before fixing`,
      );
  } else if (edit.kind === 'format') requireSheet(workbook, edit.sheet);
  else if (edit.kind === 'rename-sheet') requireSheet(workbook, edit.from);
  else if (edit.kind === 'delete-sheet') requireSheet(workbook, edit.sheet);
}

/** Applies a plan; every edit is checked before any is made, so a conflict changes nothing. */
export function applyPlan(workbook: ExcelJS.Workbook, plan: Plan): void {
  for (const edit of plan.edits) checkEdit(workbook, edit);
  for (const edit of plan.edits) applyEdit(workbook, edit);
}
