// Live colours in a worksheet part (SPEC §4.1): Proforma's <conditionalFormatting>
// rules and its list <dataValidation>s are replaced; the board's own rules and
// validation, and every other byte of the part, stay as they were.
import { CellRange, DROP_DOWN_TITLE, DropDown, StatusRule, isProformaRule, rangeAddress } from '../../engine';
import { local } from './read';
import { WORKSHEET_ORDER } from './schema';
import { StyleBook } from './styles';
import { Span, attributesXml, escapeText, parseXml, spanOf, splice } from './xml';

interface RuleSpan extends Span {
  ours: boolean;
}

interface Indexed extends Span {
  /** Direct children: cfRule or dataValidation elements. */
  items: RuleSpan[];
}

interface LiveIndex {
  root: Span;
  children: Span[];
  formats: Indexed[];
  validations: Indexed | null;
  /** The highest priority number among the rules that stay (x14 rules in extLst too). */
  maxPriority: number;
  prefix: string;
}

function indexLive(xml: string, part: string): LiveIndex {
  const children: Span[] = [];
  const formats: Indexed[] = [];
  let validations: Indexed | null = null;
  let root: Span | undefined;
  let parent: Indexed | null = null;
  let item: (RuleSpan & { priority: number; text: string[] }) | null = null;
  let collect = false;
  let current: Span | null = null;
  const staying: number[] = [];
  parseXml(xml, part, {
    open(tag, depth, start, openEnd) {
      const name = local(tag.name);
      const attributes = tag.attributes as Record<string, string>;
      if (name === 'cfRule' && depth !== 2 && attributes.priority !== undefined)
        staying.push(Number(attributes.priority)); // x14 rules share the sheet's priorities
      if (depth === 0) root = spanOf(tag, start, openEnd);
      if (depth === 1) {
        const span: Span = spanOf(tag, start, openEnd);
        current = span;
        children.push(span);
        parent = null;
        if (name === 'conditionalFormatting') formats.push((parent = Object.assign(span, { items: [] })));
        else if (name === 'dataValidations') validations = parent = Object.assign(span, { items: [] });
        return;
      }
      if (depth === 2 && parent) {
        item = { ...spanOf(tag, start, openEnd), ours: false, priority: Number(attributes.priority ?? 0), text: [] };
        parent.items.push(item);
        if (name === 'dataValidation')
          item.ours = attributes.type === 'list' && attributes.errorTitle === DROP_DOWN_TITLE;
        return;
      }
      if (depth === 3 && item && local(tag.name) === 'formula' && item.text.length === 0) collect = true;
    },
    close(tag, depth, end) {
      if (depth === 3) collect = false;
      if (depth === 2 && item) {
        item.end = end;
        item.closeStart = tag.isSelfClosing ? end : xml.lastIndexOf('</', end - 1);
        if (local(item.name) === 'cfRule') {
          item.ours = item.attributes.type === 'expression' && isProformaRule(item.text.join(''));
          if (!item.ours) staying.push(item.priority);
        }
        item = null;
      }
      if (depth === 1 && current) {
        current.end = end;
        current.closeStart = tag.isSelfClosing ? end : xml.lastIndexOf('</', end - 1);
        parent = null;
      }
    },
    text(chunk) {
      if (collect && item) item.text.push(chunk);
    },
  });
  if (!root) throw new Error(`${part} is empty`);
  const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
  return { root, children, formats, validations, maxPriority: Math.max(0, ...staying), prefix };
}

/**
 * indexLive without reading the rows: the rules and lists come after <sheetData>, which is
 * nearly all of a large sheet, so its content is cut out before parsing and the offsets found
 * are moved back past it. Where the cut is not plainly the sheet's own <sheetData> (a comment
 * holding the text, say), the whole part is parsed instead.
 */
