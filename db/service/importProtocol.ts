// Messages between the service and its import thread (importWorker.ts). The file's bytes are moved to the thread,
// not copied. The parsed file comes back packed: a province's 500,000 records as objects would take seconds to
// clone, all of it on the service's thread as the message arrives. Everything travels in moved buffers — figures,
// row numbers and years as typed arrays; codes and names, and the rest as JSON, as UTF-8 text in chunks — since even
// strings are copied as the message arrives (over a second for a province file's); the service decodes and unpacks
// a chunk a turn of its event loop, so other calls are answered in between.
import { FIGURE_KEYS, type FigureRow } from '../figures';
import { nextTurn } from '../turns';
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
  /** Each record's code, name, firm fields and titles as JSON `[code, name, firm, titles]`, CHUNK records a text
   * (JSON keeps any string exactly, a lone surrogate too, where UTF-8 alone would not). */
  rest: PackedTexts;
}

/** Texts as one UTF-8 buffer, moved with the message, and where each ends in it. */
export interface PackedTexts {
  bytes: Uint8Array;
  ends: Int32Array;
}

export interface PackedSheet extends Omit<ParsedSheet, 'records' | 'problems'> {
  records: PackedRecords;
  /** The problems as JSON, CHUNK a text (a refused file may have one for every row). */
  problems: PackedTexts;
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

function packTexts(texts: string[]): PackedTexts {
  const encoder = new TextEncoder();
  const parts = texts.map((t) => encoder.encode(t));
  const ends = new Int32Array(parts.length);
  let size = 0;
  parts.forEach((b, i) => (ends[i] = size += b.length));
  const bytes = new Uint8Array(size);
  parts.forEach((b, i) => bytes.set(b, ends[i] - b.length));
  return { bytes, ends };
}

const textCount = (t: PackedTexts) => t.ends.length;
const decoder = new TextDecoder();
const textAt = (t: PackedTexts, i: number) => decoder.decode(t.bytes.subarray(i ? t.ends[i - 1] : 0, t.ends[i]));

function chunksOf<T>(items: T[], f: (t: T) => unknown): PackedTexts {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(JSON.stringify(items.slice(i, i + CHUNK).map(f)));
  return packTexts(out);
}

export function packFile({ file, parsed }: ParsedFile): PackedFile {
  if (!parsed) return { file, parsed: null };
  const records = parsed.records;
  const n = records.length;
  const row = new Int32Array(n);
  const year = new Int32Array(n);
  const figures = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    row[i] = r.row;
    year[i] = r.year;
    figures.set(r.figures, i * K);
  }
  const packed: PackedRecords = { count: n, row, year, figures, rest: chunksOf(records, (r) => [r.creditCode, r.name, r.firm, r.titles]) };
  return { file, parsed: { ...parsed, records: packed, problems: chunksOf(parsed.problems, (p) => p) } };
}

/** The buffers a packed file's typed arrays hold, to be moved with the message. */
export function packedBuffers(f: PackedFile): ArrayBuffer[] {
  const r = f.parsed?.records;
  if (!r) return [];
  const texts = [r.rest, f.parsed!.problems];
  return [r.row, r.year, r.figures, ...texts.flatMap((t) => [t.bytes, t.ends])].map((a) => a.buffer as ArrayBuffer);
}


/** The parsed file as reading it here gives it, CHUNK records a turn. */
export async function unpackFile({ file, parsed }: PackedFile): Promise<ParsedFile> {
  if (!parsed) return { file, parsed: null };
  const p = parsed.records;
  const records: ImportRecord[] = new Array(p.count);
  for (let c = 0; c < textCount(p.rest); c++) {
    if (c > 0) await nextTurn();
    const rest = JSON.parse(textAt(p.rest, c)) as [string, string, ImportRecord['firm'], ImportRecord['titles']][];
    for (let j = 0; j < rest.length; j++) {
      const i = c * CHUNK + j;
      const figures: FigureRow = new Array<number>(K).fill(NaN);
      for (let k = 0; k < K; k++) figures[k] = p.figures[i * K + k];
      const [creditCode, name, firm, titles] = rest[j];
      records[i] = { row: p.row[i], creditCode, name, year: p.year[i], firm, titles, figures };
    }
  }
  const problems: Problem[] = [];
  for (let c = 0; c < textCount(parsed.problems); c++) {
    await nextTurn();
    problems.push(...(JSON.parse(textAt(parsed.problems, c)) as Problem[]));
  }
  return { file, parsed: { ...parsed, records, problems } };
}
