// The application menu as plain data: what each item does is passed in, so the template is testable
// without Electron and the actions (dialogs, IPC pushes) live in commands.ts.
import type { MenuItemConstructorOptions } from 'electron';

export type MenuLang = 'zh-CN' | 'en';

/** Sections of the UI the menu can send the user to (renderer/src/route.ts). */
export type MenuSection = 'refresh' | 'shortlist' | 'package';

export interface MenuActions {
  openDataFile(): void;
  /** Pushes `menu:navigate` with the section id; import and export live in those sections of the UI. */
  navigate(section: MenuSection): void;
  backup(): void;
  about(): void;
}

export interface MenuOptions {
  /** Reload and developer tools appear only when running from `electron-vite dev`, never in a built app. */
  development: boolean;
  /** On macOS the first menu is the application menu (About, Hide, Quit …); default: this machine's. */
  platform?: NodeJS.Platform;
}

const LABELS = {
  'zh-CN': {
    file: '文件',
    openDataFile: '打开数据文件…',
    import: '导入年度数据…',
    export: '导出…',
    exportPackage: '导出报送包…',
    mergePackages: '合并报送包…',
    backup: '备份数据文件…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    help: '帮助',
    about: '关于单项冠军培育库',
  },
  en: {
    file: 'File',
    openDataFile: 'Open Data File…',
    import: 'Import Yearly Data…',
    export: 'Export…',
    exportPackage: 'Export District Package…',
    mergePackages: 'Merge District Packages…',
    backup: 'Back Up Data File…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    help: 'Help',
    about: 'About Champion Pool',
  },
} as const;

export function buildMenuTemplate(actions: MenuActions, lang: MenuLang = 'zh-CN', options: MenuOptions = { development: false }): MenuItemConstructorOptions[] {
  const mac = (options.platform ?? process.platform) === 'darwin';
  const l = LABELS[lang];
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: l.zoomIn },
    { role: 'zoomOut', label: l.zoomOut },
    { role: 'resetZoom', label: l.resetZoom },
  ];
  if (options.development) {
    view.push({ type: 'separator' }, { role: 'reload', label: l.reload }, { role: 'toggleDevTools', label: l.devTools });
  }
  const file: MenuItemConstructorOptions[] = [
    { id: 'open-data-file', label: l.openDataFile, accelerator: 'CmdOrCtrl+O', click: () => actions.openDataFile() },
    { id: 'import', label: l.import, click: () => actions.navigate('refresh') },
    { id: 'export', label: l.export, click: () => actions.navigate('shortlist') },
    { id: 'export-package', label: l.exportPackage, click: () => actions.navigate('package') },
    { id: 'merge-packages', label: l.mergePackages, click: () => actions.navigate('package') },
    { id: 'backup', label: l.backup, click: () => actions.backup() },
  ];
  // On macOS Quit lives in the application menu; elsewhere at the end of 文件.
  if (!mac) file.push({ type: 'separator' }, { id: 'quit', role: 'quit', label: l.quit });
  return [
    // macOS makes the first menu the application menu whatever its label: without this, 文件 would be it.
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: l.file, submenu: file },
    // Without an Edit menu the copy/paste shortcuts do not reach text fields on macOS.
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    { label: l.view, submenu: view },
    { role: 'help', label: l.help, submenu: [{ id: 'about', label: l.about, click: () => actions.about() }] },
  ];
}
