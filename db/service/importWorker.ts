// Entry point of the import thread: an import file read, parsed and its cells checked (parseImportFile, which needs
// no database) off the service's thread, so every other call is answered meanwhile; the service plans the import
// against the data file with what comes back (and ends the thread after a large file). Loaded anywhere but in a worker thread it does
// nothing. Built to out/main/importWorker.js (desktop) and out/cli/importWorker.mjs (browser mode).
import { parentPort } from 'node:worker_threads';
import { parseImportFile } from '../import/parse';
import { UnreadableFile } from '../import/read';
import { packedBuffers, packFile, readingPhase, type ParseReply, type ParseRequest } from './importProtocol';

async function work(job: ParseRequest, post: (reply: ParseReply, transfer?: ArrayBuffer[]) => void): Promise<void> {
  post({ kind: 'progress', phase: 'reading', rows: 0, done: 0, total: 0 });
  try {
    const result = await parseImportFile(job.bytes, job.fileName, {
      ...job.options,
      progress: ({ rows, done, total }) => post({ kind: 'progress', phase: readingPhase(rows), rows, done, total }),
    });
    const packed = packFile(result);
    post({ kind: 'done', result: packed }, packedBuffers(packed));
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e), unreadable: e instanceof UnreadableFile });
  }
}

if (parentPort) {
  const port = parentPort;
  // One file at a time: the service sends the next only after this one's answer (or ends the thread).
  port.on('message', (job: ParseRequest) => void work(job, (reply, transfer = []) => port.postMessage(reply, transfer)));
}
