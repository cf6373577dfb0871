// Action identity (SPEC §7.1): which action of one copy of a plan is which action
// of another — a partner's return against the plan (§7), this quarter's plan against
// last quarter's or a recorded baseline (§8). An action is the same action when it
// is on the same theme sheet (by name) and has the same ref in normal form; where a
// sheet has no ref column, or a ref is missing or shared, by its action text (case,
// spaces and line breaks ignored). A row whose ref and action text both changed is
// not matched, and says so: unmatched rows are said, never guessed.
//
// Records are plain data ({ sheet, ref, text, row? }), so what a return or a
// baseline recorded matches without a snapshot of the workbook it came from.
import { withoutInvisible } from './invisible';
import type { WorkbookModel } from './model';
import { RefScheme, normalIn, readRef } from './refs';
import { CellValue, EMPTY, address, cellAt, displayText, isEmpty } from './snapshot';

/** An action as one copy of a plan has it: its theme sheet's name, its ref (any form, null when none), its action text. */
export interface ActionRecord {
  sheet: string;
  ref: string | null;
  text: string;
  /** Its row on the sheet (0-based), where the record comes from a workbook. */
  row?: number;
}

/** What tells an action apart within its copy of the plan. */
export interface ActionIdentity {
  sheet: string;
  /** 'ref' where its ref is on no other action row of the sheet; else 'text' (no ref column, no ref, or a shared ref). */
  by: 'ref' | 'text';
  /** The ref as compared (its normal form), or null. */
  ref: string | null;
  /** The action text as compared: trimmed, case, spaces and line breaks ignored. */
  text: string;
}

/** An action row of a plan: its record, where its action text is, and its identity. */
export interface PlanAction extends ActionRecord {
  row: number;
  /** The cell of its action text, e.g. "C5". */
  cell: string;
  identity: ActionIdentity;
}

/**
 * How a pair was matched: by a ref on one row each side, by a shared ref and the action text, or by
 * the text alone (SPEC §7.1's identity); 'order': rows neither ref nor text tell apart, paired in
 * the order they stand (only when asked for: MatchOptions.pairRepeats); 'shared-ref': the one row
 * left each side under a ref on several rows, its action text edited. §7.1 does not match that
 * row (a shared ref tells its rows apart only by their text): a comparison of quarters (§8) may
 * take it as the same action edited; a merge must not write to it, and says why.
 */
export type MatchedBy = 'ref' | 'ref-and-text' | 'text' | 'order' | 'shared-ref';

export interface MatchOptions {
  /**
   * Rows that neither ref nor action text tell apart (a repeated row: the same ref and text, or
   * neither), as many on each side, are paired in the order they stand — the first with the
   * first — rather than left unmatched. For comparing a plan with an earlier copy (SPEC §8), where
   * such rows would otherwise be "new" and "removed" every quarter; never for writing (a merge).
   */
  pairRepeats?: boolean;
}

export interface ActionMatch<A extends ActionRecord, B extends ActionRecord> {
  ours: A;
  theirs: B;
  by: MatchedBy;
  /** The ref differs (in normal form): matched by its action text. */
  refChanged: boolean;
  /** The action text differs (as compared): matched by its ref. */
  textChanged: boolean;
}

/**
 * Why a row could not be matched. not-found: no row of the other copy has its ref or its
 * action text (added or removed, or both changed); ambiguous: its ref does not tell (none,
 * or shared) and its action text matches several rows; no-identity: neither ref nor text.
 */
export type UnmatchedReason = 'not-found' | 'ambiguous' | 'no-identity';

export interface Unmatched<T extends ActionRecord> {
  record: T;
  reason: UnmatchedReason;
  /** Why, as a sentence ("Its ref PE4 is not in the other copy, and no row there has its action text: …"). */
  message: string;
}

export interface ActionMatching<A extends ActionRecord, B extends ActionRecord> {
  /** Pairs, in the order of `ours`. */
  matched: Array<ActionMatch<A, B>>;
  /** Rows of `ours` with no partner in `theirs`, in their order. */
  onlyOurs: Array<Unmatched<A>>;
  /** Rows of `theirs` with no partner in `ours`, in their order. */
  onlyTheirs: Array<Unmatched<B>>;
}

function refOfValue(value: CellValue, scheme?: RefScheme): string | null {
  if (isEmpty(value)) return null;
  const reading = readRef(value);
  const normal = (scheme ? normalIn(reading, scheme) : null) ?? reading.normal ?? reading.code;
  return normal ?? (displayText(value).trim() || null);
}

/** A ref as identity compares it: its normal form (PE3, 1.5, ESU01_C), else its trimmed text; null when empty. */
export function refKey(ref: string | null | undefined): string | null {
  return ref === null || ref === undefined ? null : refOfValue({ kind: 'text', text: ref });
}

/** Action text as identity compares it: case, spaces and line breaks ignored. */
export function textKey(text: string): string {
  return withoutInvisible(text).toLowerCase().replace(/\s+/g, '');
}

