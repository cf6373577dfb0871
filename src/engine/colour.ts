// "Colour rows" (SPEC §4.1): live colours. Each theme sheet gets conditional
// formats, two per status of the scale (the status cell's strong colour ahead of
// the row's pale tint), over the table's rows and the empty rows below it, so a
// row recolours itself as soon as anyone types a status, a row added at the
// bottom too; and drop-down lists of the scale on the status and term columns.
// Static fills earlier versions painted are cleared; nothing else.
import type { ThemeSheet, WorkbookModel } from './model';
import { LAST_ROW, inRanges, rectangles, statusFormula, subtractRanges } from './live-colours';
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
 * The rows below the table a partner may fill in (SPEC §4.1): from the row after the last
 * action to the end of the sheet, or to the row before the next row holding anything below
 * (another table, a title, a note). Null when that next row is the one after the last action.
 */
export function rowsBelow(theme: ThemeSheet): { top: number; bottom: number } | null {
  const { sheet, actions } = theme.layout;
  if (actions.length === 0) return null;
  const top = actions[actions.length - 1].row + 1;
  let next = top;
  while (next < sheet.cells.length && (sheet.cells[next] ?? []).every(isEmpty)) next++;
  const bottom = next < sheet.cells.length ? next - 1 : LAST_ROW;
  return bottom >= top ? { top, bottom } : null;
}

/**
 * The table's ranges over columns left..right with the rows below it added (but the cells of
 * `holes`), joined to the range above them where it spans the same columns: so a list or a
 * rule over one column stays one range, from the first action to the end of the sheet.
 */
function withRowsBelow(
  ranges: CellRange[],
  below: { top: number; bottom: number } | null,
  left: number,
  right: number,
  holes: readonly CellRange[] = [],
): CellRange[] {
  if (!below || ranges.length === 0) return ranges;
  const out = ranges.map((r) => ({ ...r }));
  for (const piece of subtractRanges({ top: below.top, bottom: below.bottom, left, right }, holes)) {
    const above = out.find((r) => r.bottom === piece.top - 1 && r.left === piece.left && r.right === piece.right);
    if (above) above.bottom = piece.bottom;
    else out.push(piece);
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

function rulesFor(theme: ThemeSheet, analysis: WorkbookModel, rows: number[]): StatusRule[] {
  const { sheet, firstCol, lastCol, columns } = theme.layout;
  const statusCol = columns.rag;
  // A cell merged across rows belongs to several actions: no one row's tint is right for it.
  const tall = sheet.merges.filter((m) => m.bottom > m.top);
  const below = rowsBelow(theme);
  const rowRanges = withRowsBelow(
    rectangles(rows, firstCol, lastCol, (r, c) => !inRanges(tall, r, c)),
    below,
    firstCol,
    lastCol,
    tall,
  );
  const statusRanges = withRowsBelow(
    rectangles(rows, statusCol, statusCol, () => true),
    below,
    statusCol,
    statusCol,
  );
  if (rowRanges.length === 0 || statusRanges.length === 0) return [];
  const letter = columnLetters(statusCol);
  const rules: StatusRule[] = [];
  const { scale } = analysis;
  for (const status of scale.statuses) {
    const { code } = status;
    const spellings = spellingsOf(status, scale);
    rules.push({
      ranges: statusRanges,
      formula: statusFormula(code, spellings, letter, statusRanges[0].top, scale.compact),
      fill: status.colour,
      fontColour: status.textColour,
    });
    rules.push({
      ranges: rowRanges,
      formula: statusFormula(code, spellings, letter, rowRanges[0].top, scale.compact),
      fill: status.tint,
    });
  }
  return rules;
}

function dropDownsFor(theme: ThemeSheet, analysis: WorkbookModel, rows: number[]): DropDown[] {
  if (!analysis.settings.dropdowns) return [];
  const { sheet, columns } = theme.layout;
  const board = sheet.boardValidation ?? [];
  const below = rowsBelow(theme);
  const list = (col: number, values: readonly string[], message: string): DropDown[] => {
    const ranges = withRowsBelow(
      rectangles(rows, col, col, (r, c) => !inRanges(board, r, c)),
      below,
      col,
      col,
      board,
    );
    return ranges.length === 0 ? [] : [{ ranges, values: [...values], message }];
  };
  const codes = analysis.scale.statuses.map((s) => s.code);
  // A list of the scale over a column that mostly holds other words helps no one (SPEC §4.1).
  const out = mostlyOffScale(theme)
    ? []
    : list(
        columns.rag,
        codes,
        `Choose a status from the list: ${codes.join(', ')}. Proforma counts any other value as not on the scale.`,
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

/** Whether most of a sheet's filled status cells are not on the scale: its status column gets no drop-down. */
function mostlyOffScale(theme: ThemeSheet): boolean {
  const filled = theme.actions.filter((a) => a.rag.state !== 'missing');
  return filled.filter((a) => a.rag.state === 'invalid').length * 2 > filled.length;
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
  const offScale = analysis.settings.dropdowns ? analysis.themes.filter(mostlyOffScale) : [];
  const codes = analysis.scale.statuses.map((s) => s.code).join(', ');
  const noList =
    offScale.length === 0
      ? ''
      : ` No status drop-down on ${offScale.map((t) => `"${t.name}"`).join(', ')}: most of ${offScale.length === 1 ? 'its' : 'their'} status values are not on the scale (${codes}), so a list of it would help no one; choose the board's scale in the settings, then colour again.`;
  const left =
    uncoloured > 0
      ? ` ${uncoloured} action row${uncoloured === 1 ? ' has' : 's have'} no valid status and stay${uncoloured === 1 ? 's' : ''} uncoloured until one is chosen.`
      : '';
  const description =
    analysis.themes.length === 0
      ? 'No action plan was read, so there are no rows to colour; nothing was changed.'
      : edits.length === 0
        ? `Colours are already live on ${sheets}; nothing to change.${left}${noList}`
        : `Colours are live on ${sheets}: each row, and any row added below the table, takes its status colour as soon as a status is typed.${left}${noList}`;
  return { description, edits };
}
