// A minimal streaming XML tokenizer for the parts of an xlsx the importer reads (workbook, relationships,
// styles, shared strings and sheets): tags and their attributes, and text only where the reader asks for it.
// SpreadsheetML is machine-written and simple — no DTDs, and entities limited to XML's five and character
// references — so a scan over `<` and `>` reads it without an object per node. Text is handed over decoded.

export interface XmlHandler {
  /** `name` without any namespace prefix; `tag` the whole text between `<` and `>`, for attr(). */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Whether text between tags is wanted now (cheap: asked at every text run). */
  wantsText(): boolean;
  text(s: string): void;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its entities and character references resolved. */
export function decodeXml(s: string): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path; without "&" the replace below returns s as it is
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e],
  );
}

/** Text as an XML parser hands it over: line ends made `\n` (before references, so `&#13;` stays a CR), then decoded. */
export function xmlText(raw: string): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path; without a CR the replace below changes nothing
  if (raw.indexOf('\r') < 0) return decodeXml(raw);
  return decodeXml(raw.replace(/\r\n?/g, '\n'));
}

/** One attribute's value (decoded), or undefined. Attribute names are matched with any namespace prefix removed. */
export function attr(tag: string, name: string): string | undefined {
  // Past the end charCodeAt gives NaN, which is no space: the loops over spaces need no bound, the others do.
  // Stryker disable EqualityOperator: one step past the end reads NaN there, which ends the name or key as the end does
  const n = tag.length;
  let i = 0;
  while (i < n && !isSpace(tag.charCodeAt(i))) i++; // the element's name
  while (i < n) {
    while (isSpace(tag.charCodeAt(i))) i++;
    const k0 = i;
    while (i < n && tag.charCodeAt(i) !== 61 /* = */ && !isSpace(tag.charCodeAt(i))) i++;
    // Stryker restore EqualityOperator
    const key = tag.slice(k0, i);
    while (isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== 61) return undefined;
    i++;
    while (isSpace(tag.charCodeAt(i))) i++;
    const q = tag.charCodeAt(i);
    if (q !== 34 && q !== 39) return undefined;
    const end = tag.indexOf(q === 34 ? '"' : "'", i + 1);
    // Stryker disable next-line EqualityOperator: the closing quote is searched from i + 1, so end is never 0
    if (end < 0) return undefined;
    // A prefixed name (r:id) matches by its local part; a namespace declaration (xmlns:r) is no attribute.
    if (key === name || (key.slice(key.indexOf(':') + 1) === name && !key.startsWith('xmlns'))) return decodeXml(tag.slice(i + 1, end));
    i = end + 1;
  }
  return undefined;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Feeds XML text in pieces. A piece may end anywhere (inside a tag, an entity, a CDATA section): what cannot be
 * read yet is kept for the next piece.
 */
export class XmlScanner {
  #rest = '';
  #pendingText = '';

  constructor(private readonly h: XmlHandler) {}

  write(piece: string): void {
    const s = this.#rest ? this.#rest + piece : piece;
    const h = this.h;
    const n = s.length;
    let pos = 0;
    // Stryker disable next-line EqualityOperator: at pos === n there is no "<" left, and the pass adds only an empty text
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (h.wantsText()) this.#pendingText += s.slice(pos);
        pos = n;
        break;
      }
      // Stryker disable next-line EqualityOperator: at lt === pos the text between is empty
      if (lt > pos && h.wantsText()) this.#pendingText += s.slice(pos, lt);
      const c1 = s.charCodeAt(lt + 1);
      // Stryker disable next-line ConditionalExpression: a shortcut; the two startsWith below decide
      if (c1 === 33 /* ! */) {
        // A comment or CDATA section.
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          // Stryker disable next-line EqualityOperator: searched from lt + 9, end is never 0
          if (end < 0) {
            pos = lt;
            break;
          }
          if (h.wantsText()) this.#pendingText += s.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;');
          pos = end + 3;
          continue;
        }
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          // Stryker disable next-line EqualityOperator: searched from lt + 4, end is never 0
          if (end < 0) {
            pos = lt;
            break;
          }
          pos = end + 3;
          continue;
        }
      }
      // A "<" at the piece's very end finds no ">" after it either: the tag waits for the next piece.
      const gt = tagEnd(s, lt + 1);
      // Stryker disable next-line EqualityOperator: searched from lt + 1, gt is never 0
      if (gt < 0) {
        pos = lt;
        break;
      }
      if (this.#pendingText) {
        h.text(xmlText(this.#pendingText));
        this.#pendingText = '';
      }
      pos = gt + 1;
      if (c1 === 63 /* ? */ || c1 === 33) continue; // declaration, DOCTYPE
      if (c1 === 47 /* / */) {
        h.close(localName(s, lt + 2, gt));
        continue;
      }
      const self = s.charCodeAt(gt - 1) === 47;
      const tag = s.slice(lt + 1, self ? gt - 1 : gt);
      const name = localName(tag, 0, tag.length);
      h.open(name, tag, self);
      if (self) h.close(name);
    }
    this.#rest = s.slice(pos);
  }

  /** The last piece was written: hands over the text still held, or refuses a tag or section left open. */
  end(): void {
    // What is kept always starts at a "<": a tag, comment or CDATA section not closed.
    if (this.#rest) throw new Error('XML 不完整');
    if (this.#pendingText && this.h.wantsText()) this.h.text(xmlText(this.#pendingText));
  }
}

/** The ">" ending the tag whose text starts at `from`, or -1 if it is not in `s` yet. XML allows a ">" unescaped in an
 * attribute value (a format code like [>=1]0.0%), so one inside quotes does not end the tag. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is no quote and no ">"
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 62 /* > */) return i;
    else if (c === 34 || c === 39) quote = c;
  }
  return -1;
}

function localName(s: string, from: number, to: number): string {
  let start = from;
  let end = from;
  // Stryker disable next-line EqualityOperator: one step past a tag's end reads NaN (or the ">"), which adds nothing to the name
  while (end < to) {
    const c = s.charCodeAt(end);
    // The range given never holds the tag's "/" or ">".
    if (isSpace(c)) break;
    if (c === 58 /* : */) start = end + 1;
    end++;
  }
  return s.slice(start, end);
}
