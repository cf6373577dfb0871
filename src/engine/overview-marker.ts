// How Proforma knows a sheet is the overview it built: a hidden workbook-level
// defined name, ProformaOverview, that refers to the sheet's A1. No text typed
// into a cell can imitate it, Excel keeps it pointing at the sheet when the
// sheet is renamed or moved, and both hosts read and write it (Office.js:
// workbook.names, ExcelApi 1.4/1.7). The footer line "Built by Proforma" is
// only there to tell a reader where the sheet came from.
import { WorkbookSnapshot } from './snapshot';

export const OVERVIEW_MARKER = 'Built by Proforma';
export const OVERVIEW_NAME = 'ProformaOverview';

/** A sheet name as a formula writes it: always quoted, apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The sheet a reference like "='My ''sheet'''!$A$1" or "Overview!$A$1" points at, or null (e.g. #REF!). */
export function sheetOfReference(formula: string): string | null {
  const text = formula.trim().replace(/^=/, '');
  const quoted = /^'((?:[^']|'')+)'!/.exec(text);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^'!#"]+)!/.exec(text);
  return plain ? plain[1] : null;
}

/** The name of the sheet the workbook's mark says is Proforma's overview, if any. */
export function markedOverviewSheet(snapshot: WorkbookSnapshot): string | null {
  const mark = (snapshot.names ?? []).find((n) => n.name.toLowerCase() === OVERVIEW_NAME.toLowerCase());
  if (!mark) return null;
  const name = sheetOfReference(mark.formula);
  if (name === null) return null;
  const sheet = snapshot.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  return sheet ? sheet.name : null;
}

/** "'Old'!" and "Old!" references in a formula, renamed; text in quotes is left alone. */
export function renameInFormula(formula: string, from: string, to: string): string {
  const quoted = quoteSheetName(to);
  const escaped = from.replace(/'/g, "''").replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const plain = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return formula
    .split(/("[^"]*")/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece
            .replace(new RegExp(`'${escaped}'!`, 'gi'), `${quoted}!`)
            .replace(new RegExp(`(^|[^A-Za-z0-9_.'\\]])${plain}!`, 'gi'), `$1${quoted}!`),
    )
    .join('');
}
