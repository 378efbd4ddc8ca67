// A worksheet's XML scanned for its cells only. A province file's sheet holds tens of millions of tags, nearly all
// <c r s t>, <v>, </v>, </c>, so they are read in place — names and attributes compared by character code, no
// string made but a value's text — and a row goes to its sink the moment it closes. Every other element is passed
// over; formulas, inline strings and phonetic guides are followed as SpreadsheetML defines them.
import type { RowSink } from './read';
import { PercentCell, UncomputedFormula, type RawCell } from './values';
import { xmlText } from './xmlScan';

/** What a cell style's number format shows. */
export const Shown = { Plain: 0, Date: 1, Percent: 2 } as const;

/** A cell's type (its `t` attribute). */
const T = { Number: 0, Shared: 1, Str: 2, Inline: 3, Bool: 4, Error: 5, IsoDate: 6 } as const;
type T = (typeof T)[keyof typeof T];

/** Which text is being read: a value, a formula, an inline string's text. */
const Capture = { None: 0, V: 1, F: 2, T: 3 } as const;
type Capture = (typeof Capture)[keyof typeof Capture];

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));

function typeOf(s: string, from: number, to: number): T {
  const c = s.charCodeAt(from);
  const len = to - from;
  if (c === 115 /* s */) return len === 1 ? T.Shared : T.Str;
  if (c === 105 /* i */) return T.Inline;
  if (c === 98 /* b */) return T.Bool;
  if (c === 101 /* e */) return T.Error;
  if (c === 100 /* d */) return T.IsoDate;
  return T.Number;
}

export class SheetScanner {
  // Stryker disable next-line StringLiteral: text before the first tag is never a value's, and every piece goes through write()
  private rest = '';
  private inData = false;
  private row: RawCell[] | null = null;
  private rowNumber = 0;
  private last = 0;
  private prevCol = 0;
  // Stryker disable BooleanLiteral,StringLiteral: a cell's state, set when its tag opens, before anything reads it
  private inCell = false;
  private col = 0;
  private style = 0;
  private type: T = T.Number;
  private hasF = false;
  private hasV = false;
  private f = '';
  private v = '';
  // Stryker restore BooleanLiteral,StringLiteral
  private capture: Capture = Capture.None;
  private phonetic = 0;

  constructor(
    private readonly sink: RowSink,
    private readonly strings: string[],
    private readonly shown: Uint8Array,
    private readonly date1904: boolean,
  ) {}

