// Colouring rows by status (SPEC §4.1): a pale tint across the row, the strong
// colour with readable text on the RAG cell. Rows without a valid RAG lose a
// status fill Proforma painted earlier, and keep any other fill.
import type { Analysis } from './analyse';
import { Edit, Plan } from './plan';
import { PROFORMA_FILLS, RagCode, STATUSES } from './scales';

const STRONG_FILLS = new Set(Object.values(STATUSES).map((s) => s.colour.toUpperCase()));

interface Run {
  top: number;
  bottom: number;
  code: RagCode | null;
}

export function colourPlan(analysis: Analysis): Plan {
  const edits: Edit[] = [];
  let coloured = 0;
  let cleared = 0;
  for (const theme of analysis.themes) {
    const { sheet, firstCol, lastCol, columns } = theme.layout;
    const ragCol = columns.rag as number;
    const hasOurFill = (row: number): boolean => {
      for (let col = firstCol; col <= lastCol; col++) {
        const fill = sheet.fills[`${row},${col}`];
        if (fill !== undefined && PROFORMA_FILLS.has(fill.toUpperCase())) return true;
      }
      return false;
    };
    // Consecutive rows of one status become one range: fewer, larger writes.
    const runs: Run[] = [];
    for (const action of theme.actions) {
      const code = action.rag.state === 'valid' ? action.rag.code : null;
      if (code === null && !hasOurFill(action.row)) continue;
      const last = runs[runs.length - 1];
      if (last && last.code === code && last.bottom === action.row - 1) last.bottom = action.row;
      else runs.push({ top: action.row, bottom: action.row, code });
    }
    for (const run of runs) {
      const rows = run.bottom - run.top + 1;
      const row = { top: run.top, bottom: run.bottom, left: firstCol, right: lastCol };
      const ragCells = { top: run.top, bottom: run.bottom, left: ragCol, right: ragCol };
      if (run.code === null) {
        // Only the fills Proforma painted go, cell by cell; the board's own fills and fonts stay.
        for (let r = run.top; r <= run.bottom; r++)
          for (let col = firstCol; col <= lastCol; col++) {
            const fill = sheet.fills[`${r},${col}`];
            if (fill === undefined || !PROFORMA_FILLS.has(fill.toUpperCase())) continue;
            const strong = STRONG_FILLS.has(fill.toUpperCase());
            const cell = { top: r, bottom: r, left: col, right: col };
            // The strong status colour came with Proforma's text colour: set it back to automatic too.
            edits.push(
              strong
                ? { kind: 'format', sheet: sheet.name, range: cell, fill: null, fontColour: null }
                : { kind: 'format', sheet: sheet.name, range: cell, fill: null },
            );
          }
        cleared += rows;
        continue;
      }
      const status = STATUSES[run.code];
      edits.push({ kind: 'format', sheet: sheet.name, range: row, fill: status.tint });
      edits.push({
        kind: 'format',
        sheet: sheet.name,
        range: ragCells,
        fill: status.colour,
        fontColour: status.textColour,
      });
      coloured += rows;
    }
  }
  const clearedText = cleared > 0 ? `; status colour removed from ${cleared} without a valid RAG` : '';
  return { description: `Coloured ${coloured} action row${coloured === 1 ? '' : 's'} by status${clearedText}.`, edits };
}
