// What moved, at the command line (SPEC §8): `compare` on two quarters of the
// quarterly example (Q1 2026/27 as the board kept it, and Q2), `baseline`
// recording the plan in the workbook, `rebuild --since`, and what cannot run.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Run, runCli } from './fixtures/cli';
import { BASELINE_SHEET, analyse, displayText, parseAddress } from '../src/engine';
import { applyPlan, readPackage } from '../src/hosts/xlsx';
import { EXAMPLES_DIR, EXAMPLE_DATE } from './fixtures/examples';
import { buildXlsx, inline, row } from './fixtures/xlsx-build';
import { RawEntry, readZipRaw } from './zip-raw';

const Q2 = path.join(EXAMPLES_DIR, 'quarterly-performance-report.xlsx');
const Q1 = path.join(EXAMPLES_DIR, 'quarterly-performance-report-q1.xlsx');

/** Runs the CLI in-process, `width` columns wide, as `npx proforma`. */
const cliAt = (width: number, ...args: string[]): Promise<Run> =>
  runCli(args, { width, now: () => EXAMPLE_DATE, command: 'npx proforma' });
const cli = (...args: string[]): Promise<Run> => cliAt(1000, ...args);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-moved-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Sets cells of a file through the .xlsx host, as a partner typing them would. */
async function setCells(file: string, sheet: string, values: Record<string, string>): Promise<void> {
  const pkg = readPackage(new Uint8Array(await fs.readFile(file)));
  const target = pkg.snapshot.sheets.find((s) => s.name === sheet)!;
  const edits = Object.entries(values).map(([cell, value]) => {
    const { row, col } = parseAddress(cell);
    return {
      kind: 'set-value' as const,
      sheet,
      row,
      col,
      expect: target.cells[row]?.[col] ?? { kind: 'empty' as const },
      value,
    };
  });
  await fs.writeFile(file, applyPlan(pkg, { description: 'typed', edits }, EXAMPLE_DATE));
}

