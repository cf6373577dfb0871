// Lead partners (SPEC §7.2): who leads each action row, for the packs sent out and
// for telling, in a return, a change to the partner's own row from a change to
// someone else's. A lead cell may name several partners ("Police / Probation",
// split at "/", ";", "," or a line break): the row is each of theirs. Leads are
// grouped by their text, trimmed and without case; `partner:<name>` settings join
// other spellings of one partner under its name.
import type { WorkbookModel } from './model';
import { withoutInvisible } from './invisible';
import type { Settings } from './settings';
import { CellValue, EMPTY, SheetSnapshot, address, cellAt, displayText } from './snapshot';

/** One lead partner of the plan and the action rows it leads. */
export interface Partner {
  /** How rows are grouped: the partner's name as compared (trimmed, spaces collapsed, without case). */
  key: string;
  /** Its name: the `partner:` setting's where settings join spellings, else the first spelling met. */
  name: string;
  /** Every spelling met in the lead cells, in the order met. */
  spellings: string[];
  /** The action rows it leads, in workbook order. */
  rows: Array<{ sheet: string; row: number }>;
}

/** An action row that names no lead: it goes in no pack, and is listed. */
export interface NoLeadRow {
  sheet: string;
  row: number;
  /** The lead cell ("D9"), or the action text's cell where the sheet has no lead column. */
  cell: string;
  /** The row's action text. */
  text: string;
}

/** The names in a lead cell: split at "/", ";", "," or a line break, each trimmed. */
export function splitLeads(text: string): string[] {
  return text
    .split(/[/;,\n\r]+/)
    .map((part) => withoutInvisible(part).replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '');
}

/** A lead's text as leads are grouped: trimmed, spaces collapsed, without case. */
export function leadKey(text: string): string {
  return withoutInvisible(text).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The partner a spelling belongs to: its `partner:` setting's key, else its own. */
export function partnerResolver(settings: Settings): (spelling: string) => { key: string; name: string | null } {
  const joined = new Map<string, string>();
  for (const [name, spellings] of Object.entries(settings.partners ?? {}))
    for (const spelling of [name, ...spellings]) joined.set(leadKey(spelling), name);
  return (spelling) => {
    const name = joined.get(leadKey(spelling));
    return name === undefined ? { key: leadKey(spelling), name: null } : { key: leadKey(name), name };
  };
}

/**
 * A cell's value where a merge may cover it: a lead merged across several action rows leads
 * each of them (the engine reads only the merge's top-left cell as holding it).
 */
export function valueUnderMerge(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const merge = sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  return merge ? cellAt(sheet, merge.top, merge.left) : cellAt(sheet, row, col);
}

/** The lead text of an action row ("" where the sheet has no lead column). */
export function leadText(sheet: SheetSnapshot, row: number, leadCol: number | undefined): string {
  return leadCol === undefined ? '' : displayText(valueUnderMerge(sheet, row, leadCol)).trim();
}

/** The partners a lead cell names, as keys (several for "Police / Probation"), without repeats. */
export function leadKeys(text: string, resolve: ReturnType<typeof partnerResolver>): string[] {
  return [...new Set(splitLeads(text).map((s) => resolve(s).key))];
}

/** The plan's lead partners in order of first appearance, and the action rows with no lead. */
export function partnersOf(model: WorkbookModel): { partners: Partner[]; noLead: NoLeadRow[] } {
  const resolve = partnerResolver(model.settings);
  const byKey = new Map<string, Partner>();
  const noLead: NoLeadRow[] = [];
  for (const theme of model.themes) {
    const { sheet, columns } = theme.layout;
    for (const action of theme.actions) {
      const text = leadText(sheet, action.row, columns.lead);
      const spellings = splitLeads(text);
      if (spellings.length === 0) {
        noLead.push({
          sheet: theme.name,
          row: action.row,
          cell: address(action.row, columns.lead ?? columns.actions),
          text: displayText(cellAt(sheet, action.row, columns.actions) ?? EMPTY).trim(),
        });
        continue;
      }
      for (const spelling of spellings) {
        const { key, name } = resolve(spelling);
        let partner = byKey.get(key);
        if (!partner) byKey.set(key, (partner = { key, name: name ?? spelling, spellings: [], rows: [] }));
        if (!partner.spellings.includes(spelling)) partner.spellings.push(spelling);
        const last = partner.rows[partner.rows.length - 1];
        if (!last || last.sheet !== theme.name || last.row !== action.row)
          partner.rows.push({ sheet: theme.name, row: action.row });
      }
    }
  }
  return { partners: [...byKey.values()], noLead };
}

/** A partner named as the user typed it (`--lead`, the pane's choice): by any of its spellings or its name. */
export function findPartner(partners: Partner[], name: string, settings: Settings): Partner | undefined {
  const key = partnerResolver(settings)(name).key;
  return partners.find((p) => p.key === key || p.spellings.some((s) => leadKey(s) === leadKey(name)));
}
