// Writing live colours so that co-authors lose nothing. What a write deletes or
// overwrites is decided inside its own run, from a load made in that run, not from
// the read the plan came from: a co-author may have added a rule or a list since.
//
// - Rules: Proforma's are found by the mark in their formula and deleted by the ids
//   this load gave, last first. An id is the rule's position among the sheet's rules
//   (docs-ref ConditionalFormat.id: "The priority of the conditional format in the
//   current ConditionalFormatCollection"), so any rule added meanwhile moves every id
//   after it; ids from the read would delete the board's rules.
// - Lists: clearing validation clears whatever is there, the board's too (docs-pr
//   excel-add-ins-data-validation.md: "Clearing data validation from a range will also
//   clear any data validation that a user has added manually to the range"). So only
//   the parts this load finds to be Proforma's lists (error title "Proforma") are
//   cleared, and a list goes only where no one else's validation is now: a part with
//   the board's own (prompt-only included, office-js#2594) is left as it is, and said.
// - A list longer than 255 characters is not written: Excel keeps a literal list only up
//   to 255 (an Excel limit its file format shares: XlsxWriter#562, excelize#1878); its
//   items are always read with "," between them whatever the locale (office-js#2128).
// - Each new rule is added (Excel adds at the top: docs-ref ConditionalFormatCollection.add),
//   given its formula and colours, then moved to the back, so the board's rules keep
//   precedence and Proforma's keep the plan's order.
import {
  CellRange,
  DROP_DOWN_TITLE,
  DropDown,
  Edit,
  MAX_LIST_CHARS,
  StatusRule,
  WorkbookSnapshot,
  isProformaRule,
  rangeAddress,
} from '../../engine';
import { ACTION_BYTES, WriteStep } from './content';
import { ValidationPart, classifyValidation, columnParts, queueValidation, RuleHandle } from './live-read';
import { areaAddresses } from './multi-area';

type LiveEdit = Extract<Edit, { kind: 'live-colours' }>;

/** Past the last priority: Excel moves such a rule to the back (docs-ref ConditionalFormat.priority). */
const LAST_PRIORITY = 1_000_000;

/** What a live-colours write found on its sheet in its own load. */
export interface LiveNow {
  /** Proforma's rules now, found by their mark. */
  rules: RuleHandle[];
  /** Whose validation each part of the lists' columns (old and new) is now. */
  validation: ValidationPart[];
}

/** A list not written, and why. */
export interface ListNotWritten {
  sheet: string;
  /** The cells, as an address ("F4:F20"). */
  cells: string;
  why: 'theirs' | 'too-long';
}

/** The columns whose validation a write must know: where Proforma's lists were and where they go. */
export function listColumns(edit: LiveEdit, before: WorkbookSnapshot): CellRange[] {
  const old = before.sheets.find((s) => s.name === edit.sheet)?.dropDowns ?? [];
  return columnParts([...old, ...edit.dropDowns].flatMap((list) => list.ranges));
}

/** Queues the load a live-colours write decides from; `resolve` after the sync gives what it found. */
export function queueLiveLoad(
  context: Excel.RequestContext,
  edit: LiveEdit,
  before: WorkbookSnapshot,
): { resolve: () => Promise<LiveNow> } {
  const sheet = context.workbook.worksheets.getItem(edit.sheet);
  const formats = sheet.getRange().conditionalFormats;
  formats.load('items/id,items/type,items/priority,items/customOrNullObject/rule/formula');
  const pending = listColumns(edit, before).map((range) => queueValidation(sheet, 0, range));
  return {
    resolve: async () => {
      const rules: RuleHandle[] = [];
      for (const item of formats.items) {
        const formula = item.type === 'Custom' ? (item.customOrNullObject.rule.formula ?? '') : '';
        if (isProformaRule(formula)) rules.push({ id: item.id, priority: item.priority });
      }
      const validation = (await classifyValidation(context, () => sheet, pending)).map(({ part }) => part);
      return { rules, validation };
    },
  };
}

/** What a live-colours write would find if nothing had changed since the read. */
export function liveAsRead(edit: LiveEdit, before: WorkbookSnapshot, handles: RuleHandle[]): LiveNow {
  const sheet = before.sheets.find((s) => s.name === edit.sheet);
  const parts: ValidationPart[] = [];
  const ours = columnParts((sheet?.dropDowns ?? []).flatMap((d) => d.ranges));
  const theirs = columnParts(sheet?.boardValidation ?? []);
  for (const range of listColumns(edit, before)) {
    for (const r of ours) if (overlap(r, range)) parts.push({ range: intersect(r, range), kind: 'ours' });
    for (const r of theirs) if (overlap(r, range)) parts.push({ range: intersect(r, range), kind: 'theirs' });
  }
  return { rules: handles, validation: parts };
}

function overlap(a: CellRange, b: CellRange): boolean {
  return !(a.bottom < b.top || a.top > b.bottom || a.right < b.left || a.left > b.right);
}

