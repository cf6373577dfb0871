// Merging partners' returns (SPEC §7.3): every row of the merge table, returns
// combined, identity columns never merged, rows added and missing, returns without
// a record, values keeping their type, and merging twice. Packs are made as the
// hosts make them (packPlan), read back as a fresh read would (predictSnapshot).
import { analyse } from './analyse';
import { ListedCell, MergeOptions, REASONS, mergeNeedsAttention, mergeReturns } from './merge';
import { packPlan } from './packs';
import { findPartner, partnersOf } from './partners';
import { predictSnapshot } from './predict';
import { RETURN_SHEET } from './returns';
import { CellValue, WorkbookSnapshot, parseAddress } from './snapshot';
import { Raw, TODAY, action, sheet, themeSheet, toValue, workbook } from '../../tests/fixtures/snapshots';

const PLAN = 'Board plan 2026.xlsx';

/** Three actions: PE1 the police's, PE2 probation's, PE3 both's. Rows 3-5; F is the status, G the update. */
function planSnapshot(): WorkbookSnapshot {
  return workbook(
    themeSheet('Prevention', [
      action('PE1', 'G', { actions: 'Offer triage', lead: 'Police', evidence: 'Triage in place' }),
      action('PE2', 'A', { actions: 'Family hub', lead: 'Probation Service', evidence: 'Recruiting' }),
      action('PE3', 'R', { actions: 'Court liaison', lead: 'Police / Probation Service', evidence: '' }),
    ]),
  );
}

const model = (snapshot: WorkbookSnapshot) => analyse(snapshot, { today: TODAY });

function packOf(snapshot: WorkbookSnapshot, lead: string): WorkbookSnapshot {
  const analysis = model(snapshot);
  const partner = findPartner(partnersOf(analysis).partners, lead, analysis.settings);
  if (!partner) throw new Error(`no partner ${lead}`);
  return predictSnapshot(snapshot, packPlan(analysis, partner, { planFile: PLAN, now: TODAY }));
}

/** A copy of the workbook with cells set as a partner types them ("Prevention!F3"). */
function edited(snapshot: WorkbookSnapshot, changes: Record<string, Raw>): WorkbookSnapshot {
  const copy: WorkbookSnapshot = structuredClone(snapshot);
  for (const [where, raw] of Object.entries(changes)) {
    const [name, a1] = where.split('!');
    const target = copy.sheets.find((s) => s.name === name);
    if (!target) throw new Error(`no sheet ${name}`);
    const { row, col } = parseAddress(a1);
    while (target.cells.length <= row) target.cells.push([]);
    while (target.cells[row].length <= col) target.cells[row].push({ kind: 'empty' });
    target.cells[row][col] = toValue(raw);
  }
  return copy;
}

function merge(plan: WorkbookSnapshot, returns: WorkbookSnapshot[], options: MergeOptions = {}) {
  return mergeReturns(
    { snapshot: plan, model: model(plan) },
    returns.map((snapshot, i) => ({ file: `return ${i + 1}.xlsx`, snapshot, model: model(snapshot) })),
    options,
  );
}

const show = (v: CellValue | null) =>
  v === null ? null : v.kind === 'text' ? v.text : v.kind === 'empty' ? '' : JSON.stringify(v);
const cells = (list: ListedCell[]) => list.map((c) => [c.cell, show(c.plan), show(c.return), show(c.base), c.reason]);
const written = (result: ReturnType<typeof merge>) =>
  result.plan.edits.map((e) => (e.kind === 'set-value' ? [`${e.sheet}!${e.row},${e.col}`, e.value] : e.kind));

