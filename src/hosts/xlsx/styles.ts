// styles.xml: what the reader needs (which cell formats are dates, which fill
// colour a cell shows) and, for the writer, new formats appended after the
// workbook's own, which keep their numbers.
import { isDateFormatCode } from '../../engine';
import { STYLESHEET_ORDER } from './schema';
import { attributesXml, childSpans, parseXml, splice } from './xml';

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** A child of fonts/fills/borders/cellXfs as written, with its parsed attributes. */
interface Item {
  attributes: Record<string, string>;
  /** The element's own text in styles.xml. */
  xml: string;
  /** Its inner XML (children), for copying. */
  inner: string;
}

interface Collection {
  items: Item[];
  /** Where new children go (just before the close tag), or undefined when the collection is absent. */
  insertAt?: number;
  /** The open tag's span, to rewrite its count attribute. */
  openTag?: { start: number; end: number; attributes: Record<string, string> };
}

export interface Styles {
  xml: string;
  /** The namespace prefix the part uses ("x:" in files the Open XML SDK writes), for the elements added. */
  prefix: string;
  numFmts: Map<number, string>;
  fonts: Collection;
  fills: Collection;
  borders: Collection;
  cellXfs: Collection;
  /** Differential formats, which conditional formats use. */
  dxfs: Collection;
  /** Per differential format: its fill and font colour ("#RRGGBB"), where it sets them. */
  dxfColours: Array<{ fill: string | null; font: string | null }>;
  /** Resolved solid fill colour per fill index ("#RRGGBB"), or null. */
  fillColours: Array<string | null>;
  /** Per cell format: is it a date format, and its fill colour. */
  xfIsDate: boolean[];
  xfFill: Array<string | null>;
}

// Excel's built-in number formats that show a date (ECMA-376 Part 1, 18.8.30), time-only ones excluded.
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

// The legacy indexed palette (ECMA-376 Part 1, 18.8.27), used by older workbooks.
const INDEXED = (
  '000000,FFFFFF,FF0000,00FF00,0000FF,FFFF00,FF00FF,00FFFF,000000,FFFFFF,FF0000,00FF00,0000FF,FFFF00,FF00FF,00FFFF,' +
  '800000,008000,000080,808000,800080,008080,C0C0C0,808080,9999FF,993366,FFFFCC,CCFFFF,660066,FF8080,0066CC,CCCCFF,' +
  '000080,FF00FF,FFFF00,00FFFF,800080,800000,008080,0000FF,00CCFF,CCFFFF,CCFFCC,FFFF99,99CCFF,FF99CC,CC99FF,FFCC99,' +
  '3366FF,33CCCC,99CC00,FFCC00,FF9900,FF6600,666699,969696,003366,339966,003300,333300,993300,993366,333399,333333'
).split(',');

/** The colour scheme's slots in the order cells index them (theme="0" is lt1, "1" dk1: Excel swaps the first pairs). */
const THEME_SLOTS = [
  'lt1',
  'dk1',
  'lt2',
  'dk2',
  'accent1',
  'accent2',
  'accent3',
  'accent4',
  'accent5',
  'accent6',
  'hlink',
  'folHlink',
];

/** Theme colours by the index cells use: Excel swaps the first two pairs (lt1, dk1, lt2, dk2, accents…). */
export function readThemeColours(themeXml: string | undefined): string[] {
  if (!themeXml) return [];
  const scheme: Record<string, string> = {};
  let current: string | null = null;
  parseXml(themeXml, 'xl/theme/theme1.xml', {
    open(tag) {
      const local = tag.name.replace(/^.*:/, '');
      if (THEME_SLOTS.includes(local)) current = local;
      else if (current && (local === 'srgbClr' || local === 'sysClr')) {
        const value = tag.attributes[local === 'srgbClr' ? 'val' : 'lastClr'];
        if (typeof value === 'string' && !(current in scheme)) scheme[current] = value.toUpperCase();
      }
    },
    close(tag) {
      if (tag.name.replace(/^.*:/, '') === current) current = null;
    },
  });
  return THEME_SLOTS.map((key) => scheme[key] ?? '');
}

