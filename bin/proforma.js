#!/usr/bin/env node
// Entry point for `npx proforma`; the TypeScript is compiled to dist/ by `npm ci` (prepare).
try {
  require('../dist/cli/index.js').run();
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli')) {
    process.stderr.write('proforma: not built yet; run `npm run build` in the project folder first\n');
    process.exitCode = 2;
  } else throw error;
}
