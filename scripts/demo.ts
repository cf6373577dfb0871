// `npm run demo`: checks each bundled example, then fixes, colours and rebuilds
// its overview into out/, and checks the result — all through the CLI; then what
// moved between the quarterly report's two quarters; then a quarter's partner
// returns on the Norfolk plan: packs made, three partners' updates typed into
// theirs, and the returns merged. The examples are the committed files in
// examples/ (`npm run examples` makes them).
import { promises as fs } from 'fs';
import * as path from 'path';
import { Io, main, terminalWidth } from '../src/cli';
import { CellValue, Edit, cellAt, parseAddress } from '../src/engine';
import { applyPlan, readPackage } from '../src/hosts/xlsx';

const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');
const OUT_DIR = path.join(__dirname, '..', 'out');
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const io: Io = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  colour,
  width: terminalWidth(),
  now: () => new Date(),
  // Run from the repository: the commands its hints name are the ones that work here.
  command: 'npx proforma',
};

async function step(title: string, args: string[]): Promise<number> {
  const shown = args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
  console.log(`\n$ npx proforma ${shown.join(' ')}   # ${title}`);
  return main(args, io);
}

async function demo(): Promise<void> {
  await fs.mkdir(OUT_DIR, { recursive: true });
  const started = Date.now();
  const examples = (await fs.readdir(EXAMPLES_DIR)).filter((file) => file.endsWith('.xlsx')).sort();
  if (examples.length === 0) throw new Error(`no example workbooks in ${EXAMPLES_DIR}; run npm run examples`);
  for (const file of examples) {
    const source = path.relative(process.cwd(), path.join(EXAMPLES_DIR, file));
    const target = path.relative(process.cwd(), path.join(OUT_DIR, file));
    console.log(`\n${'='.repeat(100)}\n${file}\n${'='.repeat(100)}`);
    const checked = await step('check the proforma as returned', ['check', source]);
    // --force: out/ holds the last run's files, replaced on purpose.
    const fixed = await step('apply every certain fix', ['fix', source, '-o', target, '--force']);
    // With nothing to fix, fix writes nothing: the rest works on a copy of the example as it is.
    if (
      fixed === 0 &&
      (await fs.stat(target).then(
        (s) => s.mtimeMs < started,
        () => true,
      ))
    )
      await fs.copyFile(source, target);
    const results = [
      fixed,
      await step('colour rows by status', ['colour', target, '--in-place']),
      await step('rebuild the overview', ['rebuild', target, '--in-place']),
    ];
    if (checked === 2 || results.some((code) => code !== 0)) throw new Error(`the demo failed on ${file}`);
    await step('check the result: what is left needs a person', ['check', target]);
    await step('the overview numbers', ['summary', target]);
  }
  await quarter();
  await returns();
  console.log(
    `\nThe fixed, coloured workbooks with rebuilt overviews are in ${path.relative(process.cwd(), OUT_DIR)}/; the packs, the returns and the merged plan in ${path.relative(process.cwd(), path.join(OUT_DIR, 'returns'))}/.`,
  );
}

/** A quarter later (SPEC §8): what moved since last quarter's file, and a baseline recorded after the board meets. */
async function quarter(): Promise<void> {
  const at = (dir: string, file: string): string => path.relative(process.cwd(), path.join(dir, file));
  const q1 = at(EXAMPLES_DIR, 'quarterly-performance-report-q1.xlsx');
  const q2 = at(EXAMPLES_DIR, 'quarterly-performance-report.xlsx');
  const out = at(OUT_DIR, 'quarterly-performance-report.xlsx');
  console.log(`\n${'='.repeat(100)}\nWhat moved in a quarter\n${'='.repeat(100)}`);
  const results = [
    await step("what moved since last quarter's file", ['compare', q2, '--since', q1]),
    await step('the overview, with what moved since it', ['rebuild', out, '--since', q1, '--in-place']),
    await step('after the board meets: record the baseline', ['baseline', out, '--label', 'Q2 2026/27', '--in-place']),
    await step('what moved since the baseline: nothing yet', ['compare', out]),
  ];
  if (results.some((code) => code !== 0)) throw new Error('the demo failed on what moved');
}

/** A partner's updates typed into its pack, as Excel would save them ("Sheet!F5" → text). */
async function typedInto(pack: string, changes: Record<string, string>, target: string): Promise<void> {
  const pkg = readPackage(new Uint8Array(await fs.readFile(pack)));
  const edits: Edit[] = Object.entries(changes).map(([where, text]) => {
    const bang = where.lastIndexOf('!');
    const sheet = where.slice(0, bang);
    const { row, col } = parseAddress(where.slice(bang + 1));
    const found = pkg.snapshot.sheets.find((s) => s.name === sheet);
    if (!found) throw new Error(`no sheet ${sheet} in ${pack}`);
    const value: CellValue = { kind: 'text', text };
    return { kind: 'set-value', sheet, row, col, expect: cellAt(found, row, col), value };
  });
  await fs.writeFile(target, applyPlan(pkg, { description: 'a partner’s updates', edits }, new Date()));
}

/** The quarter's returns (SPEC §7): packs out, three partners' returns back, merged into the plan. */
async function returns(): Promise<void> {
  console.log(`\n${'='.repeat(100)}\nThe quarter's partner returns, on the Norfolk plan\n${'='.repeat(100)}`);
  const folder = path.relative(process.cwd(), path.join(OUT_DIR, 'returns'));
  const packs = path.join(folder, 'packs');
  const returned = path.join(folder, 'returned');
  await fs.rm(folder, { recursive: true, force: true });
  await fs.mkdir(returned, { recursive: true });
  const plan = path.relative(process.cwd(), path.join(EXAMPLES_DIR, 'norfolk-2019-refresh.xlsx'));
  if ((await step('one pack per lead partner, to send', ['packs', plan, '-o', packs])) !== 0)
    throw new Error('the demo failed making packs');
  const pack = (partner: string) => path.join(packs, `norfolk-2019-refresh - ${partner}.xlsx`);
  const P = 'Prevention & Early Intervention';
  const O = 'Offender Management';
  console.log('\n# Three partners update their packs and send them back (typed in here, as Excel would save them):');
  await typedInto(
    pack('OPCCN'),
    { [`${P}!F5`]: 'G', [`${P}!G5`]: 'Programmes mapped; gaps reported to the board', [`${O}!F6`]: 'R' },
    path.join(returned, 'OPCCN.xlsx'),
  );
  await typedInto(
    pack('Norfolk Constabulary'),
    {
      [`${O}!G9`]: 'Provision in place at both custody suites',
      [`${O}!A13`]: 'OM9',
      [`${O}!C13`]: 'Joint tasking against county lines',
      [`${O}!D13`]: 'Norfolk Constabulary',
      [`${O}!F13`]: 'A',
    },
    path.join(returned, 'Norfolk Constabulary.xlsx'),
  );
  await typedInto(pack('National Probation Service'), { [`${O}!F10`]: 'G' }, path.join(returned, 'Probation.xlsx'));
  const merged = path.join(folder, 'merged.xlsx');
  // Exit 1 is expected: the OPCCN changed a Constabulary row (refused) and the Constabulary added an action.
  if ((await step('merge the returns into the plan', ['merge', plan, returned, '-o', merged])) === 2)
    throw new Error('the demo failed merging the returns');
}

demo().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
