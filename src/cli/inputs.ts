// The workbooks named on the command line (SPEC §6): a folder means every .xlsx and .xlsm in
// it, and a pattern with * or ? that the shell left as it was (Windows shells pass
// `examples\*.xlsx` unexpanded) is expanded here, as a Unix shell would have.
import { promises as fs } from 'fs';
import * as path from 'path';

/** A bad argument: the CLI says it in one line and exits 2. */
export class InputError extends Error {}

const WORKBOOK = /\.xls[xm]$/i;
const WILDCARD = /[*?]/;

/** Names compare as Windows and macOS compare them, without case; elsewhere exactly. */
const CASELESS = process.platform === 'win32' || process.platform === 'darwin';

/** Excel's lock file for an open workbook ("~$plan.xlsx"), and hidden files ("._plan.xlsx" from a Mac): not workbooks. */
function isWorkbookName(name: string): boolean {
  return WORKBOOK.test(name) && !name.startsWith('~$') && !name.startsWith('.');
}

/** In the order a person reads a folder: "plan 2" before "plan 10". */
function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

async function statOf(file: string) {
  return fs.stat(file).catch(() => null);
}

/** Every .xlsx and .xlsm directly in a folder (not its subfolders), by name. */
async function workbooksIn(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(
      `cannot read the folder ${folder}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`,
    );
  });
  const names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && isWorkbookName(e.name)).map((e) => e.name);
  if (names.length === 0) throw new InputError(`the folder ${folder} holds no .xlsx or .xlsm workbook`);
  return names.sort(byName).map((name) => path.join(folder, name));
}

/** A glob segment ("*.xlsx", "plan-202?.xlsm") as a regular expression over one name. */
function segmentPattern(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, CASELESS ? 'i' : '');
}

/** The files a pattern names, in order; * and ? match within one folder's names, as a shell's do. */
async function matching(pattern: string): Promise<string[]> {
  // Windows paths may use either slash; elsewhere a backslash is part of a name.
  const segments = pattern.split(process.platform === 'win32' ? /[\\/]/ : /\//);
  // An absolute path starts at the root ("/…", "C:\\…"); a relative one here ("" joins as nothing).
  const absolute = (segments[0] === '' && segments.length > 1) || /^[A-Za-z]:$/.test(segments[0]);
  let found = [absolute ? segments[0] + path.sep : ''];
  const start = absolute ? 1 : 0;
  for (const [index, segment] of segments.entries()) {
    if (index < start || segment === '') continue;
    const last = index === segments.length - 1;
    if (!WILDCARD.test(segment)) {
      found = found.map((base) => path.join(base, segment));
      continue;
    }
    const regex = segmentPattern(segment);
    const next: string[] = [];
    for (const base of found) {
      const entries = await fs.readdir(base || '.', { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        // As shells do, * does not match a hidden name unless the pattern starts with a dot.
        if (entry.name.startsWith('.') && !segment.startsWith('.')) continue;
        if (!regex.test(entry.name)) continue;
        if (!last && !entry.isDirectory() && !entry.isSymbolicLink()) continue;
        next.push(path.join(base, entry.name));
      }
    }
    found = next.sort(byName);
  }
  const files: string[] = [];
  for (const file of found)
    if ((await statOf(file))?.isFile() && !path.basename(file).startsWith('~$')) files.push(file);
  if (files.length === 0) throw new InputError(`no file matches ${pattern}`);
  return files;
}

/**
 * The workbooks the arguments name, in the order given: a folder's workbooks by name, a
 * pattern's matches by name, anything else as it is (a file that does not exist is left for
 * the reader to say so). `batch`: the arguments could name several (more than one, or a
 * folder or pattern), so output has the shape for several files even when one was found —
 * a script reading `check folder/ --json` always gets an array.
 */
export async function expandInputs(args: string[]): Promise<{ files: string[]; batch: boolean }> {
  const files: string[] = [];
  let batch = args.length > 1;
  for (const arg of args) {
    const stat = await statOf(arg);
    if (stat?.isDirectory()) files.push(...(await workbooksIn(arg)));
    else if (!stat && WILDCARD.test(arg)) files.push(...(await matching(arg)));
    else {
      files.push(arg);
      continue;
    }
    batch = true;
  }
  return { files, batch };
}

/** The one workbook a command that writes takes: a folder or pattern must name exactly one. */
export async function singleInput(arg: string, command: string): Promise<string> {
  const { files } = await expandInputs([arg]);
  if (files.length !== 1)
    throw new InputError(
      `${command} changes one workbook at a time, and ${arg} names ${files.length}; give one file (check takes several)`,
    );
  return files[0];
}
