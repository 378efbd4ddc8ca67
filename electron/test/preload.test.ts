import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, data: 'answer' })), on: vi.fn(), removeListener: vi.fn() },
  webUtils: {
    getPathForFile: vi.fn((file: unknown) => {
      if (!(file instanceof File)) throw new TypeError('Expected a File');
      return file.name === 'chosen.csv' ? '/home/analyst/chosen.csv' : '';
    }),
  },
}));
vi.mock('electron', () => electron);

import { CHANNEL_PREFIX, EVENTS, METHODS } from '../../db/contract';

interface Api {
  invoke(method: unknown, input?: unknown): Promise<unknown>;
  on(event: unknown, callback: unknown): () => void;
  pathForFile(file: unknown): string;
}
let api: Api;

beforeAll(async () => {
  await import('../preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Api];
  expect(name).toBe('api');
  api = value;
});
beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes exactly invoke, on and pathForFile', () => {
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('forwards every contract method to its prefixed channel', async () => {
    for (const m of METHODS) {
      await expect(api.invoke(m, { a: 1 })).resolves.toEqual({ ok: true, data: 'answer' });
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNEL_PREFIX + m, { a: 1 });
    }
  });

  it.each(['../x', 'pool.list; rm -rf', 'cp:pool.list', 'Pool.list', 'pool', 'pool.list.x', 'pool.', '.list', '', 42, null, undefined, { toString: () => 'pool.list' }])(
    'refuses the method name %s without touching IPC',
    async (name) => {
      await expect(api.invoke(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('answers with an error envelope, never a rejection, when main has no handler for the channel', async () => {
    const noHandler = new Error("Error invoking remote method 'cp:pool.list': Error: No handler registered for 'cp:pool.list'");
    electron.ipcRenderer.invoke.mockRejectedValueOnce(noHandler);
    const answer = await api.invoke('pool.list', { year: 2023 });
    expect(answer).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('pool.list'), details: noHandler.message } });
  });

  it('subscribes to the contract events only', () => {
    for (const e of EVENTS) api.on(e, () => {});
    expect(electron.ipcRenderer.on.mock.calls.map((c) => (c as unknown[])[0])).toEqual([...EVENTS]);
    for (const bad of ['cp:pool.list', 'evil', 'data:changed ', '', 7]) {
      expect(() => api.on(bad, () => {})).toThrow(TypeError);
    }
    expect(() => api.on('data:changed', 'not a function')).toThrow(TypeError);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(EVENTS.length);
  });

  it('passes the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const callback = vi.fn();
    const off = api.on('menu:navigate', callback);
    const [, listener] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (...a: unknown[]) => void];
    const ipcEvent = { sender: { secret: true }, ports: [] };
    listener(ipcEvent, 'refresh');
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]).toEqual(['refresh']);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('menu:navigate', listener);
  });

  it('gives a chosen file\'s disk path for imports, and an empty path for anything else', () => {
    expect(api.pathForFile(new File(['x'], 'chosen.csv'))).toBe('/home/analyst/chosen.csv');
    expect(api.pathForFile(new File(['x'], 'made-in-page.csv'))).toBe('');
    for (const notAFile of ['/etc/passwd', null, { path: '/etc/passwd' }]) expect(api.pathForFile(notAFile)).toBe('');
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('imports no values but electron (a sandboxed preload can require nothing else)', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const source = fs.readFileSync(path.join(here, '..', 'preload.ts'), 'utf8');
    const valueImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(valueImports).toEqual(['electron']);
  });
});
