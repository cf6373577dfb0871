// docs/checks.md is prose written by hand around tables generated from the
// catalogue, the built-in scales and the header synonyms; a test fails when a
// table is stale. Pure: `npm run docs` does the file work.
import { ROLE_NAMES, ROLE_ORDER, SYNONYMS } from '../layout';
import { BUILT_IN_SCALES, builtInScale } from '../scales';
import { CATALOGUE, FAMILIES, Family } from './index';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rulesTable(): string {
  const lines: string[] = [];
  for (const family of Object.keys(FAMILIES) as Family[]) {
    lines.push(`### ${FAMILIES[family]}`, '', '| code | severity | reported when | fix |', '|---|---|---|---|');
    for (const rule of CATALOGUE.filter((r) => r.family === family))
      lines.push(`| \`${rule.code}\` | ${rule.severity} | ${cell(rule.description)} | ${cell(rule.fix ?? '—')} |`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function scalesTable(): string {
  const lines: string[] = [];
  for (const name of BUILT_IN_SCALES) {
    const scale = builtInScale(name);
    lines.push(
      `**\`${name}\`**${scale.compact ? ' (spellings also ignore spaces and hyphens)' : ''}`,
      '',
      '| code | name | meaning | class | colour | also accepted |',
      '|---|---|---|---|---|---|',
    );
    for (const s of scale.statuses)
      lines.push(
        `| ${cell(s.code)} | ${cell(s.name)} | ${cell(s.meaning)} | ${s.class} | ${s.colour} | ${cell(s.spellings.join(', ') || '—')} |`,
      );
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function headersTable(): string {
  const lines = ['| role | column | headings recognised |', '|---|---|---|'];
  for (const role of ROLE_ORDER)
    lines.push(`| \`${role}\` | ${cell(ROLE_NAMES[role])} | ${cell(SYNONYMS[role].join(', '))} |`);
  return lines.join('\n');
}

const BLOCKS: Record<string, () => string> = { rules: rulesTable, scales: scalesTable, headers: headersTable };

/** The generated tables, by block name. */
export function checksMarkdown(): Record<string, string> {
  return Object.fromEntries(Object.entries(BLOCKS).map(([name, make]) => [name, make()]));
}

/**
 * docs/checks.md with every `<!-- generated:NAME -->…<!-- /generated:NAME -->`
 * block made anew; throws when a block's markers are missing.
 */
export function updateChecksDoc(text: string): string {
  let out = text;
  for (const [name, body] of Object.entries(checksMarkdown())) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs/checks.md has no ${open} … ${close} block`);
    out = `${out.slice(0, start + open.length)}\n${body}\n${out.slice(end)}`;
  }
  return out;
}
