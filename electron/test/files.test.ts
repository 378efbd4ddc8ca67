// Saving file answers and printing reports in the desktop shell: the bytes go to the chosen file (never a
// partial one), cancelling says so, and report.pdf is served by the shell's printer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => ({
  saveResult: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  windows: [] as { loaded: string; destroyed: boolean }[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    loaded = '';
    destroyed = false;
    webContents = {
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      session: {},
      executeJavaScript: vi.fn(async () => true),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fake')),
    };
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
  return { BrowserWindow, dialog: { showSaveDialog: vi.fn(async () => m.saveResult) }, shell: { openExternal: vi.fn() } };
});

const { createShellFiles } = await import('../files');
const { registerIpc } = await import('../ipc');
const { openPoolDb } = await import('../../db/open');
const { createService } = await import('../../db/service');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-files-'));
  m.windows.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

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
    registerIpc(ipc, service, { save, printReport: printed });
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
