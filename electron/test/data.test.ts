import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => ({}));

import { METHODS } from '../../db/contract';
import { openPoolDb } from '../../db/open';
import { DataHost } from '../data';
import { FakeIpcMain, tempDir } from './fakes';

let tmp: ReturnType<typeof tempDir>;
let ipc: FakeIpcMain;
let host: DataHost;
let onChange: Mock<() => void>;

beforeEach(() => {
  tmp = tempDir('cp-data-');
  ipc = new FakeIpcMain();
  onChange = vi.fn();
  host = new DataHost({ ipcMain: ipc, actor: 'tester', appVersion: '0.0.0-test', onChange });
});
afterEach(() => {
  host.close();
  tmp.cleanup();
});

const file = (name: string) => path.join(tmp.dir, name);
/** A second, existing data file to switch to. */
function makeFile(name: string): string {
  openPoolDb({ file: file(name), create: 'default' }).close();
  return file(name);
}
const dataFileOverIpc = async () => ((await ipc.invoke('cp:app.info', {})) as { data: { dataFile: string } }).data.dataFile;

describe('DataHost', () => {
  it('opens (creating) the first file and serves it over IPC', async () => {
    expect(host.open(file('a.sqlite'), 'default')).toBe(true);
    expect(fs.existsSync(file('a.sqlite'))).toBe(true);
    expect(ipc.handlers.size).toBe(METHODS.length);
    expect(host.file).toBe(file('a.sqlite'));
    expect(await dataFileOverIpc()).toBe(file('a.sqlite'));
  });

  it('does nothing when the same file is opened again', () => {
    host.open(file('a.sqlite'), 'default');
    const db = host.db;
    expect(host.open(file('a.sqlite'))).toBe(false);
    expect(host.db).toBe(db);
  });

  it('switches files: the new one is served, the old one closed and unlocked', async () => {
    host.open(file('a.sqlite'), 'default');
    const oldDb = host.db!;
    const b = makeFile('b.sqlite');
    expect(host.open(b)).toBe(true);
    expect(ipc.handlers.size).toBe(METHODS.length);
    expect(await dataFileOverIpc()).toBe(b);
    expect(oldDb.open).toBe(false);
    expect(fs.existsSync(file('a.sqlite') + '.lock')).toBe(false);
    // The old file can be opened by someone else now.
    openPoolDb({ file: file('a.sqlite') }).close();
  });

  it('keeps the current file when the new one cannot be opened', async () => {
    host.open(file('a.sqlite'), 'default');
    const other = openPoolDb({ file: file('held.sqlite'), create: 'default' }); // holds the lock
    try {
      expect(() => host.open(file('held.sqlite'))).toThrow(expect.objectContaining({ code: 'locked' }));
    } finally {
      other.close();
    }
    expect(() => host.open(file('missing.sqlite'))).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(host.file).toBe(file('a.sqlite'));
    expect(host.db!.open).toBe(true);
    expect(await dataFileOverIpc()).toBe(file('a.sqlite'));
  });

  it('tells onChange after a write', async () => {
    host.open(file('a.sqlite'), 'default');
    const res = await ipc.invoke('cp:snapshot.create', { reason: 'test' });
    expect(res).toMatchObject({ ok: true });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('close removes the handlers and releases the lock; twice is harmless', () => {
    host.open(file('a.sqlite'), 'default');
    host.close();
    host.close();
    expect(ipc.handlers.size).toBe(0);
    expect(host.file).toBeNull();
    expect(fs.existsSync(file('a.sqlite') + '.lock')).toBe(false);
  });
});
