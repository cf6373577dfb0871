// Fills a fake Excel workbook from an engine snapshot (as the xlsx host read it),
// so both hosts start from the same workbook.
import { CellRange, DROP_DOWN_TITLE, WorkbookSnapshot } from '../../src/engine';
import { FakeCell, FakeValidation, FakeWorkbookState, newSheet } from './index';

export function loadSnapshot(state: FakeWorkbookState, snapshot: WorkbookSnapshot): void {
  state.sheets = snapshot.sheets.map((source) => {
    const sheet = newSheet(source.name);
    sheet.visibility =
      source.visibility === 'veryHidden' ? 'VeryHidden' : source.visibility === 'hidden' ? 'Hidden' : 'Visible';
    source.cells.forEach((row, r) =>
      row.forEach((value, c) => {
        let cell: FakeCell | null = null;
        if (value.kind === 'text') cell = { value: value.text, type: 'String', numberFormat: 'General' };
        else if (value.kind === 'number') cell = { value: value.value, type: 'Double', numberFormat: 'General' };
        else if (value.kind === 'date') cell = { value: value.serial, type: 'Double', numberFormat: 'dd/mm/yyyy' };
        else if (value.kind === 'boolean') cell = { value: value.value, type: 'Boolean', numberFormat: 'General' };
        else if (value.kind === 'error') cell = { value: value.error, type: 'Error', numberFormat: 'General' };
        if (cell) sheet.cells.set(`${r},${c}`, cell);
      }),
    );
    // The fake cannot evaluate formulas: a formula cell holds its cached value and the formula's text.
    for (const k of Object.keys(source.formulas ?? {})) {
      const cell = sheet.cells.get(k) ?? { value: '', type: 'Empty' as const, numberFormat: 'General' };
      sheet.cells.set(k, { ...cell, formula: '=FORMULA()' });
    }
    for (const [k, fill] of Object.entries(source.fills)) {
      const cell = sheet.cells.get(k) ?? { value: '', type: 'Empty' as const, numberFormat: 'General' };
      sheet.cells.set(k, { ...cell, fill });
    }
    sheet.merges = source.merges.map((m) => ({ ...m }));
    sheet.rules = (source.statusRules ?? []).map((rule) => ({
      type: 'Custom' as const,
      ranges: rule.ranges.map((r) => ({ ...r })),
      formula: `=${rule.formula}`,
      anchor: { row: rule.ranges[0].top, col: rule.ranges[0].left },
      fill: rule.fill,
      fontColor: rule.fontColour,
    }));
    const validate = (ranges: CellRange[], validation: () => FakeValidation): void => {
      for (const r of ranges) sheet.validation.setRange(r, validation);
    };
    for (const list of source.dropDowns ?? [])
      validate(list.ranges, () => ({
        type: 'List',
        source: list.values.join(','),
        inCellDropDown: true,
        alert: { title: DROP_DOWN_TITLE, message: list.message, style: 'Warning', showAlert: true },
      }));
    // The board's own validation: a whole-number rule stands for any of theirs.
    validate(source.boardValidation ?? [], () => ({
      type: 'WholeNumber',
      source: '',
      inCellDropDown: false,
      alert: { title: '', message: '', style: 'Stop', showAlert: true },
    }));
    source.hiddenRows.forEach((r) => sheet.hiddenRows.add(r));
    return sheet;
  });
  state.names = (snapshot.names ?? []).map((n) => ({ name: n.name, formula: `=${n.formula}`, visible: false }));
  state.structureProtected = snapshot.structureProtected ?? false;
  for (const source of snapshot.sheets)
    if (source.protected) (state.sheet(source.name) as NonNullable<ReturnType<typeof state.sheet>>).protected = true;
  state.activeSheet = state.sheets[0]?.name ?? '';
}
