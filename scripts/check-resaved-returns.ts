// Run after the unit tests (`npm test`'s posttest), where LibreOffice is installed: a
// partner's return saved again by LibreOffice is still a return (SPEC §7.3). LibreOffice
// rewrites every part — shared strings for inline ones, its own number formats and styles,
// formulas recalculated — and saves a very hidden sheet back as merely hidden; none of that
// may turn an untouched cell into a change. For the four examples (refs and none, dates,
// a status per quarter, the board's own settings) it makes a pack, types a partner's edits
// into three, has LibreOffice save them again, and merges: exactly the edits must come out. Not a
// jest test: LibreOffice takes several seconds to start, more than a unit test may.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CellValue,
  Edit,
  RETURN_SHEET,
  analyse,
  cellAt,
  displayText,
  findPartner,
  mergeReturns,
  packPlan,
  parseAddress,
  partnersOf,
} from '../src/engine';
import { applyPlan, readPackage } from '../src/hosts/xlsx';

const ROOT = path.join(__dirname, '..');
const NOW = new Date(Date.UTC(2026, 10, 24));
const day = (iso: string): CellValue => ({
  kind: 'date',
  serial: Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569,
});
const text = (t: string): CellValue => ({ kind: 'text', text: t });

interface Case {
  example: string;
  lead: string;
  /** "Sheet!A1" → what the partner types. */
  edits: Record<string, CellValue>;
}

const CASES: Case[] = [
  {
    example: 'norfolk-2019-refresh.xlsx',
    lead: 'OPCCN',
    edits: {
      'Prevention & Early Intervention!F5': text('G'),
      'Prevention & Early Intervention!G5': text('Programmes mapped;\ngaps reported to the board'),
      'Offender Management!G12': text('  Outcomes framework drafted  '),
    },
  },
  {
    example: 'quarterly-performance-report.xlsx',
    lead: 'OPCCN',
    edits: {
      'Prevention!G6': text('G'),
      'Prevention!E6': day('2027-12-31'),
      'Prevention!H8': text('12/03/2027'),
      'Offender Management!F13': text('S'),
    },
  },
  {
    example: 'partnership-quarterly-tracker.xlsx',
    lead: 'Mental Health Trust',
    edits: {
      'Emotional Wellbeing!G7': text('A'),
      'Emotional Wellbeing!F8': text('G'),
      'Emotional Wellbeing!H7': text('Average wait now 11 weeks'),
    },
  },
  // Nothing edited: LibreOffice's rewriting alone must show no change at all.
  { example: 'delivery-plan-on-track.xlsx', lead: 'Police', edits: {} },
];

function soffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

const program = soffice();
if (!program) {
  console.log(
    '== returns re-saved by LibreOffice: skipped (LibreOffice is not installed; apt-get install libreoffice-calc-nogui)',
  );
  process.exit(0);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'proforma-libreoffice-'));
const failures: string[] = [];
try {
  console.log('== returns re-saved by LibreOffice');
  const files: string[] = [];
  const planned = CASES.map((c, i) => {
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'examples', c.example)));
    const pkg = readPackage(bytes);
    const analysis = analyse(pkg.snapshot, { today: NOW });
    const partner = findPartner(partnersOf(analysis).partners, c.lead, analysis.settings);
    if (!partner) throw new Error(`${c.example}: no lead partner ${c.lead}`);
    const pack = readPackage(applyPlan(pkg, packPlan(analysis, partner, { planFile: c.example, now: NOW }), NOW));
    const edits: Edit[] = Object.entries(c.edits).map(([where, value]) => {
      const bang = where.lastIndexOf('!');
      const sheet = where.slice(0, bang);
      const { row, col } = parseAddress(where.slice(bang + 1));
      const target = pack.snapshot.sheets.find((s) => s.name === sheet);
      if (!target) throw new Error(`${c.example}: no sheet ${sheet}`);
      return { kind: 'set-value', sheet, row, col, expect: cellAt(target, row, col), value };
    });
    const returned = applyPlan(pack, { description: 'a partner’s edits', edits }, NOW);
    const file = path.join(work, `return-${i + 1}.xlsx`);
    writeFileSync(file, returned);
    files.push(file);
    return { ...c, plan: pkg.snapshot, analysis };
  });
  // One LibreOffice for every file, with a profile of its own (another LibreOffice may be running).
  const out = path.join(work, 'resaved');
  const run = spawnSync(
    program,
    [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      ...files,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (run.status !== 0) throw new Error(`LibreOffice failed: ${run.stderr || run.stdout}`);
  planned.forEach((c, i) => {
    const resaved = readPackage(new Uint8Array(readFileSync(path.join(out, path.basename(files[i])))));
    const record = resaved.sheets.find((s) => s.name === RETURN_SHEET);
    const result = mergeReturns({ snapshot: c.plan, model: c.analysis }, [
      { file: c.example, snapshot: resaved.snapshot, model: analyse(resaved.snapshot, { today: NOW }) },
    ]);
    const report = result.returns[0];
    const applied = report.applied.map((a) => `${a.sheet}!${a.cell}=${JSON.stringify(a.return)}`).sort();
    const expected = Object.entries(c.edits)
      .map(([where, value]) => `${where}=${JSON.stringify(value)}`)
      .sort();
    const listed = [...report.alreadyThere, ...report.conflicts, ...report.refused].map(
      (l) => `${l.sheet}!${l.cell} ${displayText(l.plan)} → ${displayText(l.return)} (${l.reason || 'already there'})`,
    );
    const rows = [...report.unmatched, ...report.newRows].map((r) => `${r.sheet}!${r.cell} ${r.reason}`);
    const problems = [
      ...(report.refusedWhole ? [report.refusedWhole] : []),
      ...(JSON.stringify(applied) === JSON.stringify(expected)
        ? []
        : [`applied ${applied.join(', ') || 'nothing'}; expected ${expected.join(', ') || 'nothing'}`]),
      ...listed.map((l) => `a change the partner did not make: ${l}`),
      ...rows.map((r) => `a row listed: ${r}`),
    ];
    console.log(
      `   ${c.example}, ${c.lead}'s pack (record sheet saved ${record?.state ?? 'missing'}): ${
        problems.length === 0
          ? `${applied.length} edit${applied.length === 1 ? '' : 's'} merged, nothing else`
          : 'FAILED'
      }`,
    );
    for (const problem of problems) failures.push(`${c.example}: ${problem}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`check-resaved-returns: ${failure}`);
  process.exit(1);
}
