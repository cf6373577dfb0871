// Everything a newcomer needs lives in the repository: every relative link in the
// README and the docs names a file that exists here, inside the repository.
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter((file) =>
  file.endsWith('.md'),
);

/** The targets of a Markdown file's links: inline `[text](target)` and reference `[id]: target`, outside code. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const references = [...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]);
  return [...inline, ...references];
}

/** A link to another site, or to a heading of the same page: not a file of the repository. */
function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#');
}

describe('links in the README and the docs', () => {
  it('finds the links it is meant to check', () => {
    expect(linkTargets(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))).toEqual(
      expect.arrayContaining(['docs/spec.md', 'docs/checks.md']),
    );
    expect(linkTargets('[a](x.md) `[b](in-code.md)` [c]: ref.md\n\n[d]: <y.md>\n```\n[e](block.md)\n```')).toEqual([
      'x.md',
      'y.md',
    ]);
  });

  it.each(DOCS)('every relative link in %s names a file inside the repository', (file) => {
    const targets = linkTargets(readFileSync(path.join(ROOT, file), 'utf8')).filter((t) => !isExternal(t));
    const broken = targets.filter((target) => {
      const resolved = path.resolve(path.dirname(path.join(ROOT, file)), decodeURI(target.replace(/[#?].*$/, '')));
      const inside = !path.relative(ROOT, resolved).startsWith('..');
      return !inside || !existsSync(resolved);
    });
    expect(broken).toEqual([]);
  });
});
