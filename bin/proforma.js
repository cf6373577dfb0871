#!/usr/bin/env node
// Entry point for `proforma`. Installed from the packed tarball, it runs the compiled CLI in
// dist/ (npm pack builds it first: the prepack script). In a checkout of the repository it runs
// the TypeScript sources through tsx, a development dependency, whenever dist/ is missing or
// older than the sources it was built from (a `git pull` after the last build), so
// `npx proforma` never runs yesterday's code; a fresh build (`npm test` makes one) starts faster.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'dist', 'cli', 'index.js');
const source = path.join(root, 'src', 'cli', 'index.ts');
// The folders the CLI is compiled from (tsconfig.build.json).
const sourceFolders = ['cli', 'engine', path.join('hosts', 'xlsx')].map((f) => path.join(root, 'src', f));

function tsxLoader() {
  try {
    return require.resolve('tsx/cjs');
  } catch {
    return null;
  }
}

function newestSource(folder) {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function builtIsCurrent() {
  if (!fs.existsSync(built)) return false;
  if (!fs.existsSync(source)) return true; // installed from the tarball: dist/ is all there is
  const builtAt = fs.statSync(built).mtimeMs;
  return sourceFolders.every((folder) => !fs.existsSync(folder) || newestSource(folder) <= builtAt);
}

const loader = builtIsCurrent() ? null : fs.existsSync(source) ? tsxLoader() : null;
if (loader) {
  require(loader);
  require(source).run();
} else if (fs.existsSync(built)) require(built).run();
else {
  process.stderr.write('proforma: not built yet; run `npm run build` in the project folder first\n');
  process.exitCode = 2;
}