describe('compare two quarters of the quarterly report', () => {
  it('lists, for people, each action that moved under its theme, then per theme', async () => {
    const run = await cliAt(120, 'compare', Q2, '--since', Q1);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      Q2,
      'What moved since quarterly-performance-report-q1.xlsx, the file given with --since.',
    ]);
    // Statuses moved both ways, a slipped date, an unchanged update on a Red action, a new and a removed action.
    for (const line of [
      '  G4  ref 1  "Agree funding and host organisation for the role": Amber → Green (better)',
      '  G8  ref 2  "Commission pilot projects from the hidden victi…": Green → Amber (worse)',
      '  E9  ref 3  "Extend the youth diversion scheme to all distri…": due 30 Jun 2026 → 30 Sep 2026 (slipped)',
      '  (was C8)  ref 5  "Map health screening in every police custody su…": removed (was Green)',
      '  G11  ref 9   "Develop resettlement provision for women releas…": Amber → Withdrawn',
      '  H13  ref 10  "Commission a perpetrator behaviour change progr…": update unchanged (rated Red)',
      '  C8  ref 12  "Increase continuity of care from prison to comm…": new (Amber)',
    ])
      expect(lines).toContain(line);
    expect(run.out).toContain('\nRehab & Resettlement — Rehabilitation and Resettlement\n');
    expect(lines.slice(-6)).toEqual([
      'Theme                              Improved  Worse  Unchanged  New  Removed',
      'Prevention                                1      1          5    0        0',
      'Diversion                                 0      1          3    0        1',
      'Offender Management                       2      0          7    0        0',
      'Rehabilitation and Resettlement           1      1          2    1        0',
      'Total                                     4      3         17    1        1',
    ]);
    // Wrapped to the width, continuation lines under the text.
    const narrow = (await cliAt(80, 'compare', Q2, '--since', Q1)).out.split('\n');
    for (const line of narrow) expect(line.length).toBeLessThanOrEqual(80);
    expect(narrow).toContain('  E9  ref 3  "Extend the youth diversion scheme to all distri…": due 30 Jun 2026');
    expect(narrow).toContain('             → 30 Sep 2026 (slipped)');
  });

  it('--json prints the object of SPEC §8: one entry per change, its cell on the action’s row', async () => {
    const run = await cli('compare', Q2, '--since', Q1, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json)).toEqual(['since', 'actions', 'themes']);
    expect(json.since).toEqual({ kind: 'file', label: 'quarterly-performance-report-q1.xlsx' });
    const entry = (sheet: string, cell: string | null, change: string) =>
      json.actions.find(
        (a: { sheet: string; cell: string; change: string }) =>
          a.sheet === sheet && a.cell === cell && a.change === change,
      );
    for (const a of json.actions)
      expect(Object.keys(a)).toEqual(['sheet', 'ref', 'cell', 'change', 'from', 'to', 'direction', 'text']);
    expect(entry('Prevention', 'G4', 'status')).toMatchObject({ ref: '1', from: 'A', to: 'G', direction: 'better' });
    expect(entry('Diversion', 'G5', 'status')).toMatchObject({ from: 'G', to: 'A', direction: 'worse' });
    expect(entry('Diversion', 'G6', 'status')).toMatchObject({ from: 'A', to: 'Red/Amber', direction: null });
    expect(entry('Prevention', 'E9', 'due')).toMatchObject({
      from: '2026-06-30',
      to: '2026-09-30',
      direction: 'worse',
    });
    expect(entry('Offender Management', 'D10', 'lead')).toMatchObject({
      from: 'Norfolk County Council',
      to: 'Probation Service',
      direction: null,
    });
    expect(entry('Offender Management', 'H13', 'update-unchanged')).toMatchObject({
      ref: '10',
      text: 'Commission a perpetrator behaviour change programme',
      from: null,
      to: null,
    });
    expect(entry('Rehab & Resettlement', 'C8', 'new')).toMatchObject({ ref: '12', from: null, to: 'A' });
    // A removed action's cell is where it was in the baseline.
    expect(entry('Diversion', 'C8', 'removed')).toMatchObject({
      ref: '5',
      text: 'Map health screening in every police custody suite',
      from: 'G',
      to: null,
    });
    expect(json.themes).toEqual([
      { sheet: 'Prevention', name: 'Prevention', improved: 1, worse: 1, unchanged: 5, new: 0, removed: 0 },
      { sheet: 'Diversion', name: 'Diversion', improved: 0, worse: 1, unchanged: 3, new: 0, removed: 1 },
      {
        sheet: 'Offender Management',
        name: 'Offender Management',
        improved: 2,
        worse: 0,
        unchanged: 7,
        new: 0,
        removed: 0,
      },
      {
        sheet: 'Rehab & Resettlement',
        name: 'Rehabilitation and Resettlement',
        improved: 1,
        worse: 1,
        unchanged: 2,
        new: 1,
        removed: 0,
      },
    ]);
  });

  it('compares a quarter tracker with its own previous period, without being asked', async () => {
    const run = await cli('compare', path.join(EXAMPLES_DIR, 'partnership-quarterly-tracker.xlsx'), '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(json.since).toEqual({ kind: 'periods', label: 'the previous period' });
    expect(json.actions).toContainEqual(
      expect.objectContaining({ change: 'status', from: 'R', to: 'A', direction: 'better' }),
    );
  });
});

