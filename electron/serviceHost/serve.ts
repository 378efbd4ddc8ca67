// The service thread's side: one open data file and the service over it, answering the main process's
// requests. Switching files opens the new one first and only then closes the old, so a locked or too-new
// file leaves the thread serving what it served before.
import path from 'node:path';
import type { ErrorPayload } from '../../db/contract';
import { AppError } from '../../db/errors';
import { openPoolDb, type OpenOptions, type PoolDb } from '../../db/open';
import { closeService, createService, dispatch, type Service } from '../../db/service';
import { writeBackup } from '../backup';
import type { ChangedNotice, PortLike, ServiceReply, ServiceRequest, ServiceThreadInit } from './protocol';

export interface ServeOptions extends ServiceThreadInit {
  /** Injected by tests; defaults to db/open's openPoolDb. */
  open?: (options: OpenOptions) => PoolDb;
}

const samePath = (a: string, b: string) =>
  process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;

function errorPayload(e: unknown): ErrorPayload {
  if (e instanceof AppError) return e.toInfo();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

const NOTHING_OPEN = (): AppError => new AppError('unavailable', '没有打开的数据文件。');

/** Answers requests arriving on `port` until the thread ends. Returns `close` for tests run in one thread. */
export function serveData(port: PortLike, options: ServeOptions): { close(): void } {
  let current: { pool: PoolDb; service: Service } | null = null;

  function close(): void {
    const was = current;
    current = null;
    if (was) void closeService(was.service);
    was?.pool.close();
  }

  function open(file: string, create: OpenOptions['create']): { file: string; switched: boolean } {
    const wanted = path.resolve(file);
    if (current && samePath(current.pool.file, wanted)) return { file: current.pool.file, switched: false };
    const pool = (options.open ?? openPoolDb)({ file: wanted, create });
    const service = createService({
      db: pool.db,
      dataFile: pool.file,
      actor: options.actor,
      appVersion: options.appVersion,
      evaluationWorker: options.evaluationWorker,
      importWorker: options.importWorker,
      onChange: (method) => port.postMessage({ kind: 'changed', method } satisfies ChangedNotice),
    });
    close();
    current = { pool, service };
    return { file: pool.file, switched: true };
  }

  async function handle(request: ServiceRequest): Promise<unknown> {
    switch (request.kind) {
      case 'open':
        return open(request.file, request.create);
      case 'close':
        close();
        return null;
      case 'call':
        if (!current) return { ok: false, error: NOTHING_OPEN().toInfo() };
        return dispatch(current.service, request.method, request.input);
      case 'backup': {
        if (!current) throw NOTHING_OPEN();
        return writeBackup(current.pool.db, current.pool.file, request.target);
      }
    }
  }

  port.on('message', (message) => {
    const request = message as ServiceRequest;
    handle(request).then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ServiceReply),
      (e: unknown) => port.postMessage({ id: request.id, ok: false, error: errorPayload(e) } satisfies ServiceReply),
    );
  });
  return { close };
}
