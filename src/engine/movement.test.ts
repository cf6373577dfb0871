// What moved (SPEC §8): baselines (a recorded one, another copy of the plan, the
// plan's own previous period), every kind of change and its direction, the
// checks that need a baseline, and the overview's "What moved since" block.
import { analyse } from './analyse';
import { BASELINE_SHEET, baselineFromPlan, baselinePlan, checkLabel, readRecordedBaseline } from './baseline';
import { fingerprint, fnv1a64 } from './fingerprint';
import type { Movement } from './model';
import { changeText, movementJson, setbackSentences, statusDirection } from './movement';
import { buildOverview, isOverviewStale, rebuildPlan } from './overview';
import { PlanRefusal } from './plan';
import { predictSnapshot } from './predict';
import { SETTINGS_SHEET } from './settings';
import { WorkbookSnapshot, displayText } from './snapshot';
import { Raw, TODAY, sheet, workbook } from '../../tests/fixtures/snapshots';

const HEAD = ['Ref', 'Actions', 'Lead', 'By when', 'RAG', 'Progress update'];
/** Columns A–F of each row: ref, action, lead, due, status, update. */
const Q2: Raw[][] = [
  ['PE1', 'Offer triage after a first arrest', 'Police', { date: '2027-03-31' }, 'G', 'Triage in place'],
  ['PE2', 'Liaison workers at both courts', 'Health', { date: '2027-06-30' }, 'A', 'Second court from October'],
  ['PE3', 'Refer families to the hub', 'County Council', { date: '2027-09-30' }, 'R', 'Hub recruiting'],
];

/** The plan's theme sheet with these rows (changed cells by [row, column] of the table). */
function plan(rows: Raw[][] = Q2, changes: Array<[number, number, Raw]> = [], settings?: Raw[][]): WorkbookSnapshot {
  const copy = rows.map((r) => [...r]);
  for (const [r, c, value] of changes) copy[r][c] = value;
  return workbook(
    sheet('Prevention', [['Prevention'], HEAD, ...copy]),
    ...(settings ? [sheet(SETTINGS_SHEET, settings)] : []),
  );
}

/** `after` compared with `before` as another file (--since). */
function moved(before: WorkbookSnapshot, after: WorkbookSnapshot): Movement {
  const since = baselineFromPlan(analyse(before, { today: TODAY }), 'q1.xlsx');
  const movement = analyse(after, { today: TODAY, since }).movement;
  if (!movement) throw new Error('no movement');
  return movement;
}

/** The changes as [ref, change, from, to, direction]; updates left as they were only when asked for. */
const changes = (m: Movement, unchangedUpdates = false) =>
  m.actions
    .filter((c) => unchangedUpdates || c.change !== 'update-unchanged')
    .map((c) => [c.ref, c.change, c.from, c.to, c.direction]);
const moves = (m: Movement) => m.actions.filter((c) => c.change !== 'update-unchanged');

/** The plan recorded as the baseline `label`, as `proforma baseline` writes it. */
function recorded(snapshot: WorkbookSnapshot, label = 'Q2 2026/27', at = TODAY): WorkbookSnapshot {
  return predictSnapshot(snapshot, baselinePlan(analyse(snapshot, { today: TODAY }), snapshot, label, at));
}

/** The workbook's theme sheet swapped for another's (what partners changed since). */
function withPlanOf(base: WorkbookSnapshot, from: WorkbookSnapshot): WorkbookSnapshot {
  const theme = from.sheets.find((s) => s.name === 'Prevention')!;
  return { ...base, sheets: base.sheets.map((s) => (s.name === 'Prevention' ? theme : s)) };
}

