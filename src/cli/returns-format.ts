// Output for `packs` and `merge` (SPEC §7): for people, grouped and wrapped, and
// the JSON of §7.3.
import * as path from 'path';
import {
  CellValue,
  ListedCell,
  ListedRow,
  MergeResult,
  NoLeadRow,
  Readiness,
  ReturnReport,
  countIssues,
  formatDay,
  quoteCell,
  reportValue,
  returnChangesNothing,
  serialToDate,
  type Analysis,
} from '../engine';
import { Style, cellName, formatRows, paint, printable, shellWord } from './format';
import { wrapLine } from './wrap';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A value as a person reads it in a report (control characters from cells never printed raw). */
export function shownValue(value: CellValue | null): string {
  return printable(reportValue(value));
}

/** A value in the JSON: text as a string, numbers and TRUE/FALSE as themselves, a date as YYYY-MM-DD ("" when empty). */
export function jsonValue(value: CellValue): string | number | boolean {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'text':
      return value.text;
    case 'number':
      return value.value;
    case 'boolean':
      return value.value;
    case 'error':
      return value.error;
    case 'date': {
      const iso = serialToDate(value.serial).toISOString();
      return Number.isInteger(value.serial) ? iso.slice(0, 10) : iso.slice(0, 19);
    }
  }
}

function cellJson(cell: ListedCell) {
  return {
    sheet: cell.sheet,
    cell: cell.cell,
    ref: cell.ref,
    column: cell.column,
    plan: jsonValue(cell.plan),
    return: jsonValue(cell.return),
    base: cell.base === null ? null : jsonValue(cell.base),
    reason: cell.reason,
  };
}

function rowJson(row: ListedRow) {
  return { sheet: row.sheet, cell: row.cell, ref: row.ref, action: row.action, reason: row.reason };
}

/** `merge --json` (SPEC §7.3). */
export function mergeJson(result: MergeResult, written: string | null): unknown {
  return {
    returns: result.returns.map((r) => ({
      file: r.file,
      partner: r.partner,
      sent: r.sent,
      refusedWhole: r.refusedWhole,
      applied: r.applied.map(cellJson),
      alreadyThere: r.alreadyThere.length,
      conflicts: r.conflicts.map(cellJson),
      refused: r.refused.map(cellJson),
      unmatched: r.unmatched.map(rowJson),
      newRows: r.newRows.map(rowJson),
      // Not in SPEC §7.3's list (an extra field, like refusedWhole): rows renamed in the plan since sent.
      identityChanged: r.identityChanged.map(rowJson),
    })),
    written,
  };
}

function cellRows(cells: ListedCell[], describe: (cell: ListedCell) => string): Array<[string, string]> {
  return cells.map((c) => [
    cellName(c.sheet, c.cell),
    `${c.ref ? `${printable(c.ref)} ` : ''}${printable(c.column)}: ${describe(c)}`,
  ]);
}

function rowRows(rows: ListedRow[], withReason: boolean): Array<[string, string]> {
  return rows.map((r) => [
    cellName(r.sheet, r.cell),
    `${r.ref ? `${printable(r.ref)} ` : ''}${printable(quoteCell(r.action))}${withReason ? ` — ${printable(r.reason)}` : ''}`,
  ]);
}

/** One return's part of the report. */
function formatReturn(report: ReturnReport, style: Style): string {
  const { colour, width } = style;
  const who = report.partner
    ? `${printable(report.partner)}, sent ${report.sent ? formatSentDay(report.sent) : 'on a day not recorded'}`
    : 'not a pack (no record of what was sent: a cell is taken only where the plan’s is empty)';
  const lines = [wrapLine(`${paint(printable(path.basename(report.file)), 'bold', colour)} — ${who}`, width)];
  if (report.refusedWhole) {
    lines.push(wrapLine(`  ${paint(printable(report.refusedWhole), 'red', colour)}`, width, 2));
    return lines.join('\n');
  }
  const section = (title: string, tone: 'green' | 'yellow' | 'red' | 'dim', rows: Array<[string, string]>): void => {
    if (rows.length === 0) return;
    lines.push(`  ${paint(title, tone, colour)}`, formatRows(rows, style, 4));
  };
  section(
    `Applied: ${plural(report.applied.length, 'cell')}`,
    'green',
    cellRows(report.applied, (c) => `${shownValue(c.plan)} → ${shownValue(c.return)}`),
  );
  if (report.alreadyThere.length > 0)
    lines.push(`  ${paint(`Already there: ${plural(report.alreadyThere.length, 'cell')}`, 'dim', colour)}`);
  section(
    `Conflicts, not applied: ${plural(report.conflicts.length, 'cell')}`,
    'yellow',
    cellRows(
      report.conflicts,
      (c) =>
        `plan ${shownValue(c.plan)}, return ${shownValue(c.return)}${c.base === null ? '' : `, sent ${shownValue(c.base)}`} — ${printable(c.reason)}`,
    ),
  );
  section(
    `Refused: ${plural(report.refused.length, 'cell')}`,
    'red',
    cellRows(
      report.refused,
      (c) => `${shownValue(c.base ?? c.plan)} → ${shownValue(c.return)} — ${printable(c.reason)}`,
    ),
  );
  section(`Rows not matched: ${report.unmatched.length}`, 'yellow', rowRows(report.unmatched, true));
  section(`Rows the return adds (not added): ${report.newRows.length}`, 'yellow', rowRows(report.newRows, false));
  section(
    `Rows changed in the plan since the pack was sent: ${report.identityChanged.length}`,
    'yellow',
    rowRows(report.identityChanged, true),
  );
  if (returnChangesNothing(report)) lines.push(`  ${paint('No changes.', 'dim', colour)}`);
  return lines.join('\n');
}

