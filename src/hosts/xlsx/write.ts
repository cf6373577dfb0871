// Applying a plan to an .xlsx package: only the parts the plan touches are
// rewritten (the sheets it names, styles.xml, and for a new or renamed sheet
// workbook.xml, its relationships and [Content_Types].xml; workbook.xml too
// when the overview's print titles are not yet as planned), and inside them
// only what the plan names. Every other part is copied byte for byte.
import {
  Edit,
  OVERVIEW_NAME,
  Plan,
  SheetContent,
  SheetSnapshot,
  address,
  cellAt,
  displayText,
  quoteSheetName,
  renameInFormula,
  sameCellValue,
} from '../../engine';
import { XlsxPackage, local } from './read';
import {
  CellPatch,
  hideRows,
  insertionPoint,
  newSheetXml,
  patchCells,
  recordSheetXml,
  replaceContent,
  replaceRecordRows,
} from './sheet-xml';
import { patchLiveColours } from './live-xml';
import { WORKBOOK_ORDER } from './schema';
import { StyleBook } from './styles';
import { Span, attributesXml, childSpans, escapeText, escapeXml, parseXml, spanOf, splice } from './xml';
import { OutputPart, PackageError, readEntry, readText, writeZip } from './zip';

const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function refuse(message: string): never {
  throw new PackageError(`${message}; nothing was written`);
}

function sheetOf(pkg: XlsxPackage, name: string): SheetSnapshot {
  const sheet = pkg.snapshot.sheets.find((s) => s.name === name);
  if (!sheet) refuse(`sheet "${name}" is no longer in the workbook`);
  return sheet;
}

/** Every check before anything is written: a refused plan changes nothing. */
function checkPlan(pkg: XlsxPackage, plan: Plan): void {
  // Names as the plan goes: a sheet renamed by an earlier edit is found under its new name.
  const renamedFrom = new Map<string, string>();
  const original = (name: string): string => renamedFrom.get(name) ?? name;
  const added = new Set<string>();
  // Every sheet's current name, chart sheets too: two sheets of one name make Excel repair the file.
  const current = new Set(pkg.sheets.map((s) => s.name.toLowerCase()));
  const protectedSheet = (name: string): void => {
    if (added.has(name)) return;
    if (sheetOf(pkg, original(name)).protected)
      refuse(
        `sheet "${name}" is protected; unprotect it in Excel (Review > Unprotect Sheet), or ask whoever protected it, then try again`,
      );
  };
  const structure = (): void => {
    if (pkg.snapshot.structureProtected)
      refuse(
        "the workbook's structure is protected, so sheets cannot be added or renamed; unprotect it in Excel (Review > Protect Workbook), then try again",
      );
  };
  for (const edit of plan.edits) {
    switch (edit.kind) {
      case 'set-value': {
        const sheet = sheetOf(pkg, edit.sheet);
        const now = cellAt(sheet, edit.row, edit.col);
        if (!sameCellValue(now, edit.expect))
          refuse(
            `'${edit.sheet}'!${address(edit.row, edit.col)} changed since it was checked (now "${displayText(now)}"); check again before fixing`,
          );
        protectedSheet(edit.sheet);
        break;
      }
      case 'format':
      case 'live-colours':
      case 'hide-rows':
        protectedSheet(edit.sheet);
        break;
      case 'rename-sheet':
        structure();
        protectedSheet(edit.from);
        renamedFrom.set(edit.to, original(edit.from));
        current.delete(edit.from.toLowerCase());
        if (current.has(edit.to.toLowerCase())) refuse(`a sheet called "${edit.to}" exists already`);
        current.add(edit.to.toLowerCase());
        break;
      case 'add-sheet':
        structure();
        if (current.has(edit.content.name.toLowerCase()))
          refuse(`a sheet called "${edit.content.name}" exists already`);
        current.add(edit.content.name.toLowerCase());
        added.add(edit.content.name);
        break;
      case 'replace-sheet':
        protectedSheet(edit.content.name);
        break;
      case 'record-sheet': {
        const existing = pkg.sheets.find((s) => s.name.toLowerCase() === edit.name.toLowerCase());
        if (existing && existing.kind !== 'worksheet')
          refuse(`"${existing.name}" is a chart sheet, so Proforma cannot keep its ${edit.name} rows there`);
        if (existing) protectedSheet(existing.name);
        else if (!current.has(edit.name.toLowerCase())) {
          structure();
          current.add(edit.name.toLowerCase());
          added.add(edit.name);
        }
        break;
      }
      case 'mark-overview':
        break;
    }
  }
}

