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
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e],
  );
}

/** Text as an XML parser hands it over: line ends made `\n` (before references, so `&#13;` stays a CR), then decoded. */
export const xmlText = (raw: string) => decodeXml(raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n'));

/** One attribute's value (decoded), or undefined. Attribute names are matched with any namespace prefix removed. */
export function attr(tag: string, name: string): string | undefined {
  const n = tag.length;
  let i = 0;
  while (i < n && !isSpace(tag.charCodeAt(i))) i++; // the element's name
  while (i < n) {
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const k0 = i;
    while (i < n && tag.charCodeAt(i) !== 61 /* = */ && !isSpace(tag.charCodeAt(i))) i++;
    const key = tag.slice(k0, i);
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== 61) return undefined;
    i++;
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const q = tag.charCodeAt(i);
    if (q !== 34 && q !== 39) return undefined;
    const end = tag.indexOf(q === 34 ? '"' : "'", i + 1);
    if (end < 0) return undefined;
    const colon = key.indexOf(':');
    if (key === name || (colon >= 0 && key.slice(colon + 1) === name && !key.startsWith('xmlns'))) return decodeXml(tag.slice(i + 1, end));
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
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (h.wantsText()) this.#pendingText += s.slice(pos);
        pos = n;
        break;
      }
      if (lt > pos && h.wantsText()) this.#pendingText += s.slice(pos, lt);
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */) {
        // A comment or CDATA section.
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
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
          if (end < 0) {
            pos = lt;
            break;
          }
          pos = end + 3;
          continue;
        }
      }
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0 || lt + 1 >= n) {
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
    this.#rest = pos < n ? s.slice(pos) : '';
  }

  end(): void {
    if (this.#rest.trim()) throw new Error('XML 不完整');
    if (this.#pendingText && this.h.wantsText()) this.h.text(xmlText(this.#pendingText));
    this.#pendingText = '';
  }
}

function localName(s: string, from: number, to: number): string {
  let start = from;
  let end = from;
  while (end < to) {
    const c = s.charCodeAt(end);
    if (isSpace(c) || c === 47 || c === 62) break;
    if (c === 58 /* : */) start = end + 1;
    end++;
  }
  return s.slice(start, end);
}