/** Excel's tint: lightness moved towards white (tint > 0) or black (tint < 0), in HSL. */
function applyTint(hex: string, tint: number): string {
  if (!tint) return hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let h = 0;
  let s = 0;
  let l = (max + min) / 2;
  if (max !== min) {
    const d = max - min;
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h /= 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const hue = (p: number, q: number, t: number): number => {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  let out: number[];
  if (s === 0) out = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    out = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return out
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')
    .toUpperCase();
}

/** A <color>/<fgColor> element's colour as "#RRGGBB", or null (auto, or not resolvable). */
export function resolveColour(attributes: Record<string, string>, theme: string[]): string | null {
  let hex: string | undefined;
  if (attributes.rgb && /^[0-9A-Fa-f]{8}$/.test(attributes.rgb)) hex = attributes.rgb.slice(2).toUpperCase();
  else if (attributes.rgb && /^[0-9A-Fa-f]{6}$/.test(attributes.rgb)) hex = attributes.rgb.toUpperCase();
  else if (attributes.theme !== undefined) hex = theme[Number(attributes.theme)] || undefined;
  else if (attributes.indexed !== undefined) hex = INDEXED[Number(attributes.indexed)];
  if (!hex) return null;
  return `#${applyTint(hex, Number(attributes.tint ?? 0))}`;
}

const COLLECTIONS = ['fonts', 'fills', 'borders', 'cellXfs', 'dxfs'] as const;
type CollectionName = (typeof COLLECTIONS)[number];

export function readStyles(xml: string | undefined, themeColours: string[]): Styles {
  const styles: Styles = {
    xml: xml ?? '',
    prefix: '',
    numFmts: new Map(),
    fonts: { items: [] },
    fills: { items: [] },
    borders: { items: [] },
    cellXfs: { items: [] },
    dxfs: { items: [] },
    dxfColours: [],
    fillColours: [],
    xfIsDate: [],
    xfFill: [],
  };
  if (!xml) return styles;
  let collection: CollectionName | null = null;
  let item: { attributes: Record<string, string>; start: number; openEnd: number } | null = null;
  let pattern: string | null = null;
  let fillColour: string | null = null;
  let dxf: { fill: string | null; font: string | null; background: string | null } | null = null;
  let inDxf = '';
  parseXml(xml, 'xl/styles.xml', {
    open(tag, depth, start, openEnd) {
      const attributes = tag.attributes as Record<string, string>;
      const name = localName(tag.name);
      if (depth === 0) styles.prefix = tag.name.slice(0, tag.name.length - name.length);
      if (depth === 1) {
        if ((COLLECTIONS as readonly string[]).includes(name)) {
          collection = name as CollectionName;
          styles[collection].openTag = { start, end: openEnd, attributes };
          if (!tag.isSelfClosing) styles[collection].insertAt = -1;
        } else collection = null;
        return;
      }
      if (name === 'numFmt' && depth === 2)
        styles.numFmts.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      if (!collection) return;
      if (depth === 2) {
        item = { attributes, start, openEnd };
        pattern = null;
        fillColour = null;
        if (collection === 'dxfs') dxf = { fill: null, font: null, background: null };
      } else if (collection === 'dxfs' && dxf) {
        // A differential fill's colour is its bgColor for a solid pattern (ECMA-376 18.8.32); some writers use fgColor.
        if (depth === 3) inDxf = name;
        else if (inDxf === 'font' && name === 'color') dxf.font = resolveColour(attributes, themeColours);
        else if (inDxf === 'fill' && name === 'bgColor') dxf.background = resolveColour(attributes, themeColours);
        else if (inDxf === 'fill' && name === 'fgColor') dxf.fill = resolveColour(attributes, themeColours);
      } else if (collection === 'fills') {
        if (name === 'patternFill') pattern = attributes.patternType ?? null;
        else if (name === 'fgColor' && depth === 4) fillColour = resolveColour(attributes, themeColours);
      }
    },
    close(tag, depth, end) {
      if (depth === 1 && collection) {
        const c = styles[collection];
        if (c.insertAt === -1) c.insertAt = xml.lastIndexOf('</', end - 1);
        collection = null;
      }
      if (depth !== 2 || !collection || !item) return;
      const inner = tag.isSelfClosing ? '' : xml.slice(item.openEnd, xml.lastIndexOf('</', end - 1));
      styles[collection].items.push({ attributes: item.attributes, xml: xml.slice(item.start, end), inner });
      if (collection === 'fills') styles.fillColours.push(pattern === 'solid' ? fillColour : null);
      if (collection === 'dxfs' && dxf) styles.dxfColours.push({ fill: dxf.background ?? dxf.fill, font: dxf.font });
      item = null;
      dxf = null;
    },
  });
  for (const xf of styles.cellXfs.items) {
    const numFmtId = Number(xf.attributes.numFmtId ?? 0);
    const code = styles.numFmts.get(numFmtId);
    styles.xfIsDate.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(numFmtId));
    styles.xfFill.push(styles.fillColours[Number(xf.attributes.fillId ?? 0)] ?? null);
  }
  return styles;
}

/** How a cell format should change: a solid fill (null: none), a font colour (null: automatic), or a whole style. */
export interface StyleChange {
  fill?: string | null;
  fontColour?: string | null;
  bold?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  /** Thin borders on all four sides. */
  border?: boolean;
  /** Text turned to read upwards (ECMA-376 18.8.1 textRotation 90). */
  rotate?: boolean;
  /** A built-in number format (ECMA-376 18.8.30): 14, the reader's short date; 0, General. */
  numFmtId?: number;
}

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

/** Appends formats to styles.xml as a plan needs them; existing formats keep their numbers. */
export class StyleBook {
  private readonly added: Record<CollectionName, string[]> = {
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
    dxfs: [],
  };
  private readonly memo = new Map<string, number>();

  constructor(private readonly styles: Styles) {}

  /** A styles.xml without the basic collections: writing formats into it is refused by the caller. */
  get missing(): boolean {
    const { cellXfs, fonts, fills } = this.styles;
    return cellXfs.items.length === 0 || fonts.items.length === 0 || fills.items.length < 2 || !cellXfs.openTag;
  }

  get changed(): boolean {
    return COLLECTIONS.some((c) => this.added[c].length > 0);
  }

  private add(collection: CollectionName, xml: string): number {
    const key = `${collection}\u0000${xml}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    // A format written by an earlier run is used again: colouring twice leaves styles.xml as colouring once.
    const existing = this.styles[collection].items.findIndex((item) => item.xml === xml);
    if (existing >= 0) {
      this.memo.set(key, existing);
      return existing;
    }
    const index = this.styles[collection].items.length + this.added[collection].length;
    this.added[collection].push(xml);
    this.memo.set(key, index);
    return index;
  }

  private fontWith(fontId: number, change: StyleChange): number {
    const p = this.styles.prefix;
    const base = this.styles.fonts.items[fontId] ?? this.styles.fonts.items[0];
    // Font children may come in any order (CT_Font is a choice): drop the ones we set, add ours.
    const drop = new Set<string>();
    const extra: string[] = [];
    if (change.bold !== undefined) {
      drop.add('b');
      if (change.bold) extra.push(`<${p}b/>`);
    }
    if (change.size !== undefined) {
      drop.add('sz');
      extra.push(`<${p}sz val="${change.size}"/>`);
    }
    if (change.fontColour !== undefined) {
      drop.add('color');
      if (change.fontColour !== null) extra.push(`<${p}color rgb="${argb(change.fontColour)}"/>`);
    }
    const wrapped = `<font>${base.inner}</font>`;
    const kept: string[] = [];
    let keep = false;
    let from = 0;
    parseXml(wrapped, 'xl/styles.xml', {
      open(tag, depth, start) {
        if (depth !== 1) return;
        keep = !drop.has(localName(tag.name));
        from = start;
      },
      close(_tag, depth, end) {
        if (depth === 1 && keep) kept.push(wrapped.slice(from, end));
      },
    });
    return this.add('fonts', `<${p}font>${extra.join('')}${kept.join('')}</${p}font>`);
  }

  private fillOf(hex: string | null): number {
    const p = this.styles.prefix;
    if (hex === null) return 0; // fills[0] is "none" in every workbook (ECMA-376 18.8.21)
    return this.add(
      'fills',
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(hex)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
  }

  private thinBorder(): number {
    const p = this.styles.prefix;
    const side = (name: string): string => `<${p}${name} style="thin"><${p}color auto="1"/></${p}${name}>`;
    return this.add(
      'borders',
      `<${p}border>${side('left')}${side('right')}${side('top')}${side('bottom')}<${p}diagonal/></${p}border>`,
    );
  }

  /** The index of a differential format (for a conditional format) with this fill and font colour. */
  dxf(fill: string, fontColour?: string): number {
    const p = this.styles.prefix;
    const font = fontColour ? `<${p}font><${p}color rgb="${argb(fontColour)}"/></${p}font>` : '';
    return this.add(
      'dxfs',
      `<${p}dxf>${font}<${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
  }

  /** Whether the cell format shows numbers as dates (as the reader decides it). */
  isDate(xfId: number): boolean {
    return this.styles.xfIsDate[xfId] === true;
  }

  /** The index of a cell format like `xfId` but changed as asked. */
  derive(xfId: number, change: StyleChange): number {
    // Plans share one change object across a range of cells: remember the answer per object first.
    let byXf = this.byChange.get(change);
    if (!byXf) this.byChange.set(change, (byXf = new Map()));
    const cached = byXf.get(xfId);
    if (cached !== undefined) return cached;
    const index = this.deriveNew(xfId, change);
    byXf.set(xfId, index);
    return index;
  }

  private readonly byChange = new WeakMap<StyleChange, Map<number, number>>();

  private deriveNew(xfId: number, change: StyleChange): number {
    const p = this.styles.prefix;
    const { fill, fontColour, bold, size, align, wrap, border, rotate, numFmtId } = change;
    const key = `${xfId}\u0000${fill}\u0000${fontColour}\u0000${bold}\u0000${size}\u0000${align}\u0000${wrap}\u0000${border}\u0000${rotate}\u0000${numFmtId}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const base = this.styles.cellXfs.items[xfId] ?? this.styles.cellXfs.items[0];
    const attributes = { ...base.attributes };
    let inner = base.inner;
    if (change.fill !== undefined) {
      attributes.fillId = String(this.fillOf(change.fill));
      attributes.applyFill = '1';
    }
    if (change.fontColour !== undefined || change.bold !== undefined || change.size !== undefined) {
      attributes.fontId = String(this.fontWith(Number(base.attributes.fontId ?? 0), change));
      attributes.applyFont = '1';
    }
    if (numFmtId !== undefined) {
      attributes.numFmtId = String(numFmtId);
      attributes.applyNumberFormat = '1';
    }
    if (change.border) {
      attributes.borderId = String(this.thinBorder());
      attributes.applyBorder = '1';
    }
    if (change.align !== undefined || change.wrap !== undefined || change.rotate) {
      const alignment: Record<string, string> = { vertical: 'center' };
      if (change.align) alignment.horizontal = change.align;
      if (change.rotate) alignment.textRotation = '90';
      if (change.wrap) alignment.wrapText = '1';
      inner = `<${p}alignment${attributesXml(alignment)}/>`;
      attributes.applyAlignment = '1';
    }
    const xml = inner
      ? `<${p}xf${attributesXml(attributes)}>${inner}</${p}xf>`
      : `<${p}xf${attributesXml(attributes)}/>`;
    const index = this.add('cellXfs', xml);
    this.memo.set(key, index);
    return index;
  }

  /** styles.xml with the new formats appended and the counts updated. */
  serialise(): string {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const name of COLLECTIONS) {
      const added = this.added[name];
      if (added.length === 0) continue;
      const collection = this.styles[name];
      if (!collection.openTag) {
        // No such collection yet (many files have no dxfs): added whole, in its place.
        const { root, children } = childSpans(this.styles.xml, 'xl/styles.xml');
        const rank = STYLESHEET_ORDER.indexOf(name);
        let at = root.openEnd;
        for (const child of children)
          if (
            STYLESHEET_ORDER.indexOf(localName(child.name)) < rank &&
            STYLESHEET_ORDER.includes(localName(child.name))
          )
            at = child.end;
        const p = this.styles.prefix;
        edits.push({
          start: at,
          end: at,
          text: `<${p}${name} count="${added.length}">${added.join('')}</${p}${name}>`,
        });
        continue;
      }
      const open = collection.openTag;
      const count = collection.items.length + added.length;
      const attributes = { ...open.attributes };
      if ('count' in attributes) attributes.count = String(count);
      if (collection.insertAt === undefined) {
        // A self-closing collection (<fonts/>): write it whole.
        edits.push({
          start: open.start,
          end: open.end,
          text: `<${this.styles.prefix}${name}${attributesXml(attributes)}>${added.join('')}</${this.styles.prefix}${name}>`,
        });
        continue;
      }
      edits.push({
        start: open.start,
        end: open.end,
        text: `<${this.styles.prefix}${name}${attributesXml(attributes)}>`,
      });
      edits.push({ start: collection.insertAt, end: collection.insertAt, text: added.join('') });
    }
    return splice(this.styles.xml, edits);
  }
}