function indexAroundSheetData(xml: string, part: string): LiveIndex {
  const open = /<([A-Za-z_][\w.-]*:)?sheetData(?:\s[^<>]*)?\/?>/.exec(xml);
  const from = open && !open[0].endsWith('/>') ? open.index + open[0].length : -1;
  const to = from < 0 ? -1 : xml.lastIndexOf(`</${open?.[1] ?? ''}sheetData>`);
  if (from < 0 || to < from) return indexLive(xml, part);
  const cut = to - from;
  let index: LiveIndex;
  try {
    index = indexLive(xml.slice(0, from) + xml.slice(to), part);
  } catch {
    return indexLive(xml, part);
  }
  const sheetData = index.children.find((c) => local(c.name) === 'sheetData');
  if (!sheetData || sheetData.openEnd !== from || sheetData.closeStart !== from) return indexLive(xml, part);
  const move = (span: Span): void => {
    if (span.start > from) span.start += cut;
    if (span.openEnd > from) span.openEnd += cut;
    if (span.closeStart >= from) span.closeStart += cut;
    if (span.end >= from) span.end += cut;
  };
  for (const span of [index.root, ...index.children]) move(span);
  for (const format of index.formats) format.items.forEach(move);
  index.validations?.items.forEach(move);
  return index;
}

/** After the last child that the schema puts before or with `name`. */
function placeFor(index: LiveIndex, name: string): number {
  const rank = (WORKSHEET_ORDER as readonly string[]).indexOf(name);
  let at = index.root.openEnd;
  for (const child of index.children) {
    const r = (WORKSHEET_ORDER as readonly string[]).indexOf(local(child.name));
    if (r >= 0 && r <= rank) at = child.end;
  }
  return at;
}

function sqref(ranges: readonly CellRange[]): string {
  return ranges.map(rangeAddress).join(' ');
}

/** The part with Proforma's rules and lists replaced by these. */
export function patchLiveColours(
  xml: string,
  part: string,
  rules: readonly StatusRule[],
  dropDowns: readonly DropDown[],
  styles: StyleBook,
): string {
  const index = indexAroundSheetData(xml, part);
  const p = index.prefix;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const format of index.formats) {
    const ours = format.items.filter((i) => i.ours);
    if (ours.length === 0) continue;
    if (ours.length === format.items.length) edits.push({ start: format.start, end: format.end, text: '' });
    else for (const rule of ours) edits.push({ start: rule.start, end: rule.end, text: '' });
  }
  // Below the board's rules, in the plan's order: a board's own rule wins where both apply.
  let priority = index.maxPriority;
  const formatsXml = rules
    .map((rule) => {
      const dxf = styles.dxf(rule.fill, rule.fontColour);
      return (
        `<${p}conditionalFormatting sqref="${sqref(rule.ranges)}">` +
        `<${p}cfRule type="expression" dxfId="${dxf}" priority="${++priority}">` +
        `<${p}formula>${escapeText(rule.formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`
      );
    })
    .join('');
  if (formatsXml) {
    const at = placeFor(index, 'conditionalFormatting');
    edits.push({ start: at, end: at, text: formatsXml });
  }

  const listsXml = dropDowns.map(
    (list) =>
      `<${p}dataValidation${attributesXml({
        type: 'list',
        errorStyle: 'warning',
        allowBlank: '1',
        showErrorMessage: '1',
        errorTitle: DROP_DOWN_TITLE,
        error: list.message,
        sqref: sqref(list.ranges),
      })}><${p}formula1>${escapeText(`"${list.values.join(',')}"`)}</${p}formula1></${p}dataValidation>`,
  );
  const existing = index.validations;
  if (existing) {
    const kept = existing.items.filter((i) => !i.ours);
    const count = kept.length + listsXml.length;
    const removed = existing.items.length - kept.length;
    if (count === 0) edits.push({ start: existing.start, end: existing.end, text: '' });
    else if (removed > 0 || listsXml.length > 0) {
      const attributes = { ...existing.attributes, count: String(count) };
      if (existing.selfClosing)
        edits.push({
          start: existing.start,
          end: existing.end,
          text: `<${existing.name}${attributesXml(attributes)}>${listsXml.join('')}</${existing.name}>`,
        });
      else {
        edits.push({
          start: existing.start,
          end: existing.openEnd,
          text: `<${existing.name}${attributesXml(attributes)}>`,
        });
        for (const item of existing.items) if (item.ours) edits.push({ start: item.start, end: item.end, text: '' });
        edits.push({ start: existing.closeStart, end: existing.closeStart, text: listsXml.join('') });
      }
    }
  } else if (listsXml.length > 0) {
    const at = placeFor(index, 'dataValidations');
    edits.push({
      start: at,
      end: at,
      text: `<${p}dataValidations count="${listsXml.length}">${listsXml.join('')}</${p}dataValidations>`,
    });
  }
  return splice(xml, edits);
}