describe('the merge table', () => {
  const plan = planSnapshot();
  const police = packOf(plan, 'Police');

  test('theirs = base: nothing to do, nothing listed, nothing written', () => {
    const result = merge(plan, [police]);
    expect(result.returns[0]).toMatchObject({
      partner: 'Police',
      sent: '2026-11-20',
      refusedWhole: null,
      applied: [],
      alreadyThere: [],
      conflicts: [],
      refused: [],
      unmatched: [],
      newRows: [],
    });
    expect(result.plan).toEqual({ description: 'Nothing new to merge.', edits: [] });
    expect(mergeNeedsAttention(result)).toBe(false);
  });

  test('theirs ≠ base, ours = base: applied, expecting the plan’s cell as read', () => {
    const result = merge(plan, [
      edited(police, { 'Prevention!F3': 'A', 'Prevention!G3': 'Triage paused in one suite' }),
    ]);
    expect(cells(result.returns[0].applied)).toEqual([
      ['F3', 'G', 'A', 'G', REASONS.changed],
      ['G3', 'Triage in place', 'Triage paused in one suite', 'Triage in place', REASONS.changed],
    ]);
    expect(result.plan.edits).toEqual([
      { kind: 'set-value', sheet: 'Prevention', row: 2, col: 5, expect: toValue('G'), value: toValue('A') },
      {
        kind: 'set-value',
        sheet: 'Prevention',
        row: 2,
        col: 6,
        expect: toValue('Triage in place'),
        value: toValue('Triage paused in one suite'),
      },
    ]);
    expect(result.plan.description).toBe('Merged 2 cells from the return.');
    expect(mergeNeedsAttention(result)).toBe(false);
  });

  test('theirs ≠ base, ours = theirs: already there, not written again', () => {
    const now = edited(plan, { 'Prevention!F3': 'A' });
    const result = merge(now, [edited(police, { 'Prevention!F3': 'A' })]);
    expect(result.returns[0].alreadyThere.map((c) => c.cell)).toEqual(['F3']);
    expect(result.returns[0].applied).toEqual([]);
    expect(result.plan.edits).toEqual([]);
  });

  test('theirs ≠ base, ours ≠ base, ours ≠ theirs: a conflict with the plan, return and base values, not applied', () => {
    const now = edited(plan, { 'Prevention!F3': 'R' });
    const result = merge(now, [edited(police, { 'Prevention!F3': 'A' })]);
    expect(cells(result.returns[0].conflicts)).toEqual([['F3', 'R', 'A', 'G', REASONS.changedInPlan]]);
    expect(result.returns[0].conflicts[0]).toMatchObject({ sheet: 'Prevention', ref: 'PE1', column: 'RAG' });
    expect(result.plan.edits).toEqual([]);
    expect(mergeNeedsAttention(result)).toBe(true);
  });

  test('a change in a row the partner does not lead: refused, saying whose row it is', () => {
    const result = merge(plan, [edited(police, { 'Prevention!F4': 'G', 'Prevention!G4': 'Hub open' })]);
    expect(cells(result.returns[0].refused)).toEqual([
      ['F4', 'A', 'G', 'A', 'led by Probation Service'],
      ['G4', 'Recruiting', 'Hub open', 'Recruiting', 'led by Probation Service'],
    ]);
    expect(result.plan.edits).toEqual([]);
  });

  test('a row led by several partners is each of theirs: either may update it', () => {
    const probation = packOf(plan, 'probation service');
    const result = merge(plan, [
      edited(police, { 'Prevention!G5': 'Liaison agreed' }),
      edited(probation, { 'Prevention!F5': 'A' }),
    ]);
    expect(cells(result.returns[0].applied)).toEqual([['G5', '', 'Liaison agreed', '', REASONS.changed]]);
    expect(cells(result.returns[1].applied)).toEqual([['F5', 'R', 'A', 'R', REASONS.changed]]);
    expect(result.returns[1].partner).toBe('Probation Service');
  });
});

