// main.ts is wiring only; this checks the wiring against a mocked Electron: what happens before 'ready',
// what 'ready' sets up, and how start-up failures and quitting are handled.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const m = await vi.hoisted(async () => {
  const { FakeIpcMain, FakeWebContents } = await import('./fakes');
  const state = {
    dir: '',
    singleInstance: true,
    ready: (): void => {},
    listeners: new Map<string, ((...a: unknown[]) => void)[]>(),
    windows: [] as FakeWindow[],
    ipcMain: new FakeIpcMain(),
  };
  class FakeWindow {
    readonly webContents = new FakeWebContents();
    readonly once = vi.fn();
    readonly on = vi.fn();
    readonly loadURL = vi.fn(async () => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => true);
    readonly isDestroyed = vi.fn(() => false);
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
  }
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: vi.fn(),
      commandLine: { appendSwitch: vi.fn() },
      requestSingleInstanceLock: vi.fn(() => state.singleInstance),
      quit: vi.fn(),
      on: vi.fn((event: string, fn: (...a: unknown[]) => void) => {
        state.listeners.set(event, [...(state.listeners.get(event) ?? []), fn]);
      }),
      whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = resolve))),
      getPath: vi.fn((name: string) => `${state.dir}/${name}`),
    },
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
    get ipcMain() {
      return state.ipcMain;
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn() },
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const fn of state.listeners.get(event) ?? []) fn(...args);
  };
  return { state, electron, session, emit, FakeIpcMain };
});
vi.mock('electron', () => m.electron);
// The service thread runs in this thread (over a MessageChannel); the boot smoke test runs the built worker.
const threads = vi.hoisted(() => ({ started: [] as { file: string; workerData: unknown; thread: { terminated: boolean } }[] }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:worker_threads')>();
  const { InThreadService } = await import('./inThread');
  class Worker extends InThreadService {
    constructor(file: string, options: { workerData: { actor: string; appVersion: string } }) {
      super(options.workerData);
      threads.started.push({ file, workerData: options.workerData, thread: this });
    }
  }
  return { ...original, default: { ...original, Worker }, Worker };
});

import { METHODS } from '../../db/contract';
import { openPoolDb } from '../../db/open';
import { APP_INDEX_URL } from '../origin';
import { invokeEvent, tempDir } from './fakes';

let tmp: ReturnType<typeof tempDir>;
const savedEnv = process.env.CHAMPION_POOL_DB;

beforeEach(() => {
  vi.clearAllMocks();
  threads.started.length = 0;
  vi.resetModules();
  tmp = tempDir('cp-main-');
  Object.assign(m.state, { dir: tmp.dir, singleInstance: true, listeners: new Map(), windows: [], ipcMain: new m.FakeIpcMain() });
  delete process.env.CHAMPION_POOL_DB;
});
/** Emits will-quit as Electron does and waits for the shell to finish (it quits again once closed). */
async function quit(): Promise<{ defaultPrevented: boolean }> {
  const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  const quits = m.electron.app.quit.mock.calls.length;
  m.emit('will-quit', event);
  if (event.defaultPrevented) await vi.waitFor(() => expect(m.electron.app.quit.mock.calls.length).toBe(quits + 1));
  return event;
}

afterEach(async () => {
  await quit(); // closes whatever a test opened
  if (savedEnv === undefined) delete process.env.CHAMPION_POOL_DB;
  else process.env.CHAMPION_POOL_DB = savedEnv;
  tmp.cleanup();
});

/** Starts the app and waits until 'ready' has been handled (a window, or a quit on a start-up failure). */
async function startApp(): Promise<void> {
  await import('../main');
  m.state.ready();
  await vi.waitFor(() => expect(m.state.windows.length + m.electron.app.quit.mock.calls.length).toBeGreaterThan(0));
}

