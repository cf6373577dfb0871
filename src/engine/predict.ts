// What a workbook will hold once a plan is applied, derived from the snapshot
// the plan was made from (pure): a host needs no second read to show the new
// state. Tests hold both hosts to it: a fresh read after applying a plan equals
// this prediction.
import { OVERVIEW_NAME, quoteSheetName, renameInFormula } from './overview-marker';
import { Plan, SheetContent, plannedValue } from './plan';
import { CellRange, CellValue, EMPTY, SheetSnapshot, WorkbookSnapshot } from './snapshot';

function cellsOf(content: SheetContent): { cells: CellValue[][]; fills: Record<string, string> } {
  const fills: Record<string, string> = {};
  const cells = content.cells.map((line, r) =>
    line.map((planned, c): CellValue => {
      if (planned.style?.fill) fills[`${r},${c}`] = planned.style.fill.toUpperCase();
      if (planned.value === null || planned.value === '') return EMPTY;
      return typeof planned.value === 'number'
        ? { kind: 'number', value: planned.value }
        : { kind: 'text', text: planned.value };
    }),
  );
  return { cells, fills };
}

function sheetFrom(content: SheetContent, base?: SheetSnapshot): SheetSnapshot {
  const { cells, fills } = cellsOf(content);
  const sheet: SheetSnapshot = {
    name: content.name,
    visibility: base?.visibility ?? 'visible',
    cells,
    merges: content.merges.map((m) => ({ ...m })),
    hiddenRows: [],
    fills,
  };
  if (base?.protected) sheet.protected = true;
  return sheet;
}

/** The snapshot after the plan, as a fresh read would give it (values, fills, merges, sheets, names). */
export function predictSnapshot(snapshot: WorkbookSnapshot, plan: Plan): WorkbookSnapshot {
  const sheets = snapshot.sheets.map((s) => ({
    ...s,
    cells: s.cells.map((line) => [...line]),
    fills: { ...s.fills },
  }));
  let names = (snapshot.names ?? []).map((n) => ({ ...n }));
  const find = (name: string): SheetSnapshot => {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`predictSnapshot: no sheet "${name}"`);
    return sheet;
  };
  for (const edit of plan.edits) {
    switch (edit.kind) {
      case 'set-value': {
        const sheet = find(edit.sheet);
        while (sheet.cells.length <= edit.row) sheet.cells.push([]);
        const line = sheet.cells[edit.row];
        while (line.length < edit.col) line.push(EMPTY);
        const value = plannedValue(edit);
        line[edit.col] = value.kind === 'empty' || (value.kind === 'text' && value.text === '') ? EMPTY : value;
        break;
      }
      case 'hide-rows': {
        const sheet = find(edit.sheet);
        sheet.hiddenRows = [...new Set([...sheet.hiddenRows, ...edit.rows])].sort((a, b) => a - b);
        break;
      }
      case 'format': {
        const sheet = find(edit.sheet);
        for (let r = edit.range.top; r <= edit.range.bottom; r++)
          for (let c = edit.range.left; c <= edit.range.right; c++) {
            if (edit.fill === null) delete sheet.fills[`${r},${c}`];
            else sheet.fills[`${r},${c}`] = edit.fill.toUpperCase();
          }
        break;
      }
      case 'live-colours': {
        const sheet = find(edit.sheet);
        const copy = <T extends { ranges: CellRange[] }>(items: T[]): T[] =>
          items.map((item) => ({ ...item, ranges: item.ranges.map((r) => ({ ...r })) }));
        // Hosts report none as absent, as a fresh read does.
        if (edit.rules.length > 0) sheet.statusRules = copy(edit.rules);
        else delete sheet.statusRules;
        if (edit.dropDowns.length > 0) sheet.dropDowns = copy(edit.dropDowns);
        else delete sheet.dropDowns;
        break;
      }
      case 'rename-sheet': {
        find(edit.from).name = edit.to;
        // Excel keeps workbook names pointing at a renamed sheet.
        names = names.map((n) => ({ ...n, formula: renameInFormula(n.formula, edit.from, edit.to) }));
        break;
      }
      case 'add-sheet':
        sheets.unshift(sheetFrom(edit.content));
        break;
      case 'replace-sheet': {
        const index = sheets.findIndex((s) => s.name === edit.content.name);
        if (index < 0) throw new Error(`predictSnapshot: no sheet "${edit.content.name}"`);
        sheets[index] = sheetFrom(edit.content, sheets[index]);
        break;
      }
      case 'record-sheet': {
        const cells = edit.rows.map((row) =>
          row.map((text): CellValue => (text === '' ? EMPTY : { kind: 'text', text })),
        );
        // Sheet names are matched as Excel matches them, without case.
        const existing = sheets.find((s) => s.name.toLowerCase() === edit.name.toLowerCase());
        if (!existing) {
          sheets.push({ name: edit.name, visibility: 'veryHidden', cells, merges: [], hiddenRows: [], fills: {} });
          break;
        }
        // Contents replaced; the sheet's visibility, merges and formats (fills) stay.
        existing.cells = cells;
        delete existing.formulas;
        break;
      }
      case 'mark-overview': {
        const mark = { name: OVERVIEW_NAME, formula: `${quoteSheetName(edit.sheet)}!$A$1` };
        const at = names.findIndex((n) => n.name.toLowerCase() === OVERVIEW_NAME.toLowerCase());
        if (at >= 0) names[at] = mark;
        else names.push(mark);
        break;
      }
    }
  }
  const predicted: WorkbookSnapshot = { sheets, names };
  if (snapshot.structureProtected) predicted.structureProtected = true;
  return predicted;
}
