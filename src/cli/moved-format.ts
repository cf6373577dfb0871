// `proforma compare` for people (SPEC §8): what the plan is compared with, each
// action that moved under its theme (one line an action, its changes together),
// then per theme the actions counted once by status.
import {
  Analysis,
  ActionChange,
  MovedAction,
  Movement,
  ThemeMovement,
  changeText,
  movedActions,
  refText,
  sinceText,
  startOf,
  themeLabels,
  totalMovement,
} from '../engine';
import { Style, Tone, paint, printable } from './format';
import { padVisible, visibleWidth, wrapLine } from './wrap';

/** How much of an action's text a line quotes: enough to recognise it, leaving room for what moved. */
const TEXT_LENGTH = 48;

function toneOf(change: ActionChange): Tone | null {
  if (change.direction === 'worse') return change.change === 'due' ? 'yellow' : 'red';
  if (change.direction === 'better') return 'green';
  if (change.change === 'update-unchanged') return 'yellow';
  return null;
}

/** The changes of one action, in words, each coloured by its direction on a terminal. */
function changesText(action: MovedAction, style: Style): string {
  return action.changes
    .map((change) => {
      const text = printable(changeText(change));
      const tone = toneOf(change);
      return tone ? paint(text, tone, style.colour) : text;
    })
    .join('; ');
}

const COUNT_COLUMNS: Array<[keyof Omit<ThemeMovement, 'sheet' | 'name'>, string]> = [
  ['improved', 'Improved'],
  ['worse', 'Worse'],
  ['unchanged', 'Unchanged'],
  ['new', 'New'],
  ['removed', 'Removed'],
];

/** The counts per theme, as a table: the theme column takes what the numbers leave of the width. */
function countsTable(movement: Movement, style: Style): string[] {
  const widths = COUNT_COLUMNS.map(([, title]) => title.length + 2);
  const numbers = widths.reduce((a, b) => a + b, 0);
  const labels = themeLabels(movement.themes).map(printable);
  const nameWidth = Math.max(12, Math.min(style.width - numbers, Math.max(...labels.map((l) => l.length + 2), 14)));
  const cut = (text: string): string =>
    text.length > nameWidth - 1 ? `${text.slice(0, Math.max(1, nameWidth - 2))}…` : text;
  const row = (name: string, counts: Omit<ThemeMovement, 'sheet' | 'name'>): string =>
    `${cut(name).padEnd(nameWidth)}${COUNT_COLUMNS.map(([key], i) => String(counts[key]).padStart(widths[i])).join('')}`;
  const header = `${'Theme'.padEnd(nameWidth)}${COUNT_COLUMNS.map(([, title], i) => title.padStart(widths[i])).join('')}`;
  const lines = [paint(header, 'bold', style.colour)];
  movement.themes.forEach((theme, i) => lines.push(row(labels[i], theme)));
  if (movement.themes.length > 1) lines.push(paint(row('Total', totalMovement(movement)), 'bold', style.colour));
  return lines;
}

export function formatMovement(file: string, analysis: Analysis, movement: Movement, style: Style): string {
  const { colour, width } = style;
  const lines: string[] = [paint(printable(file), 'bold', colour)];
  const label = printable(movement.since.label);
  const intro: Record<Movement['since']['kind'], string> = {
    file: `What moved since ${label}, the file given with --since.`,
    baseline: `What moved since ${label}: compared with ${printable(sinceText(movement.since))}.`,
    periods: `What moved since ${label}: each action's latest status compared with the one before it.`,
  };
  lines.push(wrapLine(intro[movement.since.kind], width));
  const moved = movedActions(movement);
  const unchanged = movement.actions.filter((c) => c.change === 'update-unchanged').length;
  const nothing = moved.every((a) => a.changes.every((c) => c.change === 'update-unchanged'));
  if (nothing) {
    const updates =
      unchanged === 0
        ? ''
        : `; ${unchanged} progress update${unchanged === 1 ? ' is' : 's are'} word for word as ${unchanged === 1 ? 'it was' : 'they were'}`;
    lines.push(
      '',
      wrapLine(
        `Nothing moved: ${movement.compared} action${movement.compared === 1 ? '' : 's'} compared, each with the same status, due date and lead, none new and none removed${updates}.`,
        width,
      ),
    );
  }
  // One block per sheet, in the movement's order (a sheet's removed actions after its others).
  const names = new Map(analysis.themes.map((t) => [t.name, t.theme]));
  let sheet: string | null = null;
  let rows: MovedAction[] = [];
  const flush = (): void => {
    if (sheet === null || rows.length === 0) return;
    const theme = names.get(sheet);
    lines.push('', paint(printable(theme && theme !== sheet ? `${sheet} — ${theme}` : sheet), 'bold', colour));
    // Cell and ref in columns, so a list stays scannable; the action text and its changes wrap under the text.
    const cellWidth = Math.max(...rows.map((a) => (a.removed ? `(was ${a.cell ?? '?'})` : (a.cell ?? '')).length));
    const refWidth = Math.max(0, ...rows.map((a) => (a.ref ? printable(refText(a.ref)).length : 0)));
    for (const action of rows) {
      const cell = action.removed ? paint(`(was ${action.cell ?? '?'})`, 'dim', colour) : (action.cell ?? '');
      const ref = action.ref ? printable(refText(action.ref)) : '';
      const lead = `  ${padVisible(cell, cellWidth)}  ${refWidth > 0 ? `${ref.padEnd(refWidth)}  ` : ''}`;
      const text = `"${printable(startOf(action.text, TEXT_LENGTH))}"`;
      const note = action.changes.find((c) => c.note)?.note;
      lines.push(
        wrapLine(
          `${lead}${text}: ${changesText(action, style)}${note ? ` ${paint(`(${printable(note)})`, 'dim', colour)}` : ''}`,
          width,
          visibleWidth(lead),
        ),
      );
    }
  };
  // Nothing moved: the sentence says it all (the updates left as they were are counted in it).
  for (const action of nothing ? [] : moved) {
    if (action.sheet !== sheet) {
      flush();
      sheet = action.sheet;
      rows = [];
    }
    rows.push(action);
  }
  flush();
  lines.push('', ...countsTable(movement, style));
  return lines.join('\n');
}
