import { analyse } from './analyse';
import { fixPlan } from './fixes';
import { buildOverview, isOverviewStale, previousName, rebuildPlan } from './overview';
import { OVERVIEW_MARKER } from './overview-marker';
import { SheetContent } from './plan';
import { STATUSES, builtInScale } from './scales';
import { summarise, summaryJson } from './summary';
import { Raw, TODAY, action, sheet, themeSheet, workbook } from './test-helpers';
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

  it('has the title, build time, sources, reconciliation with each left-out cell, and the marker', () => {
    const lines = text(built());
    expect(lines[0]).toBe('Action plan overview');
    expect(lines[1]).toBe('Built|24 Nov 2026 09:05');
    expect(lines[2]).toBe('Built from|2 theme sheets: Prevention, Offending');
    expect(lines[3]).toBe(
      'Reconciliation|5 action rows counted; 1 left out of the status columns; 1 left out of the term columns.',
    );
    expect(lines[4]).toBe("|'Prevention'!E5: RAG invalid, left out of the status columns");
    expect(lines[5]).toBe("|'Offending'!D4: term missing, left out of the term columns");
    expect(lines[lines.length - 1].startsWith(OVERVIEW_MARKER)).toBe(true);
  });

  it('lays out the matrix: term groups × statuses, theme rows with counts, Actions, c/f and Total rows', () => {
    const lines = text(built());
    const top = lines.findIndex((l) => l.startsWith('Theme|'));
    expect(lines[top]).toBe('Theme|Short||||Medium||||Long||||No term');
    expect(lines[top + 1]).toBe('|R|A|G|W|R|A|G|W|R|A|G|W|R|A|G|W');
    expect(lines[top + 2]).toBe('Prevention (3)|0|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0');
    expect(lines[top + 3]).toBe('Offending (2)|0|0|0|0|0|0|0|0|0|0|0|1|1|0|0|0');
    expect(lines[top + 4]).toBe('Actions (5)|1||||2||||1||||1');
    expect(lines[top + 5]).toBe('Carried forward (1)|0 c/f||||1 c/f||||0 c/f||||0 c/f');
    expect(lines[top + 6]).toBe('Total|0|0|1|0|0|1|0|0|0|0|0|1|1|0|0|0');
    expect(lines).toContain(`R: Red|${STATUSES.R.meaning}`);
  });

  it('shows "No term" only when some action has no term, and one group without a term column', () => {
    const full = analyse(workbook(termSheet('P', [[1, 'D', 'a', 'S', 'G']])), { today: TODAY });
    expect(text(buildOverview(full, TODAY)).find((l) => l.startsWith('Theme|'))).toBe('Theme|Short||||Medium||||Long');
    const noTerm = analyse(workbook(themeSheet('P', [action('PE1')])), { today: TODAY });
    const lines = text(buildOverview(noTerm, TODAY));
    expect(lines.find((l) => l.startsWith('Theme|'))).toBe('Theme|All actions');
    expect(lines.some((l) => l.startsWith('Carried forward'))).toBe(false);
  });

  it('writes theme names that look like formulas as plain text values', () => {
    const a = analyse(workbook(themeSheet('P', [action('PE1')], '=HYPERLINK("http://x","y")')), { today: TODAY });
    const cells = buildOverview(a, TODAY).cells.flat();
    expect(cells.some((c) => c.value === '=HYPERLINK("http://x","y") (1)')).toBe(true);
  });

  it('is stale when the theme sheets changed, and not when only the build time differs', () => {
    const existing = asSnapshot(built());
    const again = buildOverview(analyse(twoThemes(), { today: TODAY }), new Date(2030, 0, 1));
    expect(isOverviewStale(existing, again)).toBe(false);
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
    const wb2 = { ...workbook(ours, ...twoThemes().sheets), names: [MARK] };
    expect(rebuildPlan(wb2, analyse(wb2, { today: TODAY }), TODAY).edits.map((e) => e.kind)).toEqual(['replace-sheet']);
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
