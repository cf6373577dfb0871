// Run after the unit tests (`npm test`'s posttest): the tarball a board installs works on its
// own. It packs the package as `npm pack` does, installs the tarball into a temporary prefix
// as `npm install -g` does, with no network at all (the tarball bundles its runtime
// dependencies), then runs `proforma --version` and `proforma check` from a folder of its own,
// with only that prefix and Node on the PATH. Not a jest test: packing and installing take a
// few seconds, more than a unit test may.
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const windows = process.platform === 'win32';
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

function fail(message: string): never {
  console.error(`check-package: ${message}`);
  process.exit(1);
}

/** npm, run as a user would (npm.cmd on Windows needs a shell). */
function npm(args: string[], cwd: string): string {
  return execFileSync(windows ? 'npm.cmd' : 'npm', args, { cwd, encoding: 'utf8', shell: windows });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'proforma-package-'));
try {
  console.log(`== npm pack (the tarball a board installs)`);
  const [packed] = JSON.parse(npm(['pack', '--pack-destination', work, '--json', '--loglevel=error'], ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
    bundled: string[];
  }>;
  const files = packed.files.map((f) => f.path);
  const tarball = path.join(work, packed.filename);
  if (packed.filename !== `proforma-${version}.tgz`) fail(`the tarball is ${packed.filename}`);
  for (const needed of ['bin/proforma.js', 'dist/cli/index.js', 'LICENSE', 'README.md', 'docs/partners.md'])
    if (!files.includes(needed)) fail(`the tarball has no ${needed}`);
  for (const dependency of ['commander', 'fflate', 'saxes'])
    if (!packed.bundled.includes(dependency)) fail(`the tarball does not bundle ${dependency}`);
  const strays = files.filter((f) => /^(src|tests|examples|scripts)\//.test(f) || /^dist\/.*\.map$/.test(f));
  if (strays.length > 0) fail(`the tarball holds files a user does not need: ${strays.slice(0, 5).join(', ')}`);
  console.log(`${packed.filename}: ${files.length} files, bundling ${packed.bundled.join(', ')}`);

  console.log(`== npm install -g --prefix <temporary folder> ./${packed.filename} --offline`);
  const prefix = path.join(work, 'prefix');
  npm(['install', '-g', '--prefix', prefix, tarball, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], work);

  // A board's folder elsewhere, and a shell whose PATH has only the install and Node on it.
  const board = path.join(work, 'board');
  mkdirSync(board);
  copyFileSync(path.join(ROOT, 'examples', 'norfolk-2019-refresh.xlsx'), path.join(board, 'plan.xlsx'));
  const bin = windows ? prefix : path.join(prefix, 'bin');
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, path.dirname(process.execPath)].join(path.delimiter),
    ...(windows ? { SystemRoot: process.env.SystemRoot, PATHEXT: process.env.PATHEXT } : {}),
    HOME: work,
    NO_COLOR: '1',
  };
  const proforma = (...args: string[]) => {
    console.log(`$ proforma ${args.join(' ')}`);
    const run = spawnSync(windows ? 'proforma.cmd' : 'proforma', args, {
      cwd: board,
      env,
      encoding: 'utf8',
      shell: windows,
    });
    if (run.error) fail(`proforma did not run from the PATH: ${run.error.message}`);
    process.stdout.write(run.stdout.split('\n').slice(-4).join('\n'));
    return run;
  };

  const shown = proforma('--version');
  if (shown.status !== 0 || shown.stdout.trim() !== version)
    fail(`proforma --version said "${shown.stdout.trim()}" (exit ${shown.status}), not ${version}`);
  const checked = proforma('check', 'plan.xlsx');
  // The example has errors to correct: exit 1, and the hint names the installed command.
  if (checked.status !== 1) fail(`proforma check exited ${checked.status}: ${checked.stderr}`);
  if (!checked.stdout.includes('3 theme sheets, 17 actions')) fail('proforma check did not read the plan');
  if (!checked.stdout.includes('can be fixed with `proforma fix`'))
    fail('the installed command names itself as something else in its hints');
  console.log('== the packed tarball installs and runs on its own');
} finally {
  rmSync(work, { recursive: true, force: true });
}
