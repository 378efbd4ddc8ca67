// The service's side of the import thread (importWorker.ts): started on first use, one file at a time. The file's
// bytes are moved there; the parsed file comes back for planning here. A newer import request supersedes an
// analysis still being read — it is stopped in the thread and its caller told so — while an apply's reading is
// let finish (the newer request waits for it): an apply is never undone by a preview.
import { createRequire } from 'node:module';
import type { Worker as WorkerT } from 'node:worker_threads';
import { AppError } from '../errors';
import type { ParsedFile, ParseOptions } from '../import/parse';
import { FileBytes, UnreadableFile } from '../import/read';
import { unpackFile, type ParseReply, type ParseRequest } from './importProtocol';

/** As the thread reports it; then `planning` once the file is read: its records are being taken back here. */
export interface ThreadProgress {
  phase: 'reading' | 'checking' | 'planning';
  rows: number;
  done: number;
  total: number;
}

export interface ImportJob {
  fileName: string;
  options: Omit<ParseOptions, 'progress'>;
  /** An analysis may be superseded by a newer request; an apply's reading may not. */
  supersedable: boolean;
  /** When the request came in (the service counts them): its file may be read from disk after a newer one's, and
   * the newer still wins. Absent: now. */
  order?: number;
  onProgress?: (p: ThreadProgress) => void;
}

export interface ImportThread {
  parse(bytes: Uint8Array | FileBytes, job: ImportJob): Promise<ParsedFile>;
  close(): Promise<void>;
}

interface Pending {
  id: number;
  job: ImportJob;
  cancel: Int32Array;
  promise: Promise<ParsedFile>;
  resolve: (v: ParsedFile) => void;
  reject: (e: unknown) => void;
}

export const supersededImportError = () => new AppError('unavailable', '已有较新的导入请求，这一次的文件分析已取消。', { superseded: true });

/** The bytes in a buffer of their own, which can be moved to the thread: a view into a larger or shared buffer
 * (Node's small-Buffer pool) is copied first, so nothing else loses its memory. */
function movable(bytes: Uint8Array): Uint8Array {
  const own = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return own ? bytes : bytes.slice();
}

/** `script`: the built worker file (or a loader of its sources). */
export function startImportThread(script: string | URL): ImportThread {
  let worker: WorkerT | null = null;
  let current: Pending | null = null;
  let nextId = 1;
  /** The newest request's order seen so far. */
  let newest = 0;

  function settle(was: Pending | null): void {
    if (current === was) current = null;
    if (!current) worker?.unref();
  }

  function fail(e: unknown): void {
    const was = current;
    settle(was);
    was?.reject(e);
  }

  function started(): WorkerT {
    if (worker) return worker;
    // Required when first needed rather than imported, as the evaluation thread is (the shell's tests stand in
    // for node:worker_threads with a module that itself loads the service).
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const w = new Worker(script);
    w.on('message', (reply: ParseReply) => {
      if (!current || reply.id !== current.id) return; // a superseded job's last words
      if (reply.kind === 'progress') current.job.onProgress?.({ phase: reply.phase, rows: reply.rows, done: reply.done, total: reply.total });
      else if (reply.kind === 'done') {
        const was = current;
        settle(was);
        was.job.onProgress?.({ phase: 'planning', rows: reply.result.parsed?.records.count ?? 0, done: 0, total: 0 });
        unpackFile(reply.result).then(was.resolve, was.reject);
      } else if (reply.kind === 'cancelled') fail(supersededImportError());
      // The same errors as reading here: the caller refuses an unreadable file and reports any other failure.
      else fail(reply.unreadable ? new UnreadableFile(reply.message) : new Error(reply.message));
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      fail(new AppError('internal', `导入文件读取线程出错：${e.message}`));
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      if (current) fail(new AppError('internal', '导入文件读取线程意外退出，文件未读完，数据文件未作任何改动。'));
    });
    w.unref();
    return (worker = w);
  }

  return {
    async parse(source, job) {
      // The bytes are taken at once, as the reader would take them: the caller's holder is empty from here on.
      const bytes = movable(source instanceof FileBytes ? source.take() : source);
      const order = job.order ?? newest + 1;
      if (job.supersedable && order < newest) throw supersededImportError();
      newest = Math.max(newest, order);
      // An apply's reading is let finish, and so is a newer analysis under way when an older apply arrives.
      while (current && (!current.job.supersedable || (current.job.order ?? 0) > order)) await current.promise.catch(() => undefined);
      if (job.supersedable && order < newest) throw supersededImportError();
      if (current) {
        Atomics.store(current.cancel, 0, 1);
        fail(supersededImportError());
      }
      const id = nextId++;
      let resolve!: Pending['resolve'];
      let reject!: Pending['reject'];
      const promise = new Promise<ParsedFile>((ok, no) => {
        resolve = ok;
        reject = no;
      });
      const cancel = new Int32Array(new SharedArrayBuffer(4));
      current = { id, job: { ...job, order }, cancel, promise, resolve, reject };
      const w = started();
      // Kept referenced while it works, so a caller awaiting it keeps the process alive.
      w.ref();
      const request: ParseRequest = { id, bytes, fileName: job.fileName, options: job.options, cancel };
      w.postMessage(request, [bytes.buffer as ArrayBuffer]);
      return promise;
    },
    async close() {
      const w = worker;
      worker = null;
      if (current) {
        Atomics.store(current.cancel, 0, 1);
        fail(supersededImportError());
      }
      if (w) await w.terminate();
    },
  };
}
