#!/usr/bin/env node
// Entry point for `proforma`. Installed from the packed tarball, it runs the compiled CLI in
// dist/ (npm pack builds it first: the prepack script). In a checkout of the repository before
// anything was built (straight after `npm ci`), it runs the TypeScript sources through tsx, a
// development dependency, so `npx proforma` works there too.
const fs = require('fs');
const path = require('path');

const built = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
const source = path.join(__dirname, '..', 'src', 'cli', 'index.ts');

function tsxLoader() {
  try {
    return require.resolve('tsx/cjs');
  } catch {
    return null;
  }
}

if (fs.existsSync(built)) require(built).run();
else {
  const loader = fs.existsSync(source) ? tsxLoader() : null;
  if (loader) {
    require(loader);
    require(source).run();
  } else {
    process.stderr.write('proforma: not built yet; run `npm run build` in the project folder first\n');
    process.exitCode = 2;
  }
}
