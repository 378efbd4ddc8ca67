// Stand-ins for the few Electron objects the shell touches, and temp data files for the real service.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { APP_INDEX_URL } from '../origin';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Behaves like ipcMain for handle/removeHandler, including the throw on a second handler for a channel. */
export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a channel the way a renderer's ipcRenderer.invoke would arrive. */
  async invoke(channel: string, input: unknown, event: IpcMainInvokeEvent = invokeEvent()): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  }
}

export interface EventShape {
  url?: string;
  subframe?: boolean;
  noFrame?: boolean;
}

/** An IpcMainInvokeEvent from the app's main frame unless told otherwise. */
export function invokeEvent({ url = APP_INDEX_URL, subframe = false, noFrame = false }: EventShape = {}): IpcMainInvokeEvent {
  const mainFrame = { url: subframe ? APP_INDEX_URL : url, parent: null };
  const frame = subframe ? { url, parent: mainFrame } : mainFrame;
  return { sender: { mainFrame }, senderFrame: noFrame ? null : frame } as unknown as IpcMainInvokeEvent;
}

export interface FakeEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url?: string): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Records listeners so a test can emit webContents events by name. */
export class FakeWebContents {
  readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, ...unknown[]][] = [];

  on(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  isDestroyed(): boolean {
    return false;
  }
}

export function tempDir(prefix = 'cp-electron-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
