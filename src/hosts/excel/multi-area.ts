// Addresses of several areas, in every locale. Worksheet.getRanges takes areas
// separated by the regional list separator, not always ",": German and Czech
// desktop Excel refuse "B7:C7,G10" with InvalidArgument and take "B7:C7;G10"
// (office-js#1167, reproduced by Microsoft, bug 4160381; office-js#1985: the same
// "," from Excel's own event args fails there). No API reports the separator
// (office-js#2891 asks for one). So lists and clears are written area by area, and
// the one thing that needs several areas in one object — a conditional format over
// a table's rows around merged cells — uses the separator found once per session by
// a read-only probe: getRanges of two cells with "," and, if Excel refuses it, with
// ";". Where neither works, each area gets its own rule (the colours are the same;
// Proforma then finds more rules of its own to replace next time).
import { CellRange, rangeAddress } from '../../engine';
import { codeOf } from './errors';
import { OfficeApi, runInExcel } from './run';
import { ExcelSession } from './session';

/** Finds this Excel's separator for getRanges, once per session, in a run that changes nothing. */
export async function knownListSeparator(api: OfficeApi, session: ExcelSession): Promise<',' | ';' | null> {
  if (session.listSeparator !== undefined) return session.listSeparator;
  session.listSeparator = await runInExcel(api, probeListSeparator);
  return session.listSeparator;
}

/** Asks Excel for two one-cell areas with each separator; the first it reads as two areas is the one. */
export async function probeListSeparator(context: Excel.RequestContext): Promise<',' | ';' | null> {
  const sheet = context.workbook.worksheets.getFirst();
  for (const separator of [',', ';'] as const) {
    const areas = sheet.getRanges(`A1${separator}C3`);
    areas.load('areaCount');
    try {
      await context.sync();
      if (areas.areaCount === 2) return separator;
    } catch (error) {
      // InvalidArgument is this locale refusing the separator; anything else is a real problem.
      if (codeOf(error) !== 'InvalidArgument') throw error;
    }
  }
  return null;
}

/** The ranges as addresses getRanges takes: all in one where the separator is known, else one each. */
export function areaAddresses(ranges: readonly CellRange[], separator: ',' | ';' | null): string[] {
  if (ranges.length <= 1 || separator === null) return ranges.map(rangeAddress);
  return [ranges.map(rangeAddress).join(separator)];
}