describe('returns combined', () => {
  const plan = planSnapshot();
  const police = packOf(plan, 'Police');
  const probation = packOf(plan, 'Probation Service');

  test('two returns changing one cell alike: applied once, the second already there', () => {
    const result = merge(plan, [edited(police, { 'Prevention!F5': 'A' }), edited(probation, { 'Prevention!F5': 'A' })]);
    expect(result.returns[0].applied.map((c) => c.cell)).toEqual(['F5']);
    expect(result.returns[1].alreadyThere.map((c) => c.cell)).toEqual(['F5']);
    expect(written(result)).toEqual([['Prevention!4,5', toValue('A')]]);
  });

  test('two returns changing one cell differently: a conflict between them, neither applied', () => {
    const result = merge(plan, [edited(police, { 'Prevention!F5': 'A' }), edited(probation, { 'Prevention!F5': 'G' })]);
    // Each names the other return and what it holds.
    expect(cells(result.returns[0].conflicts)).toEqual([
      ['F5', 'R', 'A', 'R', `${REASONS.otherReturn} (return 2.xlsx: "G")`],
    ]);
    expect(cells(result.returns[1].conflicts)).toEqual([
      ['F5', 'R', 'G', 'R', `${REASONS.otherReturn} (return 1.xlsx: "A")`],
    ]);
    expect(result.plan.edits).toEqual([]);
  });

  test('a choice settles a conflict: the chosen return’s value is written, once', () => {
    const returns = [edited(police, { 'Prevention!F5': 'A' }), edited(probation, { 'Prevention!F5': 'G' })];
    const result = mergeReturns(
      { snapshot: plan, model: model(plan) },
      returns.map((snapshot, i) => ({ file: `r${i}`, snapshot, model: model(snapshot) })),
      {},
      new Map([['Prevention!F5', 1]]),
    );
    expect(written(result)).toEqual([['Prevention!4,5', toValue('G')]]);
    // Still listed: the report says what was settled.
    expect(result.returns[1].conflicts.map((c) => c.cell)).toEqual(['F5']);
  });
});

describe('identity and rows', () => {
  const plan = planSnapshot();
  const police = packOf(plan, 'Police');

  test('an identity column changed (action text, ref, priority): listed, never merged', () => {
    const result = merge(plan, [
      edited(police, { 'Prevention!C3': 'Offer triage to all', 'Prevention!B5': 'A new priority' }),
    ]);
    expect(cells(result.returns[0].refused)).toEqual([
      ['C3', 'Offer triage', 'Offer triage to all', 'Offer triage', REASONS.identity],
      ['B5', 'Priority PE3', 'A new priority', 'Priority PE3', REASONS.identity],
    ]);
    expect(result.plan.edits).toEqual([]);
  });

  test('a renumbered ref is followed by the action text and listed as an identity change', () => {
    const result = merge(plan, [edited(police, { 'Prevention!A3': 'PE9', 'Prevention!F3': 'A' })]);
    expect(cells(result.returns[0].refused)).toEqual([['A3', 'PE1', 'PE9', 'PE1', REASONS.identity]]);
    expect(result.returns[0].applied.map((c) => c.cell)).toEqual(['F3']);
  });

  test('rows added, rows missing and rows whose ref and text both changed are listed, never added or deleted', () => {
    const returned = edited(police, {
      // A new action below the table.
      'Prevention!A6': 'PE4',
      'Prevention!C6': 'Mentoring scheme',
      'Prevention!D6': 'Police',
      'Prevention!F6': 'G',
      // PE3 deleted.
      'Prevention!A5': null,
      'Prevention!B5': null,
      'Prevention!C5': null,
      'Prevention!D5': null,
      'Prevention!F5': null,
    });
    const result = merge(plan, [returned]);
    const report = result.returns[0];
    expect(report.newRows).toEqual([
      { sheet: 'Prevention', cell: 'C6', ref: 'PE4', action: 'Mentoring scheme', reason: 'Added in the return.' },
    ]);
    expect(report.unmatched.map((r) => [r.cell, r.ref, r.action])).toEqual([['C5', 'PE3', 'Court liaison']]);
    // identity's sentence joined after a colon: no stray capital.
    expect(report.unmatched[0].reason).toMatch(/^Not found in the return: its ref PE3 is not in the other copy/);
    expect(result.plan.edits).toEqual([]);
    expect(mergeNeedsAttention(result)).toBe(true);
  });

  test('a plan row added since the pack was sent is listed as not in it', () => {
    const grown = workbook(
      themeSheet('Prevention', [
        ...planSnapshot()
          .sheets[0].cells.slice(2)
          .map((row) => row.map((v) => (v.kind === 'text' ? v.text : null))),
        action('PE4', 'G', { actions: 'Mentoring', lead: 'Police' }),
      ]),
    );
    const result = merge(grown, [police]);
    expect(result.returns[0].unmatched.map((r) => [r.cell, r.ref])).toEqual([['C6', 'PE4']]);
  });

  test('a return whose record names another plan is refused whole', () => {
    const other = packOf(workbook(themeSheet('Other', [action('X1', 'G', { actions: 'Something else' })])), 'Police');
    const result = merge(plan, [edited(other, { 'Other!F3': 'R' })]);
    expect(result.returns[0].refusedWhole).toBe(
      'It was not merged: its record names another plan ("Board plan 2026.xlsx"), with no action in common with this one.',
    );
    expect(result.returns[0].applied).toEqual([]);
    expect(result.plan.edits).toEqual([]);
  });

  test('a record sheet that is not Proforma’s is refused whole, found by its name whatever its state', () => {
    const forged = structuredClone(police);
    const record = forged.sheets.find((s) => s.name === RETURN_SHEET);
    if (!record) throw new Error('no record');
    record.visibility = 'hidden';
    record.cells[0][1] = toValue('7');
    expect(merge(plan, [forged]).returns[0].refusedWhole).toBe(
      'It was not merged: its sheet ProformaReturn is not a record Proforma wrote (version 7).',
    );
  });
});