describe('fingerprints of progress updates', () => {
  it('are 64-bit FNV-1a over UTF-8, written as 16 hex digits', () => {
    // The published test vectors of FNV-1a 64.
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('é€😀')).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
    // The same as FNV-1a 64 written plainly over the UTF-8 bytes with 64-bit integers.
    const plain = (text: string): string => {
      let hash = 0xcbf29ce484222325n;
      for (const byte of Buffer.from(text, 'utf8'))
        hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return hash.toString(16).padStart(16, '0');
    };
    for (const text of ['Hub recruiting', 'Café – 50% done 😀', 'x'.repeat(1000), '\u00a0\u4e2d\u6587', 'a\nb\tc'])
      expect(fnv1a64(text)).toBe(plain(text));
  });

  it('ignore only the white space around the text', () => {
    const update = 'Hub recruiting; two posts filled.';
    expect(fingerprint(`  ${update}\n`)).toBe(fingerprint(update));
    expect(fingerprint('\tHub recruiting; two posts filled. ')).toBe(fingerprint(update));
    for (const other of [
      'hub recruiting; two posts filled.',
      'Hub recruiting;  two posts filled.',
      'Hub recruiting; two posts filled',
      'Hub recruiting;\ntwo posts filled.',
    ])
      expect(fingerprint(other)).not.toBe(fingerprint(update));
    expect(fingerprint('   ')).toBeNull();
    expect(fingerprint('')).toBeNull();
  });
});