describe('baseline records the plan in the workbook', () => {
  it('writes a very hidden ProformaBaseline; compare then check read it, and say what moved since', async () => {
    const file = path.join(dir, 'recorded.xlsx');
    const run = await cli('baseline', Q2, '--label', 'Q2 2026/27', '-o', file);
    expect(run).toEqual({
      code: 0,
      out: `Baseline "Q2 2026/27" recorded: 25 actions. Next quarter, compare the plan with it to see what moved; until partners write new updates, those of actions off track or at risk show as unchanged.\nWrote ${file}.`,
      err: '',
    });
    const pkg = readPackage(new Uint8Array(await fs.readFile(file)));
    const sheet = pkg.snapshot.sheets.find((s) => s.name === BASELINE_SHEET)!;
    expect(sheet.visibility).toBe('veryHidden');
    expect(pkg.snapshot.sheets[pkg.snapshot.sheets.length - 1].name).toBe(BASELINE_SHEET);
    // The updates' text is not in it.
    const text = sheet.cells.flat().map(displayText).join('\n');
    expect(text).toContain('Commission a perpetrator behaviour change programme');
    expect(text).not.toContain('Tender failed; re-tendering in Q3.');
    // Nothing moved yet; every update is word for word as recorded.
    const same = await cli('compare', file);
    expect(same.code).toBe(0);
    expect(same.out).toContain(
      'What moved since Q2 2026/27: compared with the baseline "Q2 2026/27" recorded in the workbook on 20 Nov 2026',
    );
    expect(same.out).toContain(
      'Nothing moved: 25 actions compared, each with the same status, due date and lead, none new and none removed; 24 progress updates are word for word as they were.',
    );
    // The next quarter: a partner rates an action Red and moves its date; another refreshes nothing.
    await setCells(file, 'Prevention', { G4: 'R', E4: '31/12/2026', H4: 'Funding withdrawn by one partner.' });
    const moved = await cli('compare', file);
    expect(moved.out).toContain(
      '  G4   ref 1  "Agree funding and host organisation for the role": Green → Red (worse); due 30 Jun 2026 → 31 Dec 2026 (slipped)',
    );
    const check = await cli('check', file, '--json');
    const issues = JSON.parse(check.out).issues as Array<{ code: string; sheet: string; cell: string }>;
    expect(issues.filter((i) => i.code === 'due-slipped').map((i) => `${i.sheet}!${i.cell}`)).toEqual([
      'Prevention!E4',
    ]);
    expect(issues.filter((i) => i.code === 'update-unchanged').map((i) => `${i.sheet}!${i.cell}`)).toContain(
      'Offender Management!H13',
    );
    // Not a sheet of the plan: not listed, not checked.
    expect(JSON.parse(check.out).sheets.map((s: { name: string }) => s.name)).not.toContain(BASELINE_SHEET);
  });

  it('changes only what a new sheet needs, then only its own part; the same again writes nothing', async () => {
    const file = path.join(dir, 'parts.xlsx');
    expect((await cli('baseline', Q2, '--label', 'Q2 2026/27', '-o', file)).code).toBe(0);
    const before = readZipRaw(new Uint8Array(await fs.readFile(Q2)));
    const after = readZipRaw(new Uint8Array(await fs.readFile(file)));
    const same = (a: RawEntry, b: RawEntry) => Buffer.compare(Buffer.from(a.raw), Buffer.from(b.raw)) === 0;
    const changed = [...before].filter(([name, entry]) => !after.has(name) || !same(entry, after.get(name)!));
    expect(changed.map(([name]) => name).sort()).toEqual([
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
    ]);
    const added = [...after.keys()].filter((name) => !before.has(name));
    expect(added).toHaveLength(1);

    const again = await cli('baseline', file, '--label', 'Q2 2026/27', '--in-place');
    expect(again.out).toBe(
      `The baseline "Q2 2026/27" is already recorded as the plan stands: nothing to record; ${file} not written.`,
    );
    const replaced = await cli('baseline', file, '--label', 'Q3 2026/27', '--in-place', '--as-of', '2027-01-15');
    expect(replaced.out).toContain('Baseline "Q3 2026/27" recorded: 25 actions, replacing the one recorded before.');
    const third = readZipRaw(new Uint8Array(await fs.readFile(file)));
    expect([...third].filter(([name, entry]) => !same(entry, after.get(name)!)).map(([name]) => name)).toEqual(added);
    const label = readPackage(new Uint8Array(await fs.readFile(file))).snapshot.sheets.find(
      (s) => s.name === BASELINE_SHEET,
    )!.cells[1];
    expect(label.map(displayText)).toEqual(['label', 'Q3 2026/27']);
  });

  it('needs a label and somewhere to write, as the other commands do', async () => {
    const noLabel = await cli('baseline', Q2, '--in-place');
    expect(noLabel.code).toBe(2);
    expect(noLabel.err).toMatch(/required option '--label <text>' not specified/);
    const blank = await cli('baseline', Q2, '--label', ' ', '-o', path.join(dir, 'blank.xlsx'));
    expect(blank).toMatchObject({ code: 2, out: '' });
    expect(blank.err).toBe(
      'proforma: A baseline needs a label naming the period, e.g. "Q3 2026/27". Nothing was written.',
    );
    const nowhere = await cli('baseline', Q2, '--label', 'Q2');
    expect(nowhere.err).toMatch(/say where to write: -o out\.xlsx for a new file, or --in-place/);
    await expect(fs.stat(path.join(dir, 'blank.xlsx'))).rejects.toThrow();
  });
});

