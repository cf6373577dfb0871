// Wrapping output for people to the terminal's width. Lines break only at
// spaces, and continuation lines hang under a given column (the message of an
// issue, the text of a table row), so a list stays scannable at 80 columns.

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;

/** Below this many columns of text beside a hanging indent, the indent shrinks so words still fit. */
export const NARROWEST_TEXT = 24;
/** The indent used instead when the asked-for one leaves too little room. */
const FALLBACK_INDENT = 4;

/** Columns a string takes on a terminal: colour codes take none; each character one. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI_SEQUENCE, '')].length;
}

/** `text` padded with spaces to `width` visible columns (colour codes not counted). */
export function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/**
 * One logical line wrapped to `width` columns: continuation lines start with
 * `hangingIndent` spaces. Nothing is broken before the hanging-indent column (a
 * row's leading columns stay whole), and a word longer than the room it has is
 * left whole on its own line rather than cut.
 */
export function wrapLine(line: string, width: number, hangingIndent = 0): string {
  if (visibleWidth(line) <= width) return line;
  const indent = width - hangingIndent >= NARROWEST_TEXT ? hangingIndent : Math.min(hangingIndent, FALLBACK_INDENT);
  const pieces = line.split(/( +)/); // words at even indexes, runs of spaces at odd ones
  const lines: string[] = [];
  let current = pieces[0];
  let used = visibleWidth(current);
  for (let i = 1; i < pieces.length; i += 2) {
    const gap = pieces[i];
    const word = pieces[i + 1] ?? '';
    const wordWidth = visibleWidth(word);
    // Inside the first line's leading columns, and for trailing spaces, keep going: the break comes in the text.
    const inLeadingColumns = lines.length === 0 && used < hangingIndent;
    if (inLeadingColumns || wordWidth === 0 || used + gap.length + wordWidth <= width) {
      current += gap + word;
      used += gap.length + wordWidth;
      continue;
    }
    lines.push(current.trimEnd());
    current = ' '.repeat(indent) + word;
    used = indent + wordWidth;
  }
  lines.push(current);
  return lines.join('\n');
}

/** Every line of `text` wrapped as `wrapLine` does. */
export function wrapText(text: string, width: number, hangingIndent = 0): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, hangingIndent))
    .join('\n');
}
