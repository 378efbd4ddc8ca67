// The open data file and the IPC handlers that serve it. Switching files (menu "打开数据文件…") opens the
// new file first and only then closes the old one, so a locked or too-new file leaves the app as it was.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openPoolDb, type OpenOptions, type PoolDb } from '../db/open';
import { createService, type Service } from '../db/service';
import { registerIpc, type IpcMainLike, type ShellFiles } from './ipc';

export interface DataHostOptions {
  ipcMain: IpcMainLike;
  actor: string;
  appVersion: string;
  /** Called after every write the service makes (main pushes `data:changed`). */
  onChange: () => void;
  /** Saving and printing of file answers (the desktop shell's dialogs and printToPDF). */
  files?: ShellFiles;
  /** Injected by tests; defaults to db/open's openPoolDb. */
  open?: (options: OpenOptions) => PoolDb;
}

interface Current {
  pool: PoolDb;
  service: Service;
  dispose: () => void;
}

const samePath = (a: string, b: string) =>
  process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;

export class DataHost {
  private current: Current | null = null;

  constructor(private readonly options: DataHostOptions) {}

  get file(): string | null {
    return this.current?.pool.file ?? null;
  }

  get db(): Database.Database | null {
    return this.current?.pool.db ?? null;
  }

  get service(): Service | null {
    return this.current?.service ?? null;
  }

  /**
   * Opens `file` and serves it over IPC, replacing the file open before. Returns false when that file is
   * already open. Throws the AppError of openPoolDb ('locked', 'schema_too_new', …) with nothing changed.
   */
  open(file: string, create: OpenOptions['create'] = false): boolean {
    const wanted = path.resolve(file);
    if (this.current && samePath(this.current.pool.file, wanted)) return false;
    const pool = (this.options.open ?? openPoolDb)({ file: wanted, create });
    const service = createService({
      db: pool.db,
      dataFile: pool.file,
      actor: this.options.actor,
      appVersion: this.options.appVersion,
      onChange: () => this.options.onChange(),
    });
    this.close();
    // Disposal and registration happen in the same tick: no call can arrive between them.
    this.current = { pool, service, dispose: registerIpc(this.options.ipcMain, service, this.options.files) };
    return true;
  }

  /** Removes the handlers and closes the file (releasing its lock). Safe to call twice. */
  close(): void {
    const current = this.current;
    this.current = null;
    if (!current) return;
    current.dispose();
    current.pool.close();
  }
}
