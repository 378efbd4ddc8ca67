// What the menu items do in the main process: native dialogs, the backup, switching data files, and
// pushes to the page. Failures are reported loudly with an error box, never swallowed.
import path from 'node:path';
import { dialog, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { EventName } from '../db/contract';
import { backupFileName } from './backup';
import type { DataHost } from './data';
import type { MenuActions, MenuSection } from './menu';
import { WINDOW_TITLE } from './window';

export interface CommandDeps {
  host: DataHost;
  window(): BrowserWindow | null;
  send(event: EventName, payload?: unknown): void;
  /** Where the backup dialog starts (the user's documents folder). */
  defaultDir(): string;
  appVersion: string;
}

export interface Commands extends MenuActions {
  openDataFile(): Promise<void>;
  backup(): Promise<void>;
  about(): Promise<void>;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function createCommands(deps: CommandDeps): Commands {
  // Dialogs are modal to the window when there is one.
  const showOpen = (o: OpenDialogOptions) => {
    const w = deps.window();
    return w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o);
  };
  const showSave = (o: SaveDialogOptions) => {
    const w = deps.window();
    return w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o);
  };
  const showMessage = (o: MessageBoxOptions) => {
    const w = deps.window();
    return w ? dialog.showMessageBox(w, o) : dialog.showMessageBox(o);
  };

  return {
    async openDataFile() {
      try {
        const current = deps.host.file;
        const result = await showOpen({
          title: '打开数据文件',
          defaultPath: current ? path.dirname(current) : undefined,
          properties: ['openFile'],
          filters: [{ name: '数据文件', extensions: ['sqlite', 'db'] }],
        });
        const chosen = result.filePaths[0];
        if (result.canceled || !chosen) return;
        // The file must exist (the dialog picked it); a locked or too-new file throws and nothing changes.
        if (await deps.host.open(chosen, false)) deps.send('data:changed');
      } catch (e) {
        dialog.showErrorBox('无法打开数据文件', errorMessage(e));
      }
    },

    navigate(section: MenuSection) {
      deps.send('menu:navigate', section);
    },

    async backup() {
      try {
        const result = await showSave({
          title: '备份数据文件',
          defaultPath: path.join(deps.defaultDir(), backupFileName()),
          filters: [{ name: 'SQLite 数据文件', extensions: ['sqlite'] }],
          properties: ['showOverwriteConfirmation', 'createDirectory'],
        });
        if (result.canceled || !result.filePath) return;
        // The copy is made on the service thread, of the file open when the dialog closed.
        if (!deps.host.file) throw new Error('没有打开的数据文件。');
        const bytes = await deps.host.backup(result.filePath);
        await showMessage({ type: 'info', title: '备份完成', message: '数据文件已备份。', detail: `${result.filePath}\n${formatBytes(bytes)}` });
      } catch (e) {
        dialog.showErrorBox('备份失败', `备份没有完成，请换一个位置重试。\n\n${errorMessage(e)}`);
      }
    },

    async about() {
      await showMessage({
        type: 'info',
        title: '关于',
        message: WINDOW_TITLE,
        detail: `版本 ${deps.appVersion}\n数据文件：${deps.host.file ?? '（未打开）'}`,
      });
    },
  };
}