describe('a return without a record (any other copy of the plan)', () => {
  const plan = edited(planSnapshot(), { 'Prevention!G5': null });

  test('a cell that differs is applied where the plan’s is empty, else a conflict with no base', () => {
    const copy = edited(plan, { 'Prevention!G5': 'Liaison agreed', 'Prevention!F4': 'G' });
    const result = merge(plan, [copy]);
    const report = result.returns[0];
    expect([report.partner, report.sent]).toEqual([null, null]);
    expect(cells(report.applied)).toEqual([['G5', '', 'Liaison agreed', null, REASONS.wasEmpty]]);
    expect(cells(report.conflicts)).toEqual([['F4', 'A', 'G', null, REASONS.noRecord]]);
    expect(written(result)).toEqual([['Prevention!4,6', toValue('Liaison agreed')]]);
  });

  test('--prefer-returns settles the cells with no base, and is never a change of another partner refused', () => {
    const copy = edited(plan, { 'Prevention!G5': 'Liaison agreed', 'Prevention!F4': 'G' });
    const result = merge(plan, [copy], { preferReturns: true });
    expect(cells(result.returns[0].applied)).toEqual([
      ['F4', 'A', 'G', null, REASONS.preferred],
      ['G5', '', 'Liaison agreed', null, REASONS.wasEmpty],
    ]);
    expect(result.returns[0].conflicts).toEqual([]);
  });

  test('--prefer-returns never settles a conflict with a base', () => {
    const now = edited(plan, { 'Prevention!F3': 'R' });
    const result = merge(now, [edited(packOf(plan, 'Police'), { 'Prevention!F3': 'A' })], { preferReturns: true });
    expect(result.returns[0].conflicts.map((c) => c.reason)).toEqual([REASONS.changedInPlan]);
  });
});

describe('values keep their type', () => {
  /** A plan with a due date, a target number and a status per quarter. */
  const plan = workbook(
    sheet('Delivery', [
      ['Delivery plan'],
      ['Ref', 'Action', 'Lead', 'By when', 'Target', 'Q1 RAG', 'Q2 RAG', 'Update'],
      ['D1', 'Open the hub', 'Council', { date: '2027-03-31' }, 40, 'G', null, 'Opened'],
      ['D2', 'Train staff', 'Council', null, null, 'A', null, null],
    ]),
  );
  const pack = packOf(plan, 'Council');

  test('a date stays a date, a number a number, and text Excel would parse stays text', () => {
    const result = merge(plan, [
      edited(pack, {
        'Delivery!D3': { date: '2027-06-30' },
        'Delivery!E3': 45.5,
        'Delivery!H4': '12/03/2027',
        'Delivery!D4': '=HYPERLINK("x")',
        'Delivery!G3': 'A',
        'Delivery!G4': 'G',
      }),
    ]);
    expect(written(result)).toEqual([
      ['Delivery!2,3', toValue({ date: '2027-06-30' })],
      ['Delivery!2,4', { kind: 'number', value: 45.5 }],
      ['Delivery!2,6', toValue('A')],
      ['Delivery!3,3', { kind: 'text', text: '=HYPERLINK("x")' }],
      ['Delivery!3,6', toValue('G')],
      ['Delivery!3,7', { kind: 'text', text: '12/03/2027' }],
    ]);
    // Every period column is an update column, each under its own heading.
    expect(result.returns[0].applied.map((c) => `${c.cell} ${c.column}`)).toContain('G3 Q2 RAG');
  });

  test('a date and a number of the same serial are the same value (a program that re-saves may change the format)', () => {
    const serial = toValue({ date: '2027-03-31' }) as { serial: number };
    const result = merge(plan, [edited(pack, { 'Delivery!D3': serial.serial })]);
    expect(result.plan.edits).toEqual([]);
    expect(result.returns[0].applied).toEqual([]);
  });

  test('a number where the cell held a date is written as that date', () => {
    const serial = (toValue({ date: '2027-09-30' }) as { serial: number }).serial;
    const result = merge(plan, [edited(pack, { 'Delivery!D3': serial })]);
    expect(written(result)).toEqual([['Delivery!2,3', { kind: 'date', serial }]]);
  });

  test('an Excel error in the return is listed, never written', () => {
    const result = merge(plan, [edited(pack, { 'Delivery!E3': { error: '#REF!' } })]);
    expect(result.returns[0].refused.map((c) => [c.cell, c.reason])).toEqual([['E3', REASONS.error]]);
    expect(result.plan.edits).toEqual([]);
  });
});

