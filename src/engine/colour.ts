// "Colour rows" (SPEC §4.1): live colours. Each theme sheet gets conditional
// formats per status of the scale (the status cell's strong colour, one rule per
// status column where the plan keeps a status per period, ahead of the row's pale
// tint), over the table's rows, so a row recolours itself as soon as anyone types
// a status; and drop-down lists of the scale on every status column and the term
// column. Static fills earlier versions painted are cleared; nothing else.
import type { ThemeSheet, WorkbookModel } from './model';
import { currentStatusFormula, inRanges, rectangles, statusFormula } from './live-colours';
import { Edit, Plan } from './plan';
import { PROFORMA_FILLS, STATUSES, TERM_CHOICES, spellingsOf } from './scales';
import { CellRange, DropDown, SheetSnapshot, StatusRule, columnLetters, isEmpty } from './snapshot';

const STRONG_FILLS = new Set(Object.values(STATUSES).map((s) => s.colour.toUpperCase()));

/**
 * The table's rows: from the first action row to the last, with the empty rows between
 * (a status typed there later colours too), without repeated headers or title rows.
 */
function tableRows(theme: ThemeSheet): number[] {
  const { sheet, actions } = theme.layout;
  if (actions.length === 0) return [];
  const isAction = new Set(actions.map((a) => a.row));
  const rows: number[] = [];
  for (let row = actions[0].row; row <= actions[actions.length - 1].row; row++)
    if (isAction.has(row) || (sheet.cells[row] ?? []).every(isEmpty)) rows.push(row);
  return rows;
}

/**
 * Per status of the scale: the strong colour on each status cell that holds it (on a sheet
 * with a status per period, every period's cell by its own value), then the pale tint on
 * the row, which follows the row's current status (its rightmost filled status cell).
 */
function rulesFor(theme: ThemeSheet, analysis: WorkbookModel, rows: number[]): StatusRule[] {
  const { sheet, firstCol, lastCol, status: statusColumns } = theme.layout;
  // A cell merged across rows belongs to several actions: no one row's tint is right for it.
  const tall = sheet.merges.filter((m) => m.bottom > m.top);
  const rowRanges = rectangles(rows, firstCol, lastCol, (r, c) => !inRanges(tall, r, c));
  const cellRanges = statusColumns.map(({ col }) => ({
    letter: columnLetters(col),
    ranges: rectangles(rows, col, col, () => true),
  }));
  if (rowRanges.length === 0 || cellRanges.some((c) => c.ranges.length === 0)) return [];
  const letters = cellRanges.map((c) => c.letter);
  const rules: StatusRule[] = [];
  const { scale } = analysis;
  for (const status of scale.statuses) {
    const { code } = status;
    const spellings = spellingsOf(status, scale);
    for (const { letter, ranges } of cellRanges)
      rules.push({
        ranges,
        formula: statusFormula(code, spellings, letter, ranges[0].top, scale.compact),
        fill: status.colour,
        fontColour: status.textColour,
      });
    rules.push({
      ranges: rowRanges,
      formula: currentStatusFormula(code, spellings, letters, rowRanges[0].top, scale.compact),
      fill: status.tint,
    });
  }
  return rules;
}

function dropDownsFor(theme: ThemeSheet, analysis: WorkbookModel, rows: number[]): DropDown[] {
  if (!analysis.settings.dropdowns) return [];
  const { sheet, columns } = theme.layout;
  const board = sheet.boardValidation ?? [];
  const list = (col: number, values: readonly string[], message: string): DropDown[] => {
    const ranges = rectangles(rows, col, col, (r, c) => !inRanges(board, r, c));
    return ranges.length === 0 ? [] : [{ ranges, values: [...values], message }];
  };
  const codes = analysis.scale.statuses.map((s) => s.code);
  // Every status column: each period of a status history takes its own list.
  const out = theme.layout.status.flatMap(({ col }) =>
    list(
      col,
      codes,
      `Choose a status from the list: ${codes.join(', ')}. Proforma counts any other value as not on the scale.`,
    ),
  );
  if (columns.term !== undefined)
    out.push(
      ...list(
        columns.term,
        TERM_CHOICES,
        'Choose a term from the list: S (short), M (medium) or L (long), with "c/f" if carried forward.',
      ),
    );
  // In sheet order, as hosts read them back.
  return out.sort((a, b) => a.ranges[0].top - b.ranges[0].top || a.ranges[0].left - b.ranges[0].left);
}

