// Property tests (fast-check): for any scale and any grid a board might type,
// analyse never throws nor changes its input, every issue names a cell inside its sheet, and fixes
// are idempotent (a second round finds nothing more to fix and changes nothing).
import fc from 'fast-check';
import { analyse } from './analyse';
import { BASELINE_SHEET, baselineFromPlan, baselinePlan, readRecordedBaseline } from './baseline';
import { compareWithBaseline } from './movement';
import { fixPlan } from './fixes';
import { SYNONYMS } from './layout';
import { predictSnapshot } from './predict';
import { STATUS_CLASSES, statusOfFill } from './scales';
import { SETTINGS_SHEET } from './settings';
import { CellRange, WorkbookSnapshot, parseAddress } from './snapshot';
import { Raw, TODAY, deepFreeze, sheet } from '../../tests/fixtures/snapshots';

// A fixed seed and a modest number of runs: the same cases on every machine, quick on 2 cores.
const RUNS = { numRuns: 150, seed: 20261124 };

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(
    ([r, g, b]) =>
      `#${[r, g, b]
        .map((n) => n.toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase()}`,
  );

/** The settings rows of a scale: a built-in one by name, or a board's own of 1–5 statuses. */
const scaleRows: fc.Arbitrary<Raw[][]> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom<Raw[][]>([], [['scale', 'ragb']], [['scale', 'track']], [['ragWithW', 'FALSE']]),
  },
  fc
    .uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,8}$/), {
      minLength: 1,
      maxLength: 5,
      selector: (c) => c.trim().toLowerCase(),
    })
    .chain((codes) =>
      fc.tuple(
        ...codes.map((code) =>
          fc
            .tuple(fc.constantFrom(...STATUS_CLASSES), hex)
            .map(([cls, colour]): Raw[] => [`status:${code}`, `${cls}; ${code} name; meaning; ${colour}; `]),
        ),
      ),
    )
    .map((rows): Raw[][] => [['scale', 'custom'], ...rows]),
);

const REQUIRED_HEADINGS = ['Ref', 'Actions', 'Current Status'];
const OTHER_HEADINGS = ['Priority', 'Lead', 'Latest update', 'Target date', 'Term', 'Target'];

/**
 * How a sheet keeps its status: one column, or a status per period (SPEC §2.2) — headings that
 * name a status word, plain periods beside a status heading, loose periods (not read until
 * mapped), or "RAG status" merged over Q1–Q4 in a two-row header (with or without the merge).
 */
const statusLayout = fc.constantFrom<{ headings: string[]; group?: 'merged' | 'unmerged' }>(
  { headings: ['Current Status'] },
  { headings: ['Q1 RAG', 'Q2 RAG', 'Q3 RAG', 'Q4 RAG'] },
  { headings: ['Status', 'Jun 2023', 'Jul 2023'] },
  { headings: ['Q1', 'Q2', 'Q3'] },
  { headings: ['Q1', 'Q2', 'Q3', 'Q4'], group: 'merged' },
  { headings: ['Q1', 'Q2', 'Q3', 'Q4'], group: 'unmerged' },
);

/** Rows a table may hold between its actions: a month, a section title, a code alone. */
const groupRow = fc.constantFrom<Raw[]>(['May 2012'], ['PARKING AND TRANSPORT'], [{ date: '2012-04-01' }], ['ESU01_C']);

const headerWords = Object.values(SYNONYMS).flat();

const refValue: fc.Arbitrary<Raw> = fc.oneof(
  fc.constantFrom<Raw>(
    null,
    'PE1',
    'pe 2',
    'OM-3',
    '1',
    '2',
    '1.1',
    '01.02',
    '2.1.',
    '85.6',
    'x?',
    'PE3a',
    ' 4 ',
    'ESU01_C',
    ' SP1.2a',
    'CYP-07',
  ),
  fc.integer({ min: -3, max: 30 }),
  fc.float({ min: Math.fround(0.5), max: Math.fround(9.9), noNaN: true }),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).map(([a, b]) => `${a}.${b}`),
);

const statusValue: fc.Arbitrary<Raw> = fc.oneof(
  fc.constantFrom<Raw>(
    null,
    'R',
    'a',
    'Green',
    ' amber ',
    'Red/Amber',
    'B',
    'W',
    'On track',
    'off-track',
    'At Risk ',
    'Complete',
    '1',
    '3',
  ),
  fc.integer({ min: 0, max: 5 }),
  fc.boolean(),
  fc.constant<Raw>({ error: '#N/A' }),
  fc.string({ maxLength: 6 }),
);

