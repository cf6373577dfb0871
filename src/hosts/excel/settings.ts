// The board's settings, kept in a very hidden sheet so every partner shares them:
// read alone when the whole workbook cannot be read, and saved — the sheet added
// (if new) outside any undo group, as Excel cannot undo adding a sheet or setting
// its visibility inside one, then its values as one change.
import { CellValue, SETTINGS_SHEET, Settings, WorkbookSnapshot, settingsToPairs } from '../../engine';
import { toCellValue } from './read';
import { OfficeApi, runInExcel } from './run';
import { ExcelSession, UndoStep, runChange } from './session';
import { literal } from './text';

/** Saves settings: the sheet (if new) outside any undo group, its values as one change. */
export async function writeSettings(
  api: OfficeApi,
  settings: Settings,
  session: ExcelSession = new ExcelSession(),
): Promise<UndoStep> {
  await runInExcel(api, (context) => ensureSettingsSheet(context));
  // Saving is the same whether or not an earlier attempt got through (the sheet is cleared, then
  // written), so a run refused for its options is tried again with the next (session.ts).
  const { undo } = await runChange(api, session, (context) => saveSettings(context, settings));
  return undo;
}

/**
 * Reads the settings sheet alone, as a workbook of that one sheet: when the
 * whole workbook cannot be read (too large, a sheet that will not load), the
 * settings view still shows, and saves over, the board's own settings rather
 * than defaults. The sheet is a few dozen key/value rows, far inside any limit.
 */
export async function readSettingsSheet(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  sheet.load('isNullObject');
  await context.sync();
  if (sheet.isNullObject) return { sheets: [] };
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('isNullObject,values,valueTypes,numberFormat,rowIndex,columnIndex');
  await context.sync();
  if (used.isNullObject) return { sheets: [] };
  const cells: CellValue[][] = [];
  used.values.forEach((line, r) => {
    const row: CellValue[] = Array.from({ length: used.columnIndex }, () => ({ kind: 'empty' }));
    line.forEach((value, c) => row.push(toCellValue(value, used.valueTypes[r][c], String(used.numberFormat[r][c]))));
    cells[used.rowIndex + r] = row;
  });
  for (let r = 0; r < cells.length; r++) cells[r] ??= [];
  return {
    sheets: [{ name: SETTINGS_SHEET, visibility: 'veryHidden', cells, merges: [], hiddenRows: [], fills: {} }],
  };
}

/**
 * Makes sure the settings sheet exists (very hidden when it is added). Adding a sheet and setting
 * its visibility cannot be undone, so this runs outside any undo group.
 */
export async function ensureSettingsSheet(context: Excel.RequestContext): Promise<void> {
  const worksheets = context.workbook.worksheets;
  const existing = worksheets.getItemOrNullObject(SETTINGS_SHEET);
  existing.load('isNullObject');
  await context.sync();
  // A settings sheet the board typed keeps its visibility: it is written into, as the .xlsx host does.
  if (!existing.isNullObject) return;
  // Through the context again after the sync: after a time-out it refuses to queue more.
  context.workbook.worksheets.add(SETTINGS_SHEET).visibility = 'VeryHidden';
  await context.sync();
}

/** Writes settings into the settings sheet (which must exist), so every partner shares them. */
export async function saveSettings(context: Excel.RequestContext, settings: Settings): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(SETTINGS_SHEET);
  sheet.getRange().clear('Contents');
  const pairs = settingsToPairs(settings).map(([key, value]) => [literal(key), literal(value)]);
  sheet.getRangeByIndexes(0, 0, pairs.length, 2).values = pairs;
  await context.sync();
}