describe('merging twice', () => {
  test('the same return again changes nothing, and the conflicts left are still listed', () => {
    const plan = edited(planSnapshot(), { 'Prevention!G3': 'Edited by the secretary' });
    const police = packOf(planSnapshot(), 'Police');
    const returned = edited(police, { 'Prevention!F3': 'A', 'Prevention!G3': 'Paused', 'Prevention!G5': 'Agreed' });
    const first = merge(plan, [returned]);
    expect(first.returns[0].applied.map((c) => c.cell)).toEqual(['F3', 'G5']);
    expect(first.returns[0].conflicts.map((c) => c.cell)).toEqual(['G3']);
    const merged = predictSnapshot(plan, first.plan);
    const second = merge(merged, [returned]);
    expect(second.plan.edits).toEqual([]);
    expect(second.returns[0].applied).toEqual([]);
    expect(second.returns[0].alreadyThere.map((c) => c.cell)).toEqual(['F3', 'G5']);
    expect(second.returns[0].conflicts.map((c) => c.cell)).toEqual(['G3']);
    expect(mergeNeedsAttention(second)).toBe(true);
  });
});

describe('partner settings join spellings', () => {
  test('a return from "Probation" may update a row led by "National Probation Service" when the settings join them', () => {
    const plan = workbook(
      themeSheet('Prevention', [action('PE1', 'G', { lead: 'National Probation Service', actions: 'Hub' })]),
      sheet('ProformaSettings', [['partner:Probation', 'National Probation Service, NPS']]),
    );
    const analysis = model(plan);
    expect(partnersOf(analysis).partners.map((p) => [p.name, p.spellings])).toEqual([
      ['Probation', ['National Probation Service']],
    ]);
    const pack = packOf(plan, 'NPS');
    const result = merge(plan, [edited(pack, { 'Prevention!F3': 'A' })]);
    expect(result.returns[0].partner).toBe('Probation');
    expect(result.returns[0].applied.map((c) => c.cell)).toEqual(['F3']);
  });
});