describe('direction of travel', () => {
  it('goes by class order, and to or from withdrawn is neither', () => {
    expect(statusDirection('off-track', 'at-risk')).toBe('better');
    expect(statusDirection('on-track', 'complete')).toBe('better');
    expect(statusDirection('complete', 'off-track')).toBe('worse');
    expect(statusDirection('at-risk', 'at-risk')).toBeNull();
    expect(statusDirection('withdrawn', 'on-track')).toBeNull();
    expect(statusDirection('at-risk', 'withdrawn')).toBeNull();
    expect(statusDirection(null, 'on-track')).toBeNull();
  });

  it('reports statuses moved both ways, to and from withdrawn, and off the scale, with their names', () => {
    const before = plan([...Q2, ['PE4', 'Publish a directory', 'Council', null, 'W', 'Dropped']]);
    const after = plan(
      [...Q2, ['PE4', 'Publish a directory', 'Council', null, 'A', 'Back on: a new grant']],
      [
        [0, 4, 'A'], // G → A: worse
        [1, 4, 'W'], // A → W: neither
        [2, 4, 'Red/Amber'], // R → not on the scale: neither
      ],
    );
    const m = moved(before, after);
    expect(changes(m)).toEqual([
      ['PE1', 'status', 'G', 'A', 'worse'],
      ['PE2', 'status', 'A', 'W', null],
      ['PE3', 'status', 'R', 'Red/Amber', null],
      ['PE4', 'status', 'W', 'A', null],
    ]);
    expect(moves(m).map(changeText)).toEqual([
      'Green → Amber (worse)',
      'Amber → Withdrawn',
      'Red → Red/Amber',
      'Withdrawn → Amber',
    ]);
    // Each action counted once by its status: only the move to Amber from Green is worse.
    expect(m.themes).toEqual([
      { sheet: 'Prevention', name: 'Prevention', improved: 0, worse: 1, unchanged: 3, new: 0, removed: 0 },
    ]);
    expect(moves(m).map((c) => c.cell)).toEqual(['E3', 'E4', 'E5', 'E6']);
  });

  it("works through a board's own 1–4 scale by the classes it gives each score", () => {
    const settings: Raw[][] = [
      ['scale', 'custom'],
      ['status:1', 'off-track; Not started; No progress; #D4351C'],
      ['status:2', 'at-risk; Some progress; Behind plan; #F47738'],
      ['status:3', 'on-track; Good progress; On plan; #00703C'],
      ['status:4', 'complete; Done; Delivered; #1D70B8'],
    ];
    const scored = (scores: number[]) =>
      plan(
        Q2.map((row, i) => [...row.slice(0, 4), scores[i], row[5]]),
        [],
        settings,
      );
    const m = moved(scored([1, 4, 2]), scored([3, 2, 2]));
    expect(changes(m)).toEqual([
      ['PE1', 'status', '1', '3', 'better'],
      ['PE2', 'status', '4', '2', 'worse'],
    ]);
    expect(moves(m).map(changeText)).toEqual(['Not started → Good progress (better)', 'Done → Some progress (worse)']);
    expect(m.themes[0]).toMatchObject({ improved: 1, worse: 1, unchanged: 1 });
  });

  it('says a slipped date (later), a date brought forward (neither), and the same date written another way is no change', () => {
    const before = plan(Q2, [[2, 3, 'Sept 2027']]);
    const after = plan(Q2, [
      [0, 3, { date: '2027-09-30' }], // slipped six months
      [1, 3, { date: '2027-04-30' }], // brought forward
      [2, 3, { date: '2027-09-30' }], // "Sept 2027" is the end of September: the same
    ]);
    const m = moved(before, after);
    expect(changes(m)).toEqual([
      ['PE1', 'due', '2027-03-31', '2027-09-30', 'worse'],
      ['PE2', 'due', '2027-06-30', '2027-04-30', null],
    ]);
    expect(moves(m).map(changeText)).toEqual([
      'due 31 Mar 2027 → 30 Sep 2027 (slipped)',
      'due 30 Jun 2027 → 30 Apr 2027',
    ]);
    expect(moves(m)[0].cell).toBe('D3');
    // A slip is not a status: each action still counts as unchanged.
    expect(m.themes[0]).toMatchObject({ improved: 0, worse: 0, unchanged: 3 });
    // A due date set where there was none, or written as words that name no date.
    const words = moved(
      plan(Q2, [
        [0, 3, null],
        [1, 3, 'Spring'],
      ]),
      plan(Q2, [[1, 3, 'Summer']]),
    );
    expect(changes(words)).toEqual([['PE2', 'due', 'Spring', 'Summer', null]]);
  });

  it('says a lead changed (not a change of case or spacing)', () => {
    const m = moved(
      plan(),
      plan(Q2, [
        [0, 2, 'Probation'],
        [1, 2, ' health '],
      ]),
    );
    expect(changes(m)).toEqual([['PE1', 'lead', 'Police', 'Probation', null]]);
    expect(changeText(moves(m)[0])).toBe('lead Police → Probation');
  });

  it('says an update left word for word as it was, white space around it aside', () => {
    const before = plan();
    const after = plan(Q2, [
      [0, 5, 'Triage in place in all custody suites'], // refreshed
      [1, 5, '  Second court from October\n'], // the same words
      [2, 5, 'hub recruiting'], // its case changed: a new update
    ]);
    const m = moved(before, after);
    expect(changes(m, true)).toEqual([['PE2', 'update-unchanged', null, null, null]]);
    expect(changeText(m.actions[0])).toBe('update unchanged (rated Amber)');
    expect(m.actions[0].cell).toBe('F4');
    // The check: an off-track or at-risk action only.
    const issues = analyse(after, {
      today: TODAY,
      since: baselineFromPlan(analyse(before, { today: TODAY }), 'q1.xlsx'),
    }).issues.filter((i) => i.code === 'update-unchanged');
    expect(issues.map((i) => [i.cell, i.message])).toEqual([
      [
        'F4',
        "This action is rated Amber and its progress update is word for word what it was in q1.xlsx; ask the lead for this quarter's progress.",
      ],
    ]);
    // Green with the same update: listed by compare, not a warning.
    const green = plan(Q2, [[1, 4, 'G']]);
    const greenIssues = analyse(green, {
      today: TODAY,
      since: baselineFromPlan(analyse(before, { today: TODAY }), 'q1.xlsx'),
    }).issues;
    expect(greenIssues.filter((i) => i.code === 'update-unchanged').map((i) => i.cell)).toEqual(['F5']);
  });
});