function intersect(a: CellRange, b: CellRange): CellRange {
  return {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
}

/** `range` (one column) without the parts in `cut`, as runs of rows. */
function subtract(range: CellRange, cut: readonly CellRange[]): CellRange[] {
  const spans = cut
    .filter((c) => c.left <= range.left && c.right >= range.left && overlap(c, range))
    .map((c): [number, number] => [Math.max(c.top, range.top), Math.min(c.bottom, range.bottom)])
    .sort((a, b) => a[0] - b[0]);
  const out: CellRange[] = [];
  let from = range.top;
  for (const [top, bottom] of spans) {
    if (top > from) out.push({ ...range, top: from, bottom: top - 1 });
    from = Math.max(from, bottom + 1);
  }
  if (from <= range.bottom) out.push({ ...range, top: from });
  return out;
}

/**
 * A formula written relative to `from`'s top-left, moved to read the same from `to`'s: the
 * rule's relative rows follow the range it is added to (office-js#5194: "when you set the
 * formula, it applies the formula relative to the current range"). Proforma's formulas have
 * absolute columns and relative rows ($F4); text in quotes is left alone.
 */
export function moveFormula(formula: string, rows: number): string {
  if (rows === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/\$([A-Z]{1,3})(\d+)/g, (_, c, r) => `$${c}${Number(r) + rows}`),
    )
    .join('');
}

/**
 * The steps of a live-colours edit, decided from what the write's load found (`now`). Lists
 * not written are added to `notWritten`.
 */
export function liveSteps(
  edit: LiveEdit,
  now: LiveNow,
  separator: ',' | ';' | null,
  notWritten: ListNotWritten[],
): WriteStep[] {
  const sheetOf = (context: Excel.RequestContext): Excel.Worksheet => context.workbook.worksheets.getItem(edit.sheet);
  const range = (context: Excel.RequestContext, r: CellRange): Excel.Range =>
    sheetOf(context).getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
  const steps: WriteStep[] = [];
  // Last first: deleting from the back keeps the positions (ids) of those before it.
  const deletes = [...now.rules].sort((a, b) => b.priority - a.priority);
  if (deletes.length > 0)
    steps.push({
      bytes: (2 + 2 * deletes.length) * ACTION_BYTES,
      queue: (context) => {
        const formats = sheetOf(context).getRange().conditionalFormats;
        for (const { id } of deletes) formats.getItem(id).delete();
      },
    });
  for (const part of now.validation)
    if (part.kind === 'ours')
      steps.push({ bytes: 3 * ACTION_BYTES, queue: (context) => range(context, part.range).dataValidation.clear() });
  for (const rule of edit.rules) steps.push(...ruleSteps(rule, separator, sheetOf, range));
  const theirs = now.validation.filter((p) => p.kind === 'theirs').map((p) => p.range);
  for (const list of edit.dropDowns) steps.push(...listSteps(edit.sheet, list, theirs, range, notWritten));
  return steps;
}

function ruleSteps(
  rule: StatusRule,
  separator: ',' | ';' | null,
  sheetOf: (context: Excel.RequestContext) => Excel.Worksheet,
  range: (context: Excel.RequestContext, r: CellRange) => Excel.Range,
): WriteStep[] {
  // One range needs no address at all; several are one rule over getRanges where the separator
  // is known, else a rule each, its formula moved to read from its own top row.
  const groups: Array<{ ranges: CellRange[]; formula: string }> =
    rule.ranges.length === 1 || separator !== null
      ? [{ ranges: rule.ranges, formula: rule.formula }]
      : rule.ranges.map((r) => ({ ranges: [r], formula: moveFormula(rule.formula, r.top - rule.ranges[0].top) }));
  return groups.map(({ ranges, formula }) => ({
    bytes: 8 * ACTION_BYTES + formula.length + 20 * ranges.length,
    queue: (context) => {
      const target =
        ranges.length === 1
          ? range(context, ranges[0]).conditionalFormats
          : sheetOf(context).getRanges(areaAddresses(ranges, separator)[0]).conditionalFormats;
      const format = target.add('Custom');
      format.custom.rule.formula = `=${formula}`;
      format.custom.format.fill.color = rule.fill;
      if (rule.fontColour) format.custom.format.font.color = rule.fontColour;
      format.priority = LAST_PRIORITY;
    },
  }));
}

function listSteps(
  sheet: string,
  list: DropDown,
  theirs: CellRange[],
  range: (context: Excel.RequestContext, r: CellRange) => Excel.Range,
  notWritten: ListNotWritten[],
): WriteStep[] {
  const source = list.values.join(',');
  if (source.length > MAX_LIST_CHARS) {
    notWritten.push(...list.ranges.map((r) => ({ sheet, cells: rangeAddress(r), why: 'too-long' as const })));
    return [];
  }
  const steps: WriteStep[] = [];
  for (const column of columnParts(list.ranges)) {
    for (const kept of theirs.filter((t) => t.left === column.left && overlap(t, column)))
      notWritten.push({ sheet, cells: rangeAddress(intersect(kept, column)), why: 'theirs' });
    for (const free of subtract(column, theirs))
      steps.push({
        bytes: 5 * ACTION_BYTES + list.message.length + source.length,
        queue: (context) => {
          const validation = range(context, free).dataValidation;
          validation.rule = { list: { inCellDropDown: true, source } };
          validation.errorAlert = { showAlert: true, style: 'Warning', title: DROP_DOWN_TITLE, message: list.message };
        },
      });
  }
  return steps;
}