describe('statuses and terms compare by what they stand for on the scale', () => {
  /** The plan as sent: PE1's status spelt "Amber " (a board's own typing), a term column beside it. */
  const sent = workbook(
    sheet('Prevention', [
      ['Prevention'],
      ['Ref', 'Actions', 'Lead', 'Term', 'RAG', 'Progress update'],
      ['PE1', 'Offer triage', 'Police', 'Medium', 'Amber ', 'Started'],
      ['PE2', 'Family hub', 'Police', 'S', 'Red/Amber', 'Recruiting'],
    ]),
  );
  const police = packOf(sent, 'Police');
  /** The plan after `fix` tidied its spellings (E3 "Amber " → "A", D3 "Medium" → "M"). */
  const tidied = edited(sent, { 'Prevention!E3': 'A', 'Prevention!D3': 'M' });

  test('plan tidied since sent, return changed: the return’s status is applied, no conflict', () => {
    const result = merge(tidied, [edited(police, { 'Prevention!E3': 'G', 'Prevention!D3': 'L' })]);
    expect(cells(result.returns[0].applied)).toEqual([
      ['D3', 'M', 'L', 'Medium', REASONS.changed],
      ['E3', 'A', 'G', 'Amber ', REASONS.changed],
    ]);
    expect(result.returns[0].conflicts).toEqual([]);
    expect(written(result)).toEqual([
      ['Prevention!2,3', toValue('L')],
      ['Prevention!2,4', toValue('G')],
    ]);
  });

  test('plan tidied, return unchanged; or a return that only re-spells: no change either way', () => {
    for (const [plan, returned] of [
      [tidied, police],
      [sent, edited(police, { 'Prevention!E3': 'A', 'Prevention!D3': 'medium' })],
      [tidied, edited(police, { 'Prevention!E3': 'amber', 'Prevention!D3': 'M' })],
    ]) {
      const result = merge(plan, [returned]);
      expect(result.returns[0]).toMatchObject({ applied: [], alreadyThere: [], conflicts: [], refused: [] });
      expect(result.plan.edits).toEqual([]);
    }
  });

  test('plan and return both moved to one status, spelt differently: already there; to two: a conflict', () => {
    const already = merge(edited(sent, { 'Prevention!E3': 'G' }), [edited(police, { 'Prevention!E3': 'Green' })]);
    expect(already.returns[0].alreadyThere.map((c) => c.cell)).toEqual(['E3']);
    expect(already.plan.edits).toEqual([]);
    const conflict = merge(edited(sent, { 'Prevention!E3': 'R' }), [edited(police, { 'Prevention!E3': 'Green' })]);
    expect(cells(conflict.returns[0].conflicts)).toEqual([['E3', 'R', 'Green', 'Amber ', REASONS.changedInPlan]]);
  });

  test('two returns giving one status in two spellings are one change, applied once', () => {
    const result = merge(sent, [
      edited(police, { 'Prevention!E3': 'G' }),
      edited(police, { 'Prevention!E3': 'green' }),
    ]);
    expect(result.returns[0].applied.map((c) => c.cell)).toEqual(['E3']);
    expect(result.returns[1].alreadyThere.map((c) => c.cell)).toEqual(['E3']);
    expect(written(result)).toEqual([['Prevention!2,4', toValue('G')]]);
  });

  test('a value not on the scale compares as text, and carried forward is a change of term', () => {
    const result = merge(sent, [edited(police, { 'Prevention!E4': 'red/amber', 'Prevention!D4': 'S c/f' })]);
    expect(result.returns[0].applied.map((c) => c.cell)).toEqual(['D4', 'E4']);
  });

  test('a return without a record: the same status spelt differently is no difference', () => {
    const result = merge(tidied, [edited(sent, { 'Prevention!F3': 'Going well' })]);
    expect(result.returns[0].conflicts.map((c) => c.cell)).toEqual(['F3']);
    expect(result.returns[0].applied).toEqual([]);
  });
});

