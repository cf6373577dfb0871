// `npm run demo`: checks each bundled example, then fixes, colours and rebuilds
// its overview into out/, and checks the result — all through the CLI. The
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
  console.log(`\n$ npx proforma ${args.join(' ')}   # ${title}`);
  return main(args, io);
}

async function demo(): Promise<void> {
  await fs.mkdir(OUT_DIR, { recursive: true });
  const examples = (await fs.readdir(EXAMPLES_DIR)).filter((file) => file.endsWith('.xlsx')).sort();
  if (examples.length === 0) throw new Error(`no example workbooks in ${EXAMPLES_DIR}; run npm run examples`);
  for (const file of examples) {
    const source = path.relative(process.cwd(), path.join(EXAMPLES_DIR, file));
    const target = path.relative(process.cwd(), path.join(OUT_DIR, file));
    console.log(`\n${'='.repeat(100)}\n${file}\n${'='.repeat(100)}`);
    const checked = await step('check the proforma as returned', ['check', source]);
    const results = [
      // --force: out/ holds the last run's files, replaced on purpose.
      await step('apply every certain fix', ['fix', source, '-o', target, '--force']),
      await step('colour rows by status', ['colour', target, '--in-place']),
      await step('rebuild the overview', ['rebuild', target, '--in-place']),
    ];
    if (checked === 2 || results.some((code) => code !== 0)) throw new Error(`the demo failed on ${file}`);
    await step('check the result: what is left needs a person', ['check', target]);
    await step('the overview numbers', ['summary', target]);
  }
  console.log(
    `\nThe fixed, coloured workbooks with rebuilt overviews are in ${path.relative(process.cwd(), OUT_DIR)}/.`,
  );
}

demo().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
