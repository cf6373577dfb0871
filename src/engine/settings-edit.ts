// Changing the board's settings row by row (SPEC §2.6, §6 `proforma settings`):
// set a key, unset one, or choose the board's own scale from its status words.
// Rows the change does not name stay as they are, in their place; the result is
// written as a record sheet (plan.ts), the settings sheet and nothing else. A
// value that cannot be used is refused, and nothing is written.
import { analyse } from './analyse';
import { headerKey } from './layout';
import type { Analysis, Issue } from './issues';
import { Plan, PlanRefusal } from './plan';
import { predictSnapshot } from './predict';
import { NoProposal, ScaleProposal, isProposedWord, proposeScale, proposedStatuses } from './scale-proposal';
import { STATUS_CLASSES, StatusClass } from './scales';
import { SETTINGS_SHEET, statusRow } from './settings';
import { WorkbookSnapshot, address, displayText, parseAddress } from './snapshot';

export interface SettingsChanges {
  /** KEY=VALUE pairs, in the order given: each replaces the row of its key, or is added at the end. */
  set: Array<[string, string]>;
  /** Keys whose rows go. */
  unset: string[];
  /**
   * The board's own scale from its status words (scale-mismatch's proposal): the scale and
   * status rows replaced by it. A `set` of `status:<word>` = `<class>` classifies a word of it.
   */
  scaleFromValues?: boolean;
}

/** One row changed, for saying what was done. */
export type SettingsChange =
  { kind: 'set'; key: string; value: string; was?: string } | { kind: 'unset'; key: string; was: string };

export type SettingsEditResult =
  | {
      ok: true;
      rows: string[][];
      changes: SettingsChange[];
      plan: Plan;
      proposal?: ScaleProposal;
      /** What was asked for but had nothing to do (a key not there to unset, a scale already the board's), as sentences. */
      notes: string[];
    }
  /** A value that cannot be used: each problem at its row, as settings-invalid says it. Nothing is written. */
  | { ok: false; reason: 'invalid'; problems: Array<{ cell: string; key: string; message: string }> }
  | { ok: false; reason: 'no-proposal'; why: NoProposal }
  /** Words of the proposal whose class could not be guessed: the board says which each is. */
  | { ok: false; reason: 'unclassified'; words: string[]; proposal: ScaleProposal };

