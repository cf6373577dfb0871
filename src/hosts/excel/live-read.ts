// Reading what colouring needs besides the cells: Proforma's conditional formats
// (found by the mark in their formula), its drop-down lists (by their error title),
// where the board's own validation is, and — apart, only where the colour plan
// needs them — merged areas. The validation of a range is told apart the same way
// here and in a write's own load (write.ts), by classifyValidation.
import { CellRange, DROP_DOWN_TITLE, SheetSnapshot, StatusRule, WorkbookSnapshot, isProformaRule } from '../../engine';

/** What a RangeAreas is loaded with to be read as rectangles. */
export const AREA_PROPS = 'areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount';

export function rangeOfArea(a: Excel.Range): CellRange {
  return {
    top: a.rowIndex,
    left: a.columnIndex,
    bottom: a.rowIndex + a.rowCount - 1,
    right: a.columnIndex + a.columnCount - 1,
  };
}

/** What the read queued for a sheet's live colours with its second sync. */
export interface LiveQuery {
  sheet: number;
  formats: Excel.ConditionalFormatCollection;
  validated: Excel.RangeAreas;
}

/** A rule of Proforma's as a read found it (ConditionalFormat.id is its position then). */
export interface RuleHandle {
  id: string;
  priority: number;
}

/** Whose a range's validation is: nobody's, Proforma's list, or the board's own. */
export type ValidationKind = 'free' | 'ours' | 'theirs';

export interface ValidationPart {
  range: CellRange;
  kind: ValidationKind;
  /** For Proforma's lists: what the list holds. */
  list?: { values: string[]; message: string };
}

interface Pending<K> {
  key: K;
  range: CellRange;
  validation: Excel.DataValidation;
}

/** Queues the load of a range's validation: what classifyValidation reads. */
export function queueValidation<K>(sheet: Excel.Worksheet, key: K, range: CellRange): Pending<K> {
  const validation = sheet.getRangeByIndexes(
    range.top,
    range.left,
    range.bottom - range.top + 1,
    range.right - range.left + 1,
  ).dataValidation;
  validation.load('type,rule,errorAlert,prompt');
  return { key, range, validation };
}

/**
 * Whose each range's validation is, once the queued loads have synced. A range holding
 * different rules (docs-ref DataValidationType: "Inconsistent", "MixedCriteria") is asked
 * again in halves until each part has one: a sync a halving, only where rules are mixed.
 * Prompt-only validation (an input message on "any value": type "None") is the board's:
 * Excel refuses a list set over cells of which only some have it (office-js#2594).
 */
export async function classifyValidation<K>(
  context: Excel.RequestContext,
  sheetOf: (key: K) => Excel.Worksheet,
  pending: Array<Pending<K>>,
): Promise<Array<{ key: K; part: ValidationPart }>> {
  const out: Array<{ key: K; part: ValidationPart }> = [];
  let parts = pending;
  while (parts.length > 0) {
    const mixed: Array<Pending<K>> = [];
    for (const { key, range, validation } of parts) {
      const differs = validation.type === 'Inconsistent' || validation.type === 'MixedCriteria';
      if (differs && range.bottom > range.top) {
        const top = Math.ceil((range.bottom - range.top + 1) / 2);
        mixed.push(queueValidation(sheetOf(key), key, { ...range, bottom: range.top + top - 1 }));
        mixed.push(queueValidation(sheetOf(key), key, { ...range, top: range.top + top }));
        continue;
      }
      out.push({ key, part: kindOf(validation, range) });
    }
    if (mixed.length > 0) await context.sync();
    parts = mixed;
  }
  return out;
}

function kindOf(validation: Excel.DataValidation, range: CellRange): ValidationPart {
  if (validation.type === 'None') {
    const prompt = validation.prompt;
    return { range, kind: prompt && (prompt.title || prompt.message) ? 'theirs' : 'free' };
  }
  const list = validation.type === 'List' ? validation.rule?.list : undefined;
  const alert = validation.errorAlert;
  if (list && typeof list.source === 'string' && alert?.title === DROP_DOWN_TITLE)
    // The source is always read with "," between items, whatever the locale (office-js#2128).
    return { range, kind: 'ours', list: { values: list.source.split(','), message: alert.message ?? '' } };
  return { range, kind: 'theirs' };
}

/** The ranges as single columns, overlapping or touching row spans of a column joined. */
export function columnParts(ranges: readonly CellRange[]): CellRange[] {
  const byColumn = new Map<number, Array<[number, number]>>();
  for (const r of ranges)
    for (let c = r.left; c <= r.right; c++) {
      const spans = byColumn.get(c) ?? [];
      spans.push([r.top, r.bottom]);
      byColumn.set(c, spans);
    }
  const out: CellRange[] = [];
  for (const [col, spans] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    spans.sort((a, b) => a[0] - b[0]);
    let [top, bottom] = spans[0];
    for (const [t, b] of spans.slice(1)) {
      if (t <= bottom + 1) bottom = Math.max(bottom, b);
      else {
        out.push({ top, bottom, left: col, right: col });
        [top, bottom] = [t, b];
      }
    }
    out.push({ top, bottom, left: col, right: col });
  }
  return out;
}

