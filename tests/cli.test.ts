// The command line as a user runs it: exit codes, output shapes, bad input.
import { execFile, spawn } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { invokedAs, main, terminalWidth } from '../src/cli';
import { Run, runCli } from './fixtures/cli';
import { wrapLine } from '../src/cli/wrap';
import { EXAMPLES_DIR } from './fixtures/examples';
import { buildXlsx, inline, planSheet, row } from './fixtures/xlsx-build';
import { readPackage } from '../src/hosts/xlsx';
import { displayText } from '../src/engine/snapshot';

const NORFOLK = path.join(EXAMPLES_DIR, 'norfolk-2019-refresh.xlsx');
const QUARTERLY = path.join(EXAMPLES_DIR, 'quarterly-performance-report.xlsx');
const DELIVERY = path.join(EXAMPLES_DIR, 'delivery-plan-on-track.xlsx');
const ROOT = path.join(__dirname, '..');

/** Runs the CLI in-process at a terminal `width` columns wide. */
function cliAt(width: number, ...args: string[]): Promise<Run> {
  return runCli(args, { width, now: () => new Date(Date.UTC(2026, 10, 20, 9, 30)) });
}

/** Runs the CLI in-process on a terminal wide enough that no line wraps (what a line says, not how it wraps). */
function cli(...args: string[]): Promise<Run> {
  return cliAt(1000, ...args);
}

/** The Norfolk example with its errors corrected: warnings left, and no overview yet. */
async function writeNorfolkWithoutErrors(file: string): Promise<void> {
  const wb = await import('./fixtures/examples').then((m) => m.norfolkWorkbook());
  const pe = wb.getWorksheet('Prevention & Early Intervention')!;
  pe.getCell('F9').value = 'G';
  const om = wb.getWorksheet('Offender Management')!;
  om.getCell('A6').value = 'OM2';
  om.getCell('E7').value = 'DA cohort reoffending rate';
  om.getCell('F11').value = 'A';
  wb.getWorksheet('Rehabilitation & Resettlement')!.getCell('A5').value = 'RR2';
  await wb.xlsx.writeFile(file);
}

/** A workbook whose one sheet is a table Proforma cannot read as a plan (no ref or actions column). */
const SAR_REVIEW = `<sheetData>${row(1, [inline('A1', 'Rec'), inline('B1', 'Finding'), inline('C1', 'Current Status'), inline('D1', 'Owner')])}${row(2, [inline('A2', 'R1'), inline('B2', 'No shared plan'), inline('C2', 'Amber'), inline('D2', 'Health')])}${row(3, [inline('A3', 'R2'), inline('B3', 'No review'), inline('C3', 'Green'), inline('D3', 'Police')])}</sheetData>`;

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
    await writeNorfolkWithoutErrors(fixed);
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
    // The contacts sheet and the blank sheet are not action plans: skipped, said as info.
    expect(json.counts).toEqual({ error: 3, warning: 8, info: 2 });
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

  it('--scale reads the statuses on a built-in scale for this run: its codes are the keys', async () => {
    const json = JSON.parse((await cli('summary', QUARTERLY, '--json', '--scale', 'ragb')).out);
    expect(Object.keys(json.total.rag)).toEqual(['R', 'A', 'G', 'W', 'B', 'none']);
    const words = JSON.parse((await cli('summary', QUARTERLY, '--json', '--scale', 'track')).out);
    // No R/A/G letter is a word of the track scale: every status is "none" on it.
    expect(words.total.rag).toEqual({ 'Off track': 0, 'At risk': 0, 'On track': 0, Complete: 0, none: 25 });
    const check = JSON.parse((await cli('check', QUARTERLY, '--json', '--scale', 'track')).out);
    expect(check.issues.some((i: { code: string }) => i.code === 'scale-mismatch')).toBe(true);
  });

  it('--scale on a command that writes: refused unless it is the board’s own scale, with how to make it so', async () => {
    const out = path.join(os.tmpdir(), `proforma-scale-${process.pid}.xlsx`);
    try {
      // The delivery plan's board chose the track scale: fixing on rag would write R, A, G it rejects.
      for (const command of ['fix', 'colour', 'rebuild']) {
        const run = await cli(command, DELIVERY, '--scale', 'rag', '-o', out);
        expect([command, run.code, run.out]).toEqual([command, 2, '']);
        expect(run.err).toBe(
          `proforma: --scale rag is not the board's scale (track): ${command} would write what the workbook's own scale rejects. To make rag the board's scale: proforma settings ${DELIVERY} --set scale=rag --in-place; then ${command} without --scale`,
        );
        expect(existsSync(out)).toBe(false);
      }
      // Its own scale named again: as without --scale.
      expect((await cli('fix', DELIVERY, '--scale', 'track', '-o', out)).code).toBe(0);
    } finally {
      await fs.rm(out, { force: true });
    }
  });

  it('without --json prints a readable table', async () => {
    const run = await cli('summary', NORFOLK);
    expect(run.out).toMatch(/Prevention\/Early Intervention \(6\)\s+1\s+2\s+2\s+0\s+1\s+0\n/);
    expect(run.out).toMatch(/Total \(17\)/);
  });
});

