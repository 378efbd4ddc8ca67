// Files the user keeps: exports are saved where the user chooses (temporary file, then rename — never a
// half-written file), and a shortlist's report is printed to PDF from a hidden window of the app itself.
import path from 'node:path';
import { BrowserWindow, dialog, type BrowserWindow as Win, type PrintToPDFOptions, type SaveDialogOptions } from 'electron';
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
  cpool: { name: '报送包', extensions: ['cpool'] },
};

/** How long the report page may take to load its data and draw its charts. */
export const REPORT_TIMEOUT_MS = 30_000;

/**
 * The page's print stylesheet (@page in the shortlist section's CSS) is the one source of paper size and
 * margins: nothing here overrides them.
 */
export const PDF_OPTIONS: PrintToPDFOptions = { printBackground: true, preferCSSPageSize: true };

export interface FilesDeps {
  window: () => Win | null;
  defaultDir: () => string;
  preload: string;
}

/** Polls the page until it marks itself ready; stops polling once `stopped()` says the print was abandoned. */
async function waitForReady(win: Win, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const ready = (await win.webContents.executeJavaScript("Boolean(document.querySelector('[data-report-ready=\"true\"]'))")) as boolean;
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Rejects after the time limit, or as soon as the hidden page's renderer dies: a dead renderer never answers
 * executeJavaScript, so without this the print (and the user's click) would wait forever.
 */
function failureOf(win: Win): { failed: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onGone: ((event: unknown, details: { reason: string }) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('报告页面未能在规定时间内完成加载')), REPORT_TIMEOUT_MS);
    onGone = (_event, details) => reject(new Error(`报告页面的进程意外退出（${details.reason}）`));
    win.webContents.once('render-process-gone', onGone);
  });
  return {
    failed,
    cancel() {
      clearTimeout(timer);
      if (onGone) win.webContents.removeListener('render-process-gone', onGone);
    },
  };
}

export function createShellFiles(deps: FilesDeps): ShellFiles {
  return {
    async save(file: ExportFileT) {
      const ext = path.extname(file.fileName).slice(1).toLowerCase();
      const parent = deps.window();
      const options: SaveDialogOptions = {
        defaultPath: path.join(deps.defaultDir(), file.fileName),
        filters: FILTERS[ext] ? [FILTERS[ext]] : [],
        // Linux dialogs (UOS, Kylin) replace an existing file silently unless asked to confirm.
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      await writeFileAtomic(choice.filePath, Buffer.from(file.base64, 'base64'));
      return choice.filePath;
    },
    async printReport(shortlistId: number) {
      const win = new BrowserWindow({ ...windowOptions(deps.preload), show: false });
      hardenContents(win.webContents);
      const failure = failureOf(win);
      let abandoned = false;
      const print = async () => {
        await win.loadURL(`${APP_ORIGIN}/index.html#/report/${shortlistId}`);
        await waitForReady(win, () => abandoned);
        if (abandoned) throw new Error('abandoned');
        return win.webContents.printToPDF(PDF_OPTIONS);
      };
      const printing = print();
      printing.catch(() => {}); // when the failure wins, the abandoned print's own rejection is not news
      try {
        const pdf = await Promise.race([printing, failure.failed]);
        return { fileName: `推荐名单报告-${shortlistId}.pdf`, mime: 'application/pdf', base64: Buffer.from(pdf).toString('base64'), savedTo: null };
      } finally {
        abandoned = true;
        failure.cancel();
        win.destroy();
      }
    },
  };
}
