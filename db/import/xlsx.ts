// Reading an xlsx workbook's cells as the importer needs them, without a library's object per cell: the parts are
// inflated as streams (zip.ts) and scanned as text (xmlScan.ts). Shared strings are kept once as plain strings
// (rich text joined, phonetic guides dropped), number formats only as "date" or "percent" per style, and each row
// goes to its sink as an array of values the moment it closes. Cell values follow what exceljs's streaming reader
// gives, which the importer used before (db/import/test/xlsxReader.test.ts compares the two on every fixture).
import { isPercentFormat } from './oldFormats';
import { SheetScanner, Shown } from './sheetXml';
import { attr, XmlScanner } from './xmlScan';
import { entryStream, entryText, zipEntries, type ZipEntry } from './zip';
import type { RowSink } from './read';

/** Excel's built-in number formats that show a date or time (ids 27–36 and 50–58 are the CJK date formats). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT = new Set([9, 10]);

/** As exceljs judges a format code: date/time letters outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

const { Plain: NONE, Date: DATE, Percent: PERCENT } = Shown;

type Entries = Map<string, ZipEntry>;

/** Scans a whole (small) part. */
function scanAll(text: string, open: (name: string, tag: string) => void): void {
  // Stryker disable next-line BooleanLiteral: the text handler does nothing, so asking for text only costs work
  const s = new XmlScanner({ open, close: () => {}, wantsText: () => false, text: () => {} });
  s.write(text);
  s.end();
}

/** Feeds a part to a scanner as it inflates, decoding UTF-8 across chunk boundaries. */
async function feed(bytes: Uint8Array, e: ZipEntry, scanner: { write(s: string): void; end(): void }): Promise<void> {
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
    // A relationship without an Id cannot be referred to.
    const id = attr(tag, 'Id');
    if (id === undefined) return;
    // Stryker disable next-line ConditionalExpression: only a Relationship has an Id in a relationships part
    if (name !== 'Relationship') return;
    const target = attr(tag, 'Target');
    const type = attr(tag, 'Type');
    // Stryker disable next-line StringLiteral: a relationship without a Target or Type names no part, whatever stands in for them
    out.set(id, { target: resolve(part, target ?? ''), type: type ?? '' });
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
    // The schema puts cellXfs after cellStyleXfs with no xf following it, so a flag left set would only add entries
    // past every index a cell uses.
    // Stryker disable next-line BlockStatement: see above
    close: (name) => {
      // Stryker disable next-line ConditionalExpression,StringLiteral,BooleanLiteral: see above
      if (name === 'cellXfs') inCellXfs = false;
    },
    // Stryker disable next-line BooleanLiteral: the text handler does nothing, so asking for text only costs work
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
  // Text read outside an si is dropped: the next si starts afresh, and only a closing si keeps its text.
  // Stryker disable next-line BooleanLiteral: text before the first si is dropped
  let inT = false;
  let phonetic = 0;
  // Stryker disable next-line StringLiteral: every si starts from an empty text
  let text = '';
  await feed(bytes, e, new XmlScanner({
    open: (name) => {
      if (name === 'si') text = '';
      else if (name === 't') inT = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') out.push(text);
    },
    wantsText: () => inT,
    text: (s) => (text += s),
  }));
  return out;
}

/** Reads the workbook's worksheets in its order, handing each one's rows to the sink `open` returns (null skips it). */
export async function readXlsx(bytes: Uint8Array, open: (sheet: string) => RowSink | null): Promise<string[]> {
  const entries = zipEntries(bytes);
  const root = await rels(bytes, entries, '');
  const workbook = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const wbEntry = entries.get(workbook);
  if (!wbEntry) throw new Error('缺少 workbook.xml');
  const sheets: { name: string; id: string | undefined }[] = [];
  let date1904 = false;
  scanAll(await entryText(bytes, wbEntry), (name, tag) => {
    if (name === 'sheet') sheets.push({ name: attr(tag, 'name') ?? '', id: attr(tag, 'id') });
    else if (name === 'workbookPr') {
      const flag = attr(tag, 'date1904');
      date1904 = flag === '1' || flag === 'true';
    }
  });
  const parts = await rels(bytes, entries, workbook);
  const partOf = (type: string, fallback: string) => entries.get([...parts.values()].find((r) => r.type.endsWith(type))?.target ?? fallback);
  const strings = await sharedStrings(bytes, partOf('/sharedStrings', 'xl/sharedstrings.xml'));
  const kinds = await styleKinds(bytes, partOf('/styles', 'xl/styles.xml'));
  const names: string[] = [];
  for (const sheet of sheets) {
    const rel = sheet.id === undefined ? undefined : parts.get(sheet.id);
    const e = rel && entries.get(rel.target);
    if (!e) throw new Error(`缺少工作表“${sheet.name}”的内容`);
    // Chart sheets and dialog sheets hold no cells.
    if (!rel.type.endsWith('/worksheet')) continue;
    names.push(sheet.name);
    const sink = open(sheet.name);
    if (!sink) continue;
    await feed(bytes, e, new SheetScanner(sink, strings, kinds, date1904));
  }
  return names;
}
