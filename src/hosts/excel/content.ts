// A sheet's planned content (the overview) as steps of a write: values in blocks of
// rows, merges, one format per area of one style (not per cell), column widths, row
// heights and the page setup. A large overview (a long list of rows left out) is
// cut into several syncs rather than one request past Excel on the web's 5 MB.
import { CellRange, CellStyle, SheetContent } from '../../engine';
import { literal } from './text';

/** Column width in Excel character units → Office.js points (about 7 px per character at 100%). */
const POINTS_PER_CHAR = 5.6;

/** One part of a write, with what it adds to the request (estimated, generously). */
export interface WriteStep {
  bytes: number;
  queue: (context: Excel.RequestContext) => void;
}

/**
 * Bytes Office.js sends per queued action beyond its data: object paths and the action.
 * Measured with Microsoft's client library serialising these requests (npm run bench,
 * "officejs-client"): about 300 a property set on a range already reached, 575 a cell fix.
 */
export const ACTION_BYTES = 300;
/** Rows of the overview's values written in one step. */
const VALUE_ROWS_PER_STEP = 500;

/** A rectangle of cells that share one planned style. */
interface StyledArea {
  range: CellRange;
  style: CellStyle;
}

/**
 * The content's styled cells as few rectangles as possible: runs of one style along a row,
 * stacked where the rows below repeat them. A format is then set once per area, not per cell.
 */
export function styledAreas(content: SheetContent): StyledArea[] {
  const done: StyledArea[] = [];
  // Areas still open at the row above, by "left,right,style".
  let open = new Map<string, StyledArea>();
  content.cells.forEach((row, r) => {
    const next = new Map<string, StyledArea>();
    let c = 0;
    while (c < row.length) {
      const style = row[c]?.style;
      if (!style) {
        c++;
        continue;
      }
      const key = JSON.stringify(style, Object.keys(style).sort());
      let right = c;
      while (
        right + 1 < row.length &&
        row[right + 1]?.style &&
        JSON.stringify(row[right + 1].style, Object.keys(row[right + 1].style as CellStyle).sort()) === key
      )
        right++;
      const id = `${c},${right},${key}`;
      const above = open.get(id);
      if (above) {
        above.range.bottom = r;
        open.delete(id);
        next.set(id, above);
      } else next.set(id, { range: { top: r, left: c, bottom: r, right }, style });
      c = right + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

/**
 * The border sides that draw a grid over an area, as docs-ref's RangeBorderCollection example
 * does: its four edges, and inside lines only where it has more than one row or column.
 */
type BorderSide = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

function gridBorders(range: CellRange): BorderSide[] {
  const sides: BorderSide[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (range.bottom > range.top) sides.push('InsideHorizontal');
  if (range.right > range.left) sides.push('InsideVertical');
  return sides;
}

/**
 * A sheet's planned content as steps, so a large overview (a long list of rows left out) is
 * written across syncs instead of one request past Excel on the web's 5 MB.
 */
export function contentSteps(
  sheetOf: (context: Excel.RequestContext) => Excel.Worksheet,
  content: SheetContent,
): WriteStep[] {
  const steps: WriteStep[] = [];
  const rows = content.cells.length;
  const cols = Math.max(1, ...content.cells.map((row) => row.length));
  for (let top = 0; top < rows; top += VALUE_ROWS_PER_STEP) {
    const block = content.cells
      .slice(top, top + VALUE_ROWS_PER_STEP)
      .map((row) => Array.from({ length: cols }, (_, c) => literal(row[c]?.value ?? null)));
    steps.push({
      bytes: 2 * ACTION_BYTES + JSON.stringify(block).length,
      queue: (context) => (sheetOf(context).getRangeByIndexes(top, 0, block.length, cols).values = block),
    });
  }
  // Merged before formatted: a border set over a merged area runs around the area, not its first cell.
  for (const m of content.merges)
    steps.push({
      bytes: 2 * ACTION_BYTES,
      queue: (context) =>
        sheetOf(context)
          .getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1)
          .merge(false),
    });
  for (const { range, style } of styledAreas(content)) {
    const borders = style.border ? gridBorders(range) : [];
    steps.push({
      bytes: (2 + Object.keys(style).length + 2 * borders.length) * ACTION_BYTES,
      queue: (context) => {
        const format = sheetOf(context).getRangeByIndexes(
          range.top,
          range.left,
          range.bottom - range.top + 1,
          range.right - range.left + 1,
        ).format;
        if (style.bold) format.font.bold = true;
        if (style.size) format.font.size = style.size;
        if (style.fontColour) format.font.color = style.fontColour;
        if (style.fill) format.fill.color = style.fill;
        if (style.align)
          format.horizontalAlignment = style.align === 'center' ? 'Center' : style.align === 'right' ? 'Right' : 'Left';
        if (style.wrap) format.wrapText = true;
        // docs-ref RangeFormat.textOrientation (ExcelApi 1.7): -90 to 90 degrees.
        if (style.rotate) format.textOrientation = 90;
        // Aligned or wrapped text sits in the middle of its row, as the .xlsx host writes it.
        if (style.align || style.wrap) format.verticalAlignment = 'Center';
        for (const side of borders) {
          const border = format.borders.getItem(side);
          border.style = 'Continuous';
          border.weight = 'Thin';
        }
      },
    });
  }
  content.columnWidths.forEach((width, c) =>
    steps.push({
      bytes: 2 * ACTION_BYTES,
      queue: (context) => (sheetOf(context).getRangeByIndexes(0, c, 1, 1).format.columnWidth = width * POINTS_PER_CHAR),
    }),
  );
  for (const { row, points } of content.rowHeights ?? [])
    steps.push({
      bytes: 2 * ACTION_BYTES,
      queue: (context) => (sheetOf(context).getRangeByIndexes(row, 0, 1, 1).format.rowHeight = points),
    });
  const print = content.print;
  if (print)
    steps.push({
      bytes: (5 + (print.rowBreaks?.length ?? 0)) * ACTION_BYTES,
      queue: (context) => {
        // docs-ref excel.pagelayout.yml (ExcelApi 1.9). The zoom is set whole, as a JSON object
        // (docs: "use x.zoom = {...}"), fit to pages without a scale. verticalFitToPages 0 is
        // "as many pages as needed" as in the file format's fitToHeight="0"; the Office.js docs
        // do not say (docs/office-js-facts.md §12).
        const layout = sheetOf(context).pageLayout;
        layout.orientation = print.landscape ? 'Landscape' : 'Portrait';
        if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        // No print titles are planned (a header is written again after each page break), but
        // Office.js documents no way to clear those an earlier build set: the plan's blank row
        // repeats instead, so nothing shows. "The range must span the entire row to be valid": "$4:$4".
        if (print.blankRow !== undefined) layout.setPrintTitleRows(`$${print.blankRow + 1}:$${print.blankRow + 1}`);
        // docs-ref excel.pagebreakcollection.yml (ExcelApi 1.9): Worksheet.horizontalPageBreaks "only
        // contains manual page breaks"; removePageBreaks "Resets all manual page breaks in the
        // collection"; add(pageBreakRange) "Adds a page break before the top-left cell of the range
        // specified". The sheet's earlier breaks go, the planned ones are added.
        const breaks = sheetOf(context).horizontalPageBreaks;
        breaks.removePageBreaks();
        for (const row of print.rowBreaks ?? []) breaks.add(sheetOf(context).getRangeByIndexes(row, 0, 1, 1));
      },
    });
  return steps;
}
