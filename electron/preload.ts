// The sandboxed preload: the page gets `window.api` with `invoke`, `on` and `pathForFile`, nothing else. No ipcRenderer,
// no event objects and no Node reach the page. Bundled to one CJS file whose only require is 'electron'.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { CHANNEL_PREFIX as CONTRACT_PREFIX, EVENTS as CONTRACT_EVENTS, Envelope, EventName } from '../db/contract';

// Copied, not imported: importing the values would pull db/contract.ts, and with it zod, into the bundle,
// and a sandboxed preload can require nothing but 'electron'. The `typeof` types make the compiler fail
// if the contract's values change; a unit test compares them too.
const CHANNEL_PREFIX: typeof CONTRACT_PREFIX = 'cp:';
const EVENTS: typeof CONTRACT_EVENTS = ['menu:navigate', 'data:changed'];

/** `domain.action`, as every contract method is named; anything else never reaches a channel. */
const METHOD_NAME = /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/;

function isEvent(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}

const api = {
  invoke(method: unknown, input: unknown): Promise<Envelope<unknown>> {
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `未知操作：${String(method)}` } });
    }
    // A channel without a handler (a method this main process does not serve, or a data file being switched)
    // rejects; the page gets the envelope it expects instead of an exception.
    return (ipcRenderer.invoke(CHANNEL_PREFIX + method, input) as Promise<Envelope<unknown>>).catch(
      (e: unknown): Envelope<unknown> => ({
        ok: false,
        error: {
          code: 'unavailable',
          message: `无法完成操作“${method}”：程序没有响应这个请求。请稍后重试；仍不行时请重新启动程序。`,
          details: e instanceof Error ? e.message : String(e),
        },
      }),
    );
  },

  /** Subscribes to a shell event; the page's callback sees the payload only. Returns the unsubscribe. */
  on(event: unknown, callback: unknown): () => void {
    if (!isEvent(event)) throw new TypeError(`unknown event: ${String(event)}`);
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    const listener = (_e: unknown, payload: unknown) => (callback as (payload: unknown) => void)(payload);
    ipcRenderer.on(event, listener);
    return () => {
      ipcRenderer.removeListener(event, listener);
    };
  },

  /**
   * The disk path of a File the user chose or dropped, so an import names its file instead of sending its
   * bytes through IPC (the main side reads it); '' for anything else (a File made in the page has no path).
   */
  pathForFile(file: unknown): string {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
};

export type PreloadApi = typeof api;

contextBridge.exposeInMainWorld('api', api);
