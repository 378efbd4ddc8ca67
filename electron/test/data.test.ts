import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => ({}));

import { METHODS } from '../../db/contract';
import { openPoolDb } from '../../db/open';
import { DataHost } from '../data';
import { FakeIpcMain, tempDir } from './fakes';
import { inThreadStarter } from './inThread';

let tmp: ReturnType<typeof tempDir>;
let ipc: FakeIpcMain;
let host: DataHost;
let onChange: Mock<() => void>;
let onStopped: Mock<(e: Error) => void>;
let threads: ReturnType<typeof inThreadStarter>;

beforeEach(() => {
  tmp = tempDir('cp-data-');
  ipc = new FakeIpcMain();
  onChange = vi.fn();
  onStopped = vi.fn();
  threads = inThreadStarter();
  host = new DataHost({ ipcMain: ipc, actor: 'tester', appVersion: '0.0.0-test', onChange, onStopped, startThread: threads.start });
});
afterEach(async () => {
  await host.shutdown();
  tmp.cleanup();
});

const file = (name: string) => path.join(tmp.dir, name);
const locked = (name: string) => fs.existsSync(file(name) + '.lock');
/** A second, existing data file to switch to. */
function makeFile(name: string): string {
  openPoolDb({ file: file(name), create: 'default' }).close();
  return file(name);
}
const dataFileOverIpc = async () => ((await ipc.invoke('cp:app.info', {})) as { data: { dataFile: string } }).data.dataFile;

describe('DataHost', () => {
  it('opens (creating) the first file on the service thread and serves it over IPC', async () => {
    expect(await host.open(file('a.sqlite'), 'default')).toBe(true);
    expect(fs.existsSync(file('a.sqlite'))).toBe(true);
    expect(ipc.handlers.size).toBe(METHODS.length);
    expect(host.file).toBe(file('a.sqlite'));
    expect(await dataFileOverIpc()).toBe(file('a.sqlite'));
    // Everything went through the one thread: the open and the call.
    expect(threads.threads).toHaveLength(1);
    expect(threads.threads[0].requests).toEqual([
      expect.objectContaining({ kind: 'open', file: file('a.sqlite') }),
      expect.objectContaining({ kind: 'call', method: 'app.info' }),
    ]);
  });

  it('does nothing when the same file is opened again', async () => {
    await host.open(file('a.sqlite'), 'default');
    expect(await host.open(file('a.sqlite'))).toBe(false);
    expect(ipc.handlers.size).toBe(METHODS.length);
    expect(await dataFileOverIpc()).toBe(file('a.sqlite'));
  });

  it('switches files: the new one is served, the old one closed and unlocked', async () => {
    await host.open(file('a.sqlite'), 'default');
    const b = makeFile('b.sqlite');
    expect(await host.open(b)).toBe(true);
    expect(ipc.handlers.size).toBe(METHODS.length);
    expect(await dataFileOverIpc()).toBe(b);
    expect(locked('a.sqlite')).toBe(false);
    // The old file can be opened by someone else now.
    openPoolDb({ file: file('a.sqlite') }).close();
  });

  it('keeps the current file when the new one cannot be opened, and reports why as an AppError', async () => {
    await host.open(file('a.sqlite'), 'default');
    const other = openPoolDb({ file: file('held.sqlite'), create: 'default' }); // holds the lock
    try {
      await expect(host.open(file('held.sqlite'))).rejects.toMatchObject({ name: 'AppError', code: 'locked' });
    } finally {
      other.close();
    }
    await expect(host.open(file('missing.sqlite'))).rejects.toMatchObject({ code: 'not_found' });
    expect(host.file).toBe(file('a.sqlite'));
    expect(locked('a.sqlite')).toBe(true);
    expect(await dataFileOverIpc()).toBe(file('a.sqlite'));
  });

  it('tells onChange after a write', async () => {
    await host.open(file('a.sqlite'), 'default');
    const res = await ipc.invoke('cp:snapshot.create', { reason: 'test' });
    expect(res).toMatchObject({ ok: true });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('backs up the open file on the service thread', async () => {
    await host.open(file('a.sqlite'), 'default');
    const bytes = await host.backup(file('copy.sqlite'));
    expect(bytes).toBe(fs.statSync(file('copy.sqlite')).size);
    expect(threads.threads[0].requests.at(-1)).toMatchObject({ kind: 'backup', target: file('copy.sqlite') });
    await expect(host.backup(file('a.sqlite'))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('close removes the handlers and releases the lock; twice is harmless', async () => {
    await host.open(file('a.sqlite'), 'default');
    await host.close();
    await host.close();
    expect(ipc.handlers.size).toBe(0);
    expect(host.file).toBeNull();
    expect(locked('a.sqlite')).toBe(false);
  });

  it('shutdown closes the file and ends the thread, without reporting a failure', async () => {
    await host.open(file('a.sqlite'), 'default');
    await host.shutdown();
    await host.shutdown();
    expect(threads.threads[0].terminated).toBe(true);
    expect(locked('a.sqlite')).toBe(false);
    expect(ipc.handlers.size).toBe(0);
    expect(onStopped).not.toHaveBeenCalled();
  });

  it('when the thread dies, calls answer with an error envelope and onStopped is told once', async () => {
    await host.open(file('a.sqlite'), 'default');
    threads.threads[0].crash('out of memory');
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(onStopped.mock.calls[0][0].message).toContain('out of memory');
    expect(await ipc.invoke('cp:app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