describe('identity across quarters', () => {
  it('says new and removed actions, each counted under its theme', () => {
    const before = plan([...Q2, ['PE4', 'Publish a directory', 'Council', null, 'G', 'Published']]);
    const after = plan([Q2[0], Q2[1], Q2[2], ['PE5', 'Train custody staff', 'Police', null, 'A', 'Booked']]);
    const m = moved(before, after);
    expect(moves(m).map((c) => [c.ref, c.change, c.cell, c.row, changeText(c)])).toEqual([
      ['PE5', 'new', 'B6', 5, 'new (Amber)'],
      ['PE4', 'removed', 'B6', null, 'removed (was Green)'],
    ]);
    expect(m.themes[0]).toMatchObject({ unchanged: 3, new: 1, removed: 1 });
    expect(m.compared).toBe(3);
  });

  it('follows renumbered refs by the action text, and an edited action text by its ref', () => {
    const after = plan(Q2, [
      [0, 0, 'PE7'], // renumbered: the same action by its text
      [1, 1, 'Liaison workers at all three courts'], // edited: the same action by its ref
      [1, 4, 'G'],
    ]);
    const m = moved(plan(), after);
    expect(changes(m)).toEqual([['PE2', 'status', 'A', 'G', 'better']]);
    expect(m.themes[0]).toMatchObject({ improved: 1, unchanged: 2, new: 0, removed: 0 });
  });

  it('matches a sheet with no ref column by action text, and says a row whose text changed as new and removed', () => {
    const noRefs = (rows: Raw[][]) => workbook(sheet('Tracker', [HEAD.slice(1), ...rows.map((r) => r.slice(1))]));
    const before = noRefs(Q2);
    const after = noRefs([Q2[2], Q2[0], [null, 'Refer every family to the hub', 'County Council', null, 'A', 'x']]);
    const m = moved(before, after);
    expect(moves(m).map((c) => [c.text, c.change])).toEqual([
      ['Refer every family to the hub', 'new'],
      ['Liaison workers at both courts', 'removed'],
    ]);
    expect(m.themes[0]).toMatchObject({ unchanged: 2, new: 1, removed: 1 });
  });

  it('matches a duplicated ref by the action text under it, and pairs rows alike in ref and text in order', () => {
    const rows: Raw[][] = [
      ['PE1', 'Offer triage', 'Police', null, 'G', 'a'],
      ['PE1', 'Review annually', 'Police', null, 'G', 'b'],
      ['PE1', 'Review annually', 'Police', null, 'A', 'c'],
    ];
    const after = plan(rows, [
      [0, 4, 'A'],
      [2, 4, 'R'],
    ]);
    const m = moved(plan(rows), after);
    expect(moves(m).map((c) => [c.text, c.cell, c.from, c.to])).toEqual([
      ['Offer triage', 'E3', 'G', 'A'],
      ['Review annually', 'E5', 'A', 'R'],
    ]);
    expect(m.themes[0]).toMatchObject({ worse: 2, unchanged: 1, new: 0, removed: 0 });
  });
});

