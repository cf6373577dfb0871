import { analyse } from './analyse';
import { fixPlan } from './fixes';
import {
  buildOverview,
  isOverviewStale,
  largestPrintScale,
  linesOf,
  planName,
  previousName,
  printScale,
  quarterOf,
  rebuildPlan,
} from './overview';
import { OVERVIEW_MARKER } from './overview-marker';
import { SheetContent } from './plan';
import { STATUSES, builtInScale } from './scales';
import { summarise, summaryJson } from './summary';
import { Raw, TODAY, action, sheet, themeSheet, toValue, workbook } from '../../tests/fixtures/snapshots';
import { matrixProblems, readMatrix } from '../../tests/fixtures/overview-matrix';
import { SheetSnapshot, WorkbookSnapshot } from './snapshot';

const termHeader = ['Ref', 'Key Deliverable', 'Actions', 'S M L', 'RAG'];

function termSheet(name: string, rows: Raw[][]): SheetSnapshot {
  return sheet(name, [[name], termHeader, ...rows]);
}

/** What a host would read back after writing the overview. */
function asSnapshot(content: SheetContent): SheetSnapshot {
  return sheet(
    content.name,
    content.cells.map((row) => row.map((c) => c.value)),
  );
}

/** Each row as "a|b|c" (cells hidden under a merge show as empty), without trailing empty cells. */
function text(content: SheetContent): string[] {
  const width = Math.max(...content.cells.map((row) => row.length));
  return content.cells.map((row) =>
    Array.from({ length: width }, (_, c) => String(row[c]?.value ?? ''))
      .join('|')
      .replace(/\|+$/, ''),
  );
}

const twoThemes = (): WorkbookSnapshot =>
  workbook(
    termSheet('Prevention', [
      [1, 'D1', 'a', 'S', 'G'],
      [null, null, 'b', 'M c/f', 'A'],
      [null, null, 'c', 'M', 'Red/Amber'],
    ]),
    termSheet('Offending', [
      [2, 'D2', 'd', 'L', 'W'],
      [null, null, 'e', '', 'R'],
    ]),
  );

describe('summary', () => {
  it('counts actions by theme, status and term, with none for missing or invalid', () => {
    const summary = summarise(analyse(twoThemes(), { today: TODAY }));
    expect(summaryJson(summary)).toEqual({
      themes: [
        {
          sheet: 'Prevention',
          name: 'Prevention',
          actions: 3,
          rag: { R: 0, A: 1, G: 1, W: 0, none: 1 },
          terms: {
            S: { R: 0, A: 0, G: 1, W: 0, none: 0 },
            M: { R: 0, A: 1, G: 0, W: 0, none: 1 },
            L: { R: 0, A: 0, G: 0, W: 0, none: 0 },
            none: { R: 0, A: 0, G: 0, W: 0, none: 0 },
          },
          carriedForward: 1,
        },
        expect.objectContaining({ sheet: 'Offending', actions: 2, rag: { R: 1, A: 0, G: 0, W: 1, none: 0 } }),
      ],
      total: expect.objectContaining({ actions: 5, rag: { R: 1, A: 1, G: 1, W: 1, none: 1 }, carriedForward: 1 }),
    });
    expect(summary.leftOut.map((l) => [l.sheet, l.cell, l.reason])).toEqual([
      ['Prevention', 'E5', 'RAG invalid'],
      ['Offending', 'D4', 'term missing'],
    ]);
  });

  it('has only a none term where the workbook has no term column, and B keys when B is on', () => {
    const a = analyse(workbook(themeSheet('P', [action('PE1', 'Complete')])), { today: TODAY });
    const json = summaryJson(summarise({ ...a, scale: builtInScale('ragb') })) as {
      total: { terms: object; rag: object };
    };
    expect(Object.keys(json.total.terms)).toEqual(['none']);
    expect(Object.keys(json.total.rag)).toEqual(['R', 'A', 'G', 'W', 'B', 'none']);
  });
});

