// The .xlsx host: reads a package into the engine's snapshot and applies the
// engine's plans by patching only the parts they touch. It decides nothing
// about action plans. Pure (no Node APIs): the file access lives in files.ts.
export { PackageError, LIMITS } from './zip';
export { readPackage, MAX_CELLS } from './read';
export type { XlsxPackage } from './read';
export { applyPlan } from './write';