describe('a recorded baseline', () => {
  it('keeps identity, status, class, due, lead and a fingerprint of the update, never its text', () => {
    const snapshot = recorded(plan(), 'Q2 2026/27', new Date(Date.UTC(2026, 9, 14, 17, 5)));
    const rows = snapshot.sheets.find((s) => s.name === BASELINE_SHEET)!.cells.map((row) => row.map(displayText));
    expect(snapshot.sheets.find((s) => s.name === BASELINE_SHEET)?.visibility).toBe('veryHidden');
    expect(rows.slice(1, 5)).toEqual([
      ['label', 'Q2 2026/27'],
      ['recorded', '2026-10-14T17:05:00.000Z'],
      ['columns', 'Prevention', 'due', 'lead', 'evidence'],
      ['sheet', 'ref', 'action', 'cell', 'status', 'class', 'due', 'lead', 'evidence'],
    ]);
    expect(rows[5]).toEqual([
      'Prevention',
      'PE1',
      'Offer triage after a first arrest',
      'B3',
      'G',
      'on-track',
      '2027-03-31',
      'Police',
      fingerprint('Triage in place'),
    ]);
    expect(rows.flat().join(' ')).not.toMatch(/Triage in place|Hub recruiting/);
    // Read back: the plan's own state, and nothing moved.
    const analysis = analyse(snapshot, { today: TODAY });
    expect(analysis.sheets.map((s) => s.name)).toEqual(['Prevention']);
    expect(analysis.movement?.since).toEqual({
      kind: 'baseline',
      label: 'Q2 2026/27',
      recorded: '2026-10-14T17:05:00.000Z',
    });
    expect(analysis.movement?.actions.map((c) => c.change)).toEqual([
      'update-unchanged',
      'update-unchanged',
      'update-unchanged',
    ]);
    const read = readRecordedBaseline(snapshot, analysis.scale);
    expect(read && 'baseline' in read ? read.baseline.actions : null).toEqual(baselineFromPlan(analysis, 'x').actions);
  });

  it('is replaced by the next one, and recording the same again writes nothing', () => {
    const first = recorded(plan());
    const next = withPlanOf(first, plan(Q2, [[0, 4, 'A']]));
    const again = baselinePlan(analyse(first, { today: TODAY }), first, 'Q2 2026/27', new Date());
    expect(again).toEqual({
      description: 'The baseline "Q2 2026/27" is already recorded as the plan stands: nothing to record.',
      edits: [],
    });
    const replacing = baselinePlan(analyse(next, { today: TODAY }), next, ' Q3  2026/27 ', TODAY);
    expect(replacing.description).toBe(
      'Baseline "Q3 2026/27" recorded: 3 actions, replacing the one recorded before. Next quarter, compare the plan with it to see what moved; until partners write new updates, those of actions off track or at risk show as unchanged.',
    );
    const replaced = predictSnapshot(next, replacing);
    expect(replaced.sheets.filter((s) => s.name === BASELINE_SHEET)).toHaveLength(1);
    const analysis = analyse(replaced, { today: TODAY });
    expect(analysis.movement?.since.label).toBe('Q3 2026/27');
    expect(analysis.movement?.actions.filter((c) => c.change !== 'update-unchanged')).toEqual([]);
  });

  it('needs a label naming a period, and a plan to record', () => {
    expect(checkLabel('  ')).toEqual({ problem: 'A baseline needs a label naming the period, e.g. "Q3 2026/27".' });
    expect(checkLabel('x'.repeat(61))).toHaveProperty('problem');
    expect(checkLabel('Q2\n2026/27')).toEqual({ label: 'Q2 2026/27' });
    const empty = workbook(sheet('Notes', [['Minutes']]));
    expect(() => baselinePlan(analyse(empty, { today: TODAY }), empty, 'Q2', TODAY)).toThrow(PlanRefusal);
    expect(() => baselinePlan(analyse(plan(), { today: TODAY }), plan(), '', TODAY)).toThrow(
      /needs a label.*Nothing was written/,
    );
  });

  it('that cannot be read is said, and not used', () => {
    const snapshot = recorded(plan());
    const broken = {
      ...snapshot,
      sheets: snapshot.sheets.map((s) =>
        s.name === BASELINE_SHEET ? sheet(BASELINE_SHEET, [['Notes'], ['label', 'Q2']]) : s,
      ),
    };
    const analysis = analyse(broken, { today: TODAY });
    expect(analysis.movement).toBeNull();
    expect(analysis.baselineProblem).toBe(
      'The baseline recorded in the workbook (sheet ProformaBaseline) cannot be read: its cell A1 should read "Proforma baseline". Record the baseline again.',
    );
    expect(analysis.issues.map((i) => i.code)).not.toContain('sheet-skipped');
  });
});

