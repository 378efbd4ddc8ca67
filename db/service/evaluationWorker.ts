// Entry point of the evaluation thread: pool-wide evaluations worked out over a read-only connection of its own
// (WAL lets it read while the service writes), so the service's thread answers every other call meanwhile.
// Loaded anywhere but in a worker thread it does nothing. Built to out/main/evaluationWorker.js (desktop) and
// out/cli/evaluationWorker.mjs (browser mode).
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { PoolFacts } from '../criteria/facts';
import { nativeBinding } from '../nativeBinding';
import { encodeSummaries, type JobReply, type JobRequest } from './evaluationProtocol';
import { factsLoader, summarise } from './evaluation';

let open: { file: string; db: Database.Database } | null = null;
// One load of the pool's facts serves every set, until the service reports a write (a new generation).
let loaded: { file: string; generation: number; key: string; facts: PoolFacts } | null = null;

function connection(file: string): Database.Database {
  if (open?.file !== file) {
    open?.db.close();
    open = { file, db: new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() }) };
  }
  return open.db;
}

function work(job: JobRequest, post: (reply: JobReply) => void): void {
  const cancelled = () => Atomics.load(job.cancel, 0) !== 0;
  const db = connection(job.file);
  const key = `${job.poolYear}|${job.dataYear ?? 'latest'}`;
  // One read transaction: the facts and the criteria switches of one moment.
  db.exec('BEGIN');
  try {
    if (!loaded || loaded.file !== job.file || loaded.generation !== job.generation || loaded.key !== key) {
      loaded = null;
      post({ id: job.id, kind: 'progress', phase: 'facts', done: 0, total: 0 });
      loaded = { file: job.file, generation: job.generation, key, facts: factsLoader(db, job.dataYear)({ poolYear: job.poolYear }) };
    }
    const total = loaded.facts.size;
    if (cancelled()) return post({ id: job.id, kind: 'cancelled' });
    post({ id: job.id, kind: 'progress', phase: 'evaluating', done: 0, total });
    const results = summarise(db, job.setId, loaded.facts, job.dataYear, (done) => {
      post({ id: job.id, kind: 'progress', phase: 'evaluating', done, total });
      return !cancelled();
    });
    if (!results) return post({ id: job.id, kind: 'cancelled' });
    const encoded = encodeSummaries(results);
    post({ id: job.id, kind: 'done', summaries: encoded });
  } finally {
    db.exec('COMMIT');
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: JobRequest) => {
    try {
      work(job, (reply) => port.postMessage(reply, reply.kind === 'done' ? encodedBuffers(reply.summaries) : []));
    } catch (e) {
      const code = (e as { code?: string }).code;
      port.postMessage({ id: job.id, kind: 'error', message: e instanceof Error ? e.message : String(e), code: typeof code === 'string' ? code : 'internal' } satisfies JobReply);
    }
  });
}

function encodedBuffers(s: ReturnType<typeof encodeSummaries>): ArrayBuffer[] {
  return [s.firmId, s.year, s.verdict, s.lo, s.hi, s.max, s.projection].map((a) => a.buffer as ArrayBuffer);
}
