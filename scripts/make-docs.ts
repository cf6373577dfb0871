// `npm run docs`: remakes the generated tables of docs/checks.md from the catalogue.
import { promises as fs } from 'fs';
import * as path from 'path';
import { updateChecksDoc } from '../src/engine';

export const CHECKS_DOC = path.join(__dirname, '..', 'docs', 'checks.md');

async function main(): Promise<void> {
  const before = await fs.readFile(CHECKS_DOC, 'utf8');
  const after = updateChecksDoc(before);
  if (after !== before) await fs.writeFile(CHECKS_DOC, after);
  console.log(after === before ? 'docs/checks.md is up to date.' : 'docs/checks.md updated.');
}

main().catch((error: unknown) => {
  console.error(`docs: ${(error as Error).message}`);
  process.exit(1);
});
