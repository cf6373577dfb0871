// `proforma packs` and `proforma merge` (SPEC §7) as a secretary runs them: packs of
// the examples, three returns merged with a conflict, a refusal and a new row (for
// people and as JSON), returns without a record, and the -o / --in-place rules.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Run, runCli } from './fixtures/cli';
import {
  RETURN_SHEET,
  analyse,
  cellAt,
  displayText,
  parseAddress,
  partnersOf,
  readReturnRecord,
  type WorkbookSnapshot,
} from '../src/engine';
import { EXAMPLES_DIR, exampleBytes } from './fixtures/examples';
import { SENT, packBytes, snapshotOf, typedInto } from './fixtures/returns';

const NORFOLK = 'norfolk-2019-refresh.xlsx';
const EXAMPLES = [
  'delivery-plan-on-track.xlsx',
  NORFOLK,
  'partnership-quarterly-tracker.xlsx',
  'quarterly-performance-report.xlsx',
];
const P = 'Prevention & Early Intervention';
const O = 'Offender Management';

function cli(...args: string[]): Promise<Run> {
  return runCli(args, { width: 1000, now: () => SENT });
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-returns-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function read(file: string): Promise<WorkbookSnapshot> {
  return snapshotOf(new Uint8Array(await fs.readFile(file)));
}

function value(snapshot: WorkbookSnapshot, where: string): string {
  const [sheet, a1] = [where.slice(0, where.lastIndexOf('!')), where.slice(where.lastIndexOf('!') + 1)];
  const target = snapshot.sheets.find((s) => s.name === sheet);
  const { row, col } = parseAddress(a1);
  return target ? displayText(cellAt(target, row, col)) : '(no sheet)';
}

describe('packs', () => {
  test.each(EXAMPLES)('%s: one pack per lead partner, each showing its own rows only', async (example) => {
    const folder = path.join(dir, `packs-${example}`);
    const run = await cli('packs', path.join(EXAMPLES_DIR, example), '-o', folder);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const plan = analyse(snapshotOf(exampleBytes(example)), { today: SENT });
    const { partners, noLead } = partnersOf(plan);
    const files = (await fs.readdir(folder)).sort();
    expect(files).toEqual(partners.map((p) => `${example.replace('.xlsx', '')} - ${p.name}.xlsx`).sort());
    for (const partner of partners) {
      const pack = await read(path.join(folder, `${example.replace('.xlsx', '')} - ${partner.name}.xlsx`));
      const own = new Set(partner.rows.map((r) => `${r.sheet}:${r.row}`));
      for (const theme of plan.themes) {
        const hidden = new Set(pack.sheets.find((s) => s.name === theme.name)?.hiddenRows);
        // Rows the board hid stay hidden (and are said): the others' hidden, the partner's shown.
        const boardHid = new Set(theme.layout.sheet.hiddenRows);
        for (const action of theme.actions)
          expect([partner.name, theme.name, action.row, hidden.has(action.row)]).toEqual([
            partner.name,
            theme.name,
            action.row,
            !own.has(`${theme.name}:${action.row}`) || boardHid.has(action.row),
          ]);
      }
      const record = readReturnRecord(pack);
      if (!record || 'damaged' in record) throw new Error(`${example}: no record in ${partner.name}'s pack`);
      expect([record.plan, record.partner, record.sent, record.rows.length]).toEqual([
        example,
        partner.name,
        '2026-11-24',
        plan.themes.reduce((n, t) => n + t.actions.length, 0),
      ]);
      expect(pack.sheets.find((s) => s.name === RETURN_SHEET)?.visibility).toBe('veryHidden');
    }
    expect(run.out).toContain(`Wrote ${partners.length} packs to ${folder}`);
    // A partner's row the board hid stays hidden in its pack, and the secretary is told.
    if (example === NORFOLK)
      expect(run.out).toContain(
        `1 action row the board hid in the plan, hidden in its partner’s pack too (unhide it in the plan to send it):\n  'Offender Management'!C8  OPCCN`,
      );
    for (const row of noLead) expect(run.out).toContain(`!${row.cell}  "`);
  });

  test('a row naming several leads is in each of their packs; a row with no lead in none, and listed', async () => {
    const plan = path.join(dir, 'shared-lead.xlsx');
    await fs.writeFile(
      plan,
      typedInto(exampleBytes(NORFOLK), { [`${P}!D7`]: 'Norfolk Constabulary / Norfolk Youth Offending Team' }),
    );
    const folder = path.join(dir, 'shared-lead');
    const run = await cli('packs', plan, '-o', folder);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `1 action row with no lead, in no pack:\n  'Prevention & Early Intervention'!D9  "Utilise the skills and experience of local young people`,
    );
    for (const partner of ['Norfolk Constabulary', 'Norfolk Youth Offending Team']) {
      const pack = await read(path.join(folder, `shared-lead - ${partner}.xlsx`));
      expect(pack.sheets.find((s) => s.name === P)?.hiddenRows).not.toContain(6);
      // The row with no lead is hidden in every pack.
      expect(pack.sheets.find((s) => s.name === P)?.hiddenRows).toContain(8);
    }
    expect(run.out).toMatch(/Norfolk Youth Offending Team +2 action rows/);
  });

  test('partner: settings join spellings into one pack, named after the setting', async () => {
    const plan = path.join(dir, 'joined.xlsx');
    const settings = await cli(
      'settings',
      path.join(EXAMPLES_DIR, NORFOLK),
      '--set',
      'partner:Probation=National Probation Service, Community Rehabilitation Company',
      '-o',
      plan,
    );
    expect(settings.code).toBe(0);
    const run = await cli('packs', plan, '-o', path.join(dir, 'joined'), '--lead', 'community rehabilitation company');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^Wrote 1 pack to .*joined, named "joined - <partner>\.xlsx":\n {2}Probation {2}4 action rows$/m,
    );
    expect(await fs.readdir(path.join(dir, 'joined'))).toEqual(['joined - Probation.xlsx']);
  });

  test('--lead names a partner it does not know: exit 2, the partners said, nothing written', async () => {
    const folder = path.join(dir, 'unknown-lead');
    const run = await cli('packs', path.join(EXAMPLES_DIR, NORFOLK), '-o', folder, '--lead', 'Fire Service');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /^proforma: --lead "Fire Service" leads no action row of .*; its lead partners are "Norfolk County Council/,
    );
    await expect(fs.stat(folder)).rejects.toThrow();
  });

  test('a pack file there already is refused (nothing written) unless --force; -o must name a folder', async () => {
    const folder = path.join(dir, 'again');
    expect((await cli('packs', path.join(EXAMPLES_DIR, NORFOLK), '-o', folder, '--lead', 'OPCCN')).code).toBe(0);
    const file = path.join(folder, 'norfolk-2019-refresh - OPCCN.xlsx');
    const before = await fs.readFile(file);
    await fs.writeFile(file, 'not a pack');
    const refused = await cli('packs', path.join(EXAMPLES_DIR, NORFOLK), '-o', folder);
    expect(refused).toEqual({
      code: 2,
      out: '',
      err: `proforma: ${file} exists already; to replace it, add --force; nothing was written`,
    });
    expect((await fs.readdir(folder)).length).toBe(1);
    expect((await cli('packs', path.join(EXAMPLES_DIR, NORFOLK), '-o', folder, '--force')).code).toBe(0);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(await cli('packs', path.join(EXAMPLES_DIR, NORFOLK), '-o', file)).toMatchObject({
      code: 2,
      err: `proforma: -o ${file} is a file; name a folder for the packs`,
    });
    expect((await cli('packs', path.join(EXAMPLES_DIR, NORFOLK))).err).toBe(
      'proforma: say where to write the packs: -o FOLDER (created if it is not there)',
    );
  });
});

