// "Colour rows" (SPEC §4.1): live colours. Each theme sheet gets conditional
// formats per status of the scale (the status cell's strong colour, one rule per
// status column where the plan keeps a status per period; every one of them ahead
// of the rows' pale tints), over the table's rows and the empty rows below it, so a row recolours
// itself as soon as anyone types a status, a row added at the bottom too; and
// drop-down lists of the scale on every status column and the term column. Static
// fills earlier versions painted are cleared; nothing else.
import type { ThemeSheet, WorkbookModel } from './model';
import {
  LAST_ROW,
  MAX_FORMULA_CHARS,
  MAX_LIST_CHARS,
  byRow,
  currentStatusFormula,
  rectangles,
  statusFormula,
  subtractRanges,
} from './live-colours';
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

/**
 * Per status of the scale: the strong colour on each status cell that holds it (on a sheet
 * with a status per period, every period's cell by its own value), then the pale tint on
 * the row, which follows the row's current status (its rightmost filled status cell).
 */
function rulesFor(
  theme: ThemeSheet,
  analysis: WorkbookModel,
  rows: number[],
): { rules: StatusRule[]; untinted: boolean } {
  const { sheet, firstCol, lastCol, status: statusColumns } = theme.layout;
  // A cell merged across rows belongs to several actions: no one row's tint is right for it.
  const tallMerges = sheet.merges.filter((m) => m.bottom > m.top);
  const tall = byRow(tallMerges, rows[0] ?? 0, rows[rows.length - 1] ?? -1);
  const below = rowsBelow(theme);
  const rowRanges = withRowsBelow(
    rectangles(rows, firstCol, lastCol, (r) => tall.get(r)),
    below,
    firstCol,
    lastCol,
    tallMerges,
  );
  const cellRanges = statusColumns.map(({ col }) => ({
    letter: columnLetters(col),
    ranges: withRowsBelow(rectangles(rows, col, col), below, col, col),
  }));
  if (rowRanges.length === 0 || cellRanges.some((c) => c.ranges.length === 0)) return { rules: [], untinted: false };
  const letters = cellRanges.map((c) => c.letter);
  const rules: StatusRule[] = [];
  const { scale } = analysis;
  // A status history too long for one formula (many periods of a scale with many spellings): no row tints, cells still coloured.
  const tints = scale.statuses.map((status) =>
    currentStatusFormula(status.code, spellingsOf(status, scale), letters, rowRanges[0].top, scale.compact),
  );
  const untinted = tints.some((formula) => formula.length > MAX_FORMULA_CHARS);
  // Every status cell's strong colour ahead of every row tint: on a sheet with a status per
  // period, a Green Q1 cell in a row now Amber must show green (with its readable text colour),
  // not the row's pale amber. Excel applies the first rule that sets a cell's fill and, from
  // rules below it, only what does not conflict: a tint above a cell rule would leave the cell
  // rule's white text on a pale fill.
  for (const status of scale.statuses) {
    const spellings = spellingsOf(status, scale);
    for (const { letter, ranges } of cellRanges)
      rules.push({
        ranges,
        formula: statusFormula(status.code, spellings, letter, ranges[0].top, scale.compact),
        fill: status.colour,
        fontColour: status.textColour,
      });
  }
  if (!untinted)
    scale.statuses.forEach((status, index) =>
      rules.push({ ranges: rowRanges, formula: tints[index], fill: status.tint }),
    );
  return { rules, untinted };
}

function dropDownsFor(theme: ThemeSheet, analysis: WorkbookModel, rows: number[]): DropDown[] {
  if (!analysis.settings.dropdowns) return [];
  const { sheet, columns } = theme.layout;
  const board = byRow(sheet.boardValidation ?? [], rows[0] ?? 0, rows[rows.length - 1] ?? -1);
  const below = rowsBelow(theme);
  const list = (cols: number[], values: readonly string[], message: string): DropDown[] => {
    // Excel keeps a literal list only up to 255 characters: a longer one is not planned (colourPlan says so).
    if (values.join(',').length > MAX_LIST_CHARS) return [];
    // One list over every column it covers, its ranges a column wide in sheet order, as hosts read a list back.
    const ranges = cols
      .flatMap((col) =>
        withRowsBelow(
          rectangles(rows, col, col, (r) => board.get(r)),
          below,
          col,
          col,
          sheet.boardValidation ?? [],
        ),
      )
      .sort((a, b) => a.top - b.top || a.left - b.left);
    return ranges.length === 0 ? [] : [{ ranges, values: [...values], message }];
  };
  const codes = analysis.scale.statuses.map((s) => s.code);
  // Every status column: each period of a status history. A list of the scale over columns
  // that mostly hold other words helps no one (SPEC §4.1).
  const out = mostlyOffScale(theme)
    ? []
    : list(
        theme.layout.status.map((s) => s.col),
        codes,
        `Choose a status from the list: ${codes.join(', ')}. Proforma counts any other value as not on the scale.`,
      );
  if (columns.term !== undefined)
    out.push(
      ...list(
        [columns.term],
        TERM_CHOICES,
        'Choose a term from the list: S (short), M (medium) or L (long), with "c/f" if carried forward.',
      ),
    );
  // In sheet order, as hosts read them back.
  return out.sort((a, b) => a.ranges[0].top - b.ranges[0].top || a.ranges[0].left - b.ranges[0].left);
}