describe('overview', () => {
  const built = (): SheetContent => buildOverview(analyse(twoThemes(), { today: TODAY }), new Date(2026, 10, 24, 9, 5));

  it('has the title, build time, a reconciliation sentence, each row left out as a sentence, and the marker', () => {
    const lines = text(built());
    // No title rows above the theme names, no file name: the plan is "Action plan"; the period the build's quarter.
    expect(lines[0]).toBe('Action plan — overview, Q3 2026/27');
    expect(lines[1]).toBe('Built|24 Nov 2026 09:05');
    expect(lines[2]).toBe(
      'Reconciliation|5 action rows counted. 1 has no status that can be counted ("Not counted"); 1 has no term that can be read ("No term"). Each is listed below the key.',
    );
    expect(lines).toContain('Built from|2 theme sheets: Prevention, Offending');
    const listed = lines.indexOf('Left out of a status or term column');
    expect(lines.slice(listed + 1, listed + 3)).toEqual([
      'Prevention, cell E5: status "Red/Amber" is not on the scale',
      'Offending, cell D4: no term, so the action is under No term',
    ]);
    expect(lines[lines.length - 1].startsWith(OVERVIEW_MARKER)).toBe(true);
  });

  it('lays out the matrix: All terms first, then term groups × statuses and Not counted; theme, Total, Actions and c/f rows', () => {
    const lines = text(built());
    const top = lines.findIndex((l) => l.startsWith('Theme|'));
    expect(lines[top]).toBe('Theme|All terms|||||Short|||||Medium|||||Long|||||No term');
    expect(lines[top + 1]).toBe(`|${Array(5).fill('R|A|G|W|Not counted').join('|')}`);
    expect(lines[top + 2]).toBe('Prevention (3)|0|1|1|0|1|0|0|1|0|0|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0');
    expect(lines[top + 3]).toBe('Offending (2)|1|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|1|0|0|0|0');
    expect(lines[top + 4]).toBe('Total|1|1|1|1|1|0|0|1|0|0|0|1|0|0|1|0|0|0|1|0|1|0|0|0|0');
    expect(lines[top + 5]).toBe('Actions (5)|5|||||1|||||2|||||1|||||1');
    expect(lines[top + 6]).toBe('Carried forward (1)|1 c/f|||||0 c/f|||||1 c/f|||||0 c/f|||||0 c/f');
    expect(lines).toContain(`R: Red|${STATUSES.R.meaning}`);
    expect(lines.some((l) => l.startsWith('Not counted|No status that can be counted'))).toBe(true);
  });

  it('adds up in every row and column, with missing, invalid and colour-only statuses and rows with no term', () => {
    const prevention = termSheet('Prevention', [
      [1, 'D1', 'a', 'S', 'G'],
      [null, null, 'b', 'M c/f', 'A'],
      [null, null, 'c', 'M', 'Red/Amber'], // invalid status: Medium, not counted
      [null, null, 'd', 'L', ''], // missing status: Long, not counted
      [null, null, 'e', '', 'R'], // no term: No term, R
      [null, null, 'f', 'Q3', 'Purple'], // neither: No term, not counted
      [null, null, 'g', 'S', ''], // colour-only (red fill): Short, not counted
    ]);
    prevention.fills['8,4'] = '#FFC7CE';
    const offending = termSheet('Offending', [
      [2, 'D2', 'h', 'L', 'W'],
      [null, null, 'i', 'S', 'G'],
    ]);
    // A sheet without a term column: its rows are under No term.
    const noTerms = themeSheet('Diversion', [action('DV1', 'R'), action('DV2', '')]);
    const analysis = analyse(workbook(prevention, offending, noTerms), { today: TODAY });
    const content = buildOverview(analysis, TODAY);
    const m = readMatrix(content.cells.map((row) => row.map((c) => String(c.value ?? ''))));
    expect(matrixProblems(m)).toEqual([]);
    expect(m.groups.map((g) => g.label)).toEqual(['All terms', 'Short', 'Medium', 'Long', 'No term']);
    // Each theme's actions in a term: its statuses there plus its Not counted.
    const inTerm = (theme: number, group: number): number =>
      m.groups[group].columns.reduce((sum, c) => sum + m.themes[theme].cells[c - 1], 0);
    expect([1, 2, 3, 4].map((g) => inTerm(0, g))).toEqual([2, 2, 1, 2]);
    expect([1, 2, 3, 4].map((g) => inTerm(1, g))).toEqual([1, 0, 1, 0]);
    expect([1, 2, 3, 4].map((g) => inTerm(2, g))).toEqual([0, 0, 0, 2]);
    const notCounted = (theme: number, group: number): number => {
      const columns = m.groups[group].columns;
      return m.themes[theme].cells[columns[columns.length - 1] - 1];
    };
    expect([0, 1, 2, 3, 4].map((g) => notCounted(0, g))).toEqual([4, 1, 1, 1, 1]);
    expect(m.themes.map((t) => t.label)).toEqual(['Prevention (7)', 'Offending (2)', 'Diversion (2)']);
    expect(m.actions).toEqual({ n: 11, byGroup: [11, 3, 2, 2, 4] });
    const lines = text(content);
    expect(lines).toContain(`Prevention, cell E9: status shown only by the cell's colour, red (#FFC7CE)`);
    expect(lines).toContain('Prevention, cell D8: term "Q3" is not S, M or L, so the action is under No term');
    expect(lines).toContain('Diversion: the sheet has no term column, so its 2 actions are under No term');
  });

  it('without a term column: one group with Not counted, no All terms and no c/f row; the page is still wide enough', () => {
    const a = analyse(workbook(themeSheet('P', [action('PE1'), action('PE2', 'Amber/ Green')])), { today: TODAY });
    const content = buildOverview(a, TODAY);
    const lines = text(content);
    expect(lines.find((l) => l.startsWith('Theme|'))).toBe('Theme|All actions');
    expect(lines.some((l) => l.startsWith('Carried forward'))).toBe(false);
    const m = readMatrix(content.cells.map((row) => row.map((c) => String(c.value ?? ''))));
    expect(m.codes).toEqual(['R', 'A', 'G', 'W', 'Not counted']);
    expect(matrixProblems(m)).toEqual([]);
    expect(content.columnWidths.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(100);
    expect(lines[2]).toBe(
      'Reconciliation|2 action rows counted. 1 has no status that can be counted ("Not counted"). Each is listed below the key.',
    );
  });

  it('names a plan sheet left out for a missing column, in the reconciliation and the list', () => {
    const partners = sheet('Partners', [
      ['Partners'],
      ['Ref', 'Actions', 'Lead', 'Priority'],
      ['P1', 'Meet', 'Police', 'x'],
    ]);
    const a = analyse(workbook(themeSheet('P', [action('PE1')]), partners), { today: TODAY });
    const lines = text(buildOverview(a, TODAY));
    expect(lines[2]).toBe(
      'Reconciliation|1 action row counted. 1 sheet could not be counted. Each is listed below the key.',
    );
    expect(lines).toContain('Partners: left out, as the sheet has no RAG column');
  });

  it('is print-ready: matrix cells bordered, landscape, one page wide; a matrix on one page repeats nothing', () => {
    const content = built();
    const top = content.cells.findIndex((row) => row[0]?.value === 'Theme');
    const bottom = content.cells.findIndex((row) => String(row[0]?.value).startsWith('Carried forward'));
    const width = content.columnWidths.length;
    for (let r = top; r <= bottom; r++)
      for (let c = 0; c < width; c++) expect([r, c, content.cells[r][c]?.style?.border]).toEqual([r, c, true]);
    expect(content.cells[top - 1].some((c) => c.style?.border)).toBe(false);
    expect(content.cells[bottom + 1]?.some((c) => c.style?.border) ?? false).toBe(false);
    // No page breaks on one page; the blank row above the matrix is what a host that cannot
    // clear print titles repeats instead.
    expect(content.print).toEqual({ landscape: true, fitToWidth: true, rowBreaks: [], blankRow: top - 1 });
    expect(content.cells[top - 1].every((c) => c.value === null)).toBe(true);
  });

  it('repeats the title and the matrix header only on the pages that continue the matrix, never over the lists', () => {
    // A long list of rows left out runs onto a second page under a short matrix: no page break
    // and no print titles, so the page of the list never carries the matrix's header.
    const listed = termSheet(
      'Prevention',
      Array.from({ length: 80 }, (_, i): Raw[] => [i + 1, `D${i}`, 'a', 'S', 'Purple']),
    );
    const short = buildOverview(analyse(workbook(listed), { today: TODAY }), TODAY);
    expect(short.cells.length).toBeGreaterThan(80);
    expect(short.print?.rowBreaks).toEqual([]);
    expect(short.print).not.toHaveProperty('repeatRows');
    // Forty-five themes with long names, and a long list below: the matrix runs over several pages.
    const many = Array.from({ length: 45 }, (_, i) =>
      sheet(`Theme ${i + 1}`, [
        [`Strategic theme number ${i + 1}: a fairly long theme title for the board`],
        termHeader,
        [i + 1, 'D', 'a', 'S', i % 2 ? 'Amber/Green' : 'G'],
      ]),
    );
    const long = buildOverview(analyse(workbook(...many), { today: TODAY }), TODAY);
    const rows = long.cells.map((row) => row.map((c) => String(c.value ?? '')));
    const breaks = long.print?.rowBreaks ?? [];
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    const title = rows[0][0];
    // Each page the matrix continues onto starts with the title, then the matrix's header.
    for (const at of breaks) {
      expect([at, rows[at][0]]).toEqual([at, `${title} (continued)`]);
      expect([at, rows[at + 1][0], rows[at + 2][1]]).toEqual([at, 'Theme', 'R']);
    }
    // Every break is inside the matrix: the page after the last one still has matrix rows on it,
    // and the lists below the matrix carry no header.
    const totalRow = rows.findIndex((row) => row[0] === 'Total');
    expect(Math.max(...breaks)).toBeLessThan(totalRow);
    expect(rows.slice(totalRow).some((row) => row[0] === 'Theme' || (row[0] ?? '').endsWith('(continued)'))).toBe(
      false,
    );
    expect(rows.slice(totalRow).filter((row) => (row[0] ?? '').endsWith('is not on the scale'))).toHaveLength(22);
    // Each page's rows fit the printed page (A4's height, at the largest scale either program prints at).
    const heights = new Map((long.rowHeights ?? []).map((h) => [h.row, h.points]));
    const page = (8.27 * 72 - 1.5 * 72) / largestPrintScale(long.columnWidths);
    [0, ...breaks].forEach((from, i) => {
      const to = breaks[i] ?? totalRow + 3;
      let points = 0;
      for (let r = from; r < to; r++) points += heights.get(r) ?? 15;
      expect([from, points <= page]).toEqual([from, true]);
    });
    // The numbers read the same across the pages.
    const m = readMatrix(rows);
    expect(m.themes).toHaveLength(45);
    expect(matrixProblems(m)).toEqual([]);
  });

  it('keeps text at 9 pt or more with a board’s own scale of eight words and three terms: term groups go in a second block', () => {
    const words = [
      'Off track',
      'Not started',
      'Delayed',
      'On hold',
      'In progress',
      'On target',
      'Complete',
      'Cancelled',
    ];
    const classes = ['off-track', 'at-risk', 'at-risk', 'at-risk', 'on-track', 'on-track', 'complete', 'withdrawn'];
    const settings: SheetSnapshot = {
      ...sheet('ProformaSettings', [
        ['scale', 'custom'],
        ...words.map((w, i): [string, string] => [`status:${w}`, `${classes[i]}; ${w}; ${w}; #B1B4B6`]),
      ]),
      visibility: 'veryHidden',
    };
    const themes = ['Prevention', 'Offender Management'].map((name) =>
      termSheet(
        name,
        words.map((w, i): Raw[] => [i === 0 ? 1 : null, 'D', `a${i}`, ['S', 'M', 'L'][i % 3], w]),
      ),
    );
    themes[1].cells[2][0] = toValue(2);
    const a = analyse(workbook(...themes, settings), { today: TODAY });
    expect(a.scale.statuses.map((st) => st.code)).toEqual(words);
    const content = buildOverview(a, TODAY);
    // Printed one page wide, 11 pt text is no smaller than 9 pt.
    expect(printScale(content.columnWidths)).toBeGreaterThanOrEqual(9 / 11);
    expect(printScale(content.columnWidths) * 11).toBeGreaterThanOrEqual(9);
    const rows = content.cells.map((row) => row.map((c) => String(c.value ?? '')));
    const headers = rows.filter((row) => row[0] === 'Theme').map((row) => row.filter(Boolean).slice(1));
    expect(headers).toEqual([
      ['All terms', 'Short'],
      ['Medium', 'Long'],
    ]);
    const m = readMatrix(rows);
    expect(m.groups.map((g) => g.label)).toEqual(['All terms', 'Short', 'Medium', 'Long']);
    expect(m.themes.map((t) => t.actions)).toEqual([8, 8]);
    expect(matrixProblems(m)).toEqual([]);
    // On one page: no break.
    expect(content.print?.rowBreaks).toEqual([]);
  });

  it('stays legible one page wide (9 pt or more printed) with every term group, on each built-in scale', () => {
    const terms = (name: string, statuses: string[]): SheetSnapshot =>
      termSheet(
        name,
        ['S', 'M', 'L', ''].map((term, i): Raw[] => [i + 1, 'D', 'a', term, statuses[i % statuses.length]]),
      );
    for (const [scale, statuses] of [
      ['rag', ['R', 'A', 'G', 'W']],
      ['ragb', ['R', 'A', 'G', 'B']],
      ['track', ['Off track', 'At risk', 'On track', 'Complete']],
    ] as const) {
      const wb = workbook(
        terms('Reducing reoffending among young adults leaving custody and their families', [...statuses]),
        terms('Offending', [...statuses]),
      );
      const content = buildOverview(analyse(wb, { today: TODAY, scale }), TODAY);
      const m = readMatrix(content.cells.map((row) => row.map((c) => String(c.value ?? ''))));
      expect([scale, m.groups.map((g) => g.label)]).toEqual([
        scale,
        ['All terms', 'Short', 'Medium', 'Long', 'No term'],
      ]);
      // Text is written at 11 pt; the page is scaled to one wide by no less than 9/11.
      expect([scale, printScale(content.columnWidths) * 11 >= 9]).toEqual([scale, true]);
      expect(content.columnWidths[0]).toBeGreaterThanOrEqual(16);
      // Six columns a group (ragb) or words as long as "Complete" (track), in five groups: the status
      // headers turn upwards to make room. R, A, G, W stay upright.
      const header = content.cells.findIndex((row) => row[0]?.value === 'Theme') + 1;
      expect([scale, content.cells[header].some((c) => c.style?.rotate === true)]).toEqual([scale, scale !== 'rag']);
    }
  });

  it('leaves out a term group with no actions', () => {
    const wb = workbook(
      termSheet('P', [
        [1, 'D', 'a', 'S', 'G'],
        [null, null, 'b', 'M', 'A'],
      ]),
    );
    const lines = text(buildOverview(analyse(wb, { today: TODAY }), TODAY));
    expect(lines.find((l) => l.startsWith('Theme|'))).toBe('Theme|All terms|||||Short|||||Medium');
    const one = workbook(termSheet('P', [[1, 'D', 'a', 'L', 'G']]));
    expect(text(buildOverview(analyse(one, { today: TODAY }), TODAY)).find((l) => l.startsWith('Theme|'))).toBe(
      'Theme|Long',
    );
  });

  it('labels two themes of one name with their sheet names', () => {
    const june = sheet('Crime Jun', [['2. A Safe City / Reducing Crime'], termHeader, [1, 'D', 'a', 'S', 'G']]);
    const december = sheet('Crime Dec', [['2. A Safe City /  reducing crime'], termHeader, [2, 'D', 'b', 'S', 'A']]);
    const other = termSheet('Diversion', [[3, 'D', 'c', 'S', 'R']]);
    const content = buildOverview(analyse(workbook(june, december, other), { today: TODAY }), TODAY);
    const m = readMatrix(content.cells.map((row) => row.map((c) => String(c.value ?? ''))));
    expect(m.themes.map((t) => t.label)).toEqual([
      '2. A Safe City / Reducing Crime – Crime Jun (1)',
      '2. A Safe City / reducing crime – Crime Dec (1)',
      'Diversion (1)',
    ]);
    expect(new Set(m.themes.map((t) => t.label)).size).toBe(3);
  });

  it('names the plan from its title rows, else the file name, and the period from the build date or as given', () => {
    const titled = workbook(
      sheet('Prevention', [['Appendix 1: Strategic Framework - Action Plan Proforma'], ['Prevention'], termHeader]),
    );
    titled.sheets[0].cells.push(...[[1, 'D', 'a', 'S', 'G']].map((r) => r.map((v) => toValue(v as Raw))));
    const a = analyse(titled, { today: TODAY });
    expect(planName(a, 'board.xlsx')).toBe('Appendix 1: Strategic Framework - Action Plan Proforma');
    const title = (content: SheetContent): unknown => content.cells[0][0].value;
    expect(title(buildOverview(a, new Date(2027, 0, 15)))).toBe(
      'Appendix 1: Strategic Framework - Action Plan Proforma — overview, Q4 2026/27',
    );
    // One title line per sheet, the theme: the plan is named after its file.
    const plain = analyse(twoThemes(), { today: TODAY });
    expect(title(buildOverview(plain, new Date(2026, 3, 1), undefined, { fileName: 'ROB plan 2026.xlsx' }))).toBe(
      'ROB plan 2026 — overview, Q1 2026/27',
    );
    // A plan whose own title names its period gets no second one.
    const reported = workbook(
      sheet('Prevention', [
        ['Reducing Offending Board - Quarterly Performance Report, Q2 2026/27'],
        ['Prevention'],
        termHeader,
        [1, 'D', 'a', 'S', 'G'],
      ]),
    );
    expect(title(buildOverview(analyse(reported, { today: TODAY }), TODAY))).toBe(
      'Reducing Offending Board - Quarterly Performance Report, Q2 2026/27 — overview',
    );
    expect(title(buildOverview(plain, TODAY, undefined, { fileName: 'Action plan June 2026.xlsx' }))).toBe(
      'Action plan June 2026 — overview',
    );
    // A span of years is the strategy's life, not the period reported on.
    expect(title(buildOverview(plain, TODAY, undefined, { fileName: 'Strategy 2023-2026.xlsx' }))).toBe(
      'Strategy 2023-2026 — overview, Q3 2026/27',
    );
    // A later feature names the period after a baseline.
    expect(
      title(buildOverview(plain, TODAY, undefined, { fileName: 'C:\\Board\\plan.xlsm', period: 'June 2026' })),
    ).toBe('plan — overview, June 2026');
    expect([0, 2, 3, 5, 6, 8, 9, 11].map((m) => quarterOf(new Date(2026, m, 10)))).toEqual([
      'Q4 2025/26',
      'Q4 2025/26',
      'Q1 2026/27',
      'Q1 2026/27',
      'Q2 2026/27',
      'Q2 2026/27',
      'Q3 2026/27',
      'Q3 2026/27',
    ]);
  });

  it('sizes columns to their labels and wraps long text within the page, with rows tall enough for it', () => {
    const long = 'Reducing reoffending among young adults leaving custody';
    const wb = workbook(
      termSheet('P', [[1, 'D', 'a', 'S', 'G']]),
      sheet('Young adults', [[long], termHeader, [2, 'D', 'b', 'M', 'R']]),
    );
    const a = analyse(wb, { today: TODAY });
    const content = buildOverview(a, TODAY);
    // Label column 16 to 40 wide; counts 5; Not counted 9 (its header wraps onto two lines).
    expect(content.columnWidths.slice(0, 7)).toEqual([40, 5, 5, 5, 5, 9, 5]);
    const heights = new Map((content.rowHeights ?? []).map((h) => [h.row, h.points]));
    const header = content.cells.findIndex((row) => row[0]?.value === 'Theme') + 1;
    expect(heights.get(header)).toBe(30);
    // A theme name longer than the label column wraps onto a taller row.
    const theme = content.cells.findIndex((row) => row[0]?.value === `${long} (1)`);
    expect(content.cells[theme][0].style?.wrap).toBe(true);
    expect(heights.get(theme)).toBe(30);
    // Text rows span the page (merged from B to the last column) and wrap.
    const builtFrom = content.cells.findIndex((row) => row[0]?.value === 'Built from');
    expect(content.merges).toContainEqual({
      top: builtFrom,
      left: 1,
      bottom: builtFrom,
      right: content.columnWidths.length - 1,
    });
    expect(content.cells[builtFrom][1].style?.wrap).toBe(true);
    // A hundred theme sheets' names take several lines: the row is as tall as they need, within Excel's 409 points.
    const many = Array.from({ length: 100 }, (_, i) =>
      termSheet(`Theme sheet number ${i}`, [[i + 1, 'D', 'a', 'S', 'G']]),
    );
    const big = buildOverview(analyse(workbook(...many), { today: TODAY }), TODAY);
    const row = big.cells.findIndex((r) => r[0]?.value === 'Built from');
    const points = new Map((big.rowHeights ?? []).map((h) => [h.row, h.points])).get(row) ?? 0;
    expect(points).toBeGreaterThanOrEqual(15 * 10);
    expect(points).toBeLessThanOrEqual(409);
  });

  it('counts a wrapped text’s lines as Excel would show them at a column width', () => {
    expect(linesOf('Not counted', 9)).toBe(2);
    expect(linesOf('R', 5)).toBe(1);
    expect(linesOf('one two three', 100)).toBe(1);
    expect(linesOf('first line\nsecond line', 100)).toBe(2);
    expect(linesOf('x'.repeat(25), 11)).toBe(3);
  });

  it('writes theme names that look like formulas as plain text values', () => {
    const a = analyse(workbook(themeSheet('P', [action('PE1')], '=HYPERLINK("http://x","y")')), { today: TODAY });
    const cells = buildOverview(a, TODAY).cells.flat();
    expect(cells.some((c) => c.value === '=HYPERLINK("http://x","y") (1)')).toBe(true);
  });

  it('is stale when the theme sheets changed, and not when only the build time, file name or quarter differs', () => {
    const existing = asSnapshot(built());
    const again = buildOverview(analyse(twoThemes(), { today: TODAY }), new Date(2030, 0, 1), undefined, {
      fileName: 'copy.xlsx',
    });
    expect(isOverviewStale(existing, again)).toBe(false);
    // A plan's own title is what the overview is titled by: a new one makes it stale.
    const titled = (top: string): WorkbookSnapshot =>
      workbook(sheet('Prevention', [[top], ['Prevention'], termHeader, [1, 'D', 'a', 'S', 'G']]));
    const before = asSnapshot(buildOverview(analyse(titled('Action plan 2026'), { today: TODAY }), TODAY));
    const renamed = buildOverview(analyse(titled('Action plan 2027'), { today: TODAY }), TODAY);
    expect(isOverviewStale(before, renamed)).toBe(true);
    expect(isOverviewStale(before, buildOverview(analyse(titled('Action plan 2026'), { today: TODAY }), TODAY))).toBe(
      false,
    );
    const changed = twoThemes();
    changed.sheets[0].cells[2][4] = { kind: 'text', text: 'R' };
    expect(isOverviewStale(existing, buildOverview(analyse(changed, { today: TODAY }), TODAY))).toBe(true);
  });

  it('reports overview-stale from analyse, on the overview’s A1', () => {
    const wb = twoThemes();
    wb.sheets.unshift(asSnapshot(built()));
    wb.names = [MARK];
    expect(analyse(wb, { today: TODAY }).issues.filter((i) => i.code === 'overview-stale')).toEqual([]);
    wb.sheets[1].cells[2][4] = { kind: 'text', text: 'R' };
    expect(analyse(wb, { today: TODAY }).issues.filter((i) => i.code === 'overview-stale')).toEqual([
      expect.objectContaining({ sheet: 'Overview', cell: 'A1', severity: 'warning' }),
    ]);
  });
});

const MARK = { name: 'ProformaOverview', formula: "'Overview'!$A$1" };

describe('rebuild plan', () => {
  it('rewrites its own overview in place and keeps a hand-made one under another name', () => {
    const hand = sheet('Overview', [['Typed by hand']]);
    const prev = sheet('Overview (previous)', [['older']]);
    const wb = workbook(hand, prev, ...twoThemes().sheets);
    const plan = rebuildPlan(wb, analyse(wb, { today: TODAY }), TODAY);
    expect(plan.edits.map((e) => e.kind)).toEqual(['rename-sheet', 'add-sheet', 'mark-overview']);
    expect(plan.edits[0]).toEqual({ kind: 'rename-sheet', from: 'Overview', to: 'Overview (previous 2)' });
    expect(plan.edits[2]).toEqual({ kind: 'mark-overview', sheet: 'Overview' });

    const ours = asSnapshot(buildOverview(analyse(twoThemes(), { today: TODAY }), TODAY));
    const changed = twoThemes().sheets;
    changed[0].cells[2][4] = { kind: 'text', text: 'R' };
    const wb2 = { ...workbook(ours, ...changed), names: [MARK] };
    expect(rebuildPlan(wb2, analyse(wb2, { today: TODAY }), TODAY).edits.map((e) => e.kind)).toEqual(['replace-sheet']);
  });

  it('with an up-to-date overview, says so and plans nothing, whatever the file is called now: as check says', () => {
    const ours = asSnapshot(
      buildOverview(analyse(twoThemes(), { today: TODAY }), TODAY, undefined, { fileName: 'board plan.xlsx' }),
    );
    expect(ours.cells[0][0]).toEqual({ kind: 'text', text: 'board plan — overview, Q3 2026/27' });
    const wb = { ...workbook(ours, ...twoThemes().sheets), names: [MARK] };
    const later = new Date(TODAY.getTime() + 3_600_000);
    const upToDate = { description: 'The overview is up to date: nothing to rebuild.', edits: [] };
    expect(rebuildPlan(wb, analyse(wb, { today: later }), later, { fileName: 'board plan.xlsx' })).toEqual(upToDate);
    // A partner renamed the file when emailing it back; the build date's quarter is when it was built.
    const renamed = { fileName: 'board plan - returned by Police (2).xlsx' };
    const nextQuarter = new Date(2027, 0, 5);
    for (const [when, title] of [
      [later, renamed],
      [nextQuarter, {}],
    ] as const) {
      const analysis = analyse(wb, { today: when });
      expect(analysis.issues.filter((i) => i.code === 'overview-stale')).toEqual([]);
      expect(rebuildPlan(wb, analysis, when, title)).toEqual(upToDate);
    }
    // A change to the theme sheets: both say so, and the new title names the file as it is now.
    const changed = {
      ...wb,
      sheets: wb.sheets.map((s, i) => (i === 1 ? { ...s, cells: s.cells.map((r) => [...r]) } : s)),
    };
    changed.sheets[1].cells[2][4] = { kind: 'text', text: 'R' };
    const analysis = analyse(changed, { today: later });
    expect(analysis.issues.filter((i) => i.code === 'overview-stale')).toHaveLength(1);
    const plan = rebuildPlan(changed, analysis, later, renamed);
    expect(plan.edits.map((e) => e.kind)).toEqual(['replace-sheet']);
    const content = (plan.edits[0] as { content: SheetContent }).content;
    expect(content.cells[0][0].value).toBe('board plan - returned by Police (2) — overview, Q3 2026/27');
  });

  it("without the mark, a sheet that looks like an overview is not Proforma's: it is kept, never replaced", () => {
    const lookalike = asSnapshot(buildOverview(analyse(twoThemes(), { today: TODAY }), TODAY));
    const wb = workbook(lookalike, ...twoThemes().sheets);
    expect(analyse(wb, { today: TODAY }).overviewSheet).toBeNull();
    expect(rebuildPlan(wb, analyse(wb, { today: TODAY }), TODAY).edits.map((e) => e.kind)).toEqual([
      'rename-sheet',
      'add-sheet',
      'mark-overview',
    ]);
  });

  it("never renames or overwrites a theme sheet that has the overview's name", () => {
    const themes = twoThemes().sheets;
    themes[0] = { ...themes[0], name: 'Overview' };
    const wb = workbook(...themes);
    const plan = rebuildPlan(wb, analyse(wb, { today: TODAY }), TODAY);
    expect(plan.edits.map((e) => e.kind)).toEqual(['add-sheet', 'mark-overview']);
    expect(plan.edits[1]).toEqual({ kind: 'mark-overview', sheet: 'Overview (2)' });
  });

  it('keeps "(previous)" names within Excel’s 31 characters', () => {
    expect(previousName('A very long overview sheet name', new Set())).toBe('A very long overview (previous)');
    expect(previousName('Overview', new Set(['overview (previous)']))).toBe('Overview (previous 2)');
  });
});

describe('fix plan', () => {
  it('changes exactly the fixable cells, expecting their current values', () => {
    const wb = workbook(themeSheet('P', [action('pe1', 'Amber '), action('PE2', 'Purple')]));
    const plan = fixPlan(analyse(wb, { today: TODAY }));
    expect(plan.edits).toEqual([
      { kind: 'set-value', sheet: 'P', row: 2, col: 0, expect: { kind: 'text', text: 'pe1' }, value: 'PE1' },
      { kind: 'set-value', sheet: 'P', row: 2, col: 5, expect: { kind: 'text', text: 'Amber ' }, value: 'A' },
    ]);
  });
});

describe('rebuild result', () => {
  it('names the rows left out, each row once, and says when none was', () => {
    const wb = twoThemes();
    wb.sheets[1].cells[3][3] = { kind: 'text', text: '??' }; // Offending row 4: term invalid, RAG fine
    wb.sheets[1].cells[3][4] = { kind: 'text', text: 'Purple' }; // … and RAG invalid: still one row
    const plan = rebuildPlan(wb, analyse(wb, { today: TODAY }), TODAY);
    expect(plan.description).toBe(
      'Overview rebuilt: 2 themes, 5 actions, 2 rows left out — see Prevention E5, Offending E4.',
    );
    const clean = workbook(termSheet('P', [[1, 'D', 'a', 'S', 'G']]));
    expect(rebuildPlan(clean, analyse(clean, { today: TODAY }), TODAY).description).toBe(
      'Overview rebuilt: 1 theme, 1 action, none left out.',
    );
  });
});