/**
 * Proforma's conditional formats (by the formula's mark) and drop-down lists, and the cells of
 * the board's own validation: one more sync, only when a sheet has any. Validation is asked
 * column by column, so Proforma's list beside the board's own is told apart.
 */
export async function readLiveColours(
  context: Excel.RequestContext,
  sheets: Excel.Worksheet[],
  snapshots: SheetSnapshot[],
  live: LiveQuery[],
): Promise<Record<string, RuleHandle[]>> {
  const rules: Array<{ sheet: number; item: Excel.ConditionalFormat; areas: Excel.RangeAreas }> = [];
  const columns: Array<Pending<number>> = [];
  for (const { sheet, formats, validated } of live) {
    for (const item of formats.items) {
      const formula = item.type === 'Custom' ? (item.customOrNullObject.rule.formula ?? '') : '';
      if (!isProformaRule(formula)) continue;
      const areas = item.getRanges();
      areas.load(AREA_PROPS);
      rules.push({ sheet, item, areas });
    }
    if (validated.isNullObject) continue;
    for (const part of columnParts(validated.areas.items.map(rangeOfArea)))
      columns.push(queueValidation(sheets[sheet], sheet, part));
  }
  const handles: Record<string, RuleHandle[]> = {};
  if (rules.length === 0 && columns.length === 0) return handles;
  await context.sync();
  for (const { sheet, item, areas } of rules) {
    const custom = item.customOrNullObject;
    const rule: StatusRule = {
      ranges: areas.areas.items.map(rangeOfArea),
      formula: (custom.rule.formula ?? '').replace(/^=/, ''),
      fill: (custom.format.fill.color ?? '').toUpperCase(),
    };
    if (custom.format.font.color) rule.fontColour = custom.format.font.color.toUpperCase();
    (snapshots[sheet].statusRules ??= []).push(rule);
    (handles[snapshots[sheet].name] ??= []).push({ id: item.id, priority: item.priority });
  }
  for (const { key, part } of await classifyValidation(context, (i) => sheets[i], columns)) {
    const snapshot = snapshots[key];
    if (part.kind === 'theirs') (snapshot.boardValidation ??= []).push(part.range);
    else if (part.kind === 'ours' && part.list) {
      const { values, message } = part.list;
      const dropDowns = (snapshot.dropDowns ??= []);
      const same = dropDowns.find((d) => d.values.join(',') === values.join(',') && d.message === message);
      if (same) same.ranges.push(part.range);
      else dropDowns.push({ ranges: [part.range], values, message });
    }
  }
  // Halves of one list next to each other are one range again, as the list was written.
  const byPlace = (a: CellRange, b: CellRange): number => a.top - b.top || a.left - b.left;
  for (const snapshot of snapshots) {
    for (const list of snapshot.dropDowns ?? []) list.ranges = columnParts(list.ranges).sort(byPlace);
    snapshot.dropDowns?.sort((a, b) => byPlace(a.ranges[0], b.ranges[0]));
  }
  return handles;
}

/** Where the colour plan needs to know the merges: a sheet and the range to ask from. */
export interface MergeQuestion {
  sheet: string;
  range: CellRange;
}

/**
 * Merged areas, read only where colouring needs them (a cell merged across rows gets no row
 * tint) and only where Excel has the call: Range.getMergedAreasOrNullObject is ExcelApi 1.13,
 * newer than the 1.9 the manifest asks for, so the caller checks isSetSupported first. The
 * call clears the user's undo history (office-js#5918), fails past 512 areas (docs-ref), and
 * finds merges whose top-left cell lies inside the range (office-js#3611): asked from A1 to
 * the table's last row and column, that is every merge that can touch the table. One sync;
 * where it fails, the plan is made without merges.
 */
export async function readMerges(
  context: Excel.RequestContext,
  snapshot: WorkbookSnapshot,
  questions: MergeQuestion[],
): Promise<'read' | 'too-many'> {
  const asked = questions.map(({ sheet, range }) => {
    const areas = context.workbook.worksheets
      .getItem(sheet)
      .getRangeByIndexes(range.top, range.left, range.bottom - range.top + 1, range.right - range.left + 1)
      .getMergedAreasOrNullObject();
    areas.load(`isNullObject,${AREA_PROPS}`);
    return { sheet, areas };
  });
  if (asked.length === 0) return 'read';
  try {
    await context.sync();
  } catch (error) {
    // The docs say only that the call fails past 512 merged areas, not with which code: any
    // failure of this sync colours without merges, except those the user must act on (a cell
    // being edited, a sheet renamed or deleted meanwhile), which stop the change as any sync's do.
    const code = (error as { code?: string }).code;
    if (code === 'InvalidOperationInCellEditMode' || code === 'ItemNotFound') throw error;
    return 'too-many';
  }
  for (const { sheet, areas } of asked) {
    const target = snapshot.sheets.find((s) => s.name === sheet);
    if (target) target.merges = areas.isNullObject ? [] : areas.areas.items.map(rangeOfArea);
  }
  return 'read';
}
