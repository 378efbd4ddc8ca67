// Files the user keeps: exports are saved where the user chooses (temporary file, then rename — never a
// half-written file), and a shortlist's report is printed to PDF from a hidden window of the app itself.
import path from 'node:path';
import { BrowserWindow, dialog, type BrowserWindow as Win } from 'electron';
import type { ExportFileT } from '../db/contract';
import { writeFileAtomic } from '../db/export/writeFile';
import type { ShellFiles } from './ipc';
import { APP_ORIGIN } from './origin';
import { hardenContents } from './security';
import { windowOptions } from './window';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  csv: { name: 'CSV（逗号分隔）', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** How long the report page may take to load its data and draw its charts. */
const REPORT_TIMEOUT_MS = 30_000;

export interface FilesDeps {
  window: () => Win | null;
  defaultDir: () => string;
  preload: string;
}

async function waitForReady(win: Win): Promise<void> {
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ready = (await win.webContents.executeJavaScript("Boolean(document.querySelector('[data-report-ready=\"true\"]'))")) as boolean;
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('报告页面未能在规定时间内完成加载');
}

export function createShellFiles(deps: FilesDeps): ShellFiles {
  return {
    async save(file: ExportFileT) {
      const ext = path.extname(file.fileName).slice(1).toLowerCase();
      const parent = deps.window();
      const options = { defaultPath: path.join(deps.defaultDir(), file.fileName), filters: FILTERS[ext] ? [FILTERS[ext]] : [] };
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      await writeFileAtomic(choice.filePath, Buffer.from(file.base64, 'base64'));
      return choice.filePath;
    },
    async printReport(shortlistId: number) {
      const win = new BrowserWindow({ ...windowOptions(deps.preload), show: false });
      hardenContents(win.webContents);
      try {
        await win.loadURL(`${APP_ORIGIN}/index.html#/report/${shortlistId}`);
        await waitForReady(win);
        const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } });
        return { fileName: `推荐名单报告-${shortlistId}.pdf`, mime: 'application/pdf', base64: Buffer.from(pdf).toString('base64'), savedTo: null };
      } finally {
        win.destroy();
      }
    },
  };
}