describe('fix, colour, rebuild', () => {
  it('fix -o writes a new file, listing each cell it changed, and leaves the original untouched', async () => {
    const original = await fs.readFile(NORFOLK);
    const out = path.join(dir, 'fixed.xlsx');
    const run = await cli('fix', NORFOLK, '-o', out);
    expect(run).toEqual({
      code: 0,
      out: [
        'Fixed 6 cells.',
        `  'Prevention & Early Intervention'!F5  "Amber " → A`,
        `  'Prevention & Early Intervention'!F7  "amber" → A`,
        `  'Prevention & Early Intervention'!F8  "Green" → G`,
        `  'Offender Management'!A6              "om 2" → OM2`,
        `  'Rehabilitation & Resettlement'!A5    "RR-2" → RR2`,
        `  'Rehabilitation & Resettlement'!F5    "Superseded" → W`,
        `Wrote ${out}.`,
      ].join('\n'),
      err: '',
    });
    expect(await fs.readFile(NORFOLK)).toEqual(original);
    const after = JSON.parse((await cli('check', out, '--json')).out);
    expect(after.issues.filter((i: { fix?: unknown }) => i.fix)).toEqual([]);
  });

  it('colour and rebuild --in-place change the file itself', async () => {
    const copy = path.join(dir, 'inplace.xlsx');
    await fs.copyFile(QUARTERLY, copy);
    expect((await cli('colour', copy, '--in-place')).out).toMatch(/^Colours are live on 4 sheets: [^]*\nWrote /);
    const rebuilt = await cli('rebuild', copy, '--in-place');
    expect(rebuilt.out).toMatch(
      /^Overview rebuilt: 4 themes, 25 actions, 3 rows left out — see Diversion G6, Offender Management F8, Offender Management F14\./,
    );
    // Why they were left out, and what to do, as the add-in says it.
    expect(rebuilt.out).toContain(
      '\nOf the rows left out, 1 has a status not on the scale, 1 has no term and 1 has a term not on the term scale; correct them and rebuild.\n',
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
    await expectCannotRun(['check'], /missing required argument 'files'/);
    await expectCannotRun(['fix', NORFOLK], /-o out\.xlsx .* or --in-place/);
    await expectCannotRun(['fix', NORFOLK, '-o', path.join(dir, 'x.csv')], /must end in \.xlsx/);
    await expectCannotRun(['check', NORFOLK, '--as-of', '31/12/2026'], /YYYY-MM-DD/);
    await expectCannotRun(
      ['summary', NORFOLK, '--scale', 'rainbow'],
      /--scale should be one of rag, ragb, track, not "rainbow"/,
    );
  });
});

describe('writing safely: the file and its permissions, links and neighbours', () => {
  it('refuses -o naming the input, directly or through a link, and changes nothing', async () => {
    const copy = path.join(dir, 'same.xlsx');
    await fs.copyFile(NORFOLK, copy);
    const link = path.join(dir, 'same-link.xlsx');
    await fs.symlink(copy, link);
    await fs.mkdir(path.join(dir, 'sub'), { recursive: true });
    const before = await fs.readFile(copy);
    // The same file however it is spelt: as given, through a link, relative, with ./ or ../ in it.
    const spellings = [copy, link, path.relative(process.cwd(), copy), `${dir}/./same.xlsx`, `${dir}/sub/../same.xlsx`];
    for (const output of spellings) {
      const run = await cli('fix', copy, '-o', output);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/names the input file; to change it, use --in-place instead/);
    }
    expect(await fs.readFile(copy)).toEqual(before);
  });

  it("--in-place writes through a symbolic link to its target and keeps the file's permissions", async () => {
    const target = path.join(dir, 'target.xlsx');
    await fs.copyFile(QUARTERLY, target);
    await fs.chmod(target, 0o640);
    const link = path.join(dir, 'link.xlsx');
    await fs.symlink(target, link);
    const run = await cli('colour', link, '--in-place');
    expect(run.code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect((await fs.stat(target)).mode & 0o777).toBe(0o640);
    expect(await fs.readFile(target)).not.toEqual(await fs.readFile(QUARTERLY));
    expect((await fs.readdir(dir)).filter((f) => f.includes('proforma-tmp'))).toEqual([]);
  });

  it('refuses a read-only file, even for root', async () => {
    const file = path.join(dir, 'readonly.xlsx');
    await fs.copyFile(QUARTERLY, file);
    await fs.chmod(file, 0o444);
    const run = await cli('fix', file, '--in-place');
    expect(run).toEqual(expect.objectContaining({ code: 2, out: '' }));
    expect(run.err).toBe(`proforma: cannot write ${file}: it is read-only`);
    expect(await fs.readFile(file)).toEqual(await fs.readFile(QUARTERLY));
  });

  it('refuses to change a protected sheet, writing nothing', async () => {
    const file = path.join(dir, 'protected.xlsx');
    await fs.writeFile(
      file,
      buildXlsx({ sheets: [{ name: 'Plan', body: planSheet('', '<sheetProtection sheet="1"/>') }] }),
    );
    const out = path.join(dir, 'protected-out.xlsx');
    const run = await cli('fix', file, '-o', out);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /sheet "Plan" is protected; unprotect it in Excel \(Review > Unprotect Sheet\).*nothing was written/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('keeps macros only in a macro-enabled file: -o out.xlsx is refused for an .xlsm', async () => {
    const file = path.join(dir, 'macros.xlsm');
    const bytes = buildXlsx({
      sheets: [{ name: 'Plan', body: planSheet() }],
      parts: { 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) },
    });
    // Declare the workbook macro-enabled, as Excel does for .xlsm.
    const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
    const parts = unzipSync(bytes);
    parts['[Content_Types].xml'] = strToU8(
      strFromU8(parts['[Content_Types].xml']).replace('sheet.main+xml', 'sheet.macroEnabled.main+xml'),
    );
    await fs.writeFile(file, zipSync(parts));
    const run = await cli('fix', file, '-o', path.join(dir, 'macros-out.xlsx'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/holds macros; write it to a file ending in \.xlsm/);
    expect((await cli('fix', file, '-o', path.join(dir, 'macros-out.xlsm'))).code).toBe(0);
  });

  it('writes nothing when there is nothing to do: no new file, and the file itself untouched', async () => {
    const out = path.join(dir, 'nothing.xlsx');
    const clean = path.join(dir, 'clean-for-fix.xlsx');
    const line = (r: number, values: string[]): string =>
      row(
        r,
        values.map((v, i) => inline(`${'ABCD'[i]}${r}`, v)),
      );
    const body = `<sheetData>${line(1, ['Ref', 'Actions', 'Lead', 'RAG'])}${line(2, ['1', 'Map services', 'Council', 'G'])}</sheetData>`;
    await fs.writeFile(clean, buildXlsx({ sheets: [{ name: 'Plan', body }] }));
    const run = await cli('fix', clean, '-o', out);
    expect(run).toEqual({ code: 0, out: `Nothing to fix; ${out} not written.`, err: '' });
    expect(existsSync(out)).toBe(false);

    // A fixed workbook fixed again in place: not rewritten, so its bytes and its time stamp stay.
    const fixed = path.join(dir, 'fixed-once.xlsx');
    expect((await cli('fix', NORFOLK, '-o', fixed)).code).toBe(0);
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    await fs.utimes(fixed, lastWeek, lastWeek);
    const before = { bytes: await fs.readFile(fixed), mtime: (await fs.stat(fixed)).mtimeMs };
    const again = await cli('fix', fixed, '--in-place');
    expect(again).toEqual({ code: 0, out: `Nothing to fix; ${fixed} not written.`, err: '' });
    expect(await fs.readFile(fixed)).toEqual(before.bytes);
    expect((await fs.stat(fixed)).mtimeMs).toBe(before.mtime);
  });
});

describe('a board that words its plan its own way (delivery-plan-on-track.xlsx)', () => {
  it('reads its headings, track scale, dotted refs and colour-only statuses, and fixes what is certain', async () => {
    const check = await cli('check', DELIVERY, '--json');
    expect(check.code).toBe(1);
    const report = JSON.parse(check.out) as {
      issues: Array<{ code: string; sheet: string; cell: string; fix?: { value: string } }>;
    };
    expect(report.issues.map((i) => `${i.code} ${i.sheet}!${i.cell}${i.fix ? ` → ${i.fix.value}` : ''}`)).toEqual([
      'rag-colour-only Safer Streets!G6 → On track',
      'rag-nonstandard Safer Streets!G5 → On track',
      'overdue Safer Streets!F7',
      'rag-nonstandard Safer Streets!G7 → At risk',
      'overdue Safer Streets!F8',
      'evidence-missing Safer Streets!H8',
      'ref-sequence Safer Streets!A9',
      'rag-colour-only Safer Lives!G4 → Off track',
      'ref-duplicate Safer Lives!A6',
      'rag-colour-only Safer Lives!G7 → At risk',
      'rag-invalid Safer Lives!G8',
      'overdue Safer Lives!F6',
      'lead-missing Safer Lives!D9',
    ]);
    const fixed = path.join(dir, 'delivery-fixed.xlsx');
    expect((await cli('fix', DELIVERY, '-o', fixed)).out).toBe(
      [
        'Fixed 5 cells.',
        `  'Safer Streets'!G5  "on-track" → On track`,
        `  'Safer Streets'!G6  (empty) → On track`,
        `  'Safer Streets'!G7  "At Risk " → At risk`,
        `  'Safer Lives'!G4    (empty) → Off track`,
        `  'Safer Lives'!G7    (empty) → At risk`,
        `Wrote ${fixed}.`,
      ].join('\n'),
    );
    const summary = JSON.parse((await cli('summary', fixed, '--json')).out) as { total: { rag: object } };
    expect(summary.total.rag).toEqual({ 'Off track': 2, 'At risk': 3, 'On track': 5, Complete: 1, none: 1 });
  });
});

describe('rules and a workbook with no plan', () => {
  it('rules prints the catalogue by family, with fixes, and --json the same rules as data', async () => {
    const run = await cli('rules');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^The workbook\n {2}no-proforma {8}error {3}No sheet of the workbook holds an action plan/);
    expect(run.out).toContain('\n  rag-colour-only    error   A status shown only by the cell’s fill colour');
    expect(run.out).toContain('fix: the status’s code');
    const json = JSON.parse((await cli('rules', '--json')).out) as Array<{ code: string; severity: string }>;
    expect(json).toHaveLength(27);
    expect(json.find((r) => r.code === 'sheet-unrecognised')).toMatchObject({
      severity: 'warning',
      family: 'workbook',
    });
  });

  it('check reports no-proforma; rebuild, colour and fix refuse alike with exit 2 and write nothing', async () => {
    const file = path.join(dir, 'no-plan.xlsx');
    await fs.writeFile(file, buildXlsx({ sheets: [{ name: 'SAR review', body: SAR_REVIEW }] }));
    const check = await cli('check', file);
    expect(check.code).toBe(1);
    expect(check.out).toContain('error   A1     no-proforma');
    expect(check.out).toContain('warning A1     sheet-unrecognised');
    // Nothing to build an overview from: the verdict does not send the user to a rebuild that is refused.
    expect(check.out).toContain('\nNo action plan read; skipped: "SAR review"\n');
    expect(check.out).toMatch(/No theme sheet could be read\. 1 error to correct\.$/);
    expect(check.out).not.toMatch(/rebuild/i);
    const out = path.join(dir, 'no-plan-out.xlsx');
    const rebuild = await cli('rebuild', file, '-o', out);
    expect(rebuild).toEqual({
      code: 2,
      out: '',
      err: 'proforma: No sheet holds an action plan that could be read, so there is no overview to build; nothing was changed. Map the headings of "SAR review" in the settings (column:<heading> = ref, actions, rag …), then rebuild.',
    });
    expect(existsSync(out)).toBe(false);
    for (const [command, why] of [
      ['colour', 'there are no rows to colour'],
      ['fix', 'there is nothing to fix'],
    ]) {
      const run = await cli(command, file, '-o', out);
      expect(run).toEqual({
        code: 2,
        out: '',
        err: `proforma: No sheet holds an action plan that could be read, so ${why}; nothing was changed. Map the headings of "SAR review" in the settings (column:<heading> = ref, actions, rag …), then ${command} again.`,
      });
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('hostile input', () => {
  it('refuses a package that declares more than the limit, naming the limit, before inflating it', async () => {
    const buffer = Buffer.from(buildXlsx({ sheets: [{ name: 'Plan', body: planSheet() }] }));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    let at = buffer.indexOf(central);
    while (!buffer.subarray(at + 46, at + 46 + name.length).equals(name)) at = buffer.indexOf(central, at + 4);
    buffer.writeUInt32LE(0xf000_0000, at + 24);
    const file = path.join(dir, 'bomb.xlsx');
    await fs.writeFile(file, buffer);
    const run = await cli('check', file);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/would expand to \d+ MB, past the 1024 MB Proforma reads/);
  });

  it('says a password-protected workbook is encrypted and how to remove the password', async () => {
    const name = Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]);
    const file = path.join(dir, 'encrypted.xlsx');
    await fs.writeFile(
      file,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(512).fill(0), ...name]),
    );
    const run = await cli('check', file);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /protected with a password \(encrypted\); open it in Excel, choose File > Info > Protect Workbook/,
    );
  });

  it('never prints control characters from cells: terminal escapes are shown, not obeyed', async () => {
    const file = path.join(dir, 'escapes.xlsx');
    // Excel stores control characters in text as _xHHHH_ escapes; a sheet name may hold a bidi override.
    const evil = row(6, [null, null, inline('C6', 'Act'), null, inline('E6', 'Red_x001B_[2J_x001B_]0;pwned_x0007_')]);
    await fs.writeFile(file, buildXlsx({ sheets: [{ name: 'Plan\u202e', body: planSheet(evil) }] }));
    const run = await cli('check', file);
    expect(run.code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(run.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(run.out).toContain('Red\\x1b[2J\\x1b]0;pwned\\x07');
    expect(run.out).toContain('Plan\\u202e');
  });

  it('never prints invisible characters from cells: a status with a zero-width space is named as such, with its fix', async () => {
    const file = path.join(dir, 'invisible.xlsx');
    const pasted = row(6, [null, null, inline('C6', 'Act'), null, inline('E6', 'G\u200b')]);
    await fs.writeFile(file, buildXlsx({ sheets: [{ name: 'Plan\u200b', body: planSheet(pasted) }] }));
    const run = await cli('check', file);
    expect(run.out).not.toMatch(/\p{Cf}/u);
    expect(run.out).toMatch(/E6 +rag-nonstandard +RAG value "G\[zero-width space\]" has an invisible/);
    expect(run.out).toContain('[fix: G]');
    expect(run.out).toContain('Plan\\u200b');
  });
});

describe('several files at once', () => {
  let noErrors: string;
  let ready: string;
  let corrupt: string;
  /** Why the corrupt file cannot be read, as the host says it. */
  let damaged: string;
  beforeAll(async () => {
    noErrors = path.join(dir, 'batch-no-errors.xlsx');
    await writeNorfolkWithoutErrors(noErrors);
    ready = path.join(dir, 'batch-ready.xlsx');
    await fs.copyFile(noErrors, ready);
    expect((await cli('rebuild', ready, '--in-place')).code).toBe(0);
    corrupt = path.join(dir, 'batch-corrupt.xlsx');
    const bytes = await fs.readFile(NORFOLK);
    await fs.writeFile(corrupt, bytes.subarray(0, Math.floor(bytes.length / 2)));
    damaged = (await cli('check', corrupt)).err.replace(`proforma: cannot read ${corrupt}: `, '');
    expect(damaged).toMatch(/^the file is damaged or cut short/);
  });

  it('checks every file, prints each report, then one line per file, and exits with the worst code', async () => {
    const run = await cli('check', ready, NORFOLK, corrupt, noErrors);
    // The unreadable file is said on stderr, as for one file, and the others are still checked.
    expect(run.err).toBe(`proforma: cannot read ${corrupt}: ${damaged}`);
    expect(run.code).toBe(2);
    const reports = run.out.split('\n').filter((line) => line.endsWith('.xlsx') && !line.startsWith(' '));
    expect(reports).toEqual([ready, NORFOLK, noErrors]);
    const summary = run.out.slice(run.out.lastIndexOf('\n4 workbooks checked') + 1).split('\n');
    expect(summary[0]).toBe('4 workbooks checked: 1 ready to send, 1 could not be read');
    expect(summary[1]).toMatch(/^ {2}file +errors {2}warnings {2}verdict$/);
    expect(summary.slice(2).map((line) => line.trim().split(/ {2,}/))).toEqual([
      [ready, '0', expect.stringMatching(/^\d+$/), 'Ready to send'],
      [NORFOLK, '5', '6', 'Not ready: errors to correct, no overview'],
      [corrupt, '–', '–', `could not read: ${damaged}`],
      [noErrors, '0', expect.stringMatching(/^\d+$/), 'Not ready: no overview'],
    ]);
  });

  it('exits with the worst of the files: 0 when none has errors, 1 when one has', async () => {
    expect((await cli('check', ready, noErrors)).code).toBe(0);
    expect((await cli('check', ready, NORFOLK)).code).toBe(1);
    expect((await cli('check', NORFOLK, ready)).code).toBe(1);
  });

  it('names files from one folder without it, saying the folder once', async () => {
    const run = await cli('check', NORFOLK, QUARTERLY);
    expect(run.out).toContain(`\n2 workbooks checked in ${EXAMPLES_DIR}: none ready to send\n`);
    expect(run.out).toMatch(/\n {2}norfolk-2019-refresh\.xlsx +5 +6 {2}Not ready: errors to correct, no overview\n/);
    expect(run.out).toMatch(
      /\n {2}quarterly-performance-report\.xlsx +3 +8 {2}Not ready: errors to correct, overview out of date$/,
    );
  });

  it('--json prints one array of the per-file objects; a file that cannot be read is {file, error}', async () => {
    const run = await cli('check', NORFOLK, corrupt, ready, '--json');
    expect(run.code).toBe(2);
    expect(run.err).toBe(`proforma: cannot read ${corrupt}: ${damaged}`);
    const json = JSON.parse(run.out);
    expect(Array.isArray(json)).toBe(true);
    expect(json.map((entry: object) => Object.keys(entry))).toEqual([
      ['file', 'sheets', 'issues', 'counts'],
      ['file', 'error'],
      ['file', 'sheets', 'issues', 'counts'],
    ]);
    expect(json[0]).toEqual(JSON.parse((await cli('check', NORFOLK, '--json')).out));
    expect(json[1]).toEqual({ file: corrupt, error: damaged });
    // One file stays one object (SPEC §6), and an unreadable one prints no JSON at all: stderr says why.
    expect(Array.isArray(JSON.parse((await cli('check', ready, '--json')).out))).toBe(false);
    expect(await cli('check', corrupt, '--json')).toEqual({
      code: 2,
      out: '',
      err: `proforma: cannot read ${corrupt}: ${damaged}`,
    });
  });

  it('--ready exits 1 also for a workbook that is not ready to send: no overview, or no action plan at all', async () => {
    expect((await cli('check', noErrors)).code).toBe(0);
    expect((await cli('check', noErrors, '--ready')).code).toBe(1);
    expect((await cli('check', ready, '--ready')).code).toBe(0);
    expect((await cli('check', ready, noErrors, '--ready')).code).toBe(1);
    expect((await cli('check', ready, noErrors, '--ready', '--json')).code).toBe(1);

    const noPlan = path.join(dir, 'batch-no-plan.xlsx');
    await fs.writeFile(noPlan, buildXlsx({ sheets: [{ name: 'SAR review', body: SAR_REVIEW }] }));
    const run = await cli('check', ready, noPlan, '--ready');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/\n {2}batch-no-plan\.xlsx +1 +1 {2}Not ready: no action plan read, errors to correct$/);
  });
});

describe('output for people', () => {
  it('wraps to the terminal width, continuation lines hanging under the message, never mid-word', async () => {
    const width = 60;
    const run = await cliAt(width, 'check', QUARTERLY);
    const lines = run.out.split('\n');
    // Only a single word wider than the line (the file's full path) may overflow.
    for (const line of lines) if (line.length > width) expect(line.trim()).not.toContain(' ');
    // Each issue read back from its wrapped lines is its whole message, word for word.
    const hang = '  warning F7     rag-nonstandard    '.length;
    const shown: string[] = [];
    for (const line of lines) {
      if (/^ {2}(error|warning|info) /.test(line)) shown.push(line.slice(hang));
      else if (line.startsWith(' '.repeat(hang)) && line[hang] !== ' ')
        shown[shown.length - 1] += ` ${line.slice(hang)}`;
    }
    const { issues } = JSON.parse((await cli('check', QUARTERLY, '--json')).out) as {
      issues: Array<{ message: string; fix?: { value: string } }>;
    };
    expect(shown.sort()).toEqual(issues.map((i) => `${i.message}${i.fix ? ` [fix: ${i.fix.value}]` : ''}`).sort());
    expect(lines.filter((line) => line.startsWith(' '.repeat(hang))).length).toBeGreaterThan(10);
  });

  it("heads each sheet's issues with what the sheet is: a theme with its prefix, Proforma's overview, or not checked", async () => {
    const run = await cli('check', NORFOLK, QUARTERLY);
    expect(run.out).toContain('\nOffender Management (OM), 9 actions\n');
    expect(run.out).toContain("\nOverview, Proforma's overview\n  warning A1     overview-stale");
    expect(run.out).toContain(
      '\nOverview, not checked\n  info    A1     sheet-skipped      Sheet "Overview" looks like the board\'s own overview',
    );
  });

  it('at 60 columns, the batch summary puts each verdict under its file and the summary table cuts long names', async () => {
    const batch = await cliAt(60, 'check', NORFOLK, QUARTERLY);
    // The heading (its length and so its lines depend on where the examples folder is), then the table.
    const table = batch.out.slice(batch.out.lastIndexOf('workbooks checked in')).split('\n');
    expect(table.slice(table.findIndex((line) => line.startsWith('  file ')))).toEqual([
      '  file                               errors  warnings',
      '  norfolk-2019-refresh.xlsx               5         6',
      '    Not ready: errors to correct, no overview',
      '  quarterly-performance-report.xlsx       3         8',
      '    Not ready: errors to correct, overview out of date',
    ]);
    const summary = await cliAt(60, 'summary', QUARTERLY);
    const lines = summary.out.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(60);
    expect(lines).toContain('Rehabilitation and… (5)      0     4     1     0     0     3');
    // At 1000 columns the name is whole.
    expect((await cli('summary', QUARTERLY)).out).toContain('Rehabilitation and Resettlement (5)');
  });

  it('at 80 columns, two themes of one name keep the sheet names that tell them apart', async () => {
    const file = path.join(dir, 'same-theme.xlsx');
    const body = (ref: string): string =>
      '<sheetData>' +
      row(1, [inline('A1', '2. A Safe City / Reducing Crime')]) +
      row(
        2,
        ['Ref', 'Action', 'Lead', 'RAG'].map((text, i) => inline(`${'ABCD'[i]}2`, text)),
      ) +
      row(
        3,
        [ref, 'Burglary hotspots', 'Police', 'A'].map((text, i) => inline(`${'ABCD'[i]}3`, text)),
      ) +
      '</sheetData>';
    await fs.writeFile(
      file,
      buildXlsx({
        sheets: [
          { name: 'Safer City June 2025', body: body('1') },
          { name: 'Safer City June 2026', body: body('2') },
        ],
      }),
    );
    const lines = (await cliAt(80, 'summary', file)).out.split('\n');
    expect(lines.slice(1, 3).map((line) => line.slice(0, line.indexOf(')') + 1))).toEqual([
      '2. A Safe City… – Safer City June 2025 (1)',
      '2. A Safe City… – Safer City June 2026 (1)',
    ]);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('on a narrow terminal, continuation lines hang at a small indent; a word wider than the line is left whole', () => {
    expect(wrapLine('  error   A1     code  one two three four five', 24, 23)).toBe(
      '  error   A1     code  one\n    two three four five',
    );
    expect(wrapLine('See: an-unbreakably-long-reference-code-of-forty here', 30)).toBe(
      'See:\nan-unbreakably-long-reference-code-of-forty\nhere',
    );
  });

  it('takes the width from COLUMNS, else the terminal, else 80', () => {
    expect(terminalWidth({ COLUMNS: '100' }, { isTTY: true, columns: 120 })).toBe(100);
    expect(terminalWidth({}, { isTTY: true, columns: 120 })).toBe(120);
    expect(terminalWidth({ COLUMNS: 'wide' }, { isTTY: undefined })).toBe(80);
    expect(terminalWidth({}, {})).toBe(80);
  });

  it('writes dates as people read them: --as-of is echoed as a day, and no ISO date is printed', async () => {
    const asOf = await cli('check', QUARTERLY, '--as-of', '2027-03-31');
    expect(asOf.out).toContain('dates judged as of 31 Mar 2027');
    expect(asOf.out).toContain('due by 30 Sep 2026');
    const all = await cli('check', NORFOLK, QUARTERLY, DELIVERY);
    expect(all.out).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('run with no arguments, prints the help and exits 0', async () => {
    const run = await cli();
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^Usage: proforma \[options\] \[command\]\n/);
    expect(run.out).toContain('check [options] <files...>');
    expect(run.out).not.toContain('outputHelp');
  });

  it('an unknown command: one line naming it (and the command meant, when it is close), exit 2', async () => {
    expect(await cli('chekc', NORFOLK)).toEqual({
      code: 2,
      out: '',
      err: "proforma: unknown command 'chekc'; did you mean check? (see proforma --help)",
    });
  });
});

describe('colour says what it left uncoloured, and why', () => {
  it('lists rows with an invalid or missing status, and the sheets that are not action plans', async () => {
    const out = path.join(dir, 'norfolk-coloured.xlsx');
    const run = await cli('colour', NORFOLK, '-o', out);
    expect(run.code).toBe(0);
    expect(run.out.split('\n').slice(1)).toEqual([
      'Rows left uncoloured:',
      `  'Prevention & Early Intervention'!F9  "Amber/ Green" is not on the scale`,
      `  'Offender Management'!F11             no status`,
      'Sheets not coloured:',
      "  Overview  the board's own overview (kept as it is)",
      '  Notes     not an action plan',
      `Wrote ${out}.`,
    ]);
    expect(run.out.split('\n')[0]).toMatch(/2 action rows have no valid status and stay uncoloured/);
  });

  it('names a status shown only by colour and the fix that writes it', async () => {
    const run = await cli('colour', DELIVERY, '-o', path.join(dir, 'delivery-coloured.xlsx'));
    expect(run.out).toContain(
      `\n  'Safer Streets'!G6  status shown only by the cell's colour; \`proforma fix\` writes On track\n`,
    );
    expect(run.out).toContain(`\n  'Safer Lives'!G8    "Not on track" is not on the scale\n`);
  });

  it('names a sheet it could not read: a missing status column, or headings it did not recognise', async () => {
    const noStatus = `<sheetData>${row(1, [inline('A1', 'Ref'), inline('B1', 'Priority'), inline('C1', 'Actions'), inline('D1', 'Lead')])}${row(2, [inline('A2', 'PE1'), inline('B2', 'Early help'), inline('C2', 'Map services'), inline('D2', 'Council')])}</sheetData>`;
    const file = path.join(dir, 'partly-read.xlsx');
    await fs.writeFile(
      file,
      buildXlsx({
        sheets: [
          { name: 'Plan', body: planSheet() },
          { name: 'No status', body: noStatus },
          { name: 'SAR review', body: SAR_REVIEW },
        ],
      }),
    );
    const run = await cli('colour', file, '-o', path.join(dir, 'partly-read-out.xlsx'));
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      [
        'Sheets not coloured:',
        '  No status   no RAG column, so its rows could not be read',
        '  SAR review  looks like a table of actions but its headings were not recognised; map them in the settings',
      ].join('\n'),
    );
  });
});

describe('write errors name the file given, never a temporary file', () => {
  it('says why a write failed, with the path as given', async () => {
    // A folder where the new file should go: the write fails at the rename, after the temporary file was made.
    const target = path.join(dir, 'a-folder.xlsx');
    await fs.mkdir(target);
    const run = await cli('fix', NORFOLK, '-o', target);
    expect(run).toEqual({ code: 2, out: '', err: `proforma: cannot write ${target}: it is a folder` });
    expect((await fs.readdir(dir)).filter((f) => f.includes('proforma-tmp'))).toEqual([]);
  });

  it('says plainly that the folder to write into does not exist', async () => {
    const target = path.join(dir, 'no-such-folder', 'out.xlsx');
    expect(await cli('fix', NORFOLK, '-o', target)).toEqual({
      code: 2,
      out: '',
      err: `proforma: cannot write ${target}: there is no folder ${path.dirname(target)}`,
    });
  });
});

describe('the installed command', () => {
  const bin = path.join(ROOT, 'bin', 'proforma.js');
  const run = (
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        { cwd: ROOT, env: { ...process.env, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js')))
      throw new Error('dist/ is missing: `npm test` builds it first (pretest), or run `npm run build`');
  });

  it('runs check with the real exit code, no colour when piped, wrapped to COLUMNS', async () => {
    const result = await run(['check', QUARTERLY], { COLUMNS: '72' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('quarterly-performance-report.xlsx');
    expect(result.stdout).not.toContain('\u001b[');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.length > 72 && line.includes(' '))).toEqual([]);
    expect(lines.some((line) => line.length > 60)).toBe(true);
  });

  it('ends quietly when the reader of its output goes away (check … | head)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(6 + i, [null, null, inline(`C${6 + i}`, `Action ${i}`), null, inline(`E${6 + i}`, 'Red/Amber')]),
    ).join('');
    const file = path.join(dir, 'many.xlsx');
    await fs.writeFile(file, buildXlsx({ sheets: [{ name: 'Plan', body: planSheet(rows) }] }));
    const result = await new Promise<{ code: number | null; stderr: string; got: number }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'check', file, '--json'], { cwd: ROOT });
      let stderr = '';
      let got = 0;
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', (d: Buffer) => {
        got = d.length;
        child.stdout.destroy(); // like head: read a little, then close the pipe
      });
      child.on('close', (code) => resolve({ code, stderr, got }));
    });
    expect(result.got).toBeGreaterThan(0);
    expect(result.stderr).toBe('');
    // The run's own verdict: these actions have errors (invalid RAG), so 1, as without the pipe.
    expect(result.code).toBe(1);
  });

  // Linux's /dev/full refuses every write with ENOSPC, as a full disk behind `> report.txt` does.
  (existsSync('/dev/full') ? it : it.skip)(
    'says in one line when its output cannot be written (a full disk), exit 2',
    async () => {
      const full = await fs.open('/dev/full', 'w');
      try {
        const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [bin, 'check', NORFOLK], {
            cwd: ROOT,
            stdio: ['ignore', full.fd, 'pipe'],
          });
          let stderr = '';
          child.stderr?.on('data', (d) => (stderr += d));
          child.on('close', (code) => resolve({ code, stderr }));
        });
        expect(result).toEqual({ code: 2, stderr: 'proforma: could not write the output: the disk is full\n' });
      } finally {
        await full.close();
      }
    },
  );

  it('prints one line and exits 2 for a non-xlsx file', async () => {
    const result = await run(['check', path.join(ROOT, 'package.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a first week at the command line (SPEC §6)', () => {
  it('-o onto a file that exists is refused, and the file kept, unless --force is given', async () => {
    const other = path.join(dir, 'another-board.xlsx');
    await fs.copyFile(QUARTERLY, other);
    const before = await fs.readFile(other);
    const refused = await cli('fix', NORFOLK, '-o', other);
    expect(refused).toEqual({
      code: 2,
      out: '',
      err: `proforma: ${other} exists already; to replace it, add --force (or write to a new file with -o)`,
    });
    expect(await fs.readFile(other)).toEqual(before);
    const forced = await cli('fix', NORFOLK, '-o', other, '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain(`Wrote ${other}.`);
    expect(await fs.readFile(other)).not.toEqual(before);
  });

  it('a folder means every .xlsx and .xlsm in it, by name; lock files and other files are not workbooks', async () => {
    const folder = path.join(dir, 'returns');
    await fs.mkdir(folder);
    await fs.copyFile(QUARTERLY, path.join(folder, 'b-quarterly.xlsx'));
    await fs.copyFile(NORFOLK, path.join(folder, 'a-norfolk.xlsx'));
    await fs.writeFile(path.join(folder, '~$a-norfolk.xlsx'), 'owner file Excel leaves while the workbook is open');
    await fs.writeFile(path.join(folder, 'notes.txt'), 'not a workbook');
    const run = await cli('check', folder);
    expect(run.code).toBe(1);
    expect(run.err).toBe('');
    expect(run.out).toContain(`2 workbooks checked in ${folder}`);
    expect(run.out.indexOf('a-norfolk.xlsx')).toBeLessThan(run.out.indexOf('b-quarterly.xlsx'));
    const json = JSON.parse((await cli('summary', folder, '--json')).out) as Array<{ file: string }>;
    expect(json.map((j) => j.file)).toEqual([
      path.join(folder, 'a-norfolk.xlsx'),
      path.join(folder, 'b-quarterly.xlsx'),
    ]);
    // A folder of one workbook still answers as for several: an array, for a script to read the same way.
    const single = path.join(dir, 'one-return');
    await fs.mkdir(single);
    await fs.copyFile(NORFOLK, path.join(single, 'only.xlsx'));
    const one = JSON.parse((await cli('check', single, '--json')).out) as Array<{ file: string }>;
    expect(one.map((j) => j.file)).toEqual([path.join(single, 'only.xlsx')]);
    const empty = path.join(dir, 'empty-folder');
    await fs.mkdir(empty);
    expect(await cli('check', empty)).toEqual({
      code: 2,
      out: '',
      err: `proforma: the folder ${empty} holds no .xlsx or .xlsm workbook`,
    });
    // A command that writes takes one workbook: a folder is refused, saying so.
    const fix = await cli('fix', folder, '--in-place');
    expect(fix.code).toBe(2);
    expect(fix.err).toBe(
      `proforma: fix changes one workbook at a time, and ${folder} names 2; give one file (check takes several)`,
    );
  });

  it('expands a pattern with * or ? that the shell left as it was (as Windows shells do)', async () => {
    const run = await cli('check', path.join(EXAMPLES_DIR, '*.xlsx'), '--json');
    const files = (JSON.parse(run.out) as Array<{ file: string }>).map((r) => path.basename(r.file));
    expect(files).toEqual([
      'delivery-plan-on-track.xlsx',
      'norfolk-2019-refresh.xlsx',
      'partnership-quarterly-tracker.xlsx',
      'quarterly-performance-report-q1.xlsx',
      'quarterly-performance-report.xlsx',
    ]);
    const one = await cli('summary', path.join(EXAMPLES_DIR, 'norfolk-20??-refresh.xlsx'), '--json');
    // A pattern may name several: the answer is an array, here of one.
    expect((JSON.parse(one.out) as Array<{ total: { actions: number } }>).map((j) => j.total.actions)).toEqual([17]);
    expect(await cli('check', path.join(dir, 'nothing-*.xlsx'))).toEqual({
      code: 2,
      out: '',
      err: `proforma: no file matches ${path.join(dir, 'nothing-*.xlsx')}`,
    });
  });

  it('quotes about 80 characters of a long cell, with "…" and its full length', async () => {
    const long = `Partners agreed ${'to review the pathway and report back '.repeat(900)}`.slice(0, 33_012);
    const file = path.join(dir, 'long-cell.xlsx');
    const rows = row(6, [inline('A6', 'PE3'), inline('C6', 'Act'), inline('E6', long)]);
    await fs.writeFile(file, buildXlsx({ sheets: [{ name: 'Plan', body: planSheet(rows) }] }));
    const run = await cli('check', file);
    const line = run.out.split('\n').find((l) => l.includes('E6'))!;
    expect(line).toContain(`"${long.slice(0, 79).trimEnd()}…" (33,012 characters) is not on the scale`);
    expect(line.length).toBeLessThan(250);
    expect(run.out.length).toBeLessThan(3000);
    const uncoloured = await cli('colour', file, '-o', path.join(dir, 'long-cell-out.xlsx'));
    expect(uncoloured.out).toContain('(33,012 characters) is not on the scale');
    expect(uncoloured.out.length).toBeLessThan(3000);
  });

  it('summary takes several files: each table under its name, or a JSON array of objects with "file"', async () => {
    const run = await cli('summary', NORFOLK, QUARTERLY);
    expect(run.code).toBe(0);
    expect(run.out.startsWith(`${NORFOLK}\nTheme`)).toBe(true);
    expect(run.out).toContain(`\n\n${QUARTERLY}\nTheme`);
    expect(run.out).toMatch(/Total \(17\)/);
    expect(run.out).toMatch(/Total \(25\)/);
    const json = JSON.parse((await cli('summary', NORFOLK, QUARTERLY, '--json')).out) as Array<{
      file: string;
      total: { actions: number };
    }>;
    expect(json.map((j) => [j.file, j.total.actions])).toEqual([
      [NORFOLK, 17],
      [QUARTERLY, 25],
    ]);
    expect(Object.keys(json[0])[0]).toBe('file');
    // A file that cannot be read: said on stderr, the others still summarised, exit 2.
    const missing = path.join(dir, 'missing.xlsx');
    const partly = await cli('summary', NORFOLK, missing, '--json');
    expect(partly.code).toBe(2);
    expect(partly.err).toMatch(/^proforma: cannot read .*missing\.xlsx/);
    expect((JSON.parse(partly.out) as Array<{ file: string; error?: string }>)[1]).toMatchObject({ file: missing });
  });

  it('summary tells two themes of one name apart by their sheets, as the overview does', async () => {
    const file = path.join(dir, 'two-crime-sheets.xlsx');
    const crime = (title: string) => planSheet().replace('Prevention/Early Intervention', title);
    await fs.writeFile(
      file,
      buildXlsx({
        sheets: [
          { name: 'Crime Jun', body: crime('Reducing Crime') },
          { name: 'Crime Dec', body: crime('Reducing Crime') },
        ],
      }),
    );
    const run = await cli('summary', file);
    expect(run.out).toContain('Reducing Crime – Crime Jun (3)');
    expect(run.out).toContain('Reducing Crime – Crime Dec (3)');
  });

  it('calls a date that does not exist that, not a format error', async () => {
    expect(await cli('check', NORFOLK, '--as-of', '2027-02-30')).toEqual({
      code: 2,
      out: '',
      err: 'proforma: --as-of: 2027-02-30 is not a date; February 2027 has 28 days',
    });
    expect((await cli('check', NORFOLK, '--as-of', '2028-02-29')).code).toBe(1);
    expect((await cli('fix', NORFOLK, '--in-place', '--as-of', '2027-13-01')).err).toBe(
      'proforma: --as-of: 2027-13-01 is not a date; there is no month 13',
    );
  });

  it('rebuild with an up-to-date overview says so and writes nothing', async () => {
    const file = path.join(dir, 'rebuilt-once.xlsx');
    expect((await cli('rebuild', NORFOLK, '-o', file)).code).toBe(0);
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    await fs.utimes(file, lastWeek, lastWeek);
    const before = { bytes: await fs.readFile(file), mtime: (await fs.stat(file)).mtimeMs };
    expect(await cli('rebuild', file, '--in-place')).toEqual({
      code: 0,
      out: `The overview is up to date: nothing to rebuild; ${file} not written.`,
      err: '',
    });
    expect(await fs.readFile(file)).toEqual(before.bytes);
    expect((await fs.stat(file)).mtimeMs).toBe(before.mtime);
  });

  it('titles the overview after the plan file, not the -o target; a renamed file is not a stale overview', async () => {
    const plan = path.join(dir, 'Board plan.xlsx');
    await fs.writeFile(plan, buildXlsx({ sheets: [{ name: 'Plan', body: planSheet() }] }));
    const out = path.join(dir, 'board-plan-rebuilt.xlsx');
    expect((await cli('rebuild', plan, '-o', out, '--as-of', '2026-11-20')).code).toBe(0);
    const title = async (file: string): Promise<string> =>
      displayText(readPackage(new Uint8Array(await fs.readFile(file))).snapshot.sheets[0].cells[0][0]);
    expect(await title(out)).toBe('Board plan — overview, Q3 2026/27');
    // A partner renames the file when emailing it back; a month later nothing has changed in it.
    const renamed = path.join(dir, 'Board plan - returned by Police (2).xlsx');
    await fs.rename(out, renamed);
    const before = await fs.readFile(renamed);
    const check = JSON.parse((await cli('check', renamed, '--json', '--as-of', '2026-12-20')).out);
    expect(check.issues.map((i: { code: string }) => i.code)).not.toContain('overview-stale');
    expect(await cli('rebuild', renamed, '--in-place', '--as-of', '2026-12-20')).toEqual({
      code: 0,
      out: `The overview is up to date: nothing to rebuild; ${renamed} not written.`,
      err: '',
    });
    expect(await fs.readFile(renamed)).toEqual(before);
  });

  it('--version prints the version of the package', async () => {
    const { version } = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, out: version, err: '' });
    expect((await cli('-V')).out).toBe(version);
  });

  it('names commands in its hints as the user ran it: npx proforma through npx or in the repository, proforma installed', async () => {
    expect(invokedAs({ npm_command: 'exec' }, '/home/me/proforma/bin/proforma.js')).toBe('npx proforma');
    expect(invokedAs({}, '/usr/local/lib/node_modules/proforma/bin/proforma.js')).toBe('proforma');
    expect(invokedAs({}, 'C:\\Users\\me\\AppData\\Roaming\\npm\\node_modules\\proforma\\bin\\proforma.js')).toBe(
      'proforma',
    );
    expect(invokedAs({}, path.join(ROOT, 'bin', 'proforma.js'))).toBe('npx proforma');
    const hint = async (command: string): Promise<string> => {
      const out: string[] = [];
      const io = { out: (t: string) => void out.push(t), err: () => undefined, colour: false, width: 1000 };
      expect(await main(['check', NORFOLK], { ...io, now: () => new Date(Date.UTC(2026, 10, 20)), command })).toBe(1);
      return /can be fixed with `([^`]*)`/.exec(out.join('\n'))?.[1] ?? '';
    };
    expect(await hint('proforma')).toBe('proforma fix');
    expect(await hint('npx proforma')).toBe('npx proforma fix');
  });
});

/** A plan whose statuses are the board's own words, as a first-week board writes them. */
function wordsPlan(statuses: string[], extra = ''): Uint8Array {
  const rows = statuses
    .map((status, i) =>
      row(3 + i, [
        inline(`A${3 + i}`, `CS${i + 1}`),
        inline(`B${3 + i}`, 'Safer streets'),
        inline(`C${3 + i}`, `Action ${i + 1}`),
        inline(`D${3 + i}`, 'Council'),
        inline(`E${3 + i}`, status),
      ]),
    )
    .join('');
  const header = row(2, [
    inline('A2', 'Ref'),
    inline('B2', 'Priority'),
    inline('C2', 'Actions'),
    inline('D2', 'Lead'),
    inline('E2', 'Status'),
  ]);
  return buildXlsx({
    sheets: [{ name: 'Community Safety', body: `<sheetData>${header}${rows}</sheetData>${extra}` }],
  });
}

/** The text of each row of a written workbook's ProformaSettings sheet, and the sheet's state in workbook.xml. */
async function settingsSheetOf(file: string): Promise<{ state: string | null; rows: string[][] }> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const tag = /<sheet [^>]*name="ProformaSettings"[^>]*>/.exec(workbookXml)?.[0];
  if (!tag) return { state: null, rows: [] };
  const { readPackage } = await import('../src/hosts/xlsx');
  const { settingsRows } = await import('../src/engine');
  const pkg = readPackage(new Uint8Array(await fs.readFile(file)));
  return { state: /state="(\w+)"/.exec(tag)?.[1] ?? 'visible', rows: settingsRows(pkg.snapshot) };
}

describe('settings (SPEC §2.6, §6)', () => {
  const NOT_STARTED = ['In progress', 'Not started', 'Complete', 'in progress ', 'Complete', 'NOT STARTED'];

  it('prints what it detects as check reads it: no ref scheme without a ref column, every quarter’s status counted', async () => {
    const run = await cli('settings', path.join(EXAMPLES_DIR, 'partnership-quarterly-tracker.xlsx'));
    expect(run.code).toBe(0);
    expect(run.out).toContain('ref scheme  none (no sheet has a ref column)');
    // 25 filled status cells over the quarters; the 3 not on the scale are check's 3 rag-invalid.
    expect(run.out).toMatch(/22 of 25 status values\s+are on it/);
  });

  it("without changes prints the board's settings and what was detected: refs, prefixes, scale, columns, themes", async () => {
    const run = await cli('settings', DELIVERY);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain('In ProformaSettings, very hidden:');
    expect(run.out).toMatch(/scale +track/);
    expect(run.out).toMatch(/column:Success looks like +outcome/);
    expect(run.out).toMatch(/ref scheme +dotted \(refScheme: auto\)/);
    expect(run.out).toMatch(/scale +track: Off track, At risk, On track, Complete; \d+ of \d+ status values are on it/);
    expect(run.out).toMatch(/columns +.*"Success looks like" outcome \(column:Success looks like = outcome\)/);
    const norfolk = await cli('settings', NORFOLK);
    expect(norfolk.out).toContain('None: the defaults apply.');
    expect(norfolk.out).toMatch(/ref scheme +prefixed \(refScheme: auto\)/);
    expect(norfolk.out).toMatch(
      /Prevention & Early Intervention\n +theme +Prevention\/Early Intervention \(from the title rows\)\n +prefix +PE \(detected\)/,
    );
    expect(norfolk.out).toMatch(/Offender Management\n +theme +Offender Management \(the sheet's name\)/);
    expect(norfolk.out).toContain('F3 "R A G" rag');
    expect(norfolk.out).toContain('Not plans: "Overview", "Notes".');
    expect(norfolk.out).toMatch(/columns +A3 "Ref" ref; B3 "Priority" priority; C3 "Actions" actions/);
  });

  it('check proposes the board’s own words as its scale, with the rows it would write and the command, as invoked', async () => {
    const file = path.join(dir, 'words.xlsx');
    await fs.writeFile(file, wordsPlan(NOT_STARTED));
    const run = await cli('check', file);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `scale-mismatch     6 of 6 status values are not on the rag scale, nor on another built-in one, but are the board's own words: "Not started", "In progress", "Complete".`,
    );
    expect(run.out).toMatch(/ {4}scale +custom\n {4}status:Not started +at-risk; Not started; At risk; #F47738\n/);
    expect(run.out).toMatch(/ {4}status:Complete +complete; Complete; Complete; #1D70B8\n/);
    expect(run.out).toContain(`To choose it: \`proforma settings ${file} --scale-from-values --in-place\`.`);
    // The JSON's message carries the rows too.
    const json = JSON.parse((await cli('check', file, '--json')).out) as {
      issues: Array<{ code: string; message: string }>;
    };
    expect(json.issues.find((i) => i.code === 'scale-mismatch')?.message).toContain(
      '[status:In progress = on-track; In progress; On track; #00703C]',
    );
    const out: string[] = [];
    await main(['check', file], {
      out: (t) => void out.push(t),
      err: () => undefined,
      colour: false,
      width: 1000,
      now: () => new Date(),
      command: 'npx proforma',
    });
    expect(out.join('\n')).toContain(`\`npx proforma settings ${file} --scale-from-values --in-place\``);
  });

  it('--scale-from-values writes the scale (the settings sheet and nothing else) and the check that follows finds no status invalid', async () => {
    const file = path.join(dir, 'words-in.xlsx');
    await fs.writeFile(file, wordsPlan(NOT_STARTED));
    const out = path.join(dir, 'words-out.xlsx');
    const run = await cli('settings', file, '--scale-from-values', '-o', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Settings saved in the workbook \(4 settings written\)\./);
    expect(run.out).toContain(`Wrote ${out}.`);
    expect(await settingsSheetOf(out)).toEqual({
      state: 'veryHidden',
      rows: [
        ['scale', 'custom'],
        ['status:Not started', 'at-risk; Not started; At risk; #F47738'],
        ['status:In progress', 'on-track; In progress; On track; #00703C'],
        ['status:Complete', 'complete; Complete; Complete; #1D70B8'],
      ],
    });
    // Every other part of the package as it was, byte for byte (the theme sheet included).
    const before = await JSZip.loadAsync(await fs.readFile(file));
    const after = await JSZip.loadAsync(await fs.readFile(out));
    const changed: string[] = [];
    for (const name of Object.keys(before.files)) {
      const a = await before.file(name)?.async('uint8array');
      const b = await after.file(name)?.async('uint8array');
      if (a && (!b || Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0)) changed.push(name);
    }
    expect(changed.sort()).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml']);
    const check = await cli('check', out, '--json');
    const issues = (JSON.parse(check.out) as { issues: Array<{ code: string }> }).issues.map((i) => i.code);
    expect(issues.filter((c) => c === 'rag-invalid' || c === 'scale-mismatch')).toEqual([]);
    // Chosen again: nothing to change, nothing written, said.
    const again = await cli('settings', out, '--scale-from-values', '--in-place');
    expect([again.code, again.out]).toEqual([
      0,
      expect.stringMatching(/on the board's scale already.*not written\.$/s),
    ]);
  });

  it('--set and --unset change their rows, keep the others in place, and report what was written', async () => {
    const file = path.join(dir, 'delivery-settings.xlsx');
    await fs.copyFile(DELIVERY, file);
    const before = (await settingsSheetOf(file)).rows;
    const run = await cli(
      'settings',
      file,
      '--set',
      'overviewName=Board summary',
      '--set',
      'theme:Safer Streets=Our delivery plan',
      '--unset',
      'COLUMN:success  looks like',
      '--in-place',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/column:Success looks like +removed \(was "outcome"\)/);
    expect(run.out).toMatch(/overviewName +Board summary/);
    const after = (await settingsSheetOf(file)).rows;
    expect(after).toEqual([
      ...before.filter((r) => r[0] !== 'column:Success looks like'),
      ['overviewName', 'Board summary'],
      ['theme:Safer Streets', 'Our delivery plan'],
    ]);
    const settings = await cli('settings', file);
    expect(settings.out).toMatch(/theme +Our delivery plan \(set in the settings\)/);
  });

  it('refuses a value that cannot be used with its settings-invalid message, and writes nothing', async () => {
    const file = path.join(dir, 'refuse-settings.xlsx');
    await fs.copyFile(NORFOLK, file);
    const bytes = await fs.readFile(file);
    const cases: Array<[string[], RegExp]> = [
      [
        ['--set', 'dropdowns=maybe'],
        /^proforma: dropdowns: Setting dropdowns should be TRUE or FALSE, not "maybe"\. Nothing was written\.$/,
      ],
      [
        ['--set', 'overviewName=Offender Management'],
        /is the name of a theme sheet; the overview keeps the name "Overview"\. Choose another name\. Nothing was written\./,
      ],
      [
        ['--set', 'refScheme=letters'],
        /Setting refScheme should be auto, prefixed, numbered, dotted or codes, not "letters"/,
      ],
      [
        ['--set', 'colour=blue'],
        /Unknown setting "colour": this row is not used\. The settings are scale, status:<code>/,
      ],
      [['--set', 'scale=custom'], /no status:<code> rows define the statuses/],
      [['--set', 'novalue'], /--set needs KEY=VALUE/],
    ];
    for (const [args, message] of cases) {
      const run = await cli('settings', file, ...args, '--in-place');
      expect([args, run.code, run.out]).toEqual([args, 2, '']);
      expect(run.err).toMatch(message);
    }
    expect(await fs.readFile(file)).toEqual(bytes);
  });

  it('with nothing to do (a key not there to unset, the words already the scale) says so, writes nothing and exits 0', async () => {
    const file = path.join(dir, 'nothing-to-set.xlsx');
    await fs.copyFile(NORFOLK, file);
    const bytes = await fs.readFile(file);
    expect(await cli('settings', file, '--unset', 'prefix:Nowhere', '--in-place')).toEqual({
      code: 0,
      out: `There is no setting "prefix:Nowhere" to unset.\nNothing to change: the settings are already so; ${file} not written.`,
      err: '',
    });
    const again = await cli('settings', file, '--scale-from-values', '--in-place');
    expect([again.code, again.err]).toEqual([0, '']);
    expect(again.out).toMatch(/^Most status values \(15 of 16\) are on the board's scale already/);
    expect(again.out).toMatch(/not written\.$/);
    expect(await fs.readFile(file)).toEqual(bytes);
  });

  it('colour writes no status drop-down over words off the scale, says so, and names the command that makes them the scale', async () => {
    const file = path.join(dir, 'words-colour.xlsx');
    await fs.writeFile(file, wordsPlan(NOT_STARTED));
    const out = path.join(dir, 'words-coloured.xlsx');
    const run = await cli('colour', file, '-o', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      'No status drop-down on "Community Safety": most of its status values are not on the scale (R, A, G, W), so a list of it would help no one; choose the board\'s scale in the settings, then colour again.',
    );
    expect(run.out).toContain(`\`proforma settings ${file} --scale-from-values --in-place\` makes them its scale`);
    const { readPackage } = await import('../src/hosts/xlsx');
    const sheet = readPackage(new Uint8Array(await fs.readFile(out))).snapshot.sheets[0];
    expect(sheet.dropDowns ?? []).toEqual([]);
    expect(sheet.statusRules).toHaveLength(8);
  });

  it('on Windows, hints quote a file name and a setting in double quotes, which cmd.exe and PowerShell take', async () => {
    const file = path.join(dir, "Action plan Q3's.xlsx");
    await fs.writeFile(file, wordsPlan(['Pending', 'Complete', 'Pending', 'TBC']));
    const onWindows = (...args: string[]): Promise<Run> =>
      runCli(args, { width: 1000, now: () => new Date(Date.UTC(2026, 10, 20, 9, 30)), platform: 'win32' });
    expect((await onWindows('check', file)).out).toContain(
      `To choose it: \`proforma settings "${file}" --scale-from-values --set "status:Pending=<class>" --set "status:TBC=<class>" --in-place\``,
    );
    expect((await onWindows('settings', file, '--scale-from-values', '--in-place')).err).toContain(
      'with --set "status:Pending=<class>" --set "status:TBC=<class>" (off-track',
    );
    // A POSIX shell's quoting, elsewhere.
    expect((await cli('check', file)).out).toContain(`settings '${file.replace("'", `'\\''`)}' --scale-from-values`);
  });

  it('words it cannot classify are asked for, then classified with --set status:<word>=<class>', async () => {
    const file = path.join(dir, 'pending.xlsx');
    await fs.writeFile(file, wordsPlan(['Pending', 'Complete', 'Pending', 'TBC']));
    const check = await cli('check', file);
    expect(check.out).toContain(
      'To choose it: `proforma settings ' +
        file +
        " --scale-from-values --set 'status:Pending=<class>' --set 'status:TBC=<class>' --in-place`, each <class> one of off-track, at-risk, on-track, complete, withdrawn.",
    );
    const refused = await cli('settings', file, '--scale-from-values', '--in-place');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      `proforma: Proforma cannot tell what "Pending" and "TBC" mean; say which class each is with --set 'status:Pending=<class>' --set 'status:TBC=<class>' (off-track, at-risk, on-track, complete, withdrawn); nothing was written`,
    );
    const run = await cli(
      'settings',
      file,
      '--scale-from-values',
      '--set',
      'status:Pending=at-risk',
      '--set',
      'status:tbc=on-track',
      '--in-place',
    );
    expect(run.err).toBe('');
    expect((await settingsSheetOf(file)).rows).toEqual([
      ['scale', 'custom'],
      ['status:Pending', 'at-risk; Pending; At risk; #F47738'],
      ['status:TBC', 'on-track; TBC; On track; #00703C'],
      ['status:Complete', 'complete; Complete; Complete; #1D70B8'],
    ]);
  });

  it('follows -o, --in-place and --force as the other commands, and says when nothing changes', async () => {
    const file = path.join(dir, 'settings-rules.xlsx');
    await fs.copyFile(NORFOLK, file);
    const taken = path.join(dir, 'settings-taken.xlsx');
    await fs.writeFile(taken, 'someone else’s workbook');
    const noTarget = await cli('settings', file, '--set', 'overviewName=Summary');
    expect(noTarget.err).toMatch(/say where to write: -o out\.xlsx for a new file, or --in-place/);
    const exists = await cli('settings', file, '--set', 'overviewName=Summary', '-o', taken);
    expect(exists.err).toMatch(/exists already; to replace it, add --force/);
    expect(await fs.readFile(taken, 'utf8')).toBe('someone else’s workbook');
    expect((await cli('settings', file, '--set', 'overviewName=Summary', '-o', taken, '--force')).code).toBe(0);
    expect((await settingsSheetOf(taken)).rows).toEqual([['overviewName', 'Summary']]);
    expect((await cli('settings', file, '--set', 'x=1', '-o', file)).err).toMatch(/names the input file/);
    const same = await cli('settings', taken, '--set', 'overviewName=Summary', '--in-place');
    expect(same).toEqual({
      code: 0,
      out: `Nothing to change: the settings are already so; ${taken} not written.`,
      err: '',
    });
  });

  it('writes into a visible ProformaSettings sheet the board typed, keeping it visible and its formats', async () => {
    const typed = buildXlsx({
      sheets: [
        { name: 'Plan', body: planSheet() },
        {
          name: 'ProformaSettings',
          body: `<cols><col min="1" max="1" width="30" customWidth="1"/></cols><sheetData>${row(1, [
            `<c r="A1" s="1" t="inlineStr"><is><t>overviewName</t></is></c>`,
            inline('B1', 'Board summary'),
          ])}${row(2, [inline('A2', 'warningsOff'), inline('B2', 'lead-missing')])}</sheetData>`,
        },
      ],
    });
    const file = path.join(dir, 'typed-settings.xlsx');
    await fs.writeFile(file, typed);
    const run = await cli('settings', file, '--set', 'overviewName=Summary', '--set', 'dropdowns=FALSE', '--in-place');
    expect(run.err).toBe('');
    expect(await settingsSheetOf(file)).toEqual({
      state: 'visible',
      rows: [
        ['overviewName', 'Summary'],
        ['warningsOff', 'lead-missing'],
        ['dropdowns', 'FALSE'],
      ],
    });
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const sheetXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    // Its column width and the key cell's format stay; no second settings sheet was added.
    expect(sheetXml).toContain('<cols><col min="1" max="1" width="30" customWidth="1"/></cols>');
    expect(sheetXml).toMatch(/<c r="A1" s="1" t="inlineStr"><is><t>overviewName<\/t><\/is><\/c>/);
    expect((await zip.file('xl/workbook.xml')!.async('string')).match(/name="ProformaSettings"/g)).toHaveLength(1);
    expect((await cli('settings', file)).out).toContain('In ProformaSettings, a visible sheet:');
  });

  it('refuses a settings sheet holding a formula, a protected one, and a workbook whose structure is protected', async () => {
    const formula = path.join(dir, 'formula-settings.xlsx');
    await fs.writeFile(
      formula,
      buildXlsx({
        sheets: [
          { name: 'Plan', body: planSheet() },
          {
            name: 'ProformaSettings',
            body: `<sheetData>${row(1, [inline('A1', 'overviewName'), '<c r="B1" t="str"><f>"Sum"&amp;"mary"</f><v>Summary</v></c>'])}</sheetData>`,
          },
        ],
      }),
    );
    const f = await cli('settings', formula, '--set', 'dropdowns=FALSE', '--in-place');
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/ProformaSettings!B1 holds a formula; Proforma writes the settings as values/);
    const guarded = path.join(dir, 'guarded-settings.xlsx');
    await fs.writeFile(
      guarded,
      buildXlsx({
        sheets: [
          { name: 'Plan', body: planSheet() },
          {
            name: 'ProformaSettings',
            body: `<sheetData>${row(1, [inline('A1', 'overviewName'), inline('B1', 'Summary')])}</sheetData><sheetProtection sheet="1"/>`,
          },
        ],
      }),
    );
    const g = await cli('settings', guarded, '--set', 'dropdowns=FALSE', '--in-place');
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/sheet "ProformaSettings" is protected; unprotect it in Excel.*nothing was written/);
    // No settings sheet yet, and none can be added: the structure is protected.
    const locked = path.join(dir, 'locked-settings.xlsx');
    await fs.writeFile(
      locked,
      buildXlsx({
        sheets: [{ name: 'Plan', body: planSheet() }],
        workbookBefore: '<workbookProtection lockStructure="1"/>',
      }),
    );
    const l = await cli('settings', locked, '--set', 'dropdowns=FALSE', '--in-place');
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/structure is protected, so sheets cannot be added or renamed.*nothing was written/);
    for (const file of [formula, guarded, locked]) expect((await cli('settings', file)).code).toBe(0);
  });
});