describe('a row whose identity changed since the pack was sent', () => {
  /** PE1 a priority of two actions (its ref on its first row), PE2 an action of its own. */
  const sent = workbook(
    themeSheet('Prevention', [
      action('PE1', 'G', { actions: 'Offer triage', lead: 'Police' }),
      action(null, 'A', { priority: null, actions: 'Review triage', lead: 'Police' }),
      action('PE2', 'R', { actions: 'Court liaison', lead: 'Police' }),
    ]),
  );
  const police = packOf(sent, 'Police');

  test('matched by its unique ref, its text changed in the plan: the update is applied and the row listed', () => {
    const plan = edited(sent, { 'Prevention!C5': 'Court liaison in both courts' });
    const result = merge(plan, [edited(police, { 'Prevention!F5': 'A' })]);
    const report = result.returns[0];
    expect(report.applied.map((c) => c.cell)).toEqual(['F5']);
    expect(report.identityChanged).toEqual([
      {
        sheet: 'Prevention',
        cell: 'C5',
        ref: 'PE2',
        action: 'Court liaison in both courts',
        reason:
          'Its action text changed in the plan since the pack was sent: "Court liaison" → "Court liaison in both courts". Matched by its ref, so the return’s changes to the row are merged as listed.',
      },
    ]);
    expect(mergeNeedsAttention(result)).toBe(true);
    // A return that changed nothing in that row does not list it.
    const quiet = merge(plan, [edited(police, { 'Prevention!F3': 'A' })]);
    expect(quiet.returns[0].identityChanged).toEqual([]);
    expect(mergeNeedsAttention(quiet)).toBe(false);
  });

  test('matched by its action text, its ref renumbered in the plan: applied and listed', () => {
    const plan = edited(sent, { 'Prevention!A5': 'PE7' });
    const result = merge(plan, [edited(police, { 'Prevention!F5': 'A' })]);
    expect(result.returns[0].applied.map((c) => c.cell)).toEqual(['F5']);
    expect(result.returns[0].identityChanged.map((r) => [r.cell, r.ref, r.reason])).toEqual([
      [
        'C5',
        'PE7',
        'Its ref changed in the plan since the pack was sent: PE2 → PE7. Matched by its action text, so the return’s changes to the row are merged as listed.',
      ],
    ]);
  });

  test('under a ref on several rows, its text changed in the plan: not matched (§7.1), nothing merged into it, said', () => {
    const plan = edited(sent, { 'Prevention!C4': 'Review triage yearly' });
    const result = merge(plan, [edited(police, { 'Prevention!F4': 'G' })]);
    const report = result.returns[0];
    expect(report.applied).toEqual([]);
    expect(result.plan.edits).toEqual([]);
    expect(report.unmatched).toEqual([
      {
        sheet: 'Prevention',
        cell: 'C4',
        ref: 'PE1',
        action: 'Review triage yearly',
        reason:
          'Its action text changed in the plan since the pack was sent: "Review triage" → "Review triage yearly". Its ref PE1 is on several rows, so only its action text tells it apart: it is not matched, and nothing of the return is merged into it.',
      },
    ]);
    expect(report.newRows).toEqual([]);
    expect(mergeNeedsAttention(result)).toBe(true);
  });

  test('under a ref on several rows, its text changed in the return: not matched, nothing merged, listed once', () => {
    const result = merge(sent, [edited(police, { 'Prevention!C4': 'Review triage yearly', 'Prevention!F4': 'G' })]);
    const report = result.returns[0];
    expect(result.plan.edits).toEqual([]);
    expect([...report.applied, ...report.refused]).toEqual([]);
    expect(report.newRows).toEqual([]);
    expect(report.unmatched.map((r) => [r.cell, r.reason])).toEqual([
      [
        'C4',
        'Its action text was changed in the return (at C4): "Review triage" → "Review triage yearly". Its ref PE1 is on several rows, so only its action text tells it apart: it is not matched, and nothing of the return is merged into it.',
      ],
    ]);
  });

  test('a return without a record whose text under a shared ref differs: not matched, said', () => {
    const result = merge(sent, [edited(sent, { 'Prevention!C4': 'Review triage yearly', 'Prevention!F4': 'G' })]);
    expect(result.plan.edits).toEqual([]);
    expect(result.returns[0].unmatched.map((r) => [r.cell, r.reason])).toEqual([
      [
        'C4',
        'Its action text is not the same in the return (at C4): "Review triage" → "Review triage yearly". Its ref PE1 is on several rows, so only its action text tells it apart: it is not matched, and nothing of the return is merged into it.',
      ],
    ]);
  });
});

test('a conflict between returns names the other return by its file name, without its folders', () => {
  const plan = planSnapshot();
  const result = mergeReturns(
    { snapshot: plan, model: model(plan) },
    [
      ['returned/Police.xlsx', edited(packOf(plan, 'Police'), { 'Prevention!F5': 'A' })],
      ['C:\\returns\\Probation.xlsx', edited(packOf(plan, 'Probation Service'), { 'Prevention!F5': 'G' })],
    ].map(([file, snapshot]) => ({
      file: file as string,
      snapshot: snapshot as WorkbookSnapshot,
      model: model(snapshot as WorkbookSnapshot),
    })),
  );
  expect(result.returns.map((r) => r.conflicts.map((c) => c.reason))).toEqual([
    ['changed by another return (Probation.xlsx: "G")'],
    ['changed by another return (Police.xlsx: "A")'],
  ]);
});