function formatSentDay(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? printable(iso) : formatDay(ms / 86_400_000 + 25_569);
}

/** `merge` for people: each return, what was written, and the merged plan's verdict. */
export function formatMerge(
  result: MergeResult,
  outcome: { target: string; written: boolean; plan: string },
  after: { analysis: Analysis; ready: Readiness },
  style: Style,
): string {
  const { colour, width } = style;
  const blocks = result.returns.map((r) => formatReturn(r, style));
  const target = printable(outcome.target);
  const lines = [blocks.join('\n\n'), ''];
  lines.push(
    wrapLine(
      outcome.written ? `${result.plan.description} Wrote ${target}.` : `Nothing new to merge; ${target} not written.`,
      width,
    ),
  );
  const counts = countIssues(after.analysis.issues);
  const verdict = after.ready.ready
    ? paint(`${outcome.written ? 'The merged plan' : 'The plan'} is ready to send.`, 'green', colour)
    : `${outcome.written ? 'The merged plan' : 'The plan'}: ${paint(`${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`, counts.error > 0 ? 'red' : 'yellow', colour)}, not ready to send. ${after.ready.blockers.join(' ')} See \`${style.command} check ${shellWord(outcome.written ? outcome.target : outcome.plan, style.platform)}\`.`;
  lines.push(wrapLine(verdict, width));
  return lines.join('\n');
}

/** `packs` for people: the packs written, and the rows that went in none. */
export function formatPacks(
  written: Array<{ file: string; partner: string; rows: number; hidden: Array<{ sheet: string; cell: string }> }>,
  noLead: NoLeadRow[],
  context: { plan: string; folder: string },
  style: Style,
): string {
  const { colour, width } = style;
  const stem = `${path.basename(context.plan).replace(/\.[^.]*$/, '')} - `;
  // Each pack is named "<plan> - <partner>.xlsx": its name is said only where it is not that.
  const named = (w: { file: string; partner: string }): boolean =>
    path.basename(w.file).replace(/\.[^.]*$/, '') === `${stem}${w.partner}`;
  const pattern = `${stem}<partner>${path.extname(written[0]?.file ?? '.xlsx')}`;
  const lines = [
    wrapLine(
      `Wrote ${plural(written.length, 'pack')} to ${printable(context.folder)}, ${written.length === 1 ? 'named' : 'each named'} "${printable(pattern)}":`,
      width,
    ),
    formatRows(
      written.map((w): [string, string] => [
        printable(w.partner),
        `${plural(w.rows, 'action row')}${named(w) ? '' : ` (${printable(path.basename(w.file))})`}`,
      ]),
      style,
    ),
  ];
  const hidden = written.flatMap((w) =>
    w.hidden.map((h): [string, string] => [cellName(h.sheet, h.cell), printable(w.partner)]),
  );
  if (hidden.length > 0)
    lines.push(
      '',
      paint(
        wrapLine(
          `${plural(hidden.length, 'action row')} the board hid in the plan, hidden in ${hidden.length === 1 ? 'its partner’s pack' : 'their partners’ packs'} too (unhide ${hidden.length === 1 ? 'it' : 'them'} in the plan to send ${hidden.length === 1 ? 'it' : 'them'}):`,
          width,
        ),
        'yellow',
        colour,
      ),
      formatRows(hidden, style),
    );
  if (noLead.length > 0)
    lines.push(
      '',
      paint(`${plural(noLead.length, 'action row')} with no lead, in no pack:`, 'yellow', colour),
      formatRows(
        noLead.map((r): [string, string] => [cellName(r.sheet, r.cell), printable(quoteCell(r.text))]),
        style,
      ),
    );
  lines.push(
    '',
    wrapLine(
      `Send each partner its pack. Merge what comes back with \`${style.command} merge ${shellWord(context.plan, style.platform)} <returned files or folder> -o merged.xlsx\`.`,
      width,
    ),
  );
  return lines.join('\n');
}