interface NamedSpans {
  root: Span;
  children: Span[];
  /** Children of <sheets>, <definedNames> and <bookViews>, with their text. */
  sheets: Span[];
  definedNames: Array<Span & { text: string }>;
  workbookViews: Span[];
}

function indexWorkbook(xml: string, part: string): NamedSpans {
  const { root, children } = childSpans(xml, part);
  const sheets: Span[] = [];
  const definedNames: Array<Span & { text: string }> = [];
  const workbookViews: Span[] = [];
  let parent = '';
  let current: (Span & { text: string }) | null = null;
  parseXml(xml, part, {
    open(tag, depth, start, openEnd) {
      if (depth === 1) parent = local(tag.name);
      if (depth !== 2) return;
      const span = Object.assign(spanOf(tag, start, openEnd), { text: '' });
      if (parent === 'sheets') sheets.push(span);
      else if (parent === 'definedNames') definedNames.push(span);
      else if (parent === 'bookViews') workbookViews.push(span);
      current = span;
    },
    close(tag, depth, end) {
      if (depth === 2 && current) {
        current.end = end;
        current.closeStart = tag.isSelfClosing ? end : xml.lastIndexOf('</', end - 1);
        current.text = xml.slice(current.openEnd, current.closeStart);
        current = null;
      }
    },
  });
  return { root, children, sheets, definedNames, workbookViews };
}

function openTag(name: string, attributes: Record<string, string>, selfClosing: boolean): string {
  return `<${name}${attributesXml(attributes)}${selfClosing ? '/>' : '>'}`;
}

/** Unescaped text of a definedName (entities decoded by the parser). */
function nameText(span: Span & { text: string }, part: string): string {
  let text = '';
  parseXml(`<n>${span.text}</n>`, part, {
    text(t) {
      text += t;
    },
  });
  return text;
}

interface NewSheet {
  name: string;
  relId: string;
  sheetId: number;
  part: string;
  /** Very hidden, where Proforma keeps its records (settings). */
  veryHidden?: boolean;
}

interface WorkbookChanges {
  renames: Array<{ from: string; to: string }>;
  /** Sheets added at the front (the overview). */
  added: NewSheet[];
  /** Sheets added at the end (record sheets). */
  appended: NewSheet[];
  mark: string | null;
  /** Sheets Proforma lays out for printing: their print titles go (the plan writes headers again after page breaks). */
  printed: string[];
}

/** Excel's name for a sheet's print titles: a defined name scoped to the sheet (localSheetId). */
const PRINT_TITLES = '_xlnm.Print_Titles';

