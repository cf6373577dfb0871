// No module of src/ (nor of tests/ or scripts/) imports, directly or through
// others, a module that imports it back — type-only and dynamic imports
// included, since a type cycle is a tangle all the same. The import graph is
// read with the TypeScript compiler's own pre-processor and module resolution.
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['src', 'tests', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module's imports of other modules of the repository (imports of packages are left out). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10, jsx: ts.JsxEmit.ReactJSX };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => ts.resolveModuleName(imported.fileName, file, options, ts.sys).resolvedModule)
      .map((resolved) => resolved && path.resolve(resolved.resolvedFileName))
      .filter((target): target is string => target !== undefined && known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Groups of modules that reach each other (Tarjan's strongly connected components of two or more, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(group);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const relative = (group: string[]): string[] => group.map((file) => path.relative(ROOT, file)).sort();

describe('import cycles', () => {
  it('finds a cycle, type-only imports included (the check can fail)', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']],
      ['/d.ts', ['/a.ts']],
    ]);
    expect(cycles(graph).map((group) => group.sort())).toEqual([['/a.ts', '/b.ts', '/c.ts']]);
  });

  it('reads type-only imports and re-exports as edges', () => {
    const engine = (name: string): string => path.join(ROOT, 'src', 'engine', name);
    const graph = importGraph([engine('index.ts'), engine('analyse.ts'), engine('model.ts')]);
    // analyse.ts takes only types from model.ts; index.ts re-exports from both.
    expect(relative(graph.get(engine('analyse.ts')) ?? [])).toEqual(['src/engine/model.ts']);
    expect(relative(graph.get(engine('index.ts')) ?? [])).toEqual(['src/engine/analyse.ts', 'src/engine/model.ts']);
  });

  it('src/, tests/ and scripts/ have none', () => {
    const graph = importGraph(FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder))));
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph).map(relative)).toEqual([]);
  });
});