const anyValue: fc.Arbitrary<Raw> = fc.oneof(
  fc.constant<Raw>(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom<Raw>(...headerWords.slice(0, 40), { date: '2025-03-31' }, { date: '2027-01-01' }, '#REF!'),
  fc.integer(),
  fc.constant<Raw>({ error: '#REF!' }),
);

/**
 * A sheet: maybe a title, maybe a header row of synonyms in any order (with or without a ref
 * column, with one status column or a status per period, on one row or two), then rows of
 * plausible and odd values, and now and then a group row.
 */
const sheetRows: fc.Arbitrary<{ rows: Raw[][]; fills: Record<string, string>; merges: CellRange[] }> = fc
  .record({
    title: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    status: statusLayout,
    // Most sheets are plans (all three required headings), some lack one or are not plans at all.
    header: fc
      .tuple(
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(REQUIRED_HEADINGS) },
          fc.constant(REQUIRED_HEADINGS.filter((h) => h !== 'Ref')),
          fc.subarray(REQUIRED_HEADINGS),
        ),
        fc.subarray(OTHER_HEADINGS),
      )
      .chain(([required, others]) =>
        fc.shuffledSubarray([...required, ...others], { minLength: required.length + others.length }),
      ),
    extraHeader: fc.option(fc.constantFrom(...headerWords), { nil: undefined }),
    data: fc.array(
      fc.tuple(
        refValue,
        fc.array(statusValue, { minLength: 4, maxLength: 4 }),
        fc.array(anyValue, { maxLength: 8 }),
        fc.option(hex, { nil: undefined }),
        fc.option(groupRow, { nil: undefined, freq: 6 }),
      ),
      { maxLength: 12 },
    ),
    fills: fc.array(fc.tuple(fc.nat({ max: 15 }), fc.nat({ max: 10 }), hex), { maxLength: 6 }),
  })
  .map(({ title, status, header, extraHeader, data, fills: strayFills }) => {
    // The status heading's place takes the layout's status columns.
    const at = header.indexOf('Current Status');
    const statusHeadings = status.headings;
    const base: Raw[] = at < 0 ? header : [...header.slice(0, at), ...statusHeadings, ...header.slice(at + 1)];
    const headings: Raw[] = extraHeader ? [...base, extraHeader] : base;
    const refCol = headings.indexOf('Ref');
    const statusCols = at < 0 ? [] : statusHeadings.map((_, i) => at + i);
    const rows: Raw[][] = title === undefined ? [] : [[title]];
    const merges: CellRange[] = [];
    if (status.group && at >= 0) {
      // Two-row header: the other headings in the upper row, "RAG status" over the periods.
      const upper: Raw[] = headings.map((h, c) => (statusCols.includes(c) ? null : h));
      upper[at] = 'RAG status';
      if (status.group === 'merged')
        merges.push({ top: rows.length, left: at, bottom: rows.length, right: at + statusCols.length - 1 });
      rows.push(
        upper,
        headings.map((h, c) => (statusCols.includes(c) ? h : null)),
      );
    } else rows.push(headings);
    // Fills anywhere, and on status cells (empty or not) where colour-only statuses live.
    const fills = Object.fromEntries(strayFills.map(([r, c, colour]) => [`${r},${c}`, colour]));
    for (const [ref, statuses, others, fill, group] of data) {
      if (group) rows.push(group);
      const row: Raw[] = headings.map((_, c) => others[c] ?? null);
      if (refCol >= 0) row[refCol] = ref;
      statusCols.forEach((col, i) => {
        row[col] = fill && others.length % 2 === 0 ? null : statuses[i];
        if (fill) fills[`${rows.length},${col}`] = fill;
      });
      rows.push(row);
    }
    return { rows, fills, merges };
  });

const workbookArb: fc.Arbitrary<() => WorkbookSnapshot> = fc
  .record({ settings: scaleRows, sheets: fc.array(sheetRows, { minLength: 1, maxLength: 3 }) })
  // A factory: each property freezes the snapshot it is given (analyse must not change its input).
  .map(({ settings, sheets }) => () => ({
    sheets: [
      ...sheets.map((s, i) => sheet(`Theme ${i + 1}`, s.rows, { fills: s.fills, merges: s.merges })),
      ...(settings.length > 0 ? [sheet(SETTINGS_SHEET, settings)] : []),
    ],
  }));