function sameRanges(a: readonly CellRange[], b: readonly CellRange[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.top === b[i].top && r.left === b[i].left && r.bottom === b[i].bottom && r.right === b[i].right)
  );
}

function sameRules(a: readonly StatusRule[], b: readonly StatusRule[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (r, i) =>
        r.formula === b[i].formula &&
        r.fill.toUpperCase() === b[i].fill.toUpperCase() &&
        (r.fontColour ?? '').toUpperCase() === (b[i].fontColour ?? '').toUpperCase() &&
        sameRanges(r.ranges, b[i].ranges),
    )
  );
}

function sameDropDowns(a: readonly DropDown[], b: readonly DropDown[]): boolean {
  return (
    a.length === b.length &&
    a.every((d, i) => d.values.join('\u0000') === b[i].values.join('\u0000') && sameRanges(d.ranges, b[i].ranges))
  );
}

/** Static fills earlier versions of Proforma painted on the table: cleared, with their text colour. */
function staticFillClears(theme: ThemeSheet, sheet: SheetSnapshot): Edit[] {
  const { headerRow, firstCol, lastCol } = theme.layout;
  const edits: Edit[] = [];
  for (const [key, fill] of Object.entries(sheet.fills)) {
    const [row, col] = key.split(',').map(Number);
    if (row <= headerRow || col < firstCol || col > lastCol || !PROFORMA_FILLS.has(fill.toUpperCase())) continue;
    const cell = { top: row, bottom: row, left: col, right: col };
    // The strong status colour came with Proforma's text colour: set it back to automatic too.
    edits.push(
      STRONG_FILLS.has(fill.toUpperCase())
        ? { kind: 'format', sheet: sheet.name, range: cell, fill: null, fontColour: null }
        : { kind: 'format', sheet: sheet.name, range: cell, fill: null },
    );
  }
  return edits;
}

export function colourPlan(analysis: WorkbookModel): Plan {
  const edits: Edit[] = [];
  let live = 0;
  let uncoloured = 0;
  for (const theme of analysis.themes) {
    const sheet = theme.layout.sheet;
    const rows = tableRows(theme);
    const rules = rulesFor(theme, analysis, rows);
    const dropDowns = dropDownsFor(theme, analysis, rows);
    uncoloured += theme.actions.filter((a) => a.rag.state !== 'valid').length;
    if (rules.length > 0) live++;
    // Colouring twice is colouring once: a sheet whose rules and lists are as planned is not written.
    if (!sameRules(sheet.statusRules ?? [], rules) || !sameDropDowns(sheet.dropDowns ?? [], dropDowns))
      edits.push({ kind: 'live-colours', sheet: sheet.name, rules, dropDowns });
    edits.push(...staticFillClears(theme, sheet));
  }
  const sheets = `${live} sheet${live === 1 ? '' : 's'}`;
  const left =
    uncoloured > 0
      ? ` ${uncoloured} action row${uncoloured === 1 ? ' has' : 's have'} no valid status and stay${uncoloured === 1 ? 's' : ''} uncoloured until one is chosen.`
      : '';
  const description =
    edits.length === 0
      ? `Colours are already live on ${sheets}; nothing to change.${left}`
      : `Colours are live on ${sheets}: each row takes its status colour as soon as a status is typed.${left}`;
  return { description, edits };
}
