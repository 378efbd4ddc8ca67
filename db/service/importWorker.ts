// Entry point of the import thread: an import file read, parsed and its cells checked (parseImportFile, which needs
// no database) off the service's thread, so every other call is answered meanwhile; the service plans the import
// against the data file with what comes back. Loaded anywhere but in a worker thread it does nothing. Built to
// out/main/importWorker.js (desktop) and out/cli/importWorker.mjs (browser mode).
import { parentPort } from 'node:worker_threads';
import { parseImportFile } from '../import/parse';
import { UnreadableFile } from '../import/read';
import { packedBuffers, packFile, type ParseReply, type ParseRequest } from './importProtocol';

/** Thrown from the progress report when the service has superseded the job: it stops the reading at once. */
class Superseded extends Error {}

async function work(job: ParseRequest, post: (reply: ParseReply, transfer?: ArrayBuffer[]) => void): Promise<void> {
  const cancelled = () => Atomics.load(job.cancel, 0) !== 0;
  if (cancelled()) return post({ id: job.id, kind: 'cancelled' });
  post({ id: job.id, kind: 'progress', phase: 'reading', rows: 0, done: 0, total: 0 });
  try {
    const result = await parseImportFile(job.bytes, job.fileName, {
      ...job.options,
      progress: ({ rows, done, total }) => {
        if (cancelled()) throw new Superseded();
        post({ id: job.id, kind: 'progress', phase: rows ? 'checking' : 'reading', rows, done, total });
      },
    });
    const packed = packFile(result);
    post({ id: job.id, kind: 'done', result: packed }, packedBuffers(packed));
  } catch (e) {
    if (e instanceof Superseded) return post({ id: job.id, kind: 'cancelled' });
    post({ id: job.id, kind: 'error', message: e instanceof Error ? e.message : String(e), unreadable: e instanceof UnreadableFile });
  }
}

if (parentPort) {
  const port = parentPort;
  // One job at a time, in the order asked: a superseded one stops at its next progress report.
  let queue = Promise.resolve();
  port.on('message', (job: ParseRequest) => {
    queue = queue.then(() => work(job, (reply, transfer = []) => port.postMessage(reply, transfer)));
  });
}
