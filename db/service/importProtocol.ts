// Messages between the service and its import thread (importWorker.ts). The file's bytes are moved to the thread,
// not copied; the parsed file comes back as it is (records, problems, columns, sheets).
import type { ParsedFile, ParseOptions } from '../import/parse';

export interface ParseRequest {
  id: number;
  /** The file's bytes: their buffer is transferred with the message, so the service no longer holds them. */
  bytes: Uint8Array;
  fileName: string;
  options: Omit<ParseOptions, 'progress'>;
  /** Shared with the service: set to 1 when a newer import request supersedes this one. */
  cancel: Int32Array;
}

export type ParseReply =
  /** `reading`: the file is opened and decoded, no row yet; `checking`: `rows` read and checked, `done` of `total`. */
  | { id: number; kind: 'progress'; phase: 'reading' | 'checking'; rows: number; done: number; total: number }
  | { id: number; kind: 'done'; result: ParsedFile }
  | { id: number; kind: 'cancelled' }
  /** `unreadable`: not a file the importer can read (the report refuses it with `message`, what to do). */
  | { id: number; kind: 'error'; message: string; unreadable: boolean };
