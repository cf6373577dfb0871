// How Proforma knows a sheet is the overview it built: a visible footer line
// that starts with this text. It survives any host, save and reload, and tells
// a reader where the sheet came from.
import { SheetSnapshot } from './snapshot';

export const OVERVIEW_MARKER = 'Built by Proforma';

export function isOverviewSheet(sheet: SheetSnapshot): boolean {
  return sheet.cells.some((row) => {
    const first = row[0];
    return first !== undefined && first.kind === 'text' && first.text.startsWith(OVERVIEW_MARKER);
  });
}