const sheetRefKey = (sheet: string, ref: string): string => `${sheet}\u0000${ref}`;

/** Each record's identity within its copy of the plan (the whole copy: a ref on two rows identifies neither). */
export function identify(records: readonly ActionRecord[]): ActionIdentity[] {
  const keys = records.map((r) => refKey(r.ref));
  const counts = new Map<string, number>();
  keys.forEach((ref, i) => {
    if (ref !== null)
      counts.set(sheetRefKey(records[i].sheet, ref), (counts.get(sheetRefKey(records[i].sheet, ref)) ?? 0) + 1);
  });
  return records.map((record, i) => {
    const ref = keys[i];
    const unique = ref !== null && counts.get(sheetRefKey(record.sheet, ref)) === 1;
    return { sheet: record.sheet, by: unique ? 'ref' : 'text', ref, text: textKey(record.text) };
  });
}

/**
 * Every action row of an analysed plan, in workbook order, with its identity. Its ref is
 * the ref of the group it belongs to (a priority's first row holds it) in the workbook's
 * scheme's normal form; null where the sheet has no ref column or the group has no ref.
 */
export function planActions(model: WorkbookModel): PlanAction[] {
  const records = model.themes.flatMap((theme) => {
    const { sheet, columns, groups, actions } = theme.layout;
    return actions.map(({ row, group }) => ({
      sheet: theme.name,
      ref: refOfValue(columns.ref === undefined ? EMPTY : (groups[group]?.ref ?? EMPTY), model.scheme),
      text: displayText(cellAt(sheet, row, columns.actions)).trim(),
      row,
      cell: address(row, columns.actions),
    }));
  });
  const identities = identify(records);
  return records.map((record, i) => ({ ...record, identity: identities[i] }));
}

interface Side<T extends ActionRecord> {
  records: readonly T[];
  refs: Array<string | null>;
  texts: string[];
  /** Indexes of the rows not matched yet. */
  open: Set<number>;
}

/** Each record's ref and text as compared, worked out once for the whole copy (not once a sheet). */
function keysOf(records: readonly ActionRecord[]): { refs: Array<string | null>; texts: string[] } {
  return { refs: records.map((r) => refKey(r.ref)), texts: records.map((r) => textKey(r.text)) };
}

