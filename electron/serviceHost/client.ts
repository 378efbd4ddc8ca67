// The main process's side of the service thread: requests become promises, failures become AppErrors again
// (so a 'locked' or 'schema_too_new' refusal reads the same as before the thread existed), and a thread that
// dies answers every pending and later request with an error instead of leaving the window waiting.
import type { Envelope, ErrorPayload, Method } from '../../db/contract';
import { AppError, type ErrorCode } from '../../db/errors';
import type { OpenOptions } from '../../db/open';
import type { ChangedNotice, PortLike, ServiceMessage, ServiceRequest, ServiceRequestKind, ServiceResults } from './protocol';

/** A started service thread: its port, and how to learn of its end and to end it. */
export interface ServiceThread extends PortLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

type Pending = { resolve(value: unknown): void; reject(error: AppError): void };

// Distributes Omit over the union, so each request keeps its own fields.
type RequestBody<K extends ServiceRequestKind> = Omit<Extract<ServiceRequest, { kind: K }>, 'id'>;

const toAppError = (e: ErrorPayload) => new AppError(e.code as ErrorCode, e.message, e.details);

export class ServiceClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopped: AppError | null = null;

  constructor(
    private readonly thread: ServiceThread,
    /** Told after each write the service makes; and once when the thread stops unexpectedly. */
    private readonly events: { onChange(method: Method): void; onStopped?(error: AppError): void },
  ) {
    thread.on('message', (message) => this.receive(message as ServiceMessage));
    thread.on('error', (e) => this.stop(new AppError('internal', `数据服务出错已停止：${e.message}`)));
    thread.on('exit', (code) => this.stop(new AppError('internal', `数据服务已停止（退出码 ${code}）。`)));
  }

  private receive(message: ServiceMessage): void {
    if ('kind' in message) {
      this.events.onChange((message as ChangedNotice).method);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(toAppError(message.error));
  }

  private stop(error: AppError, expected = false): void {
    if (this.stopped) return;
    this.stopped = error;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(error);
    if (!expected) this.events.onStopped?.(error);
  }

  private request<K extends ServiceRequestKind>(body: RequestBody<K>): Promise<ServiceResults[K]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<ServiceResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.thread.postMessage({ ...body, id });
    });
  }

  open(file: string, create: OpenOptions['create']): Promise<ServiceResults['open']> {
    return this.request<'open'>({ kind: 'open', file, create });
  }

  /** Closes the data file (releasing its lock); the thread keeps running. */
  close(): Promise<null> {
    return this.request<'close'>({ kind: 'close' });
  }

  backup(target: string): Promise<number> {
    return this.request<'backup'>({ kind: 'backup', target });
  }

  /** A contract call; never rejects: a stopped thread answers with an error envelope. */
  call(method: Method, input: unknown): Promise<Envelope<unknown>> {
    return this.request<'call'>({ kind: 'call', method, input }).catch((e: AppError) => ({ ok: false as const, error: e.toInfo() }));
  }

  /** Closes the file, then ends the thread. Safe to call twice, and after the thread has stopped. */
  async dispose(): Promise<void> {
    if (!this.stopped) await this.close().catch(() => {});
    this.stop(new AppError('unavailable', '数据服务已关闭。'), true);
    await this.thread.terminate();
  }
}
