// The command line as a user runs it: exit codes, output shapes, bad input.
import { execFile } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../src/cli';
import { EXAMPLES_DIR } from '../scripts/make-examples';

const NORFOLK = path.join(EXAMPLES_DIR, 'norfolk-2019-refresh.xlsx');
const QUARTERLY = path.join(EXAMPLES_DIR, 'quarterly-performance-report.xlsx');
const ROOT = path.join(__dirname, '..');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    colour: false,
    now: () => new Date(Date.UTC(2026, 10, 20, 9, 30)),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('check', () => {
  it('exits 1 with errors, listing issues grouped by sheet and a verdict', async () => {
    const run = await cli('check', NORFOLK);
    expect(run.code).toBe(1);
    expect(run.err).toBe('');
    expect(run.out).toContain('3 theme sheets, 17 actions, prefixed refs');
    expect(run.out).toMatch(/Offender Management \(OM\), 9 actions\n {2}error {3}A6 {5}ref-format/);
    expect(run.out).toContain('RAG value "Amber/ Green" is not on the scale');
    expect(run.out).toMatch(/5 errors, \d+ warnings: not ready to send\./);
  });

  it('exits 0 once the errors are gone, and says "Ready to send" when the overview is up to date', async () => {
    const fixed = path.join(dir, 'clean.xlsx');
    const wb = await import('../scripts/make-examples').then((m) => m.norfolkWorkbook());
    const pe = wb.getWorksheet('Prevention & Early Intervention')!;
    pe.getCell('F9').value = 'G';
    const om = wb.getWorksheet('Offender Management')!;
    om.getCell('A6').value = 'OM2';
    om.getCell('E7').value = 'DA cohort reoffending rate';
    om.getCell('F11').value = 'A';
    wb.getWorksheet('Rehabilitation & Resettlement')!.getCell('A5').value = 'RR2';
    await wb.xlsx.writeFile(fixed);
    const notYet = await cli('check', fixed);
    expect(notYet.code).toBe(0);
    expect(notYet.out).toContain('not ready to send');
    expect(notYet.out).toContain('no overview yet');

    expect((await cli('rebuild', fixed, '--in-place')).code).toBe(0);
    const ready = await cli('check', fixed);
    expect(ready.code).toBe(0);
    expect(ready.out.trim().split('\n').pop()).toBe('Ready to send.');
  });

  it('--json prints the object of SPEC §6', async () => {
    const run = await cli('check', QUARTERLY, '--json');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out);
    expect(Object.keys(json)).toEqual(['file', 'sheets', 'issues', 'counts']);
    expect(json.file).toBe(QUARTERLY);
    expect(json.sheets[0]).toEqual({ name: 'Overview', kind: 'overview', theme: null, prefix: null, actions: 0 });
    expect(json.sheets[1]).toEqual({
      name: 'Prevention',
      kind: 'theme',
      theme: 'Prevention',
      prefix: null,
      actions: 7,
    });
    for (const issue of json.issues) {
      expect(Object.keys(issue).slice(0, 5)).toEqual(['severity', 'code', 'sheet', 'cell', 'message']);
      if ('fix' in issue) expect(Object.keys(issue.fix)).toEqual(['value']);
    }
    expect(json.issues).toContainEqual({
      severity: 'warning',
      code: 'rag-nonstandard',
      sheet: 'Rehab & Resettlement',
      cell: 'G8',
      message: 'RAG value "Amb" should be written as the code A.',
      fix: { value: 'A' },
    });
    expect(json.counts).toEqual({ error: 3, warning: 8, info: 0 });
  });

  it('--as-of moves the day overdue dates are judged against', async () => {
    const early = JSON.parse((await cli('check', QUARTERLY, '--json', '--as-of', '2026-09-01')).out);
    const late = JSON.parse((await cli('check', QUARTERLY, '--json', '--as-of', '2027-07-01')).out);
    const overdue = (j: { issues: Array<{ code: string }> }) => j.issues.filter((i) => i.code === 'overdue').length;
    expect(overdue(early)).toBe(0);
    expect(overdue(late)).toBeGreaterThan(5);
  });
});