function patchWorkbook(xml: string, part: string, changes: WorkbookChanges): string {
  const index = indexWorkbook(xml, part);
  const prefix = index.root.name.includes(':') ? index.root.name.slice(0, index.root.name.indexOf(':') + 1) : '';
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const finalName = (name: string): string => {
    let current = name;
    for (const r of changes.renames) if (r.from === current) current = r.to;
    return current;
  };
  for (const sheet of index.sheets) {
    const name = sheet.attributes.name;
    const renamed = finalName(name);
    if (renamed !== name)
      edits.push({
        start: sheet.start,
        end: sheet.openEnd,
        text: openTag(sheet.name, { ...sheet.attributes, name: renamed }, sheet.selfClosing),
      });
  }
  const added = changes.added.length;
  if (added > 0) {
    const sheetsSpan = index.children.find((c) => local(c.name) === 'sheets') as Span;
    const relKey =
      Object.keys(index.sheets[0]?.attributes ?? {}).find((k) => local(k) === 'id' && k.includes(':')) ?? 'r:id';
    const text = changes.added
      .map((s) => openTag(`${prefix}sheet`, { name: s.name, sheetId: String(s.sheetId), [relKey]: s.relId }, true))
      .join('');
    edits.push({ start: sheetsSpan.openEnd, end: sheetsSpan.openEnd, text });
    // The sheet that was active stays active (its view says tabSelected; another active tab would group them).
    if (index.workbookViews.length === 0) {
      const at = insertionPoint(index.root, index.children, 'bookViews', WORKBOOK_ORDER);
      edits.push({
        start: at,
        end: at,
        text: `<${prefix}bookViews><${prefix}workbookView activeTab="${added}"/></${prefix}bookViews>`,
      });
    }
    for (const view of index.workbookViews)
      edits.push({
        start: view.start,
        end: view.openEnd,
        text: openTag(
          view.name,
          {
            ...view.attributes,
            activeTab: String(Number(view.attributes.activeTab ?? 0) + added),
            // The tab strip starts at the first tab, so the new overview is in view.
            ...(view.attributes.firstSheet !== undefined ? { firstSheet: '0' } : {}),
          },
          view.selfClosing,
        ),
      });
  }
  const markName = changes.mark;
  let markWritten = false;
  if (changes.appended.length > 0) {
    const sheetsSpan = index.children.find((c) => local(c.name) === 'sheets') as Span;
    const relKey =
      Object.keys(index.sheets[0]?.attributes ?? {}).find((k) => local(k) === 'id' && k.includes(':')) ?? 'r:id';
    const text = changes.appended
      .map((s) =>
        openTag(
          `${prefix}sheet`,
          {
            name: s.name,
            sheetId: String(s.sheetId),
            ...(s.veryHidden ? { state: 'veryHidden' } : {}),
            [relKey]: s.relId,
          },
          true,
        ),
      )
      .join('');
    edits.push({ start: sheetsSpan.closeStart, end: sheetsSpan.closeStart, text });
  }
  // Sheets in their final order: added ones first, then the others under their new names, then
  // those appended. A sheet-scoped name's localSheetId is its sheet's place in this list.
  const order = [
    ...changes.added.map((s) => s.name),
    ...index.sheets.map((s) => finalName(s.attributes.name)),
    ...changes.appended.map((s) => s.name),
  ];
  for (const name of index.definedNames) {
    const attributes = { ...name.attributes };
    let text = nameText(name, part);
    const titlesOf =
      (attributes.name ?? '').toLowerCase() === PRINT_TITLES.toLowerCase() && attributes.localSheetId !== undefined
        ? order[Number(attributes.localSheetId) + added]
        : undefined;
    if (titlesOf !== undefined && changes.printed.includes(titlesOf)) {
      // A sheet of Proforma's: print titles would repeat its header over every page.
      edits.push({ start: name.start, end: name.end, text: '' });
      continue;
    }
    const isMark =
      (attributes.name ?? '').toLowerCase() === OVERVIEW_NAME.toLowerCase() && attributes.localSheetId === undefined;
    if (isMark && markName !== null) {
      text = `${quoteSheetName(markName)}!$A$1`;
      attributes.hidden = '1';
      markWritten = true;
    } else for (const r of changes.renames) text = renameInFormula(text, r.from, r.to);
    if (attributes.localSheetId !== undefined && added > 0)
      attributes.localSheetId = String(Number(attributes.localSheetId) + added);
    if (nameText(name, part) !== text || JSON.stringify(attributes) !== JSON.stringify(name.attributes))
      edits.push({
        start: name.start,
        end: name.end,
        text: `${openTag(name.name, attributes, false)}${escapeText(text)}</${name.name}>`,
      });
  }
  const newNames: string[] = [];
  if (markName !== null && !markWritten)
    newNames.push(
      `<${prefix}definedName name="${OVERVIEW_NAME}" hidden="1">${escapeText(`${quoteSheetName(markName)}!$A$1`)}</${prefix}definedName>`,
    );
  if (newNames.length > 0) {
    const text = newNames.join('');
    const definedNames = index.children.find((c) => local(c.name) === 'definedNames');
    if (definedNames && !definedNames.selfClosing)
      edits.push({ start: definedNames.closeStart, end: definedNames.closeStart, text });
    else if (definedNames)
      edits.push({
        start: definedNames.start,
        end: definedNames.end,
        text: `<${prefix}definedNames>${text}</${prefix}definedNames>`,
      });
    else {
      const at = insertionPoint(index.root, index.children, 'definedNames', WORKBOOK_ORDER);
      edits.push({ start: at, end: at, text: `<${prefix}definedNames>${text}</${prefix}definedNames>` });
    }
  }
  return splice(xml, edits);
}

