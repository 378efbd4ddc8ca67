// A stand-in for the part of Electron's API the desktop shell uses, for booting the BUILT main process in
// plain Node (Electron's binary cannot be run on every machine that runs the tests). It behaves as Electron
// does where the shell depends on it: 'ready' comes after the main script has run, app.quit() emits
// 'will-quit' (which a listener may postpone), ipcMain refuses a second handler, IPC answers are structured
// clones, loadURL goes through the registered app:// handler, printToPDF returns a PDF. What the shell did
// is recorded in `standIn` for the test to read. Configured by environment variables:
//   CP_BOOT_HOME      the folder app.getPath() answers under (userData, documents, …)
//   CP_BOOT_SAVE_DIR  where every save dialog "chooses" to save (the dialog's default file name is kept)
//   CP_BOOT_PACKAGED  "1" to behave as a packaged app
import { EventEmitter } from 'node:events';
import path from 'node:path';

const HOME = process.env.CP_BOOT_HOME ?? process.cwd();
const SAVE_DIR = process.env.CP_BOOT_SAVE_DIR ?? HOME;

/** Everything the shell did, for the test. */
export const standIn = {
  calls: [], // [api, ...args] of every recorded call, in order
  windows: [],
  handlers: new Map(),
  protocols: new Map(),
  menu: null,
  quit: false,
  readyResolve: null,
  record(...call) {
    this.calls.push(call);
  },
};

let ready = false;
const readyPromise = new Promise((resolve) => (standIn.readyResolve = resolve));

/** Called by the boot driver once the main script has been evaluated, as Electron does. */
export function emitReady() {
  ready = true;
  standIn.readyResolve();
  app.emit('ready');
}

class App extends EventEmitter {
  isPackaged = process.env.CP_BOOT_PACKAGED === '1';
  commandLine = {
    appendSwitch(name, value) {
      standIn.record('app.commandLine.appendSwitch', name, value);
    },
  };
  enableSandbox() {
    standIn.record('app.enableSandbox');
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return readyPromise;
  }
  isReady() {
    return ready;
  }
  getPath(name) {
    return path.join(HOME, name);
  }
  getLocale() {
    return 'zh-CN';
  }
  getVersion() {
    return '0.0.0-standin';
  }
  quit() {
    standIn.record('app.quit');
    // As Electron: 'will-quit', which a listener may postpone with preventDefault (and quit again later).
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented && !standIn.quit) {
      standIn.quit = true;
      this.emit('quit');
    }
  }
}
export const app = new App();

/** Electron's IPC sends structured clones: what cannot be cloned throws, as it would there. */
const clone = (value) => (value === undefined ? undefined : structuredClone(value));

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.url = '';
    this.sent = [];
    this.destroyed = false;
    this.windowOpenHandler = null;
    this.renderer = null;
  }
  get mainFrame() {
    return { url: this.url, parent: null };
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args.map(clone)]);
    this.renderer?.emit(channel, clone(args[0])); // the page's preload, when the driver loaded one
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** The report page signals readiness with data-report-ready; the stand-in's page is always ready. */
  async executeJavaScript(code) {
    standIn.record('webContents.executeJavaScript', code);
    return true;
  }
  async printToPDF(options) {
    standIn.record('webContents.printToPDF', options);
    return Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.webContents = new WebContents(this);
    this.destroyed = false;
    this.shown = false;
    this.loads = [];
    standIn.windows.push(this);
  }
  /** Loads through the registered protocol handler, failing as Electron does when the page does not load. */
  async loadURL(url) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = standIn.protocols.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    const response = await handler(new Request(url));
    const body = await response.text();
    this.loads.push({ url, status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), body });
    if (response.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}' (${response.status})`);
    this.webContents.url = url;
    this.webContents.emit('did-finish-load');
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close() {
    this.destroy();
  }
  static getAllWindows() {
    return standIn.windows.filter((w) => !w.destroyed);
  }
}

export const ipcMain = {
  handle(channel, handler) {
    if (standIn.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    standIn.handlers.set(channel, handler);
  },
  removeHandler(channel) {
    standIn.handlers.delete(channel);
  },
  on() {},
  removeAllListeners() {},
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    standIn.record('protocol.registerSchemesAsPrivileged', schemes);
  },
  handle(scheme, handler) {
    if (!ready) throw new Error('protocol.handle should be called after app is ready');
    standIn.protocols.set(scheme, handler);
  },
};

// Each dialog takes an optional parent window first, as Electron's do.
const withoutParent = (args) => (args[0] instanceof BrowserWindow ? args.slice(1) : args);

export const dialog = {
  async showSaveDialog(...args) {
    const [options] = withoutParent(args);
    standIn.record('dialog.showSaveDialog', options);
    return { canceled: false, filePath: path.join(SAVE_DIR, path.basename(options.defaultPath ?? 'untitled')) };
  },
  async showOpenDialog(...args) {
    const [options] = withoutParent(args);
    standIn.record('dialog.showOpenDialog', options);
    return { canceled: true, filePaths: [] };
  },
  async showMessageBox(...args) {
    const [options] = withoutParent(args);
    standIn.record('dialog.showMessageBox', options);
    return { response: 0, checkboxChecked: false };
  },
  showErrorBox(title, content) {
    standIn.record('dialog.showErrorBox', title, content);
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    standIn.menu = menu;
  },
};

const webRequest = {
  onBeforeRequest(filter, listener) {
    standIn.record('session.webRequest.onBeforeRequest', filter, typeof listener);
  },
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => standIn.record('session.setPermissionRequestHandler', typeof h),
    setPermissionCheckHandler: (h) => standIn.record('session.setPermissionCheckHandler', typeof h),
    setDevicePermissionHandler: (h) => standIn.record('session.setDevicePermissionHandler', typeof h),
    webRequest,
  },
};

export const shell = {
  async openExternal(url) {
    standIn.record('shell.openExternal', url);
  },
};

// The renderer side, for the sandboxed preload (loaded by the driver with a require that answers these).
export const contextBridge = {
  exposed: {},
  exposeInMainWorld(key, api) {
    this.exposed[key] = api;
  },
};

/** The preload's ipcRenderer: invoke reaches the handler ipcMain registered, from the given window's main frame. */
export function rendererFor(win) {
  const listeners = new EventEmitter();
  return {
    async invoke(channel, ...args) {
      const handler = standIn.handlers.get(channel);
      // Electron's wording; the promise rejects, as it does there.
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
      return clone(await handler(event, ...args.map(clone)));
    },
    on: (channel, listener) => listeners.on(channel, listener),
    removeListener: (channel, listener) => listeners.removeListener(channel, listener),
    emit: (channel, payload) => listeners.emit(channel, {}, payload),
  };
}

export const webUtils = {
  getPathForFile: () => '',
};

export default { app, BrowserWindow, ipcMain, protocol, dialog, Menu, session, shell, contextBridge, webUtils };
