// The service's side of the import thread (importWorker.ts). The file's bytes are moved there; the parsed file
// comes back for planning here. After a large file the thread is ended as soon as the file's records are back, so
// the records it built are freed at once rather than held beside the service's copy (a province file's records
// twice over would double the import's peak memory); after a small one it is kept for the next (starting one takes
// a few hundred milliseconds, and a preview is analysed again at every choice). A newer import request supersedes
// an analysis still being read — its thread is ended and its caller told so — while an apply's reading is let
// finish (the newer request waits for it): an apply is never undone by a preview.
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
  job: ImportJob & { order: number };
  worker: WorkerT;
  /** Takes this job's listeners off its thread (kept for the next file, it must not answer for this one). */
  detach: () => void;
  promise: Promise<ParsedFile>;
  resolve: (v: ParsedFile) => void;
  reject: (e: unknown) => void;
}

/** A thread whose file had fewer records than this is kept for the next file. */
export const KEEP_THREAD_BELOW = 20_000;

export const supersededImportError = () => new AppError('unavailable', '已有较新的导入请求，这一次的文件分析已取消。', { superseded: true });

/** The bytes in a buffer of their own, which can be moved to the thread: a view into a larger or shared buffer
 * (Node's small-Buffer pool) is copied first, so nothing else loses its memory. */
function movable(bytes: Uint8Array): Uint8Array {
  const own = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return own ? bytes : bytes.slice();
}

/** `script`: the built worker file (or a loader of its sources). */
export function startImportThread(script: string | URL): ImportThread {
  let current: Pending | null = null;
  /** A thread kept after a small file, waiting (unreferenced) for the next; `detach` takes its watch off. */
  let idle: { worker: WorkerT; detach: () => void } | null = null;
  /** The newest request's order seen so far. */
  let newest = 0;

  /** The job leaves, with its answer or its error; its thread is ended, or kept when `keep`. */
  function end(job: Pending, settle: () => void, keep = false): void {
    if (current === job) current = null;
    job.detach();
    if (keep && !idle) {
      const worker = job.worker;
      const gone = () => {
        if (idle?.worker === worker) idle = null;
      };
      worker.on('error', gone).on('exit', gone).unref();
      idle = { worker, detach: () => worker.off('error', gone).off('exit', gone) };
    } else void job.worker.terminate();
    settle();
  }

  function startWorker(): WorkerT {
    const kept = idle;
    idle = null;
    if (kept) {
      kept.detach();
      kept.worker.ref();
      return kept.worker;
    }
    // Required when needed rather than imported, as the evaluation thread is (the shell's tests stand in for
    // node:worker_threads with a module that itself loads the service).
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    return new Worker(script);
  }

  /** Watches the job's thread; returns how to stop watching. */
  function listen(p: Pending): () => void {
    const onMessage = (reply: ParseReply) => {
      if (current !== p) return; // a superseded job's last words
      if (reply.kind === 'progress') p.job.onProgress?.({ phase: reply.phase, rows: reply.rows, done: reply.done, total: reply.total });
      else if (reply.kind === 'done') {
        const count = reply.result.parsed?.records.count ?? 0;
        p.job.onProgress?.({ phase: 'planning', rows: count, done: 0, total: 0 });
        end(p, () => unpackFile(reply.result).then(p.resolve, p.reject), count < KEEP_THREAD_BELOW);
      }
      // The same errors as reading here: the caller refuses an unreadable file and reports any other failure.
      else end(p, () => p.reject(reply.unreadable ? new UnreadableFile(reply.message) : new Error(reply.message)), true);
    };
    const onError = (e: Error) => {
      if (current === p) end(p, () => p.reject(new AppError('internal', `导入文件读取线程出错：${e.message}`)));
    };
    const onExit = () => {
      if (current === p) end(p, () => p.reject(new AppError('internal', '导入文件读取线程意外退出，文件未读完，数据文件未作任何改动。')));
    };
    p.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    return () => p.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
  }

  return {
    async parse(source, job) {
      // The bytes are taken at once, as the reader would take them: the caller's holder is empty from here on.
      const bytes = movable(source instanceof FileBytes ? source.take() : source);
      const order = job.order ?? newest + 1;
      if (job.supersedable && order < newest) throw supersededImportError();
      newest = Math.max(newest, order);
      // An apply's reading is let finish, and so is a newer analysis under way when an older apply arrives.
      while (current && (!current.job.supersedable || current.job.order > order)) await current.promise.catch(() => undefined);
      if (job.supersedable && order < newest) throw supersededImportError();
      if (current) {
        const was = current;
        end(was, () => was.reject(supersededImportError()));
      }
      let resolve!: Pending['resolve'];
      let reject!: Pending['reject'];
      const promise = new Promise<ParsedFile>((ok, no) => {
        resolve = ok;
        reject = no;
      });
      const p: Pending = { job: { ...job, order }, worker: startWorker(), detach: () => undefined, promise, resolve, reject };
      current = p;
      p.detach = listen(p);
      const request: ParseRequest = { bytes, fileName: job.fileName, options: job.options };
      p.worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
      return promise;
    },
    async close() {
      const was = current;
      if (was) end(was, () => was.reject(supersededImportError()));
      const kept = idle;
      idle = null;
      if (kept) await kept.worker.terminate();
    },
  };
}
