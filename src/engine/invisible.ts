// Characters a cell can hold that no one sees: zero-width spaces, joiners and
// marks, a byte order mark, a soft hyphen — Unicode's format characters (Cf),
// common in text pasted from web pages and e-mails. "G" followed by a
// zero-width space looks like G and is not G. Where the engine reads a value
// loosely (statuses, terms, refs, leads, action text as identity) it reads
// them as nothing; where it quotes a value to people it names them.

/** Every format character (Unicode general category Cf). */
const FORMAT = /\p{Cf}/gu;
const HAS_FORMAT = /\p{Cf}/u;
/** Every format character lies past ASCII (the first is U+00AD): most cells hold only printable ASCII, and this test is cheap. */
const PAST_ASCII = /[^ -~\t\n\r]/;

/** Whether the text may hold a format character (a Unicode-aware search costs more, and runs on every value read). */
function mayHoldFormat(text: string): boolean {
  return PAST_ASCII.test(text) && HAS_FORMAT.test(text);
}

/** The names people know some of them by; others are named by their code point. */
const NAMES: Record<string, string> = {
  '\u00ad': 'soft hyphen',
  '\u200b': 'zero-width space',
  '\u200c': 'zero-width non-joiner',
  '\u200d': 'zero-width joiner',
  '\u200e': 'left-to-right mark',
  '\u200f': 'right-to-left mark',
  '\u2060': 'word joiner',
  '\ufeff': 'byte order mark',
};

/** The name of an invisible character, as a message shows it: "zero-width space", "U+2062". */
export function invisibleName(ch: string): string {
  return NAMES[ch] ?? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function hasInvisible(text: string): boolean {
  return mayHoldFormat(text);
}

/** The text without its invisible characters: what it reads as. */
export function withoutInvisible(text: string): string {
  return mayHoldFormat(text) ? text.replace(FORMAT, '') : text;
}

/** The text with each invisible character named where it stands: "G[zero-width space]". */
export function showInvisible(text: string): string {
  return mayHoldFormat(text) ? text.replace(FORMAT, (ch) => `[${invisibleName(ch)}]`) : text;
}

/** The invisible characters a text holds, by name, each once: ["zero-width space"]. */
export function invisiblesIn(text: string): string[] {
  return [...new Set(Array.from(text.match(FORMAT) ?? [], invisibleName))];
}
