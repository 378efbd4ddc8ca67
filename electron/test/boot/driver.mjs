// Boots the built desktop app as Electron would, in plain Node: run with
//   node --import ./register.mjs driver.mjs <out dir>
// It evaluates out/main/main.js (its 'electron' is the stand-in), emits 'ready', loads the built sandboxed
// preload the way the sandbox does (CommonJS, a require that knows only 'electron') against the window
// main created, and then serves the parent process (the boot test) over the fork IPC channel:
//   {id, op: 'invoke', method, input}  → window.api.invoke(method, input), through main's IPC handlers
//   {id, op: 'raw', channel, input}    → ipcRenderer.invoke on any channel, bypassing the preload's check
//   {id, op: 'click', menuId, until}   → clicks a menu item, waits until the stand-in records `until`
//   {id, op: 'state'}                  → what the shell did (dialogs, windows, menu, events, quit)
//   {id, op: 'quit'}                   → app.quit(), as the window's close would; answers once quit
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contextBridge, emitReady, rendererFor, standIn, webUtils, app } from 'electron';

const outDir = path.resolve(process.argv[2]);

async function until(predicate, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const plain = (value) => JSON.parse(JSON.stringify(value ?? null));

function menuItems(items = []) {
  return items.map((i) => ({ id: i.id ?? null, label: i.label ?? null, role: i.role ?? null, type: i.type ?? null, accelerator: i.accelerator ?? null, submenu: i.submenu ? menuItems(i.submenu) : null }));
}

function findItem(items, id) {
  for (const item of items ?? []) {
    if (item.id === id) return item;
    const inner = findItem(item.submenu, id);
    if (inner) return inner;
  }
  return null;
}

const events = [];

function state() {
  return {
    calls: plain(standIn.calls),
    handlers: [...standIn.handlers.keys()],
    protocols: [...standIn.protocols.keys()],
    windows: standIn.windows.map((w) => ({
      options: plain(w.options),
      loads: w.loads.map((l) => ({ ...l, body: l.body.slice(0, 2000) })),
      shown: w.shown,
      destroyed: w.destroyed,
      sent: plain(w.webContents.sent),
      guarded: { windowOpen: w.webContents.windowOpenHandler !== null, willNavigate: w.webContents.listenerCount('will-navigate') > 0 },
    })),
    menu: standIn.menu ? menuItems(standIn.menu.template) : null,
    quit: standIn.quit,
    events: plain(events),
  };
}

await import(pathToFileURL(path.join(outDir, 'main', 'main.js')).href);
emitReady();
await until(() => standIn.quit || standIn.windows[0]?.shown, 'the main window to show (or a quit)');

let api = null;
let ipcRenderer = null;
if (!standIn.quit) {
  const win = standIn.windows[0];
  ipcRenderer = rendererFor(win);
  win.webContents.renderer = ipcRenderer;
  const code = fs.readFileSync(path.join(outDir, 'preload', 'preload.cjs'), 'utf8');
  const electronInPage = { contextBridge, ipcRenderer, webUtils };
  const module = { exports: {} };
  const requireInSandbox = (id) => {
    if (id === 'electron') return electronInPage;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  new Function('require', 'module', 'exports', code)(requireInSandbox, module, module.exports);
  api = contextBridge.exposed.api;
  for (const name of ['data:changed', 'menu:navigate']) api.on(name, (payload) => events.push({ name, payload }));
}

async function answer(message) {
  switch (message.op) {
    case 'invoke':
      return api.invoke(message.method, message.input);
    case 'raw':
      return ipcRenderer.invoke(message.channel, message.input).then(
        (value) => ({ resolved: value }),
        (e) => ({ rejected: String(e?.message ?? e) }),
      );
    case 'click': {
      const item = findItem(standIn.menu?.template, message.menuId);
      if (!item?.click) throw new Error(`no menu item '${message.menuId}'`);
      const before = standIn.calls.length;
      item.click();
      await until(() => standIn.calls.slice(before).some(([name]) => name === message.until), message.until);
      return state();
    }
    case 'state':
      return state();
    case 'quit':
      app.quit();
      await until(() => standIn.quit, 'the app to quit');
      return state();
    default:
      throw new Error(`unknown op ${message.op}`);
  }
}

process.on('message', (message) => {
  answer(message).then(
    (value) => process.send({ id: message.id, ok: true, value }),
    (e) => process.send({ id: message.id, ok: false, error: String(e?.stack ?? e) }),
  );
});
process.send({ booted: true, state: state() });
