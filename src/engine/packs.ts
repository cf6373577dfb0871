// Partner packs (SPEC §7.2): the board's own workbook, patched (nothing of it lost),
// showing one lead partner only its own action rows — the others hidden, never
// deleted — with live colours and drop-downs (§4.1) and the ProformaReturn record
// of what was sent (returns.ts), the base of the merge. The overview and every
// other sheet stay as they are. Rows the board hid stay hidden (the pack changes
// nothing of the board's but what it must): a partner's own row hidden so is said.
import { colourPlan } from './colour';
import type { WorkbookModel } from './model';
import type { Partner } from './partners';
import type { Edit, Plan } from './plan';
import { RETURN_SHEET, returnRecordRows } from './returns';
import { address } from './snapshot';

export interface PackOptions {
  /** The plan's file name (recorded, and the pack's name is made from it). */
  planFile: string;
  /** When the pack is made: its day is recorded as the day sent. */
  now: Date;
}

/** A day as the record keeps it: YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The partner's pack: other partners' action rows hidden, colours live, the record of what was sent. */
export function packPlan(model: WorkbookModel, partner: Partner, options: PackOptions): Plan {
  const own = new Set(partner.rows.map((r) => `${r.sheet}\u0000${r.row}`));
  const edits: Edit[] = [];
  let shown = 0;
  let hidden = 0;
  for (const theme of model.themes) {
    const already = new Set(theme.layout.sheet.hiddenRows);
    const rows: number[] = [];
    for (const action of theme.actions) {
      if (own.has(`${theme.name}\u0000${action.row}`)) shown++;
      else {
        hidden++;
        if (!already.has(action.row)) rows.push(action.row);
      }
    }
    if (rows.length > 0) edits.push({ kind: 'hide-rows', sheet: theme.name, rows });
  }
  edits.push(...colourPlan(model).edits);
  edits.push({
    kind: 'record-sheet',
    name: RETURN_SHEET,
    rows: returnRecordRows(model, options.planFile, partner.name, isoDay(options.now)),
  });
  const rows = (n: number): string => `${n} action row${n === 1 ? '' : 's'}`;
  return {
    description: `The pack for ${partner.name}: ${rows(shown)} to update, ${rows(hidden)} of other partners hidden.`,
    edits,
  };
}

/** The partner's action rows the board hid in the plan: they stay hidden in its pack, and are said. */
export function hiddenOwnRows(
  model: WorkbookModel,
  partner: Partner,
): Array<{ sheet: string; row: number; cell: string }> {
  const out: Array<{ sheet: string; row: number; cell: string }> = [];
  for (const { sheet: name, row } of partner.rows) {
    const theme = model.themes.find((t) => t.name === name);
    if (theme?.layout.sheet.hiddenRows.includes(row))
      out.push({ sheet: name, row, cell: address(row, theme.layout.columns.actions) });
  }
  return out;
}

/** The characters Windows, macOS and Linux all refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]+/g;

/**
 * A pack's file name (SPEC §7.2): "<plan file name without its extension> - <partner>" and the
 * plan's extension; characters no file name may hold become "-", and a name the same (without
 * case) as one taken already gets " (2)", " (3)", ….
 */
export function packFileName(
  planFile: string,
  partner: string,
  extension: string,
  taken: readonly string[] = [],
): string {
  const base = planFile.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const safe = (text: string): string =>
    text
      .replace(NOT_IN_FILE_NAMES, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[. ]+$/, '');
  const stem = `${safe(base) || 'Plan'} - ${safe(partner).slice(0, 100) || 'partner'}`;
  const used = new Set(taken.map((t) => t.toLowerCase()));
  let name = `${stem}${extension}`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${extension}`;
  return name;
}
