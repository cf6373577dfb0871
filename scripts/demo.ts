// `npm run demo`: checks each bundled example, then fixes, colours and rebuilds
// its overview into out/, and checks the result; then what moved between the
// quarterly report's two quarters — all through the CLI. The
// examples are the committed files in examples/ (`npm run examples` makes them).
import { promises as fs } from 'fs';
import * as path from 'path';
import { Io, main, terminalWidth } from '../src/cli';

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
  console.log(
    `\nThe fixed, coloured workbooks with rebuilt overviews are in ${path.relative(process.cwd(), OUT_DIR)}/.`,
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

demo().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
