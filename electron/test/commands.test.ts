import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

const electron = vi.hoisted(() => ({
  dialog: {
    showOpenDialog: vi.fn(),
    showSaveDialog: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    showErrorBox: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

import { openPoolDb } from '../../db/open';
import { backupFileName } from '../backup';
import { createCommands } from '../commands';
import { DataHost } from '../data';
import { FakeIpcMain, tempDir } from './fakes';
import { inThreadStarter } from './inThread';

let tmp: ReturnType<typeof tempDir>;
let host: DataHost;
let send: Mock<(event: string, payload?: unknown) => void>;

function commands() {
  return createCommands({ host, window: () => null, send, defaultDir: () => path.join(tmp.dir, 'docs'), appVersion: '9.9.9' });
}

beforeEach(async () => {
  vi.clearAllMocks();
  tmp = tempDir('cp-commands-');
  host = new DataHost({ ipcMain: new FakeIpcMain(), actor: 'tester', appVersion: '9.9.9', onChange: () => {}, startThread: inThreadStarter().start });
  await host.open(path.join(tmp.dir, 'pool.sqlite'), 'default');
  send = vi.fn();
});
afterEach(async () => {
  await host.shutdown();
  tmp.cleanup();
});

describe('backup', () => {
  it('offers the dated default name and writes the chosen file', async () => {
    const target = path.join(tmp.dir, 'chosen.sqlite');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await commands().backup();
    const options = electron.dialog.showSaveDialog.mock.calls[0][0] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(options.defaultPath).toBe(path.join(tmp.dir, 'docs', backupFileName()));
    expect(options.filters[0].extensions).toEqual(['sqlite']);
    expect(fs.statSync(target).size).toBeGreaterThan(0);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ title: '备份完成' }));
  });

  it('does nothing when the dialog is cancelled', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await commands().backup();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('reports a failure with an error box', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: host.file! });
    await commands().backup();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('备份失败', expect.stringContaining('正在使用的数据文件'));
    expect(await host.call('app.info', {})).toMatchObject({ ok: true });
  });
});

describe('openDataFile', () => {
  it('opens the chosen file and tells the page', async () => {
    const other = path.join(tmp.dir, 'other.db');
    openPoolDb({ file: other, create: 'default' }).close();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [other] });
    await commands().openDataFile();
    const options = electron.dialog.showOpenDialog.mock.calls[0][0] as { filters: { extensions: string[] }[]; properties: string[] };
    expect(options.filters.flatMap((f) => f.extensions)).toEqual(['sqlite', 'db']);
    expect(options.properties).toEqual(['openFile']);
    expect(host.file).toBe(other);
    expect(send).toHaveBeenCalledWith('data:changed');
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('keeps the current file and shows an error when the chosen one is locked', async () => {
    const before = host.file;
    const held = openPoolDb({ file: path.join(tmp.dir, 'held.sqlite'), create: 'default' });
    try {
      electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [held.file] });
      await commands().openDataFile();
    } finally {
      held.close();
    }
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('无法打开数据文件', expect.stringContaining('正被另一个程序使用'));
    expect(host.file).toBe(before);
    expect(send).not.toHaveBeenCalled();
  });

  it('does nothing when cancelled or when the open file is chosen again', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await commands().openDataFile();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [host.file!] });
    await commands().openDataFile();
    expect(send).not.toHaveBeenCalled();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });
});

describe('navigate and about', () => {
  it('sends menu:navigate with the section id', () => {
    commands().navigate('refresh');
    commands().navigate('shortlist');
    expect(send.mock.calls).toEqual([
      ['menu:navigate', 'refresh'],
      ['menu:navigate', 'shortlist'],
    ]);
  });

  it('shows the version and the data file', async () => {
    await commands().about();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ message: '单项冠军培育库', detail: expect.stringContaining('9.9.9') }),
    );
    const detail = (electron.dialog.showMessageBox.mock.calls[0] as unknown as [{ detail: string }])[0].detail;
    expect(detail).toContain(host.file!);
  });
});
