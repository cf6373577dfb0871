// Small helpers over saxes, the streaming XML parser: element spans (so a
// writer can splice the original text), and escaping for what we write.
import { SaxesParser, SaxesTagPlain } from 'saxes';
import { PackageError } from './zip';

/** An element's place in the text: [start, end) of the whole element, and where its open tag ends. */
export interface Span {
  name: string;
  attributes: Record<string, string>;
  start: number;
  /** Just after the open tag's ">" (equals end for a self-closing element). */
  openEnd: number;
  /** Just before the close tag (equals end for a self-closing element). */
  closeStart: number;
  end: number;
  selfClosing: boolean;
}

export interface XmlHandlers {
  /** Called at each open tag with its depth (the root is 0). */
  open?(tag: SaxesTagPlain, depth: number, start: number, openEnd: number): void;
  close?(tag: SaxesTagPlain, depth: number, end: number): void;
  text?(text: string, depth: number): void;
}

/**
 * Parses a whole part, calling the handlers; a malformed part is "damaged".
 * Without `positions` the handlers get no offsets (-1): faster, for reading.
 */
export function parseXml(xml: string, part: string, handlers: XmlHandlers, positions = true): void {
  const parser = new SaxesParser<{ xmlns: false; position: boolean }>({ xmlns: false, position: positions });
  let depth = -1;
  parser.on('opentag', (tag) => {
    depth++;
    if (handlers.open) {
      const openEnd = positions ? parser.position : -1;
      // The open tag starts at the last "<" before its end: no "<" can appear inside a tag.
      const start = positions ? xml.lastIndexOf('<', openEnd - 1) : -1;
      handlers.open(tag, depth, start, openEnd);
    }
    if (tag.isSelfClosing) {
      handlers.close?.(tag, depth, positions ? parser.position : -1);
      depth--;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    handlers.close?.(tag, depth, positions ? parser.position : -1);
    depth--;
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', (text) => onText(text, depth));
  }
  parser.on('error', (error) => {
    throw new PackageError(
      `the file is damaged: its part ${part} is not well-formed XML (${error.message.split('\n')[0]})`,
    );
  });
  parser.write(xml).close();
}

/** An element's span as its open tag is read (end and closeStart are set when it closes). */
export function spanOf(tag: SaxesTagPlain, start: number, openEnd: number): Span {
  return {
    name: tag.name,
    attributes: tag.attributes as Record<string, string>,
    start,
    openEnd,
    closeStart: openEnd,
    end: openEnd,
    selfClosing: tag.isSelfClosing,
  };
}

/** The spans of the root element's direct children, in order. */
export function childSpans(xml: string, part: string): { root: Span; children: Span[] } {
  const children: Span[] = [];
  let root: Span | undefined;
  const open: Span[] = [];
  parseXml(xml, part, {
    open(tag, depth, start, openEnd) {
      if (depth > 1) return;
      const span = spanOf(tag, start, openEnd);
      open[depth] = span;
      if (depth === 0) root = span;
      else children.push(span);
    },
    close(tag, depth, end) {
      if (depth > 1) return;
      const span = open[depth];
      span.end = end;
      span.closeStart = tag.isSelfClosing ? end : xml.lastIndexOf('</', end - 1);
    },
  });
  if (!root) throw new PackageError(`the file is damaged: its part ${part} is empty`);
  return { root, children };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Attribute values as XML; line breaks and tabs as character references, or a parser would read them as spaces. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\n\r\t]/g, (ch) => XML_ESCAPES[ch] ?? `&#${ch.charCodeAt(0)};`);
}

/** Element text as XML: only what must be escaped there (&, <, >), as Excel writes it. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (ch) => XML_ESCAPES[ch]);
}

/** A cell's text as XML: characters XML 1.0 cannot hold are written as Excel writes them (_xHHHH_). */
export function cellTextXml(text: string): string {
  return escapeText(text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** Excel's escapes in strings: "_x000D_" is a carriage return, "_x005F_" a literal underscore. */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function attributesXml(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

/**
 * Replaces spans of a text: edits must not overlap; they may be given in any order. At one
 * point, insertions (empty spans) go before a replacement and keep the order they were given in.
 */
export function splice(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    out.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  out.push(text.slice(at));
  return out.join('');
}
