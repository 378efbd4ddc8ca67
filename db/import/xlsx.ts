// Reading an xlsx workbook's cells as the importer needs them, without a library's object per cell: the parts are
// inflated as streams (zip.ts) and scanned as text (xmlScan.ts). Shared strings are kept once as plain strings
// (rich text joined, phonetic guides dropped), number formats only as "date" or "percent" per style, and each row
// goes to its sink as an array of values the moment it closes. Cell values follow what exceljs's streaming reader
// gives, which the importer used before (db/import/test/xlsxReader.test.ts compares the two on every fixture).
import { isPercentFormat } from './oldFormats';
import { PercentCell, UncomputedFormula, type RawCell } from './values';
import { attr, XmlScanner, type XmlHandler } from './xmlScan';
import { entryStream, entryText, zipEntries, type ZipEntry } from './zip';
import type { RowSink } from './read';

/** Excel's built-in number formats that show a date or time (ids 27–36 and 50–58 are the CJK date formats). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT = new Set([9, 10]);

/** As exceljs judges a format code: date/time letters outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

const NONE = 0;
const DATE = 1;
const PERCENT = 2;

type Entries = Map<string, ZipEntry>;

/** Scans a whole (small) part. */
function scanAll(text: string, open: (name: string, tag: string) => void): void {
  const s = new XmlScanner({ open, close: () => {}, wantsText: () => false, text: () => {} });
  s.write(text);
  s.end();
}

/** Scans a part as it inflates, decoding UTF-8 across chunk boundaries. */
async function scanStream(bytes: Uint8Array, e: ZipEntry, h: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(h);
  // stream: true keeps a character's leading bytes until the chunk that completes it.
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryStream(bytes, e)) scanner.write(decoder.decode(chunk, { stream: true }));
  scanner.write(decoder.decode());
  scanner.end();
}

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1).toLowerCase();
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/').toLowerCase();
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

async function rels(bytes: Uint8Array, entries: Entries, part: string): Promise<Map<string, { target: string; type: string }>> {
  const out = new Map<string, { target: string; type: string }>();
  const e = entries.get(relsPath(part));
  if (!e) return out;
  scanAll(await entryText(bytes, e), (name, tag) => {
    if (name === 'Relationship') out.set(attr(tag, 'Id') ?? '', { target: resolve(part, attr(tag, 'Target') ?? ''), type: attr(tag, 'Type') ?? '' });
  });
  return out;
}

/** Per cell style (xf) index: whether its number format shows a date or a percentage. */
async function styleKinds(bytes: Uint8Array, e: ZipEntry | undefined): Promise<Uint8Array> {
  if (!e) return new Uint8Array(0);
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  const scanner = new XmlScanner({
    open: (name, tag) => {
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(tag, 'numFmtId') ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    wantsText: () => false,
    text: () => {},
  });
  scanner.write(await entryText(bytes, e));
  scanner.end();
  return Uint8Array.from(xfFormats, (id) => {
    const code = custom.get(id);
    if (code !== undefined) return isPercentFormat(code) ? PERCENT : isDateFormat(code) ? DATE : NONE;
    return BUILTIN_PERCENT.has(id) ? PERCENT : BUILTIN_DATE.has(id) ? DATE : NONE;
  });
}

/** Every shared string as plain text: rich-text runs joined, phonetic guides (rPh) left out. */
async function sharedStrings(bytes: Uint8Array, e: ZipEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!e) return out;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  await scanStream(bytes, e, {
    open: (name) => {
      if (name === 'si') {
        inSi = true;
        text = '';
      } else if (name === 't') inT = inSi && phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        out.push(text);
        inSi = false;
      }
    },
    wantsText: () => inT,
    text: (s) => (text += s),
  });
  return out;
}

/** The 1-based column of a reference like "AB12", or 0 when there is none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return 0;
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return col;
}

const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));

/** The sheet handler: one row's cells at a time. */
class SheetReader implements XmlHandler {
  private inData = false;
  private row: RawCell[] | null = null;
  private rowNumber = 0;
  private last = 0;
  private col = 0;
  private style = 0;
  private type: string | undefined;
  private inCell = false;
  private hasF = false;
  private f = '';
  private hasV = false;
  private v = '';
  private capture: 'v' | 'f' | 't' | null = null;
  private phonetic = 0;
  private prevCol = 0;

  constructor(
    private readonly sink: RowSink,
    private readonly strings: string[],
    private readonly kinds: Uint8Array,
    private readonly date1904: boolean,
  ) {}