/** Whether most of a sheet's filled status cells are not on the scale: its status column gets no drop-down. */
function mostlyOffScale(theme: ThemeSheet): boolean {
  // Every filled status cell, every period's included.
  const filled = theme.actions.flatMap((a) => a.periods.filter((p) => p.reading.state !== 'missing'));
  return filled.filter((p) => p.reading.state === 'invalid').length * 2 > filled.length;
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

/**
 * Static fills earlier versions of Proforma painted on the table: cleared, with their text
 * colour, as few rectangles as cover them (a cell at a time, a sheet of old fills would be
 * thousands of edits, and Excel may refuse to group so many in one undo step: office-js#6491).
 */
function staticFillClears(theme: ThemeSheet, sheet: SheetSnapshot): Edit[] {
  const { headerRow, firstCol, lastCol } = theme.layout;
  // The strong status colour came with Proforma's text colour: set back to automatic too.
  const strong = new Map<number, number[]>();
  const tint = new Map<number, number[]>();
  for (const [key, fill] of Object.entries(sheet.fills)) {
    const comma = key.indexOf(',');
    const row = Number(key.slice(0, comma));
    const col = Number(key.slice(comma + 1));
    if (row <= headerRow || col < firstCol || col > lastCol || !PROFORMA_FILLS.has(fill.toUpperCase())) continue;
    const cells = STRONG_FILLS.has(fill.toUpperCase()) ? strong : tint;
    const cols = cells.get(row);
    if (cols) cols.push(col);
    else cells.set(row, [col]);
  }
  const edits: Array<Extract<Edit, { kind: 'format' }>> = [];
  for (const range of cellRectangles(strong))
    edits.push({ kind: 'format', sheet: sheet.name, range, fill: null, fontColour: null });
  for (const range of cellRectangles(tint)) edits.push({ kind: 'format', sheet: sheet.name, range, fill: null });
  return edits.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

/** Rectangles covering exactly the given cells (columns by row): runs along each row, stacked where rows repeat them. */
function cellRectangles(cells: Map<number, number[]>): CellRange[] {
  const rows = [...cells.keys()].sort((a, b) => a - b);
  const columns = (row: number): Array<[number, number]> => {
    const cols = (cells.get(row) as number[]).sort((a, b) => a - b);
    const runs: Array<[number, number]> = [];
    for (const col of cols) {
      const last = runs[runs.length - 1];
      if (last && last[1] === col - 1) last[1] = col;
      else runs.push([col, col]);
    }
    return runs;
  };
  const out: CellRange[] = [];
  let open: CellRange[] = [];
  let previous = { row: -2, key: '' };
  for (const row of rows) {
    const runs = columns(row);
    const key = runs.join(';');
    if (row === previous.row + 1 && key === previous.key) for (const range of open) range.bottom = row;
    else {
      out.push(...open);
      open = runs.map(([left, right]) => ({ top: row, bottom: row, left, right }));
    }
    previous = { row, key };
  }
  out.push(...open);
  return out;
}

/**
 * Where the colour plan needs the merged areas a host may not have read: theme tables with an
 * empty cell among their rows (the cells under a merge read empty), each from A1 to the table's
 * last row and column, so a merge whose top-left cell is above the table is found too. A table
 * with every cell filled has no cell merged across its rows.
 */
export function mergesNeeded(analysis: WorkbookModel): Array<{ sheet: string; range: CellRange }> {
  const out: Array<{ sheet: string; range: CellRange }> = [];
  for (const theme of analysis.themes) {
    const { sheet, firstCol, lastCol } = theme.layout;
    const rows = tableRows(theme);
    const empty = rows.some((row) => {
      const line = sheet.cells[row] ?? [];
      for (let col = firstCol; col <= lastCol; col++) if (!line[col] || isEmpty(line[col])) return true;
      return false;
    });
    if (empty)
      out.push({ sheet: sheet.name, range: { top: 0, left: 0, bottom: rows[rows.length - 1], right: lastCol } });
  }
  return out;
}

export function colourPlan(analysis: WorkbookModel): Plan {
  const edits: Edit[] = [];
  let live = 0;
  let uncoloured = 0;
  const untinted: string[] = [];
  for (const theme of analysis.themes) {
    const sheet = theme.layout.sheet;
    const rows = tableRows(theme);
    const { rules, untinted: noTint } = rulesFor(theme, analysis, rows);
    if (noTint) untinted.push(`"${sheet.name}"`);
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
  const codeList = analysis.scale.statuses.map((s) => s.code).join(', ');
  const noList =
    offScale.length === 0
      ? ''
      : ` No status drop-down on ${offScale.map((t) => `"${t.name}"`).join(', ')}: most of ${offScale.length === 1 ? 'its' : 'their'} status values are not on the scale (${codeList}), so a list of it would help no one; choose the board's scale in the settings, then colour again.`;
  const left =
    uncoloured > 0
      ? ` ${uncoloured} action row${uncoloured === 1 ? ' has' : 's have'} no valid status and stay${uncoloured === 1 ? 's' : ''} uncoloured until one is chosen.`
      : '';
  const tints =
    untinted.length > 0
      ? ` Rows on ${untinted.join(', ')} are not tinted: the status history is too long for one conditional format; each status cell still takes its colour.`
      : '';
  const codes = analysis.scale.statuses.map((s) => s.code).join(',');
  const tooLong =
    analysis.settings.dropdowns && live > 0 && codes.length > MAX_LIST_CHARS
      ? ` No status drop-downs were added: the scale's codes make a list of ${codes.length} characters, longer than the ${MAX_LIST_CHARS} Excel allows; statuses can still be typed.`
      : '';
  const description =
    analysis.themes.length === 0
      ? 'No action plan was read, so there are no rows to colour; nothing was changed.'
      : edits.length === 0
        ? `Colours are already live on ${sheets}; nothing to change.${left}${tints}${tooLong}${noList}`
        : `Colours are live on ${sheets}: each row, and any row added below the table, takes its status colour as soon as a status is typed.${left}${tints}${tooLong}${noList}`;
  return { description, edits };
}
