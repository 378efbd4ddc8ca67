// The open data file and the IPC handlers that serve it. The file itself is held by the service thread
// (serviceHost/): this side asks it to open, switch, back up and close, and forwards every contract call.
// Switching files (menu "打开数据文件…") opens the new file first and only then closes the old one, so a
// locked or too-new file leaves the app as it was.
import type { Envelope, Method } from '../db/contract';
import type { AppError } from '../db/errors';
import type { OpenOptions } from '../db/open';
import { registerIpc, type IpcMainLike, type ShellFiles } from './ipc';
import { ServiceClient, type ServiceThread } from './serviceHost/client';
import type { ServiceThreadInit } from './serviceHost/protocol';

export interface DataHostOptions {
  ipcMain: IpcMainLike;
  actor: string;
  appVersion: string;
  /** Called after every write the service makes (main pushes `data:changed`). */
  onChange: () => void;
  /** Called when the service thread stops unexpectedly (every later call answers with an error). */
  onStopped?: (error: AppError) => void;
  /** Saving and printing of file answers (the desktop shell's dialogs and printToPDF). */
  files?: ShellFiles;
  /** Starts the service thread (a worker running serviceHost/worker.ts); tests join one over a MessageChannel. */
  startThread: (init: ServiceThreadInit) => ServiceThread;
}

export class DataHost {
  private client: ServiceClient | null = null;
  private current: string | null = null;
  private disposeIpc: (() => void) | null = null;

  constructor(private readonly options: DataHostOptions) {}

  get file(): string | null {
    return this.current;
  }

  private thread(): ServiceClient {
    this.client ??= new ServiceClient(this.options.startThread({ actor: this.options.actor, appVersion: this.options.appVersion }), {
      onChange: () => this.options.onChange(),
      onStopped: (e) => this.options.onStopped?.(e),
    });
    return this.client;
  }

  /** A contract call on the open file; never rejects. */
  call(method: Method, input: unknown): Promise<Envelope<unknown>> {
    return this.thread().call(method, input);
  }

  /**
   * Opens `file` and serves it over IPC, replacing the file open before. Resolves false when that file is
   * already open. Rejects with the AppError of openPoolDb ('locked', 'schema_too_new', …) with nothing changed.
   */
  async open(file: string, create: OpenOptions['create'] = false): Promise<boolean> {
    const opened = await this.thread().open(file, create);
    this.current = opened.file;
    this.disposeIpc ??= registerIpc(this.options.ipcMain, (method, input) => this.call(method, input), this.options.files);
    return opened.switched;
  }

  /** Writes a checked copy of the open file to `target` (on the service thread); resolves to its size. */
  backup(target: string): Promise<number> {
    return this.thread().backup(target);
  }

  /** Removes the handlers and closes the file (releasing its lock). Safe to call twice. */
  async close(): Promise<void> {
    this.disposeIpc?.();
    this.disposeIpc = null;
    this.current = null;
    if (this.client) await this.client.close().catch(() => {});
  }

  /** Closes the file and ends the service thread (on quit). Safe to call twice. */
  async shutdown(): Promise<void> {
    this.disposeIpc?.();
    this.disposeIpc = null;
    this.current = null;
    const client = this.client;
    this.client = null;
    await client?.dispose();
  }
}