function countBy(indexes: Iterable<number>, key: (i: number) => string | null): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const i of indexes) {
    const k = key(i);
    if (k === null || k === '') continue;
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

/** Indexes by key, in order (every key, the empty one too). */
function groupBy(indexes: Iterable<number>, key: (i: number) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const i of indexes) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

/**
 * Matches the actions of two copies of a plan (or a plan and stored records), sheet by
 * sheet. First a ref on one row each side: the same action, whatever its text now. Then
 * a ref on several rows (a priority's actions, or a duplicate): the rows under it whose
 * action text is on one row each side, and then the one row left each side, its text
 * edited ('shared-ref': not §7.1's identity, see MatchedBy). Then the action text alone among the rows left (no ref column, no ref, a ref
 * renumbered): a text on one row each side. Everything else is unmatched, with why (unless
 * `pairRepeats` pairs rows alike in both, in order).
 */
export function matchActions<A extends ActionRecord, B extends ActionRecord>(
  ours: readonly A[],
  theirs: readonly B[],
  options: MatchOptions = {},
): ActionMatching<A, B> {
  const pairs: Array<{ o: number; t: number; by: MatchedBy }> = [];
  const onlyOurs: Array<Unmatched<A>> = [];
  const onlyTheirs: Array<Unmatched<B>> = [];
  const sheets = [...new Set([...ours.map((r) => r.sheet), ...theirs.map((r) => r.sheet)])];
  const keysO = keysOf(ours);
  const keysT = keysOf(theirs);
  const rowsO = groupBy(ours.keys(), (i) => ours[i].sheet);
  const rowsT = groupBy(theirs.keys(), (i) => theirs[i].sheet);
  const unmatched: { o: Map<number, Unmatched<A>>; t: Map<number, Unmatched<B>> } = { o: new Map(), t: new Map() };

  for (const sheet of sheets) {
    const O: Side<A> = { records: ours, ...keysO, open: new Set(rowsO.get(sheet)) };
    const T: Side<B> = { records: theirs, ...keysT, open: new Set(rowsT.get(sheet)) };
    // Every ref of the sheet on each side, matched or not (for saying why a row was not).
    const sheetRefsO = new Set((rowsO.get(sheet) ?? []).map((i) => keysO.refs[i]));
    const sheetRefsT = new Set((rowsT.get(sheet) ?? []).map((i) => keysT.refs[i]));
    const pair = (o: number, t: number, by: MatchedBy): void => {
      pairs.push({ o, t, by });
      O.open.delete(o);
      T.open.delete(t);
    };
    const refsO = countBy(O.open, (i) => O.refs[i]);
    const refsT = countBy(T.open, (i) => T.refs[i]);

    for (const [ref, os] of refsO) {
      const ts = refsT.get(ref);
      if (!ts) continue;
      if (os.length === 1 && ts.length === 1) {
        pair(os[0], ts[0], 'ref');
        continue;
      }
      // A shared ref: its rows by their action text, one each side.
      const textsO = countBy(os, (i) => O.texts[i]);
      const textsT = countBy(ts, (i) => T.texts[i]);
      for (const [text, o] of textsO) {
        const t = textsT.get(text);
        if (o.length === 1 && t?.length === 1) pair(o[0], t[0], 'ref-and-text');
      }
      const leftO = os.filter((i) => O.open.has(i));
      const leftT = ts.filter((i) => T.open.has(i));
      if (leftO.length === 1 && leftT.length === 1) pair(leftO[0], leftT[0], 'shared-ref');
    }

    // The action text alone, among the rows left.
    const textsO = countBy(O.open, (i) => O.texts[i]);
    const textsT = countBy(T.open, (i) => T.texts[i]);
    for (const [text, o] of textsO) {
      const t = textsT.get(text);
      if (o.length === 1 && t?.length === 1) pair(o[0], t[0], 'text');
    }

    if (options.pairRepeats) {
      // Rows alike in ref and text, as many each side: in the order they stand.
      const alike = (side: Side<ActionRecord>) => (i: number) => `${side.refs[i] ?? ''}\u0000${side.texts[i]}`;
      const repeatsO = groupBy(O.open, alike(O));
      const repeatsT = groupBy(T.open, alike(T));
      for (const [key, os] of repeatsO) {
        const ts = repeatsT.get(key);
        if (ts?.length === os.length) os.forEach((o, k) => pair(o, ts[k], 'order'));
      }
    }

    const openTextsO = groupBy(O.open, (i) => O.texts[i]);
    const openTextsT = groupBy(T.open, (i) => T.texts[i]);
    for (const o of O.open)
      unmatched.o.set(
        o,
        why(o, O, { ownRefs: refsO, ownTexts: openTextsO, otherTexts: openTextsT, otherRefs: sheetRefsT }),
      );
    for (const t of T.open)
      unmatched.t.set(
        t,
        why(t, T, { ownRefs: refsT, ownTexts: openTextsT, otherTexts: openTextsO, otherRefs: sheetRefsO }),
      );
  }

  pairs.sort((a, b) => a.o - b.o);
  const matched = pairs.map(({ o, t, by }) => ({
    ours: ours[o],
    theirs: theirs[t],
    by,
    refChanged: keysO.refs[o] !== keysT.refs[t],
    textChanged: keysO.texts[o] !== keysT.texts[t],
  }));
  for (let i = 0; i < ours.length; i++) {
    const u = unmatched.o.get(i);
    if (u) onlyOurs.push(u);
  }
  for (let i = 0; i < theirs.length; i++) {
    const u = unmatched.t.get(i);
    if (u) onlyTheirs.push(u);
  }
  return { matched, onlyOurs, onlyTheirs };
}

/** What is known of one sheet, once its rows are matched, for saying why a row was not. */
interface WhyContext {
  /** The own side's rows by ref (the sheet's rows as matching began). */
  ownRefs: Map<string, number[]>;
  /** Each side's rows left unmatched, by action text. */
  ownTexts: Map<string, number[]>;
  otherTexts: Map<string, number[]>;
  /** Every ref of the sheet on the other side. */
  otherRefs: Set<string | null>;
}

/** Why row `i` of `own` found no partner in the other copy (the rows of one sheet). */
function why<T extends ActionRecord>(i: number, own: Side<T>, context: WhyContext): Unmatched<T> {
  const record = own.records[i];
  const ref = own.refs[i];
  const text = own.texts[i];
  if (ref === null && text === '')
    return {
      record,
      reason: 'no-identity',
      message: 'It has neither a ref nor action text, so it cannot be told apart.',
    };
  const otherHasRef = ref !== null && context.otherRefs.has(ref);
  const refNote =
    ref === null
      ? 'It has no ref'
      : (context.ownRefs.get(ref)?.length ?? 0) > 1
        ? `Its ref ${ref} is on several rows`
        : otherHasRef
          ? `Its ref ${ref} is on several rows of the other copy`
          : `Its ref ${ref} is not in the other copy`;
  if (text === '') return { record, reason: 'not-found', message: `${refNote}, and it has no action text.` };
  const several = (context.ownTexts.get(text)?.length ?? 0) > 1 || (context.otherTexts.get(text)?.length ?? 0) > 1;
  if (several) return { record, reason: 'ambiguous', message: `${refNote}, and its action text matches several rows.` };
  const both = ref !== null && !otherHasRef ? ': it was added or removed, or its ref and action text both changed' : '';
  return {
    record,
    reason: 'not-found',
    message: `${refNote}, and no row of the other copy has its action text${both || ': it was added or removed, or its action text changed'}.`,
  };
}
