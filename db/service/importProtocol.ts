// Messages between the service and its import thread (importWorker.ts). The file's bytes are moved to the thread,
// not copied. The parsed file comes back packed: a province's 500,000 records as objects would take seconds to
// clone, all of it on the service's thread as the message arrives. Figures, row numbers and years travel as typed
// arrays (moved), codes and names as one string, the rest as JSON in chunks; the service unpacks them a chunk a
// turn of its event loop, so other calls are answered in between.
import { FIGURE_KEYS, type FigureRow } from '../figures';
import type { ImportRecord, ParsedFile, ParsedSheet, ParseOptions, Problem } from '../import/parse';

/** A thread reads one file at a time, and a superseded one is ended: the request needs no id. */
export interface ParseRequest {
  /** The file's bytes: their buffer is transferred with the message, so the service no longer holds them. */
  bytes: Uint8Array;
  fileName: string;
  options: Omit<ParseOptions, 'progress'>;
}

export interface PackedRecords {
  count: number;
  row: Int32Array;
  year: Int32Array;
  /** `count` × FIGURE_KEYS.length, in FIGURE_KEYS order (NaN: no value). */
  figures: Float64Array;
  /** Each record's credit code then name, end to end; `lengths` holds the two lengths of each record. */
  text: string;
  lengths: Int32Array;
  /** Each record's firm fields and titles as JSON `[firm, titles]`, CHUNK records a string. */
  rest: string[];
}

export interface PackedSheet extends Omit<ParsedSheet, 'records' | 'problems'> {
  records: PackedRecords;
  /** The problems as JSON, CHUNK a string (a refused file may have one for every row). */
  problems: string[];
}

export interface PackedFile {
  file: ParsedFile['file'];
  parsed: PackedSheet | null;
}

type ReadingPhase = 'reading' | 'checking';
/** Opening and decoding the file until its first row is read, then reading and checking its rows. */
export const readingPhase = (rows: number): ReadingPhase => (rows ? 'checking' : 'reading');

export type ParseReply =
  /** `reading`: the file is opened and decoded, no row yet; `checking`: `rows` read and checked, `done` of `total`. */
  | { kind: 'progress'; phase: ReadingPhase; rows: number; done: number; total: number }
  | { kind: 'done'; result: PackedFile }
  /** `unreadable`: not a file the importer can read (the report refuses it with `message`, what to do). */
  | { kind: 'error'; message: string; unreadable: boolean };

/** Records (and problems) unpacked between two turns of the service's event loop. */
const CHUNK = 2000;
const K = FIGURE_KEYS.length;

function chunksOf<T>(items: T[], f: (t: T) => unknown): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(JSON.stringify(items.slice(i, i + CHUNK).map(f)));
  return out;
}

export function packFile({ file, parsed }: ParsedFile): PackedFile {
  if (!parsed) return { file, parsed: null };
  const records = parsed.records;
  const n = records.length;
  const packed: PackedRecords = { count: n, row: new Int32Array(n), year: new Int32Array(n), figures: new Float64Array(n * K), text: '', lengths: new Int32Array(2 * n), rest: [] };
  const text: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = records[i];
    packed.row[i] = r.row;
    packed.year[i] = r.year;
    packed.figures.set(r.figures, i * K);
    packed.lengths[2 * i] = r.creditCode.length;
    packed.lengths[2 * i + 1] = r.name.length;
    text.push(r.creditCode, r.name);
  }
  packed.text = text.join('');
  packed.rest = chunksOf(records, (r) => [r.firm, r.titles]);
  return { file, parsed: { ...parsed, records: packed, problems: chunksOf(parsed.problems, (p) => p) } };
}

/** The buffers a packed file's typed arrays hold, to be moved with the message. */
export function packedBuffers(f: PackedFile): ArrayBuffer[] {
  const r = f.parsed?.records;
  return r ? [r.row, r.year, r.figures, r.lengths].map((a) => a.buffer as ArrayBuffer) : [];
}

const turn = () => new Promise((ok) => setImmediate(ok));

/** The parsed file as reading it here gives it, CHUNK records a turn. */
export async function unpackFile({ file, parsed }: PackedFile): Promise<ParsedFile> {
  if (!parsed) return { file, parsed: null };
  const p = parsed.records;
  const records: ImportRecord[] = new Array(p.count);
  let at = 0;
  for (let c = 0; c < p.rest.length; c++) {
    if (c > 0) await turn();
    const rest = JSON.parse(p.rest[c]) as [ImportRecord['firm'], ImportRecord['titles']][];
    for (let j = 0; j < rest.length; j++) {
      const i = c * CHUNK + j;
      const figures: FigureRow = new Array<number>(K).fill(NaN);
      for (let k = 0; k < K; k++) figures[k] = p.figures[i * K + k];
      const codeEnd = at + p.lengths[2 * i];
      const nameEnd = codeEnd + p.lengths[2 * i + 1];
      records[i] = { row: p.row[i], creditCode: p.text.slice(at, codeEnd), name: p.text.slice(codeEnd, nameEnd), year: p.year[i], firm: rest[j][0], titles: rest[j][1], figures };
      at = nameEnd;
    }
  }
  const problems: Problem[] = [];
  for (const chunk of parsed.problems) {
    await turn();
    problems.push(...(JSON.parse(chunk) as Problem[]));
  }
  return { file, parsed: { ...parsed, records, problems } };
}