  write(piece: string): void {
    const s = this.rest ? this.rest + piece : piece;
    const n = s.length;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        this.take(s, pos, n);
        pos = n;
        break;
      }
      if (lt > pos) this.take(s, pos, lt);
      let c1 = s.charCodeAt(lt + 1);
      // Stryker disable next-line ConditionalExpression: as true, only costs the checks below on an ordinary tag (they test the "!" themselves)
      if (c1 === 33 /* ! */) {
        // CDATA and comments run to their own end, past any `>` in them; another `<!` (a DOCTYPE) ends at `>` below,
        // as does a CDATA or comment opening cut short at the end of a piece (it holds no `>`, so it waits for the next).
        const cdata = s.startsWith('<![CDATA[', lt);
        if (cdata || s.startsWith('<!--', lt)) {
          const end = s.indexOf(cdata ? ']]>' : '-->', lt + 4);
          // Stryker disable next-line EqualityOperator: the end is searched for from lt + 4, so it is never 0
          if (end < 0) {
            pos = lt;
            break;
          }
          if (cdata) {
            // Kept escaped, as the text around it is until the cell is read.
            // Stryker disable next-line ConditionalExpression: SpreadsheetML has CDATA only in a value's text, which is being read then
            if (this.capture !== Capture.None) this.append(s.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
          }
          pos = end + 3;
          continue;
        }
      }
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0) {
        pos = lt;
        break;
      }
      pos = gt + 1;
      if (c1 === 63 /* ? */ || c1 === 33) continue;
      const closing = c1 === 47; /* / */
      // The element's local name: after any namespace prefix, up to a space, `/` or `>`.
      let start = lt + (closing ? 2 : 1);
      let end = start;
      for (; end < gt; end++) {
        const c = s.charCodeAt(end);
        if (isSpace(c) || c === 47) break;
        if (c === 58 /* : */) start = end + 1;
      }
      const len = end - start;
      c1 = s.charCodeAt(start);
      const self = !closing && s.charCodeAt(gt - 1) === 47;
      if (closing) this.close(s, start, len, c1);
      else {
        // Stryker disable next-line ArithmeticOperator: past `/>` a row holds only tags or white space, never an attribute's quote
        this.open(s, start, len, c1, end, self ? gt - 1 : gt);
        if (self) this.close(s, start, len, c1);
      }
    }
    this.rest = s.slice(pos);
  }

  end(): void {
    // Stryker disable next-line MethodExpression: what is left over is empty or begins at a `<`
    if (this.rest.trim()) throw new Error('工作表 XML 不完整');
  }

  private take(s: string, from: number, to: number): void {
    if (this.capture !== Capture.None) this.append(s.slice(from, to));
  }

  private append(text: string): void {
    if (this.capture === Capture.F) this.f += text;
    else this.v += text;
  }

  private open(s: string, start: number, len: number, c1: number, attrs: number, gt: number): void {
    if (len === 1) {
      if (c1 === 99 /* c */) {
        if (this.row) this.openCell(s, attrs, gt);
      } else if (!this.inCell) return;
      else if (c1 === 118 /* v */) {
        this.capture = Capture.V;
        this.hasV = true;
      } else if (c1 === 102 /* f */) {
        this.capture = Capture.F;
        this.hasF = true;
      } else if (c1 === 116 /* t */ && this.phonetic === 0) this.capture = Capture.T;
    } else if (len === 3 && c1 === 114 /* r */) {
      if (s.charCodeAt(start + 1) === 111 /* o */ && s.charCodeAt(start + 2) === 119 /* w */) {
        if (this.inData) this.openRow(s, attrs, gt);
      } else if (s.startsWith('rPh', start)) this.phonetic++;
    } else if (len === 2 && c1 === 105 /* i */ && s.charCodeAt(start + 1) === 115 /* s */) {
      if (this.inCell) this.hasV = true;
    } else if (len === 9 && s.startsWith('sheetData', start)) this.inData = true;
  }

  private close(s: string, start: number, len: number, c1: number): void {
    if (len === 1) {
      if (c1 === 99 /* c */) this.closeCell();
      else if (c1 === 118 || c1 === 102 || c1 === 116) this.capture = Capture.None;
    } else if (len === 3 && c1 === 114) {
      if (s.charCodeAt(start + 1) === 111 && s.charCodeAt(start + 2) === 119) this.closeRow();
      else if (s.startsWith('rPh', start)) this.phonetic--;
    } else if (len === 9 && s.startsWith('sheetData', start)) this.inData = false;
  }

  /** Calls `each(keyStart, keyEnd, valueStart, valueEnd)` for every attribute between `from` and `to`. */
  private static attributes(s: string, from: number, to: number, each: (k0: number, k1: number, v0: number, v1: number) => void): void {
    let i = from;
    while (i < to) {
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      const k0 = i;
      while (i < to && s.charCodeAt(i) !== 61 && !isSpace(s.charCodeAt(i))) i++;
      const k1 = i;
      while (i < to && s.charCodeAt(i) !== 61) i++;
      i++;
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== 34 && q !== 39) return;
      const v1 = s.indexOf(q === 34 ? '"' : "'", i + 1);
      if (v1 < 0 || v1 > to) return;
      if (k1 > k0) each(k0, k1, i + 1, v1);
      i = v1 + 1;
    }
  }

  private openRow(s: string, from: number, to: number): void {
    let r = 0;
    SheetScanner.attributes(s, from, to, (k0, k1, v0, v1) => {
      if (k1 - k0 === 1 && s.charCodeAt(k0) === 114) r = parseInt(s.slice(v0, v1), 10);
    });
    this.rowNumber = r > 0 ? r : this.rowNumber + 1;
    this.row = [];
    this.last = 0;
    this.prevCol = 0;
  }

  private openCell(s: string, from: number, to: number): void {
    this.inCell = true;
    this.hasF = this.hasV = false;
    this.f = this.v = '';
    this.type = T.Number;
    this.style = 0;
    let col = 0;
    // Hand-unrolled attribute loop: this runs once per cell.
    let i = from;
    while (i < to) {
      let c = s.charCodeAt(i);
      while (i < to && isSpace(c)) c = s.charCodeAt(++i);
      const k0 = i;
      while (i < to && c !== 61 && !isSpace(c)) c = s.charCodeAt(++i);
      const key = i - k0 === 1 ? s.charCodeAt(k0) : 0;
      while (i < to && s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++;
      if (i >= to) break;
      const q = s.charCodeAt(i);
      const v0 = i + 1;
      let v1 = v0;
      while (v1 < to && s.charCodeAt(v1) !== q) v1++;
      if (key === 114 /* r */) {
        for (let j = v0; j < v1; j++) {
          const ch = s.charCodeAt(j) | 32; // lower case
          if (ch < 97 || ch > 122) break;
          col = col * 26 + ch - 96;
        }
      } else if (key === 115 /* s */) {
        let st = 0;
        for (let j = v0; j < v1; j++) st = st * 10 + s.charCodeAt(j) - 48;
        this.style = st;
      } else if (key === 116 /* t */) this.type = typeOf(s, v0, v1); // t="" reads its closing quote: a number, as with no t
      i = v1 + 1;
    }
    this.col = col > 0 ? col : this.prevCol + 1;
    this.prevCol = this.col;
  }

  private closeCell(): void {
    if (!this.inCell) return;
    // Stryker disable next-line BooleanLiteral: a cell's text elements only ever come after its own opening tag, which sets it again
    this.inCell = false;
    this.capture = Capture.None;
    const row = this.row;
    if (!row) return;
    const value = this.value();
    if (value !== null) {
      row[this.col - 1] = value;
      if (this.col > this.last) this.last = this.col;
    }
  }

  private closeRow(): void {
    const cells = this.row;
    if (!cells) return;
    // Columns never given (or given empty) read as null, as the sink expects of a gap.
    for (let i = 0; i < this.last; i++) if (cells[i] === undefined) cells[i] = null;
    cells.length = this.last;
    this.row = null;
    this.sink(cells, this.rowNumber);
  }

  private value(): RawCell {
    const shown = this.shown[this.style] ?? Shown.Plain;
    const t = this.type;
    if (this.hasF) {
      // A formula's cached result; a script (openpyxl, pandas) saves none, and no spreadsheet has computed one.
      // A string result may be empty (="" computes one); an empty number is no result at all.
      if (t === T.Str || t === T.Inline) return this.hasV ? xmlText(this.v) : new UncomputedFormula(xmlText(this.f));
      if (!this.hasV || this.v === '') return new UncomputedFormula(xmlText(this.f));
      if (t === T.Error) return null;
      const n = parseFloat(this.v);
      return shown === Shown.Percent ? new PercentCell(n) : n;
    }
    if (!this.hasV) return null;
    switch (t) {
      case T.Inline:
      case T.Str:
        return xmlText(this.v);
      case T.Shared:
        // An empty shared string is an empty cell, as exceljs read it; so is an empty index (no string has index NaN).
        return this.strings[parseInt(this.v, 10)] || null;
      case T.Error:
        return null;
      case T.Bool:
        return this.v === '' ? null : parseInt(this.v, 10) !== 0;
      case T.IsoDate:
        return this.v === '' ? null : new Date(this.v);
      default: {
        if (this.v === '') return null;
        const n = parseFloat(this.v);
        return shown === Shown.Date ? excelDate(n, this.date1904) : shown === Shown.Percent ? new PercentCell(n) : n;
      }
    }
  }
}