  open(name: string, tag: string): void {
    switch (name) {
      case 'sheetData':
        this.inData = true;
        return;
      case 'row':
        if (!this.inData) return;
        this.rowNumber = Number(attr(tag, 'r')) || this.rowNumber + 1;
        this.row = [];
        this.last = 0;
        this.prevCol = 0;
        return;
      case 'c':
        if (!this.row) return;
        this.inCell = true;
        this.col = columnOf(attr(tag, 'r')) || this.prevCol + 1;
        this.prevCol = this.col;
        this.style = Number(attr(tag, 's') ?? 0);
        this.type = attr(tag, 't');
        this.hasF = this.hasV = false;
        this.f = this.v = '';
        return;
      case 'v':
        if (this.inCell) {
          this.capture = 'v';
          this.hasV = true;
        }
        return;
      case 'f':
        if (this.inCell) {
          this.capture = 'f';
          this.hasF = true;
        }
        return;
      case 'is':
        if (this.inCell) this.hasV = true;
        return;
      case 't':
        if (this.inCell && this.phonetic === 0) this.capture = 't';
        return;
      case 'rPh':
        this.phonetic++;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.capture = null;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'c':
        if (this.inCell && this.row) {
          const value = this.value();
          if (value !== null) {
            this.row[this.col - 1] = value;
            if (this.col > this.last) this.last = this.col;
          }
        }
        this.inCell = false;
        return;
      case 'row':
        if (this.row) {
          const cells = this.row;
          // Columns never given (or given empty) read as null, as the sink expects of a gap.
          for (let i = 0; i < this.last; i++) if (cells[i] === undefined) cells[i] = null;
          cells.length = this.last;
          this.row = null;
          this.sink(cells, this.rowNumber);
        }
        return;
      case 'sheetData':
        this.inData = false;
        return;
    }
  }

  wantsText(): boolean {
    return this.capture !== null;
  }

  text(s: string): void {
    if (this.capture === 'f') this.f += s;
    else this.v += s;
  }

  private value(): RawCell {
    const kind = this.kinds[this.style] ?? NONE;
    const t = this.type;
    if (this.hasF) {
      // A formula's cached result; a script (openpyxl, pandas) saves none, and no spreadsheet has computed one.
      // A string result may be empty (="" computes one); an empty number is no result at all.
      if (t === 'str' || t === 'inlineStr') return this.hasV ? this.v : new UncomputedFormula(this.f);
      if (!this.hasV || this.v === '') return new UncomputedFormula(this.f);
      if (t === 'e') return null;
      const n = parseFloat(this.v);
      return kind === PERCENT ? new PercentCell(n) : n;
    }
    if (!this.hasV || (this.v === '' && t !== 'inlineStr' && t !== 'str')) return null;
    switch (t) {
      case 's':
        // An empty shared string is an empty cell, as exceljs read it.
        return this.strings[parseInt(this.v, 10)] || null;
      case 'inlineStr':
      case 'str':
        return this.v;
      case 'e':
        return null;
      case 'b':
        return parseInt(this.v, 10) !== 0;
      case 'd':
        return new Date(this.v);
      default: {
        const n = parseFloat(this.v);
        return kind === DATE ? excelDate(n, this.date1904) : kind === PERCENT ? new PercentCell(n) : n;
      }
    }
  }
}

/** Reads the workbook's worksheets in its order, handing each one's rows to the sink `open` returns (null skips it). */
export async function readXlsx(bytes: Uint8Array, open: (sheet: string) => RowSink | null): Promise<string[]> {
  const entries = zipEntries(bytes);
  const root = await rels(bytes, entries, '');
  const workbook = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const wbEntry = entries.get(workbook);
  if (!wbEntry) throw new Error('缺少 workbook.xml');
  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  scanAll(await entryText(bytes, wbEntry), (name, tag) => {
    if (name === 'sheet') sheets.push({ name: attr(tag, 'name') ?? '', id: attr(tag, 'id') ?? '' });
    else if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
  });
  const parts = await rels(bytes, entries, workbook);
  const partOf = (type: string, fallback: string) => entries.get([...parts.values()].find((r) => r.type.endsWith(type))?.target ?? fallback);
  const strings = await sharedStrings(bytes, partOf('/sharedStrings', 'xl/sharedstrings.xml'));
  const kinds = await styleKinds(bytes, partOf('/styles', 'xl/styles.xml'));
  const names: string[] = [];
  for (const sheet of sheets) {
    const rel = parts.get(sheet.id);
    // Chart sheets and dialog sheets hold no cells.
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const e = entries.get(rel.target);
    if (!e) throw new Error(`缺少工作表“${sheet.name}”的内容`);
    names.push(sheet.name);
    const sink = open(sheet.name);
    if (sink) await scanStream(bytes, e, new SheetReader(sink, strings, kinds, date1904));
  }
  return names;
}
