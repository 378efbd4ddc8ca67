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
export default ExcelJS;