describe('which baseline', () => {
  /** A tracker: a status per quarter, Q3 the latest. */
  const tracker = (q3: Raw[]): WorkbookSnapshot =>
    workbook(
      sheet('Tracker', [
        ['Ref', 'Action', 'Lead', 'Q1 RAG', 'Q2 RAG', 'Q3 RAG', 'Q4 RAG', 'Update'],
        ['1', 'Open family hubs', 'Council', 'A', 'A', q3[0], null, 'Six open'],
        ['2', 'Publish the offer', 'Council', 'R', 'A', q3[1], null, 'Online'],
        ['3', 'Train staff', 'Health', null, null, q3[2], null, 'Booked'],
        ['4', 'Co-locate health visitors', 'Health', 'G', 'G', q3.length > 3 ? q3[3] : 'G', null, 'Done'],
      ]),
    );

  it("is the plan's own previous period where the plan keeps a status per period", () => {
    const m = analyse(tracker(['G', 'R', 'A']), { today: TODAY }).movement!;
    expect(m.since).toEqual({ kind: 'periods', label: 'Q2', recorded: null });
    expect(m.actions.map((c) => [c.ref, c.change, c.cell, c.from, c.to, c.direction, c.note])).toEqual([
      ['1', 'status', 'F2', 'A', 'G', 'better', undefined],
      ['2', 'status', 'F3', 'A', 'R', 'worse', undefined],
      ['3', 'new', 'F4', null, 'A', null, 'First rated in Q3.'],
    ]);
    expect(m.themes).toEqual([
      { sheet: 'Tracker', name: 'Tracker', improved: 1, worse: 1, unchanged: 1, new: 1, removed: 0 },
    ]);
    // A row not rated in Q3 yet is compared as it stands (Q2 with Q1): the periods differ, and are not named.
    const notYet = analyse(tracker(['G', 'R', 'A', null]), { today: TODAY }).movement!;
    expect(notYet.since.label).toBe('the previous period');
    expect(notYet.themes[0]).toMatchObject({ improved: 1, worse: 1, unchanged: 1, new: 1 });
    // Statuses only: the history keeps no dates, leads or updates.
    expect(analyse(tracker(['A', 'A', 'A']), { today: TODAY }).issues.map((i) => i.code)).not.toContain(
      'update-unchanged',
    );
  });

  it('is a file given first, then the previous period, then the recorded baseline', () => {
    const now = tracker(['G', 'R', 'A']);
    const withRecord = recorded(tracker(['A', 'A', 'A']), 'Q2 2026/27');
    const both = withPlanOf({ ...withRecord }, now);
    const bothTracker = { ...both, sheets: both.sheets.map((s) => (s.name === 'Tracker' ? now.sheets[0] : s)) };
    expect(analyse(bothTracker, { today: TODAY }).movement?.since.kind).toBe('periods');
    const since = baselineFromPlan(analyse(tracker(['R', 'R', 'R']), { today: TODAY }), 'last.xlsx');
    expect(analyse(bothTracker, { today: TODAY, since }).movement?.since).toEqual({
      kind: 'file',
      label: 'last.xlsx',
      recorded: null,
    });
    // No previous period anywhere (the first quarter): the recorded baseline.
    const firstQuarter = workbook(
      sheet('Tracker', [
        ['Ref', 'Action', 'Q1 RAG', 'Q2 RAG'],
        ['1', 'Open family hubs', 'A', null],
      ]),
    );
    const kept = recorded(firstQuarter, 'Q4 2025/26');
    expect(analyse(kept, { today: TODAY }).movement?.since.kind).toBe('baseline');
    expect(analyse(firstQuarter, { today: TODAY }).movement).toBeNull();
  });
});

describe('compare --json', () => {
  it('is since, one entry per change, and the counts per theme', () => {
    const m = moved(
      plan(),
      plan(Q2, [
        [0, 4, 'R'],
        [0, 3, { date: '2027-12-31' }],
      ]),
    );
    expect(movementJson(m)).toEqual({
      since: { kind: 'file', label: 'q1.xlsx' },
      actions: [
        {
          sheet: 'Prevention',
          ref: 'PE1',
          cell: 'E3',
          change: 'status',
          from: 'G',
          to: 'R',
          direction: 'worse',
          text: 'Offer triage after a first arrest',
        },
        {
          sheet: 'Prevention',
          ref: 'PE1',
          cell: 'D3',
          change: 'due',
          from: '2027-03-31',
          to: '2027-12-31',
          direction: 'worse',
          text: 'Offer triage after a first arrest',
        },
        {
          sheet: 'Prevention',
          ref: 'PE1',
          cell: 'F3',
          change: 'update-unchanged',
          from: null,
          to: null,
          direction: null,
          text: 'Offer triage after a first arrest',
        },
        {
          sheet: 'Prevention',
          ref: 'PE2',
          cell: 'F4',
          change: 'update-unchanged',
          from: null,
          to: null,
          direction: null,
          text: 'Liaison workers at both courts',
        },
        {
          sheet: 'Prevention',
          ref: 'PE3',
          cell: 'F5',
          change: 'update-unchanged',
          from: null,
          to: null,
          direction: null,
          text: 'Refer families to the hub',
        },
      ],
      themes: [{ sheet: 'Prevention', name: 'Prevention', improved: 0, worse: 1, unchanged: 2, new: 0, removed: 0 }],
    });
    expect(setbackSentences(m)).toEqual([
      'Prevention, PE1, "Offer triage after a first arrest": Green → Red (worse); due 31 Mar 2027 → 31 Dec 2027 (slipped).',
    ]);
  });
});