describe('summary', () => {
  it('--json prints the overview numbers', async () => {
    const run = await cli('summary', QUARTERLY, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(
      json.themes.map((t: { sheet: string; name: string; actions: number }) => [t.sheet, t.name, t.actions]),
    ).toEqual([
      ['Prevention', 'Prevention', 7],
      ['Diversion', 'Diversion', 4],
      ['Offender Management', 'Offender Management', 9],
      ['Rehab & Resettlement', 'Rehabilitation and Resettlement', 5],
    ]);
    expect(json.total).toEqual({
      actions: 25,
      rag: { R: 1, A: 14, G: 8, W: 1, none: 1 },
      terms: {
        S: { R: 0, A: 2, G: 3, W: 0, none: 0 },
        M: { R: 1, A: 8, G: 4, W: 0, none: 1 },
        L: { R: 0, A: 3, G: 0, W: 1, none: 0 },
        none: { R: 0, A: 1, G: 1, W: 0, none: 0 },
      },
      carriedForward: 8,
    });
  });

  it('without --json prints a readable table', async () => {
    const run = await cli('summary', NORFOLK);
    expect(run.out).toMatch(/Prevention\/Early Intervention \(6\)\s+1\s+2\s+2\s+0\s+1\s+0\n/);
    expect(run.out).toMatch(/Total \(17\)/);
  });
});

describe('fix, colour, rebuild', () => {
  it('fix -o writes a new file and leaves the original untouched', async () => {
    const original = await fs.readFile(NORFOLK);
    const out = path.join(dir, 'fixed.xlsx');
    const run = await cli('fix', NORFOLK, '-o', out);
    expect(run).toEqual({ code: 0, out: `Fixed 6 cells. Wrote ${out}.`, err: '' });
    expect(await fs.readFile(NORFOLK)).toEqual(original);
    const after = JSON.parse((await cli('check', out, '--json')).out);
    expect(after.issues.filter((i: { fix?: unknown }) => i.fix)).toEqual([]);
  });

  it('colour and rebuild --in-place change the file itself', async () => {
    const copy = path.join(dir, 'inplace.xlsx');
    await fs.copyFile(QUARTERLY, copy);
    expect((await cli('colour', copy, '--in-place')).out).toMatch(/^Coloured 24 action rows by status\. Wrote /);
    const rebuilt = await cli('rebuild', copy, '--in-place');
    expect(rebuilt.out).toMatch(
      /^Overview rebuilt: 4 themes, 25 actions, 3 rows left out — see Diversion G6, Offender Management F8, Offender Management F14\./,
    );
    const json = JSON.parse((await cli('check', copy, '--json')).out);
    expect(json.issues.filter((i: { code: string }) => i.code === 'overview-stale')).toEqual([]);
  });
});

describe('bad input: exit 2, one clear line on stderr', () => {
  async function expectCannotRun(args: string[], message: RegExp): Promise<void> {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^proforma: /);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/\bat .*\.(js|ts):\d+/);
  }

  it('a corrupt .xlsx', async () => {
    const file = path.join(dir, 'corrupt.xlsx');
    const bytes = await fs.readFile(NORFOLK);
    await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectCannotRun(['check', file], /cannot read .*corrupt\.xlsx: the file is damaged or cut short/);
  });

  it('a Word document renamed .xlsx', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    const file = path.join(dir, 'letter.xlsx');
    await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
    await expectCannotRun(['check', file], /it is a Word document, not an Excel workbook/);
  });

  it('a missing file, an unknown command, a missing output choice, a bad date', async () => {
    await expectCannotRun(['check', path.join(dir, 'nope.xlsx')], /no such file/);
    await expectCannotRun(['frobnicate', NORFOLK], /unknown command 'frobnicate'/);
    await expectCannotRun(['check'], /missing required argument 'file'/);
    await expectCannotRun(['fix', NORFOLK], /-o out\.xlsx .* or --in-place/);
    await expectCannotRun(['fix', NORFOLK, '-o', path.join(dir, 'x.csv')], /must end in \.xlsx/);
    await expectCannotRun(['check', NORFOLK, '--as-of', '31/12/2026'], /YYYY-MM-DD/);
  });
});

describe('the installed command', () => {
  const bin = path.join(ROOT, 'bin', 'proforma.js');
  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js')))
      throw new Error('dist/ is missing: `npm ci` builds it (prepare), or run `npm run build`');
  });

  it('runs check with the real exit code and no colour when piped', async () => {
    const result = await run(['check', QUARTERLY]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('quarterly-performance-report.xlsx');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('prints one line and exits 2 for a non-xlsx file', async () => {
    const result = await run(['check', path.join(ROOT, 'package.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
