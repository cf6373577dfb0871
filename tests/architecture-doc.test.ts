// ARCHITECTURE.md stays true: its folder map names every folder of src/,
// tests/ and scripts/, its table of the engine's modules names every module,
// and every file it names exists.
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const DOC = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');

function folders(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [`${dir}/${entry.name}`, ...folders(`${dir}/${entry.name}`)]);
}

const section = (title: string): string => {
  const start = DOC.indexOf(`## ${title}`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
};

describe('ARCHITECTURE.md', () => {
  it('maps every folder of src/, tests/ and scripts/', () => {
    const map = section('Folder map');
    const all = ['src', 'tests', 'scripts', ...['src', 'tests', 'scripts'].flatMap(folders)];
    expect(all.filter((folder) => !new RegExp(`^\\| \`${folder}/\` +\\|`, 'm').test(map))).toEqual([]);
  });

  it('lists every module of the engine and of its rules', () => {
    const modules = section('Folder map');
    const missing = ['src/engine', 'src/engine/rules'].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .map((file) => (dir.endsWith('rules') ? `rules/${file}` : file))
        .filter((name) => !modules.includes(`\`${name}\``) && !modules.includes(`\`${path.basename(name)}\``)),
    );
    expect(missing).toEqual([]);
  });

  it('names only files that exist', () => {
    const named = [...DOC.matchAll(/`((?:src|tests|scripts|docs)\/[\w./-]+\.\w+)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });
});
