// "Click an issue to go to it": the cell selected on its sheet.
import { ExcelHostError } from './errors';

/** Selects a cell, for "click an issue to go to it". */
export async function selectCell(context: Excel.RequestContext, sheetName: string, cell: string): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load('isNullObject');
  await context.sync();
  if (sheet.isNullObject)
    throw new ExcelHostError(`The sheet "${sheetName}" is no longer in the workbook; run Check again.`, 'ItemNotFound');
  sheet.activate();
  sheet.getRange(cell).select();
  await context.sync();
}