describe('for any scale and grid', () => {
  it('analyse never throws, never changes its input, and every issue names a cell inside a sheet of the workbook', () => {
    fc.assert(
      fc.property(workbookArb, (make) => {
        const snapshot = deepFreeze(make());
        const analysis = analyse(snapshot, { today: TODAY });
        for (const issue of analysis.issues) {
          const sheet = snapshot.sheets.find((s) => s.name === issue.sheet);
          expect(sheet).toBeDefined();
          const { row, col } = parseAddress(issue.cell);
          const rows = Math.max(1, sheet!.cells.length);
          const cols = Math.max(1, ...sheet!.cells.map((r) => r.length));
          expect(row).toBeLessThan(rows);
          expect(col).toBeLessThan(cols);
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('reads each action’s current status as its rightmost filled status cell, and the previous as the one before', () => {
    fc.assert(
      fc.property(workbookArb, (make) => {
        const analysis = analyse(make(), { today: TODAY });
        for (const theme of analysis.themes)
          for (const action of theme.actions) {
            const filled = action.periods.filter((p) => p.reading.state !== 'missing');
            expect(action.periods.map((p) => p.col)).toEqual(theme.layout.status.map((s) => s.col));
            const latest = filled[filled.length - 1] ?? null;
            // Unless an empty later period shows a status by its fill alone: then the row's status is none, read there.
            const { fills } = theme.layout.sheet;
            const colourOnlyLater =
              latest !== null &&
              action.periods.some(
                (p) =>
                  p.col > latest.col &&
                  p.reading.state === 'missing' &&
                  fills[`${action.row},${p.col}`] !== undefined &&
                  statusOfFill(fills[`${action.row},${p.col}`], analysis.scale) !== undefined &&
                  fills[`${action.row},${p.col}`] !== fills[`${action.row},${theme.layout.columns.actions}`],
              );
            expect(action.current).toEqual(colourOnlyLater ? null : latest);
            expect(action.previous).toEqual(colourOnlyLater ? null : (filled[filled.length - 2] ?? null));
            expect(action.rag).toEqual(action.current?.reading ?? { state: 'missing' });
            if (action.current) expect(action.statusCol).toBe(action.current.col);
            if (colourOnlyLater) expect(action.statusCol).toBeGreaterThan(latest.col);
          }
      }),
      RUNS,
    );
  });

  it('fixes are idempotent: after one round of fixes there is nothing left to fix', () => {
    fc.assert(
      fc.property(workbookArb, (make) => {
        const snapshot = make();
        const once = predictSnapshot(snapshot, fixPlan(analyse(snapshot, { today: TODAY })));
        const again = fixPlan(analyse(once, { today: TODAY }));
        expect(again.edits).toEqual([]);
        expect(predictSnapshot(once, again)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('comparing a plan with itself reports no change: as another file, and as the baseline it records', () => {
    fc.assert(
      fc.property(workbookArb, (make) => {
        const snapshot = make();
        const analysis = analyse(snapshot, { today: TODAY });
        if (analysis.themes.length === 0) return;
        const actions = analysis.themes.reduce((n, t) => n + t.actions.length, 0);
        const unchanged = (movement: ReturnType<typeof compareWithBaseline> | null): void => {
          // Nothing new, removed or moved: the only entries say updates are word for word as they were.
          expect(movement?.actions.filter((c) => c.change !== 'update-unchanged')).toEqual([]);
          expect(movement?.compared).toBe(actions);
          for (const theme of movement?.themes ?? [])
            expect([theme.improved, theme.worse, theme.new, theme.removed]).toEqual([0, 0, 0, 0]);
        };
        unchanged(analyse(snapshot, { today: TODAY, since: baselineFromPlan(analysis, 'same.xlsx') }).movement);
        // Recorded as rows of text and read back.
        const recorded = predictSnapshot(snapshot, baselinePlan(analysis, snapshot, 'Q2 2026/27', TODAY));
        expect(recorded.sheets.filter((s) => s.name === BASELINE_SHEET)).toHaveLength(1);
        const reread = analyse(recorded, { today: TODAY });
        const read = readRecordedBaseline(recorded, reread.scale);
        if (!read || !('baseline' in read)) throw new Error('the recorded baseline could not be read back');
        unchanged(compareWithBaseline(reread, read.baseline));
        expect(reread.issues.filter((i) => i.code === 'due-slipped')).toEqual([]);
      }),
      RUNS,
    );
  });
});