describe("the overview's What moved block", () => {
  const rows = (snapshot: WorkbookSnapshot) =>
    buildOverview(analyse(snapshot, { today: TODAY }), TODAY).cells.map((r) =>
      r.map((c) => (c.value === null ? '' : String(c.value))).filter(Boolean),
    );

  it("tells what moved since the recorded baseline, whose label is the overview's period", () => {
    const base = recorded(plan(), 'Q2 2026/27', new Date(2026, 9, 14, 17, 5));
    const now = withPlanOf(
      base,
      plan(Q2, [
        [0, 4, 'A'],
        [1, 3, { date: '2027-12-31' }],
        [2, 4, 'A'],
      ]),
    );
    const text = rows(now);
    expect(text[0]).toEqual(['Action plan — overview, Q2 2026/27']);
    const at = text.findIndex((r) => r[0] === 'What moved since Q2 2026/27');
    expect(text.slice(at, at + 5)).toEqual([
      ['What moved since Q2 2026/27'],
      ['Compared with', 'the baseline "Q2 2026/27" recorded in the workbook on 14 Oct 2026 17:05.'],
      ['Prevention', '1 improved, 1 worse, 1 unchanged, 0 new, 0 removed.'],
      ['Worse or slipped', 'Prevention, PE1, "Offer triage after a first arrest": Green → Amber (worse).'],
      ['Prevention, PE2, "Liaison workers at both courts": due 30 Jun 2027 → 31 Dec 2027 (slipped).'],
    ]);
    // Without a baseline, no block, and the build date's quarter.
    expect(rows(plan()).some((r) => r[0]?.startsWith('What moved'))).toBe(false);
    expect(rows(plan())[0]).toEqual(['Action plan — overview, Q3 2026/27']);
  });

  /** The codes of the issues found, leaving out the updates not refreshed since the baseline (every one, here). */
  const codes = (snapshot: WorkbookSnapshot, since?: ReturnType<typeof baselineFromPlan>) =>
    analyse(snapshot, { today: TODAY, since })
      .issues.map((i) => i.code)
      .filter((code) => code !== 'update-unchanged');

  it('is stale when what moved changes, even where the numbers do not', () => {
    const base = recorded(plan(), 'Q2 2026/27');
    const built = predictSnapshot(base, rebuildPlan(base, analyse(base, { today: TODAY }), TODAY));
    expect(codes(built)).toEqual([]);
    // A date slips: the matrix is the same, the block is not.
    const slipped = withPlanOf(built, plan(Q2, [[1, 3, { date: '2027-12-31' }]]));
    expect(codes(slipped)).toEqual(['overview-stale', 'due-slipped']);
    // A new baseline recorded: what moved is told since it.
    const rerecorded = recorded(built, 'Q3 2026/27');
    expect(codes(rerecorded)).toEqual(['overview-stale']);
  });

  it('built since another file is not stale for a check without that file, but is for a change on the sheets', () => {
    const since = baselineFromPlan(analyse(plan(Q2, [[0, 4, 'R']]), { today: TODAY }), 'q1.xlsx');
    const now = plan();
    const built = predictSnapshot(now, rebuildPlan(now, analyse(now, { today: TODAY, since }), TODAY));
    const overview = built.sheets.find((s) => s.name === 'Overview')!;
    expect(overview.cells.some((r) => displayText(r[0] ?? { kind: 'empty' }) === 'What moved since q1.xlsx')).toBe(
      true,
    );
    const fresh = analyse(built, { today: TODAY });
    expect(codes(built)).toEqual([]);
    expect(isOverviewStale(overview, buildOverview(fresh, TODAY))).toBe(false);
    // The same file again: compared whole, and up to date.
    expect(codes(built, since)).toEqual([]);
    // Another file: what moved differs.
    const other = baselineFromPlan(analyse(plan(), { today: TODAY }), 'q1.xlsx');
    expect(codes(built, other)).toEqual(['overview-stale']);
    // A status changed on the sheet: stale all the same.
    const changed = withPlanOf(built, plan(Q2, [[1, 4, 'R']]));
    expect(codes(changed)).toEqual(['overview-stale']);
  });
});
