// The service's side of the evaluation thread (evaluationWorker.ts): started on first use, one job at a time.
// A request for another evaluation supersedes the one under way — it is cancelled in the thread and its caller
// told so — while a request for the same one waits on it.
import { createRequire } from 'node:module';
import type { Worker as WorkerT } from 'node:worker_threads';
import { AppError } from '../errors';
import { decodeSummaries, type JobReply, type JobRequest } from './evaluationProtocol';
import type { PoolThread, Progress, Summary } from './evaluation';

export interface EvaluationThread extends PoolThread {
  close(): Promise<void>;
}

interface Pending {
  key: string;
  request: JobRequest;
  promise: Promise<Map<number, Summary>>;
  resolve: (v: Map<number, Summary>) => void;
  reject: (e: unknown) => void;
  progress: ((p: Progress) => void)[];
}

export const supersededError = () => new AppError('unavailable', '已有较新的请求，这一次的达标情况计算已取消。', { superseded: true });

/** `script`: the built worker file (or a loader of its sources); `file`: the data file, opened read-only there. */
export function startEvaluationThread(script: string | URL, file: string): EvaluationThread {
  let worker: WorkerT | null = null;
  let current: Pending | null = null;
  let nextId = 1;

  function fail(e: unknown): void {
    const was = current;
    current = null;
    worker?.unref();
    was?.reject(e);
  }

  function started(): WorkerT {
    if (worker) return worker;
    // Required when first needed rather than imported: the shell's tests stand in for node:worker_threads with a
    // module that itself loads the service, and a static import here would wait on that module forever.
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const w = new Worker(script);
    w.on('message', (reply: JobReply) => {
      if (!current || reply.id !== current.request.id) return; // a superseded job's last words
      if (reply.kind === 'progress') for (const p of current.progress) p({ phase: reply.phase, done: reply.done, total: reply.total });
      else if (reply.kind === 'done') {
        const was = current;
        current = null;
        w.unref();
        decodeSummaries(reply.summaries).then(was.resolve, was.reject);
      } else if (reply.kind === 'cancelled') fail(supersededError());
      else fail(new AppError(reply.code === 'unavailable' ? 'unavailable' : 'internal', reply.message));
    });
    w.on('error', (e) => {
      worker = null;
      fail(e);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      if (current) fail(new AppError('internal', '达标情况计算线程意外退出'));
    });
    w.unref();
    return (worker = w);
  }

  return {
    run(job, onProgress) {
      const key = `${job.setId}|${job.poolYear}|${job.dataYear ?? 'latest'}|${job.generation}`;
      if (current?.key === key) {
        if (onProgress) current.progress.push(onProgress);
        return current.promise;
      }
      if (current) {
        Atomics.store(current.request.cancel, 0, 1);
        const was = current;
        current = null;
        was.reject(supersededError());
      }
      const request: JobRequest = { id: nextId++, file, ...job, cancel: new Int32Array(new SharedArrayBuffer(4)) };
      let resolve!: Pending['resolve'];
      let reject!: Pending['reject'];
      const promise = new Promise<Map<number, Summary>>((ok, no) => {
        resolve = ok;
        reject = no;
      });
      current = { key, request, promise, resolve, reject, progress: onProgress ? [onProgress] : [] };
      const w = started();
      // Kept referenced while it works, so a caller awaiting it keeps the process alive.
      w.ref();
      w.postMessage(request);
      return promise;
    },
    async close() {
      const w = worker;
      worker = null;
      if (current) fail(supersededError());
      if (w) await w.terminate();
    },
  };
}