describe('merge', () => {
  /**
   * The quarter's returns of the Norfolk plan: OPCCN updates its row and touches a Constabulary
   * row (refused); the Constabulary updates a row the secretary changed meanwhile (a conflict)
   * and adds an action; Probation's updates go in as they are.
   */
  async function quarter(name: string): Promise<{ plan: string; returns: string }> {
    const folder = path.join(dir, name);
    const returns = path.join(folder, 'returned');
    await fs.mkdir(returns, { recursive: true });
    const original = exampleBytes(NORFOLK);
    const pack = (lead: string) => packBytes(original, lead, NORFOLK);
    await fs.writeFile(
      path.join(returns, 'OPCCN.xlsx'),
      typedInto(pack('OPCCN'), {
        [`${P}!F5`]: 'G',
        [`${P}!G5`]: 'Programmes mapped; gaps reported to the board',
        [`${O}!F6`]: 'R',
      }),
    );
    await fs.writeFile(
      path.join(returns, 'Constabulary.xlsx'),
      typedInto(pack('Norfolk Constabulary'), {
        [`${O}!F7`]: 'G',
        [`${O}!G9`]: 'Provision in place at both custody suites',
        [`${O}!A13`]: 'OM9',
        [`${O}!C13`]: 'Joint tasking against county lines',
        [`${O}!D13`]: 'Norfolk Constabulary',
        [`${O}!F13`]: 'A',
      }),
    );
    await fs.writeFile(
      path.join(returns, 'Probation.xlsx'),
      typedInto(pack('National Probation Service'), {
        [`${O}!F10`]: 'G',
        [`${O}!G10`]: 'Women’s centre open three days a week',
      }),
    );
    const plan = path.join(folder, NORFOLK);
    await fs.writeFile(plan, typedInto(original, { [`${O}!F7`]: 'R' }));
    return { plan, returns };
  }

  test('three returns: applied, a conflict, a refusal and a new row, said per return; exit 1', async () => {
    const { plan, returns } = await quarter('three');
    const out = path.join(dir, 'three', 'merged.xlsx');
    const before = await Promise.all(
      ['OPCCN', 'Constabulary', 'Probation'].map((f) => fs.readFile(path.join(returns, `${f}.xlsx`))),
    );
    const run = await cli('merge', plan, returns, '-o', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      [
        'Constabulary.xlsx — Norfolk Constabulary, sent 24 Nov 2026',
        '  Applied: 1 cell',
        `    'Offender Management'!G9  OM3 Evidence / Progress update: "Women’s diversion scheme live in all areas." → "Provision in place at both custody suites"`,
        '  Conflicts, not applied: 1 cell',
        `    'Offender Management'!F7  OM2 R A G: plan "R", return "G", sent "A" — changed in the plan since it was sent`,
        '  Rows the return adds (not added): 1',
        `    'Offender Management'!C13  OM9 "Joint tasking against county lines"`,
        '',
        'OPCCN.xlsx — OPCCN, sent 24 Nov 2026',
        '  Applied: 2 cells',
        `    'Prevention & Early Intervention'!F5  PE1 R A G: "Amber " → "G"`,
        `    'Prevention & Early Intervention'!G5  PE1 Evidence / Progress update: "Mapping of programmes under way; Ormiston Unite and Breaking Barriers data rece…" (84 characters) → "Programmes mapped; gaps reported to the board"`,
        '  Refused: 1 cell',
        `    'Offender Management'!F6  OM2 R A G: "G" → "R" — led by Norfolk Constabulary`,
        '',
        'Probation.xlsx — National Probation Service, sent 24 Nov 2026',
        '  Applied: 2 cells',
        `    'Offender Management'!F10  OM3 R A G: "A" → "G"`,
        `    'Offender Management'!G10  OM3 Evidence / Progress update: "Women’s centre provision being extended to Great Yarmouth." → "Women’s centre open three days a week"`,
        '',
        `Merged 5 cells from the returns. Wrote ${out}.`,
        `The merged plan: 5 errors, 5 warnings, not ready to send. 5 errors to correct. There is no overview yet; rebuild it. See \`proforma check ${out}\`.`,
      ].join('\n'),
    );
    const merged = await read(out);
    expect(
      [`${P}!F5`, `${P}!G5`, `${O}!F6`, `${O}!F7`, `${O}!G9`, `${O}!F10`, `${O}!A13`].map((w) => value(merged, w)),
    ).toEqual([
      'G',
      'Programmes mapped; gaps reported to the board',
      'G',
      'R',
      'Provision in place at both custody suites',
      'G',
      '',
    ]);
    // A return is only read.
    const after = await Promise.all(
      ['OPCCN', 'Constabulary', 'Probation'].map((f) => fs.readFile(path.join(returns, `${f}.xlsx`))),
    );
    after.forEach((bytes, i) => expect(bytes.equals(before[i])).toBe(true));
    // The merged plan has no record of its own: it is the plan, not a pack.
    expect(merged.sheets.map((s) => s.name)).not.toContain(RETURN_SHEET);
  });

  test('--json: SPEC §7.3’s object, each listed cell with its plan, return and base values and why', async () => {
    const { plan, returns } = await quarter('json');
    const out = path.join(dir, 'json', 'merged.xlsx');
    const run = await cli(
      'merge',
      plan,
      path.join(returns, 'Constabulary.xlsx'),
      path.join(returns, 'OPCCN.xlsx'),
      '-o',
      out,
      '--json',
    );
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as {
      returns: Array<Record<string, unknown>>;
      written: string | null;
    };
    expect(json.written).toBe(out);
    expect(json.returns.map((r) => Object.keys(r))).toEqual([
      [
        'file',
        'partner',
        'sent',
        'refusedWhole',
        'applied',
        'alreadyThere',
        'conflicts',
        'refused',
        'unmatched',
        'newRows',
        'identityChanged',
      ],
      [
        'file',
        'partner',
        'sent',
        'refusedWhole',
        'applied',
        'alreadyThere',
        'conflicts',
        'refused',
        'unmatched',
        'newRows',
        'identityChanged',
      ],
    ]);
    expect(json.returns[0]).toMatchObject({
      file: path.join(returns, 'Constabulary.xlsx'),
      partner: 'Norfolk Constabulary',
      sent: '2026-11-24',
      refusedWhole: null,
      alreadyThere: 0,
      conflicts: [
        {
          sheet: O,
          cell: 'F7',
          ref: 'OM2',
          column: 'R A G',
          plan: 'R',
          return: 'G',
          base: 'A',
          reason: 'changed in the plan since it was sent',
        },
      ],
      refused: [],
      unmatched: [],
      newRows: [
        {
          sheet: O,
          cell: 'C13',
          ref: 'OM9',
          action: 'Joint tasking against county lines',
          reason: 'Added in the return.',
        },
      ],
    });
    expect(json.returns[1]).toMatchObject({
      partner: 'OPCCN',
      refused: [
        { sheet: O, cell: 'F6', ref: 'OM2', plan: 'G', return: 'R', base: 'G', reason: 'led by Norfolk Constabulary' },
      ],
    });
  });

  test('the plan tidied by fix after the packs went out: a partner’s status update is applied, not a conflict', async () => {
    const folder = path.join(dir, 'tidied');
    await fs.mkdir(folder);
    const plan = path.join(folder, NORFOLK);
    // The packs are made from the plan as it was ("Amber " in F5); the secretary then runs fix on it.
    const returned = path.join(folder, 'OPCCN.xlsx');
    await fs.writeFile(returned, typedInto(packBytes(exampleBytes(NORFOLK), 'OPCCN', NORFOLK), { [`${P}!F5`]: 'G' }));
    expect((await cli('fix', path.join(EXAMPLES_DIR, NORFOLK), '-o', plan)).code).toBe(0);
    expect(value(await read(plan), `${P}!F5`)).toBe('A');
    const out = path.join(folder, 'merged.xlsx');
    const run = await cli('merge', plan, returned, '-o', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`'Prevention & Early Intervention'!F5  PE1 R A G: "A" → "G"`);
    expect(run.out).not.toContain('Conflicts');
    expect(value(await read(out), `${P}!F5`)).toBe('G');
  });

  test('an action’s text changed in the plan after the packs went out: said, its row’s updates not merged under a shared ref', async () => {
    const folder = path.join(dir, 'renamed');
    await fs.mkdir(folder);
    const original = exampleBytes(NORFOLK);
    const returned = path.join(folder, 'Constabulary.xlsx');
    // OM2 is a priority of three actions: only their action texts tell them apart (SPEC §7.1).
    await fs.writeFile(
      returned,
      typedInto(packBytes(original, 'Norfolk Constabulary', NORFOLK), { [`${O}!G7`]: 'Case for extension agreed' }),
    );
    const plan = path.join(folder, NORFOLK);
    await fs.writeFile(plan, typedInto(original, { [`${O}!C7`]: 'Extend IOM to domestic abuse perpetrators' }));
    const run = await cli('merge', plan, returned, '-o', path.join(folder, 'merged.xlsx'), '--json');
    expect(run.code).toBe(1);
    const report = (JSON.parse(run.out) as { returns: Array<Record<string, unknown>>; written: string | null })
      .returns[0];
    expect(report).toMatchObject({ applied: [], newRows: [], identityChanged: [] });
    expect(report.unmatched).toEqual([
      {
        sheet: O,
        cell: 'C7',
        ref: 'OM2',
        action: 'Extend IOM to domestic abuse perpetrators',
        reason: expect.stringMatching(
          /^Its action text changed in the plan since the pack was sent: "Review case for extending IOM approach .* → "Extend IOM to domestic abuse perpetrators"\. Its ref OM2 is on several rows, so only its action text tells it apart: it is not matched, and nothing of the return is merged into it\.$/,
        ),
      },
    ]);
    const human = await cli('merge', plan, returned, '-o', path.join(folder, 'merged2.xlsx'));
    expect(human.out).toContain(
      `  Rows not matched: 1\n    'Offender Management'!C7  OM2 "Extend IOM to domestic abuse perpetrators" — Its action text changed in the plan since the pack was sent:`,
    );
    expect(human.out).toContain('Nothing new to merge;');
  });

  test('an action’s text changed in the plan under a ref of its own: the update is applied and the row listed', async () => {
    const folder = path.join(dir, 'renamed-own-ref');
    await fs.mkdir(folder);
    const original = exampleBytes(NORFOLK);
    const returned = path.join(folder, 'Constabulary.xlsx');
    await fs.writeFile(returned, typedInto(packBytes(original, 'Norfolk Constabulary', NORFOLK), { [`${P}!F7`]: 'G' }));
    const plan = path.join(folder, NORFOLK);
    await fs.writeFile(plan, typedInto(original, { [`${P}!C7`]: 'Upskill Early Help partners' }));
    const out = path.join(folder, 'merged.xlsx');
    const run = await cli('merge', plan, returned, '-o', out);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`'Prevention & Early Intervention'!F7  PE3 R A G: "amber" → "G"`);
    expect(run.out).toMatch(
      / {2}Rows changed in the plan since the pack was sent: 1\n {4}'Prevention & Early Intervention'!C7 {2}PE3 "Upskill Early Help partners" — Its action text changed in the plan since the pack was sent: "Support work to upskill .* → "Upskill Early Help partners"\. Matched by its ref, so the return’s changes to the row are merged as listed\./,
    );
    expect(value(await read(out), `${P}!F7`)).toBe('G');
    const json = JSON.parse((await cli('merge', plan, returned, '-o', path.join(folder, 'm2.xlsx'), '--json')).out) as {
      returns: Array<{ identityChanged: unknown[] }>;
    };
    expect(json.returns[0].identityChanged).toEqual([
      {
        sheet: P,
        cell: 'C7',
        ref: 'PE3',
        action: 'Upskill Early Help partners',
        reason: expect.stringMatching(/^Its action text changed/),
      },
    ]);
  });

  test('merging again: nothing new is written, what is left is still listed (exit 1)', async () => {
    const { plan, returns } = await quarter('twice');
    expect((await cli('merge', plan, returns, '--in-place')).code).toBe(1);
    const once = await fs.readFile(plan);
    const again = await cli('merge', plan, returns, '--in-place');
    expect(again.code).toBe(1);
    expect(again.out).toContain(`Nothing new to merge; ${plan} not written.`);
    expect(again.out).toContain('Already there: 2 cells');
    expect(again.out).toContain(`'Offender Management'!F7  OM2 R A G: plan "R", return "G", sent "A"`);
    expect((await fs.readFile(plan)).equals(once)).toBe(true);
    // With -o, nothing new leaves the target unwritten: the hint checks the plan, not a file that is not there.
    const target = path.join(path.dirname(plan), 'twice-merged.xlsx');
    const toTarget = await cli('merge', plan, returns, '-o', target);
    expect(toTarget.out).toContain(`Nothing new to merge; ${target} not written.`);
    expect(toTarget.out).toMatch(new RegExp(`check ${plan.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``));
    await expect(fs.stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('a pack sent back untouched: "No changes.", nothing written, exit 0', async () => {
    const folder = path.join(dir, 'untouched');
    await fs.mkdir(folder, { recursive: true });
    const plan = path.join(folder, NORFOLK);
    await fs.writeFile(plan, exampleBytes(NORFOLK));
    const returned = path.join(folder, 'OPCCN.xlsx');
    await fs.writeFile(returned, packBytes(exampleBytes(NORFOLK), 'OPCCN', NORFOLK));
    const target = path.join(folder, 'merged.xlsx');
    const run = await cli('merge', plan, returned, '-o', target);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^OPCCN\.xlsx — OPCCN, sent .*\n {2}No changes\.\n\nNothing new to merge;/);
    await expect(fs.stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('-o naming one of the returns is refused, --force or not: that return is neither dropped nor written over', async () => {
    const { plan, returns } = await quarter('own-return');
    const opccn = path.join(returns, 'OPCCN.xlsx');
    const before = await fs.readFile(opccn);
    const run = await cli('merge', plan, opccn, path.join(returns, 'Probation.xlsx'), '-o', opccn, '--force');
    expect(run).toEqual({
      code: 2,
      out: '',
      err: `proforma: -o ${opccn} is one of the returns to merge; write the merged plan to another file. Nothing was written`,
    });
    expect((await fs.readFile(opccn)).equals(before)).toBe(true);
  });

  test('a pack given as the plan (to merge into, or to make packs of) is refused, naming whose pack it is', async () => {
    const { returns } = await quarter('pack-as-plan');
    const pack = path.join(returns, 'OPCCN.xlsx');
    const packs = await cli('packs', pack, '-o', path.join(dir, 'pack-as-plan', 'packs'));
    expect(packs.code).toBe(2);
    expect(packs.err).toBe(
      `proforma: ${pack} is OPCCN's pack of ${NORFOLK} (it carries the record of what was sent), not the board's plan; packs takes the plan itself`,
    );
    await expect(fs.stat(path.join(dir, 'pack-as-plan', 'packs'))).rejects.toMatchObject({ code: 'ENOENT' });
    const merge = await cli('merge', pack, path.join(returns, 'Probation.xlsx'), '-o', path.join(dir, 'x.xlsx'));
    expect(merge.code).toBe(2);
    expect(merge.err).toMatch(/is OPCCN's pack of .* not the board's plan; merge takes the plan itself$/);
  });

  test('returns whose changes all go in: exit 0', async () => {
    const { plan, returns } = await quarter('clean');
    const run = await cli(
      'merge',
      plan,
      path.join(returns, 'Probation.xlsx'),
      '-o',
      path.join(dir, 'clean', 'out.xlsx'),
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('Merged 2 cells from the return.');
  });

  test('a copy with no record: a cell is taken only where the plan’s is empty, unless --prefer-returns', async () => {
    const folder = path.join(dir, 'copy');
    await fs.mkdir(folder);
    const plan = path.join(folder, NORFOLK);
    await fs.writeFile(plan, exampleBytes(NORFOLK));
    const copy = path.join(folder, 'emailed back.xlsx');
    await fs.writeFile(copy, typedInto(exampleBytes(NORFOLK), { [`${O}!F11`]: 'A', [`${O}!F4`]: 'A' }));
    const run = await cli('merge', plan, copy, '-o', path.join(folder, 'out.xlsx'), '--json');
    const report = (JSON.parse(run.out) as { returns: Array<Record<string, unknown>> }).returns[0];
    expect(run.code).toBe(1);
    expect(report).toMatchObject({
      partner: null,
      sent: null,
      applied: [
        {
          cell: 'F11',
          plan: '',
          return: 'A',
          base: null,
          reason: 'no record of what was sent; the plan’s cell was empty',
        },
      ],
      conflicts: [{ cell: 'F4', plan: 'G', return: 'A', base: null, reason: 'no record of what was sent' }],
    });
    const human = await cli('merge', plan, copy, '-o', path.join(folder, 'out2.xlsx'));
    expect(human.out).toContain('emailed back.xlsx — not a pack (no record of what was sent');
    const preferred = await cli('merge', plan, copy, '-o', path.join(folder, 'out3.xlsx'), '--prefer-returns');
    expect(preferred.code).toBe(0);
    expect(value(await read(path.join(folder, 'out3.xlsx')), `${O}!F4`)).toBe('A');
  });

  test('-o and --in-place as every command that writes: refused when they cannot be right, nothing written', async () => {
    const { plan, returns } = await quarter('rules');
    const taken = path.join(dir, 'rules', 'taken.xlsx');
    await fs.writeFile(taken, 'mine');
    const cases: Array<[string[], RegExp]> = [
      [['merge', plan, returns], /say where to write: -o out\.xlsx for a new file, or --in-place/],
      [['merge', plan, returns, '-o', plan], /names the input file; to change it, use --in-place instead/],
      [['merge', plan, returns, '-o', taken], /taken\.xlsx exists already; to replace it, add --force/],
      [['merge', plan, returns, '-o', 'x.xlsx', '--in-place'], /give either -o FILE or --in-place, not both/],
      [['merge', plan, plan, '--in-place'], /is the plan itself; name the copies the partners returned/],
      [['merge', plan, path.join(dir, 'nowhere.xlsx'), '--in-place'], /cannot read .*nowhere\.xlsx: no such file/],
      [['merge', plan, '--in-place'], /missing required argument 'returns'/],
    ];
    const before = await fs.readFile(plan);
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect([args.join(' '), run.code]).toEqual([args.join(' '), 2]);
      expect(run.err).toMatch(message);
    }
    expect((await fs.readFile(plan)).equals(before)).toBe(true);
    expect(await fs.readFile(taken, 'utf8')).toBe('mine');
    const forced = await cli('merge', plan, returns, '-o', taken, '--force');
    expect(forced.code).toBe(1);
    expect(value(await read(taken), `${P}!F5`)).toBe('G');
  });
});