describe('main', () => {
  it('enables the sandbox and registers the scheme before ready, and does nothing else yet', async () => {
    await import('../main');
    expect(m.electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(m.electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN');
    expect(m.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(m.electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    // Every webContents created from now on is guarded, whichever window a later change adds.
    expect(m.state.listeners.get('web-contents-created')).toHaveLength(1);
    expect(m.electron.protocol.handle).not.toHaveBeenCalled();
    expect(m.state.windows).toHaveLength(0);
  });

  it('on ready opens the data file in userData, registers IPC, the protocol, the menu and one hardened window', async () => {
    await startApp();
    expect(fs.existsSync(path.join(tmp.dir, 'userData', 'champion-pool.sqlite'))).toBe(true);
    expect(m.state.ipcMain.handlers.size).toBe(METHODS.length);
    expect(m.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(m.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(m.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(m.state.windows).toHaveLength(1);
    const win = m.state.windows[0];
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith(APP_INDEX_URL);
    expect(win.webContents.windowOpenHandler).not.toBeNull();
    expect(win.webContents.listeners.has('will-navigate')).toBe(true);
    expect(win.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
    expect(m.electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('uses CHAMPION_POOL_DB when set, serves it over IPC and pushes data:changed after a write', async () => {
    process.env.CHAMPION_POOL_DB = path.join(tmp.dir, 'env', 'pool.sqlite');
    await startApp();
    const info = await m.state.ipcMain.invoke('cp:app.info', {}, invokeEvent());
    expect(info).toMatchObject({ ok: true, data: { dataFile: process.env.CHAMPION_POOL_DB } });
    await m.state.ipcMain.invoke('cp:snapshot.create', { reason: 'test' }, invokeEvent());
    expect(m.state.windows[0].webContents.sent).toContainEqual(['data:changed', undefined]);
  });

  it('serves the data file from the service thread built beside main', async () => {
    await startApp();
    expect(threads.started).toHaveLength(1);
    expect(path.basename(threads.started[0].file)).toBe('serviceHost.js');
    const dir = path.dirname(threads.started[0].file);
    expect(threads.started[0].workerData).toEqual({ actor: expect.any(String), appVersion: expect.any(String), evaluationWorker: path.join(dir, 'evaluationWorker.js'), importWorker: path.join(dir, 'importWorker.js') });
  });

  it('on will-quit holds the quit until the data file is closed and the thread ended, then quits', async () => {
    await startApp();
    const file = path.join(tmp.dir, 'userData', 'champion-pool.sqlite');
    expect(fs.existsSync(file + '.lock')).toBe(true);
    const first = await quit();
    expect(first.defaultPrevented).toBe(true);
    expect(fs.existsSync(file + '.lock')).toBe(false);
    expect(m.state.ipcMain.handlers.size).toBe(0);
    expect(threads.started[0].thread.terminated).toBe(true);
    // The quit it started goes through.
    expect((await quit()).defaultPrevented).toBe(false);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startApp();
    m.emit('second-instance');
    expect(m.state.windows[0].restore).toHaveBeenCalled();
    expect(m.state.windows[0].focus).toHaveBeenCalled();
  });

  it('quits at once when another instance holds the single-instance lock', async () => {
    m.state.singleInstance = false;
    await import('../main');
    expect(m.electron.app.quit).toHaveBeenCalled();
    expect(m.electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('shows the reason and quits when the data file is locked', async () => {
    process.env.CHAMPION_POOL_DB = path.join(tmp.dir, 'held.sqlite');
    const held = openPoolDb({ file: process.env.CHAMPION_POOL_DB, create: 'default' });
    try {
      await startApp();
    } finally {
      held.close();
    }
    expect(m.electron.dialog.showErrorBox).toHaveBeenCalledWith('数据文件正在被使用', expect.stringContaining('正被另一个程序使用'));
    expect(m.electron.app.quit).toHaveBeenCalled();
    expect(m.state.windows).toHaveLength(0);
    expect(m.state.ipcMain.handlers.size).toBe(0);
  });

  it('shows the reason and quits when the data file is newer than the app', async () => {
    process.env.CHAMPION_POOL_DB = path.join(tmp.dir, 'newer.sqlite');
    const db = new Database(process.env.CHAMPION_POOL_DB);
    db.pragma('user_version = 999');
    db.close();
    await startApp();
    expect(m.electron.dialog.showErrorBox).toHaveBeenCalledWith('数据文件版本过新', expect.stringContaining('999'));
    expect(m.electron.app.quit).toHaveBeenCalled();
    expect(m.state.windows).toHaveLength(0);
  });
});
