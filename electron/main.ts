// Wiring only: single instance, the app:// scheme, the data file, IPC, menu and the one window.
// Everything with logic lives in the modules imported below, where the tests reach it.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import type { EventName } from '../db/contract';
import { AppError } from '../db/errors';
import { DATA_FILE_NAME } from '../db/paths';
import { APP_VERSION } from '../db/version';
import { createCommands, errorMessage } from './commands';
import { DataHost } from './data';
import { createShellFiles } from './files';
import { buildMenuTemplate } from './menu';
import { APP_INDEX_URL } from './origin';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { guardEveryContents, hardenContents, hardenSession } from './security';
import { windowOptions } from './window';

// The build puts main in out/main, the preload in out/preload and the UI in out/renderer.
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, '../preload/preload.cjs');
const RENDERER_DIR = path.join(here, '../renderer');
// The service thread's entry (electron/serviceHost/worker.ts), built beside main.js.
const SERVICE_THREAD = path.join(here, 'serviceHost.js');
// The evaluation thread's entry (db/service/evaluationWorker.ts), started by the service thread.
const EVALUATION_THREAD = path.join(here, 'evaluationWorker.js');
// The import thread's entry (db/service/importWorker.ts), started by the service thread.
const IMPORT_THREAD = path.join(here, 'importWorker.js');

function actorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry (some containers); the audit still records the change
  }
}

const OPEN_FAILURE_TITLES: Record<string, string> = {
  locked: '数据文件正在被使用',
  schema_too_new: '数据文件版本过新',
};

function start(): void {
  let win: BrowserWindow | null = null;
  const send = (event: EventName, payload?: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(event, payload);
  };
  const files = createShellFiles({ window: () => win, defaultDir: () => app.getPath('documents'), preload: PRELOAD });
  const host = new DataHost({
    ipcMain,
    actor: actorName(),
    appVersion: APP_VERSION,
    onChange: () => send('data:changed'),
    onStopped: (e) => {
      dialog.showErrorBox('数据服务已停止', `${errorMessage(e)}\n\n请重新启动程序；已保存的数据不受影响。`);
      app.quit();
    },
    files,
    startThread: (init) => new Worker(SERVICE_THREAD, { workerData: { ...init, evaluationWorker: EVALUATION_THREAD, importWorker: IMPORT_THREAD } }),
  });

  function createWindow(): void {
    const w = new BrowserWindow(windowOptions(PRELOAD));
    win = w;
    hardenContents(w.webContents);
    w.once('ready-to-show', () => w.show());
    w.on('closed', () => {
      if (win === w) win = null;
    });
    w.loadURL(APP_INDEX_URL).catch((e: unknown) => console.error('failed to load the UI:', e));
  }

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(async () => {
    const file = process.env.CHAMPION_POOL_DB
      ? path.resolve(process.env.CHAMPION_POOL_DB)
      : path.join(app.getPath('userData'), DATA_FILE_NAME);
    try {
      await host.open(file, 'default');
    } catch (e) {
      const title = (e instanceof AppError && OPEN_FAILURE_TITLES[e.code]) || '无法打开数据文件';
      dialog.showErrorBox(title, errorMessage(e));
      app.quit();
      return;
    }
    hardenSession(session.defaultSession);
    registerAppProtocol(RENDERER_DIR);
    const commands = createCommands({
      host,
      window: () => win,
      send,
      defaultDir: () => app.getPath('documents'),
      appVersion: APP_VERSION,
    });
    const development = import.meta.env.DEV === true && !app.isPackaged;
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(commands, 'zh-CN', { development, platform: process.platform })));
    createWindow();
    app.on('activate', () => {
      if (!win) createWindow();
    });
  }).catch((e: unknown) => {
    dialog.showErrorBox('启动失败', errorMessage(e));
    app.quit();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Closes the database and releases the lock file so the CLI or the next start can open it. The service
  // thread answers asynchronously, so quitting waits for it once, then goes on.
  let shutDown = false;
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    host
      .shutdown()
      .catch((e: unknown) => console.error('closing the data file failed:', e))
      .finally(() => {
        shutDown = true;
        app.quit();
      });
  });
}

// These must happen before 'ready'. Chromium's own controls (the date pickers) follow its locale, not the page's
// language: in Chinese they read 2023/07/28 rather than an English system's 07/28/2023.
app.commandLine.appendSwitch('lang', 'zh-CN');
app.enableSandbox();
guardEveryContents(app);
registerAppScheme();

if (app.requestSingleInstanceLock()) start();
else app.quit();
