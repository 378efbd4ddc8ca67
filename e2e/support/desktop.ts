// Boots the BUILT desktop main process (out/main/main.js) in a child Node process against the Electron
// stand-in of electron/test/boot, and talks to it through the built preload's window.api — the same path a
// click in the desktop window takes: preload → IPC handler in main → service thread → SQLite.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Envelope, Method, MethodInput } from '../../db/contract';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BOOT = path.join(ROOT, 'electron', 'test', 'boot');
const OUT = path.join(ROOT, 'out');

export interface ShellState {
  calls: [string, ...unknown[]][];
  handlers: string[];
  protocols: string[];
  windows: {
    options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
    loads: { url: string; status: number; type: string | null; csp: string | null; body: string }[];
    shown: boolean;
    destroyed: boolean;
    sent: unknown[][];
    guarded: { windowOpen: boolean; willNavigate: boolean };
  }[];
  menu: MenuItem[] | null;
  quit: boolean;
  events: { name: string; payload: unknown }[];
}

export interface MenuItem {
  id: string | null;
  label: string | null;
  role: string | null;
  type: string | null;
  accelerator: string | null;
  submenu: MenuItem[] | null;
}

export interface BootedDesktop {
  /** The folder app.getPath() answers under; the data file is userData/champion-pool.sqlite. */
  home: string;
  /** Where the stand-in's save dialogs save. */
  saveDir: string;
  boot: ShellState;
  invoke<M extends Method>(method: M, input: MethodInput<M>): Promise<Envelope<unknown>>;
  /** ipcRenderer.invoke on any channel, past the preload's name check. */
  raw(channel: string, input: unknown): Promise<{ resolved?: unknown; rejected?: string }>;
  click(menuId: string, until: string): Promise<ShellState>;
  state(): Promise<ShellState>;
  /** Quits as closing the window would; resolves with the child's exit code once it has ended by itself. */
  quit(): Promise<{ state: ShellState; exitCode: number | null }>;
  /** Kills the child if it is still running and removes the folders. */
  dispose(): void;
  stderr(): string;
}

export async function bootDesktop(env: Record<string, string> = {}): Promise<BootedDesktop> {
  if (!fs.existsSync(path.join(OUT, 'main', 'main.js'))) throw new Error('out/main is missing: run `npm run build` first');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-desktop-'));
  const saveDir = path.join(home, 'saved');
  fs.mkdirSync(saveDir);
  const cleanEnv = { ...process.env };
  delete cleanEnv.CHAMPION_POOL_DB;
  const child: ChildProcess = fork(path.join(BOOT, 'driver.mjs'), [OUT], {
    execArgv: ['--import', pathToRegister()],
    env: { ...cleanEnv, CP_BOOT_HOME: home, CP_BOOT_SAVE_DIR: saveDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const booted = new Promise<ShellState>((resolve, reject) => {
    child.on('message', (m: { booted?: boolean; state?: ShellState; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.booted) return resolve(m.state!);
      const p = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(m.error));
    });
    void exited.then((code) => {
      const e = new Error(`the desktop process ended (code ${code}):\n${stderr}`);
      reject(e);
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  });
  const send = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...message, id });
    });

  const boot = await booted;
  return {
    home,
    saveDir,
    boot,
    invoke: (method, input) => send({ op: 'invoke', method, input }),
    raw: (channel, input) => send({ op: 'raw', channel, input }),
    click: (menuId, until) => send({ op: 'click', menuId, until }),
    state: () => send({ op: 'state' }),
    async quit() {
      const state = await send<ShellState>({ op: 'quit' });
      child.disconnect();
      const exitCode = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      return { state, exitCode };
    },
    dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      fs.rmSync(home, { recursive: true, force: true });
    },
    stderr: () => stderr,
  };
}

const pathToRegister = () => pathToFileURL(path.join(BOOT, 'register.mjs')).href;
