// exceljs, with one fix. Its streaming reader (4.4.0) decodes every chunk of a zipped XML part on its own, so a
// Chinese character whose bytes straddle two chunks becomes "�": in a large workbook a firm's name is silently
// corrupted, or a title refused as unknown. Its SAX helper is replaced, before exceljs is first loaded, by one
// that decodes each part as one stream. Every module of the app takes exceljs from here.
import { createRequire } from 'node:module';

// Not named `require`: the desktop build's ESM shim declares a `require` of its own in the same chunk, and a
// second declaration is a syntax error that breaks every xlsx feature in the app.
const load = createRequire(import.meta.url);
const fromExcel = createRequire(load.resolve('exceljs'));
const { SaxesParser } = fromExcel('saxes') as typeof import('saxes');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(iterable: AsyncIterable<Uint8Array | string>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    // stream: true keeps a character's leading bytes until the chunk that completes it.
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

const id = fromExcel.resolve('./lib/utils/parse-sax.js');
if (load.cache[id] && load.cache[id]!.exports !== parseSax) {
  // exceljs was loaded before this module: its readers hold the faulty helper, and imports would be corrupted.
  throw new Error('exceljs was loaded before db/exceljs.ts: import it from db/exceljs only');
}
load.cache[id] = { id, filename: id, loaded: true, exports: parseSax, children: [], paths: [] } as unknown as NodeJS.Module;

const ExcelJS = load('exceljs') as typeof import('exceljs');

// Second fix: the streaming reader finds a sheet's name by the relationship target `worksheets/sheetN.xml`, but
// openpyxl (and so pandas) writes the absolute form `/xl/worksheets/sheetN.xml`: every sheet of such a file would
// be called Sheet1, Sheet2… whatever its real name. Targets are read in the relative form.
type Rel = { Target?: string };
const Reader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as { _parseRels(entry: unknown): Promise<void>; workbookRels?: Rel[] };
const parseRels = Reader._parseRels;
Reader._parseRels = async function (this: typeof Reader, entry: unknown) {
  await parseRels.call(this, entry);
  for (const rel of this.workbookRels ?? []) if (rel.Target?.startsWith('/xl/')) rel.Target = rel.Target.slice(4);
};
export default ExcelJS;