/** The settings sheet's rows as text (formulas as their values), trailing blanks left out. */
export function settingsRows(snapshot: WorkbookSnapshot): string[][] {
  const sheet = snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
  if (!sheet) return [];
  const rows = sheet.cells.map((line) => {
    const texts = line.map(displayText);
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    return texts;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/**
 * Whether two keys name one setting: without case or repeated spaces, and a column's heading
 * as §2.2 matches headings ("column:R A G" is "column:RAG").
 */
export function sameSettingKey(a: string, b: string): boolean {
  const norm = (key: string): string => {
    const flat = key.trim().replace(/\s+/g, ' ');
    const colon = flat.indexOf(':');
    const head = (colon >= 0 ? flat.slice(0, colon) : flat).toLowerCase();
    const rest = colon >= 0 ? flat.slice(colon + 1).trim() : null;
    if (rest === null) return head;
    return `${head}:${head === 'column' ? headerKey(rest) : rest.toLowerCase()}`;
  };
  return norm(a) === norm(b);
}

interface Row {
  cells: string[];
  changed: boolean;
}

const keyOf = (row: Row): string => row.cells[0] ?? '';
const valueOf = (row: Row): string => row.cells[1] ?? '';

/**
 * The settings rows after `changes`, and the plan that writes them: checked as analyse()
 * checks the settings, refusing any problem on a row this change writes. Problems on rows it
 * leaves as they were are the board's to see (check reports them); they do not block it.
 */
export function editSettings(
  snapshot: WorkbookSnapshot,
  analysis: Analysis,
  changes: SettingsChanges,
  today: Date,
): SettingsEditResult {
  const rows: Row[] = settingsRows(snapshot).map((cells) => ({ cells, changed: false }));
  const done: SettingsChange[] = [];
  let sets = [...changes.set];
  let proposal: ScaleProposal | undefined;

  const notes: string[] = [];
  const proposed = changes.scaleFromValues ? proposeScale(analysis) : undefined;
  // The board's words already its scale: nothing to do, said as such (not a refusal).
  if (proposed && !('proposal' in proposed) && proposed.reason === 'on-scale')
    notes.push(
      `Most status values (${proposed.filled - proposed.invalid} of ${proposed.filled}) are on the board's scale already: there is no other scale to propose.`,
    );
  else if (proposed) {
    if (!('proposal' in proposed)) return { ok: false, reason: 'no-proposal', why: proposed };
    proposal = proposed.proposal;
    // `status:<word>` = `<class>`: the board says what a word of the proposal means.
    const classes: Record<string, StatusClass> = {};
    const notClasses: Array<{ cell: string; key: string; message: string }> = [];
    sets = sets.filter(([key, value]) => {
      const word = /^\s*status\s*:(.*)$/i.exec(key)?.[1]?.trim();
      if (word === undefined || !isProposedWord(proposal as ScaleProposal, word) || value.includes(';')) return true;
      const cls = value.trim().toLowerCase();
      if ((STATUS_CLASSES as readonly string[]).includes(cls)) classes[word] = cls as StatusClass;
      else
        notClasses.push({
          cell: '',
          key,
          message: `"${value.trim()}" is not a class; say one of ${STATUS_CLASSES.join(', ')}.`,
        });
      return false;
    });
    if (notClasses.length > 0) return { ok: false, reason: 'invalid', problems: notClasses };
    const { statuses, unclassified } = proposedStatuses(proposal, classes);
    if (unclassified.length > 0) return { ok: false, reason: 'unclassified', words: unclassified, proposal };
    const isScaleRow = (row: Row): boolean => sameSettingKey(keyOf(row), 'scale') || /^\s*status\s*:/i.test(keyOf(row));
    const at = rows.findIndex(isScaleRow);
    const old = rows.filter(isScaleRow);
    const fresh: Row[] = [['scale', 'custom'] as [string, string], ...statuses.map(statusRow)].map(([key, value]) => ({
      cells: [key, value],
      changed: true,
    }));
    const kept = rows.filter((row) => !isScaleRow(row));
    rows.splice(
      0,
      rows.length,
      ...kept.slice(0, at < 0 ? kept.length : at),
      ...fresh,
      ...kept.slice(at < 0 ? kept.length : at),
    );
    for (const row of old)
      if (!fresh.some((f) => sameSettingKey(keyOf(f), keyOf(row))))
        done.push({ kind: 'unset', key: keyOf(row), was: valueOf(row) });
    for (const row of fresh) {
      const was = old.find((o) => sameSettingKey(keyOf(o), keyOf(row)));
      done.push({ kind: 'set', key: keyOf(row), value: valueOf(row), ...(was ? { was: valueOf(was) } : {}) });
    }
  }

  for (const key of changes.unset) {
    const gone = rows.filter((row) => sameSettingKey(keyOf(row), key));
    // Already not there: nothing to do for it, and said.
    if (gone.length === 0) notes.push(`There is no setting "${key}" to unset.`);
    for (const row of gone) {
      rows.splice(rows.indexOf(row), 1);
      done.push({ kind: 'unset', key: keyOf(row), was: valueOf(row) });
    }
  }

  for (const [rawKey, value] of sets) {
    const key = rawKey.trim();
    const same = rows.filter((row) => sameSettingKey(keyOf(row), key));
    const [first, ...later] = same;
    for (const row of later) rows.splice(rows.indexOf(row), 1);
    if (first) {
      const was = valueOf(first);
      // The key as the board wrote it stays (its case, its heading's words); the value is the new one.
      first.cells = [keyOf(first), value, ...first.cells.slice(2)];
      first.changed = true;
      done.push({ kind: 'set', key: keyOf(first), value, was });
    } else {
      rows.push({ cells: [key, value], changed: true });
      done.push({ kind: 'set', key, value });
    }
  }

  const texts = rows.map((row) => row.cells);
  const plan = settingsPlan(snapshot, texts, done);
  // Checked as the workbook will read them: the settings alone, and against the sheets (an overview name).
  const after = analyse(predictSnapshot(snapshot, plan), { today });
  // Problems of rows this change writes, and any it makes elsewhere (unsetting the last status
  // of a custom scale makes the scale row unusable); the board's older ones are left to it.
  const problemsOf = (of: Analysis): Issue[] =>
    of.issues.filter((issue) => issue.code === 'settings-invalid' && issue.sheet === SETTINGS_SHEET);
  const before = new Set(problemsOf(analysis).map((issue) => issue.message));
  const problems = problemsOf(after)
    .map((issue) => ({ issue, row: rows[parseAddress(issue.cell).row] }))
    .filter(({ issue, row }) => row?.changed || !before.has(issue.message))
    .map(({ issue, row }) => ({ cell: issue.cell, key: row ? keyOf(row) : '', message: issue.message }));
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  return { ok: true, rows: texts, changes: done, plan, notes, ...(proposal ? { proposal } : {}) };
}

/**
 * The plan that writes the settings sheet as these rows (the very hidden sheet, added at the
 * end if there is none). Empty when they are what the sheet holds. A settings sheet with a
 * formula is refused: the rows are written as values, and the formula would be lost.
 */
export function settingsPlan(snapshot: WorkbookSnapshot, rows: string[][], changes: SettingsChange[] = []): Plan {
  const same =
    JSON.stringify(settingsRows(snapshot)) ===
    JSON.stringify(
      rows.map((r) => {
        const copy = [...r];
        while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
        return copy;
      }),
    );
  if (same) return { description: 'Nothing to change: the settings are already so.', edits: [] };
  const sheet = snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
  const formula = Object.keys(sheet?.formulas ?? {})[0];
  if (formula !== undefined) {
    const [row, col] = formula.split(',').map(Number);
    throw new PlanRefusal(
      `${SETTINGS_SHEET}!${address(row, col)} holds a formula; Proforma writes the settings as values, which would lose it. Replace the formula by its value in Excel, then try again; nothing was written.`,
    );
  }
  const sets = changes.filter((c) => c.kind === 'set').length;
  const unsets = changes.length - sets;
  const what = [
    sets > 0 ? `${sets} setting${sets === 1 ? '' : 's'} written` : '',
    unsets > 0 ? `${unsets} removed` : '',
  ].filter(Boolean);
  return {
    description: `Settings saved in the workbook${what.length > 0 ? ` (${what.join(', ')})` : ''}.`,
    edits: [{ kind: 'record-sheet', name: SETTINGS_SHEET, rows }],
  };
}
