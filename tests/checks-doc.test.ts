// docs/checks.md's generated tables must match the catalogue, scales and synonyms in the code.
import { readFileSync } from 'fs';
import * as path from 'path';
import { CATALOGUE, ROLE_ORDER, checksMarkdown, updateChecksDoc } from '../src/engine';

const DOC = path.join(__dirname, '..', 'docs', 'checks.md');

describe('docs/checks.md', () => {
  const text = readFileSync(DOC, 'utf8');

  it('is up to date with the code (run `npm run docs` after changing a rule, scale or synonym)', () => {
    expect(updateChecksDoc(text)).toBe(text);
  });

  it('lists every rule of the catalogue with its severity, and every role', () => {
    for (const rule of CATALOGUE) expect(text).toContain(`| \`${rule.code}\` | ${rule.severity} |`);
    for (const role of ROLE_ORDER) expect(text).toContain(`| \`${role}\` |`);
  });

  it('notices a stale table: a changed description no longer matches', () => {
    const stale = text.replace(checksMarkdown().rules.split('\n')[4], '| `no-proforma` | error | Old words. | — |');
    expect(stale).not.toBe(text);
    expect(updateChecksDoc(stale)).toBe(text);
  });

  it('refuses a document whose markers were lost', () => {
    expect(() => updateChecksDoc(text.replace('<!-- /generated:scales -->', ''))).toThrow(
      'docs/checks.md has no <!-- generated:scales --> … <!-- /generated:scales --> block',
    );
  });
});
