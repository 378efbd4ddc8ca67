// Saving file answers and printing reports in the desktop shell: the bytes go to the chosen file (never a
// partial one), cancelling says so, and report.pdf is served by the shell's printer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => ({
  saveResult: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  windows: [] as { loaded: string; destroyed: boolean; webContents: { emit(e: string, ...a: unknown[]): boolean; printToPDF: { mock: { calls: unknown[][] } }; listenerCount(e: string): number } }[],
  /** What the page answers when asked whether the report is ready: never answering is a dead renderer. */
  ready: (): Promise<boolean> => Promise.resolve(true),
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow {
    loaded = '';
    destroyed = false;
    webContents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: vi.fn(),
      session: {},
      executeJavaScript: vi.fn(() => m.ready()),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fake')),
    });
    constructor() {
      m.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { BrowserWindow, dialog: { showSaveDialog: vi.fn(async (..._args: unknown[]) => m.saveResult) }, shell: { openExternal: vi.fn() } };
});

const electron = await import('electron');
const { createShellFiles, PDF_OPTIONS, REPORT_TIMEOUT_MS } = await import('../files');
const { registerIpc } = await import('../ipc');
const { openPoolDb } = await import('../../db/open');
const { createService, dispatch } = await import('../../db/service');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-files-'));
  m.windows.length = 0;
  m.ready = () => Promise.resolve(true);
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ window: () => null, defaultDir: () => dir, preload: '/x/preload.cjs' });

describe('saving a file answer', () => {
  it('writes exactly the bytes to the chosen path and leaves no temporary file', async () => {
    const target = path.join(dir, '汇总表.csv');
    m.saveResult = { canceled: false, filePath: target };
    const saved = await createShellFiles(deps()).save({ fileName: '汇总表.csv', mime: 'text/csv', base64: Buffer.from('\ufeffa,b\r\n').toString('base64'), savedTo: null });
    expect(saved).toBe(target);
    expect(fs.readFileSync(target).toString('utf8')).toBe('\ufeffa,b\r\n');
    expect(fs.readdirSync(dir)).toEqual(['汇总表.csv']);
  });

  it('asks before replacing an existing file (Linux dialogs do not, unless told)', async () => {
    m.saveResult = { canceled: true };
    await createShellFiles(deps()).save({ fileName: 'x.xlsx', mime: 'x', base64: '', savedTo: null });
    const options = vi.mocked(electron.dialog.showSaveDialog).mock.calls.at(-1)![0] as { properties: string[] };
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('returns null when the user cancels', async () => {
    m.saveResult = { canceled: true };
    expect(await createShellFiles(deps()).save({ fileName: 'x.xlsx', mime: 'x', base64: '', savedTo: null })).toBeNull();
  });
});

describe('printing a report', () => {
  it('loads the report route in a hidden app window, waits for it, prints and closes the window', async () => {
    const file = await createShellFiles(deps()).printReport(7);
    expect(m.windows).toHaveLength(1);
    expect(m.windows[0].loaded).toBe('app://champion-pool/index.html#/report/7');
    expect(m.windows[0].destroyed).toBe(true);
    expect(Buffer.from(file.base64, 'base64').toString()).toBe('%PDF-1.7 fake');
    expect(file.fileName).toMatch(/\.pdf$/);
  });
});

describe('printing a report that never gets ready', () => {
  const never = () => new Promise<boolean>(() => {});

  it('fails at once when the hidden page’s renderer dies, and closes the window', async () => {
    m.ready = never; // a dead renderer never answers executeJavaScript
    const printing = createShellFiles(deps()).printReport(7);
    await vi.waitFor(() => expect(m.windows).toHaveLength(1));
    await vi.waitFor(() => expect(m.windows[0].loaded).not.toBe(''));
    m.windows[0].webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await expect(printing).rejects.toThrow('报告页面的进程意外退出（crashed）');
    expect(m.windows[0].destroyed).toBe(true);
    expect(m.windows[0].webContents.printToPDF.mock.calls).toHaveLength(0);
  });

  it('gives up after the time limit even when the page never answers, and closes the window', async () => {
    vi.useFakeTimers();
    m.ready = never;
    const printing = createShellFiles(deps()).printReport(8);
    const outcome = printing.then(() => 'printed', (e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(REPORT_TIMEOUT_MS + 1);
    expect(await outcome).toBe('报告页面未能在规定时间内完成加载');
    expect(m.windows[0].destroyed).toBe(true);
    expect(m.windows[0].webContents.listenerCount('render-process-gone')).toBe(0);
  });
});

describe('the printed page', () => {
  it('takes paper size and margins from the page’s @page rule only', async () => {
    await createShellFiles(deps()).printReport(7);
    expect(m.windows[0].webContents.printToPDF.mock.calls[0][0]).toEqual(PDF_OPTIONS);
    expect(PDF_OPTIONS).toMatchObject({ preferCSSPageSize: true });
    expect(PDF_OPTIONS).not.toHaveProperty('margins');
    expect(PDF_OPTIONS).not.toHaveProperty('pageSize');
    const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/sections/shortlist/shortlist.css'), 'utf8');
    const page = css.match(/@page\s*\{([^}]*)\}/)?.[1] ?? '';
    expect(page).toMatch(/size:\s*A4/);
    expect(page).toMatch(/margin:\s*\d+mm/);
  });
});

describe('IPC with the shell’s files', () => {
  function setup(save: (f: unknown) => Promise<string | null>) {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const ipc = {
      handle: (c: string, h: (e: never, i: unknown) => Promise<unknown>) => void handlers.set(c, h as (e: unknown, i: unknown) => Promise<unknown>),
      removeHandler: (c: string) => void handlers.delete(c),
    };
    const h = openPoolDb({ file: path.join(dir, 'data.sqlite'), create: 'default' });
    const service = createService({ db: h.db, dataFile: h.file, actor: 't', appVersion: 't' });
    const printed = vi.fn(async () => ({ fileName: 'r.pdf', mime: 'application/pdf', base64: 'JVBERg==', savedTo: null }));
    registerIpc(ipc, (method, input) => dispatch(service, method, input), { save, printReport: printed });
    const frame = { url: 'app://champion-pool/index.html', parent: null };
    const event = { senderFrame: frame, sender: { mainFrame: frame } };
    return { call: (method: string, input: unknown) => handlers.get(`cp:${method}`)!(event, input), h, printed };
  }

  it('saves a shortlist export where the user chose and does not send the bytes back', async () => {
    const saved: unknown[] = [];
    const { call, h } = setup(async (f) => {
      saved.push(f);
      return '/chosen/名单.csv';
    });
    try {
      const list = (await call('shortlist.create', { name: '测试名单', year: 2023, setId: 'cn-champion-2023', firmIds: [1, 5] })) as { ok: boolean; data: { id: number } };
      const r = (await call('shortlist.export', { id: list.data.id, format: 'csv' })) as { ok: boolean; data: { savedTo: string; base64: string } };
      expect(r).toMatchObject({ ok: true, data: { savedTo: '/chosen/名单.csv', base64: '' } });
      expect((saved[0] as { base64: string }).base64.length).toBeGreaterThan(10);
    } finally {
      h.close();
    }
  });

  it('wiring only (printToPDF is mocked): report.pdf asks the shell to print the shortlist and reports a cancelled save', async () => {
    const { call, h, printed } = setup(async () => null);
    try {
      const r = (await call('report.pdf', { shortlistId: 3 })) as { ok: boolean; error: { code: string } };
      expect(printed).toHaveBeenCalledWith(3);
      expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await call('report.pdf', { shortlistId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      h.close();
    }
  });
});