describe('rebuild --since', () => {
  it('tells what moved since the file in the overview; a check without the file does not call it stale', async () => {
    const file = path.join(dir, 'rebuilt.xlsx');
    const run = await cli('rebuild', Q2, '--since', Q1, '-o', file);
    expect(run.code).toBe(0);
    const pkg = readPackage(new Uint8Array(await fs.readFile(file)));
    const overview = pkg.snapshot.sheets[0].cells.map((r) => r.map(displayText).filter(Boolean));
    const at = overview.findIndex((r) => r[0] === 'What moved since quarterly-performance-report-q1.xlsx');
    expect(at).toBeGreaterThan(0);
    expect(overview.slice(at + 1, at + 8)).toEqual([
      ['Compared with', 'the file quarterly-performance-report-q1.xlsx.'],
      ['Prevention', '1 improved, 1 worse, 5 unchanged, 0 new, 0 removed.'],
      ['Diversion', '0 improved, 1 worse, 3 unchanged, 0 new, 1 removed.'],
      ['Offender Management', '2 improved, 0 worse, 7 unchanged, 0 new, 0 removed.'],
      ['Rehabilitation and Resettlement', '1 improved, 1 worse, 2 unchanged, 1 new, 0 removed.'],
      ['All themes', '4 improved, 3 worse, 17 unchanged, 1 new, 1 removed.'],
      ['Worse or slipped', 'Prevention, ref 2, "Commission pilot projects from the hidd…": Green → Amber (worse).'],
    ]);
    expect(overview[at + 8]).toEqual([
      'Prevention, ref 3, "Extend the youth diversion scheme to al…": due 30 Jun 2026 → 30 Sep 2026 (slipped).',
    ]);
    // The plan's own title names its period: no second one (a file compared with is not a period).
    expect(overview[0]).toEqual(['Reducing Offending Board - Quarterly Performance Report, Q2 2026/27 — overview']);
    const check = JSON.parse((await cli('check', file, '--json')).out);
    expect(check.issues.map((i: { code: string }) => i.code)).not.toContain('overview-stale');
    const again = await cli('rebuild', file, '--since', Q1, '--in-place');
    expect(again.out).toBe(`The overview is up to date: nothing to rebuild; ${file} not written.`);
    // Without the file, a rebuild tells what moved since the workbook's own baseline (none here): the block goes.
    expect((await cli('rebuild', file, '--in-place')).code).toBe(0);
    const plain = readPackage(new Uint8Array(await fs.readFile(file))).snapshot.sheets[0];
    expect(plain.cells.some((r) => displayText(r[0] ?? { kind: 'empty' }).startsWith('What moved'))).toBe(false);
    expect(
      analyse(readPackage(new Uint8Array(await fs.readFile(file))).snapshot, { today: EXAMPLE_DATE }).movement,
    ).toBeNull();
  });
});

describe('what cannot run: exit 2, one line, nothing written', () => {
  it('an unreadable baseline file, a missing one, one with no plan, and no baseline at all', async () => {
    const corrupt = path.join(dir, 'corrupt.xlsx');
    await fs.writeFile(corrupt, 'PK\u0003\u0004 not really a zip');
    const bad = await cli('compare', Q2, '--since', corrupt);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err.split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(new RegExp(`^proforma: cannot read ${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    const out = path.join(dir, 'not-written.xlsx');
    const rebuild = await cli('rebuild', Q2, '--since', corrupt, '-o', out);
    expect(rebuild.code).toBe(2);
    await expect(fs.stat(out)).rejects.toThrow();
    const missing = await cli('compare', Q2, '--since', path.join(dir, 'nowhere.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nowhere\.xlsx/);
    const notes = path.join(dir, 'notes-only.xlsx');
    await fs.writeFile(
      notes,
      buildXlsx({
        sheets: [
          { name: 'Notes', body: `<sheetData>${row(1, [inline('A1', 'Minutes of the March meeting')])}</sheetData>` },
        ],
      }),
    );
    const noPlan = await cli('compare', Q2, '--since', notes);
    expect(noPlan.code).toBe(2);
    expect(noPlan.err).toBe(
      `proforma: --since ${notes}: no sheet of it holds an action plan that could be read, so there is nothing to compare with`,
    );
    const none = await cli('compare', Q2);
    expect(none.code).toBe(2);
    expect(none.err).toBe(
      `proforma: ${Q2} has no baseline to compare with: no earlier period column and no recorded baseline. After the board meets, record one (npx proforma baseline ${Q2} --label "Q3 2026/27" --in-place), or compare with last quarter's file (--since FILE)`,
    );
  });
});