/** Appends elements before the root's close tag (relationships, content types). */
function appendToRoot(xml: string, part: string, text: string): string {
  const { root } = childSpans(xml, part);
  if (root.selfClosing)
    return splice(xml, [
      { start: root.start, end: root.end, text: `${openTag(root.name, root.attributes, false)}${text}</${root.name}>` },
    ]);
  return splice(xml, [{ start: root.closeStart, end: root.closeStart, text }]);
}

/**
 * A renamed sheet must keep every reference to it working. Excel rewrites them on rename;
 * here only workbook.xml's names are rewritten, so a reference anywhere else refuses the rename.
 */
function refuseIfReferenced(pkg: XlsxPackage, sheet: string, ownPart: string): void {
  const needles = new Set<string>();
  for (const form of [sheet, escapeXml(sheet)]) {
    const quotedForm = form.replace(/'/g, "''");
    needles.add(`'${quotedForm}'!`.toLowerCase());
    needles.add(`${form}!`.toLowerCase());
    needles.add(`sheet="${escapeXml(sheet)}"`.toLowerCase());
  }
  for (const entry of pkg.zip.entries) {
    const name = entry.name;
    if (name === ownPart || name === pkg.workbookPath || !/\.(xml|rels|vml)$/i.test(name)) continue;
    if (/sharedStrings\.xml$|^docProps\//.test(name)) continue;
    const text = decoder.decode(readEntry(pkg.zip, entry)).toLowerCase();
    for (const needle of needles)
      if (text.includes(needle))
        refuse(
          `sheet "${sheet}" would be renamed, but ${name} refers to it by name; rename it yourself in Excel (which updates those references), then try again`,
        );
  }
}

/** Applies a plan to a package and returns the new package's bytes. */
export function applyPlan(pkg: XlsxPackage, plan: Plan, now: Date): Uint8Array {
  checkPlan(pkg, plan);
  const styles = new StyleBook(pkg.styles);
  const needsStyles = plan.edits.some(
    (e) =>
      e.kind === 'format' ||
      e.kind === 'add-sheet' ||
      e.kind === 'replace-sheet' ||
      e.kind === 'live-colours' ||
      (e.kind === 'set-value' && typeof e.value !== 'string' && e.value.kind === 'date'),
  );
  if (needsStyles && (styles.missing || !pkg.stylesPath))
    refuse('the workbook has no usable styles part (xl/styles.xml), so Proforma cannot format cells in it');

  // Current names → sheet parts, as renames and additions happen in order.
  const partOf = new Map<string, string>();
  for (const s of pkg.sheets) if (s.kind === 'worksheet') partOf.set(s.name, s.path);
  const changes: WorkbookChanges = { renames: [], added: [], appended: [], mark: null, printed: [] };
  const cellPatches = new Map<string, Map<number, Map<number, CellPatch>>>();
  const replaced = new Map<string, SheetContent>();
  const newParts = new Map<string, SheetContent>();
  const records = new Map<string, string[][]>();
  const newRecords = new Map<string, string[][]>();
  const live = new Map<string, Extract<Edit, { kind: 'live-colours' }>>();
  const hidden = new Map<string, number[]>();

  const noPrintTitles = (content: SheetContent): void => {
    if (content.print) changes.printed.push(content.name);
  };
  const patchesOf = (sheet: string): Map<number, Map<number, CellPatch>> => {
    const part = partOf.get(sheet);
    if (!part) refuse(`sheet "${sheet}" is no longer in the workbook`);
    let byRow = cellPatches.get(part);
    if (!byRow) cellPatches.set(part, (byRow = new Map()));
    return byRow;
  };
  const patchCell = (sheet: string, row: number, col: number, patch: CellPatch): void => {
    const byRow = patchesOf(sheet);
    let byCol = byRow.get(row);
    if (!byCol) byRow.set(row, (byCol = new Map()));
    const existing = byCol.get(col);
    if (!existing) byCol.set(col, patch);
    else
      byCol.set(col, {
        value: patch.value ?? existing.value,
        style: patch.style && existing.style ? { ...existing.style, ...patch.style } : (patch.style ?? existing.style),
      });
  };

  // Part names are compared without case (ECMA-376 Part 2: OPC part names are case-insensitive).
  const usedParts = new Set(pkg.zip.entries.map((e) => e.name.toLowerCase()));
  const rels = readText(pkg.zip, pkg.workbookRelsPath) ?? '';
  const usedIds = new Set<string>();
  parseXml(rels || '<Relationships/>', pkg.workbookRelsPath, {
    open(tag) {
      if (local(tag.name) === 'Relationship') usedIds.add(String((tag.attributes as Record<string, string>).Id));
    },
  });
  const workbookXml = readText(pkg.zip, pkg.workbookPath) as string;
  let maxSheetId = 0;
  parseXml(workbookXml, pkg.workbookPath, {
    open(tag) {
      if (local(tag.name) === 'sheet')
        maxSheetId = Math.max(maxSheetId, Number((tag.attributes as Record<string, string>).sheetId ?? 0));
    },
  });

  /** A new worksheet part, relationship and sheet id, under this name. */
  const newSheet = (name: string): NewSheet => {
    let n = 1;
    while (usedParts.has(`xl/worksheets/sheet${n}.xml`.toLowerCase())) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    usedParts.add(part);
    let id = 1;
    while (usedIds.has(`rId${id}`)) id++;
    usedIds.add(`rId${id}`);
    partOf.set(name, part);
    return { name, relId: `rId${id}`, sheetId: ++maxSheetId, part };
  };

  for (const edit of plan.edits as Edit[]) {
    switch (edit.kind) {
      case 'set-value':
        patchCell(edit.sheet, edit.row, edit.col, { value: edit.value });
        break;
      case 'format': {
        // One patch object for the whole range: a plan can name hundreds of thousands of cells.
        const style: CellPatch['style'] = { fill: edit.fill };
        if (edit.fontColour !== undefined) style.fontColour = edit.fontColour;
        const patch: CellPatch = { style };
        for (let r = edit.range.top; r <= edit.range.bottom; r++)
          for (let c = edit.range.left; c <= edit.range.right; c++) patchCell(edit.sheet, r, c, patch);
        break;
      }
      case 'rename-sheet': {
        const part = partOf.get(edit.from);
        if (!part) refuse(`sheet "${edit.from}" is no longer in the workbook`);
        refuseIfReferenced(pkg, edit.from, part);
        partOf.delete(edit.from);
        partOf.set(edit.to, part);
        changes.renames.push({ from: edit.from, to: edit.to });
        break;
      }
      case 'add-sheet': {
        const sheet = newSheet(edit.content.name);
        changes.added.push(sheet);
        newParts.set(sheet.part, edit.content);
        noPrintTitles(edit.content);
        break;
      }
      case 'record-sheet': {
        const name = [...partOf.keys()].find((n) => n.toLowerCase() === edit.name.toLowerCase());
        if (name !== undefined) records.set(partOf.get(name) as string, edit.rows);
        else {
          const sheet = { ...newSheet(edit.name), veryHidden: true };
          changes.appended.push(sheet);
          newRecords.set(sheet.part, edit.rows);
        }
        break;
      }
      case 'replace-sheet': {
        const part = partOf.get(edit.content.name);
        if (!part) refuse(`sheet "${edit.content.name}" is no longer in the workbook`);
        replaced.set(part, edit.content);
        noPrintTitles(edit.content);
        break;
      }
      case 'mark-overview':
        changes.mark = edit.sheet;
        break;
      case 'live-colours': {
        const part = partOf.get(edit.sheet);
        if (!part) refuse(`sheet "${edit.sheet}" is no longer in the workbook`);
        live.set(part, edit);
        break;
      }
      case 'hide-rows': {
        const part = partOf.get(edit.sheet);
        if (!part) refuse(`sheet "${edit.sheet}" is no longer in the workbook`);
        hidden.set(part, [...(hidden.get(part) ?? []), ...edit.rows]);
        break;
      }
    }
  }

  const replacements = new Map<string, string>();
  for (const [part, patches] of cellPatches) {
    if (replaced.has(part) || newParts.has(part)) continue;
    replacements.set(part, patchCells(readText(pkg.zip, part) as string, part, patches, styles));
  }
  for (const [part, content] of replaced)
    replacements.set(part, replaceContent(readText(pkg.zip, part) as string, part, content, styles));
  for (const [part, rows] of records)
    replacements.set(
      part,
      replaceRecordRows(replacements.get(part) ?? (readText(pkg.zip, part) as string), part, rows),
    );
  for (const [part, edit] of live) {
    const xml = replacements.get(part) ?? (readText(pkg.zip, part) as string);
    replacements.set(part, patchLiveColours(xml, part, edit.rules, edit.dropDowns, styles));
  }
  for (const [part, rows] of hidden) {
    const xml = replacements.get(part) ?? (readText(pkg.zip, part) as string);
    const patched = hideRows(xml, part, rows);
    // Rows hidden already: the part stays byte for byte.
    if (patched !== xml) replacements.set(part, patched);
  }
  const added: OutputPart[] = [];
  for (const [part, content] of newParts)
    added.push({ name: part, data: encoder.encode(newSheetXml(content, styles)) });
  for (const [part, rows] of newRecords) added.push({ name: part, data: encoder.encode(recordSheetXml(rows)) });

  // workbook.xml is rewritten only when something in it changes: a rebuild whose print titles
  // are already right leaves it byte for byte.
  const created = [...changes.added, ...changes.appended];
  if (changes.renames.length > 0 || created.length > 0 || changes.mark !== null || changes.printed.length > 0) {
    const patched = patchWorkbook(workbookXml, pkg.workbookPath, changes);
    if (patched !== workbookXml) replacements.set(pkg.workbookPath, patched);
  }
  if (created.length > 0) {
    const workbookDir = pkg.workbookPath.slice(0, pkg.workbookPath.lastIndexOf('/') + 1);
    const relTexts = created.map(({ part, relId }) => {
      const target = part.startsWith(workbookDir) ? part.slice(workbookDir.length) : `/${part}`;
      return `<Relationship Id="${relId}" Type="${WORKSHEET_TYPE}" Target="${escapeXml(target)}"/>`;
    });
    replacements.set(pkg.workbookRelsPath, appendToRoot(rels, pkg.workbookRelsPath, relTexts.join('')));
    const types = readText(pkg.zip, '[Content_Types].xml') as string;
    const overrides = created.map(
      ({ part }) => `<Override PartName="/${escapeXml(part)}" ContentType="${WORKSHEET_CONTENT_TYPE}"/>`,
    );
    replacements.set('[Content_Types].xml', appendToRoot(types, '[Content_Types].xml', overrides.join('')));
  }
  if (styles.changed && pkg.stylesPath) replacements.set(pkg.stylesPath, styles.serialise());

  const parts: OutputPart[] = pkg.zip.entries.map((entry) => {
    const text = replacements.get(entry.name);
    return text === undefined ? { copy: entry } : { name: entry.name, data: encoder.encode(text) };
  });
  if (!pkg.zip.byName.has(pkg.workbookRelsPath) && replacements.has(pkg.workbookRelsPath))
    refuse('the workbook has no relationships part for its sheets');
  return writeZip(pkg.zip, [...parts, ...added], now);
}
