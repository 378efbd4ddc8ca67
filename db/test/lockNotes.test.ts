// The lock's notes and its folder, in this process: who a refusal names, which notes are taken over, what is
// removed on release and on refusal, and errors that are not "locked" staying what they are.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireLock, lockDir } from '../lock';
import { deadPid, tempDir, thrown } from './helpers';

const savedTmp = process.env.TMPDIR;
afterEach(() => {
  vi.restoreAllMocks();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

const note = (file: string) => `${file}.lock`;
const writeNote = (file: string, owner: unknown) => fs.writeFileSync(note(file), JSON.stringify(owner));
const readNote = (file: string) => JSON.parse(fs.readFileSync(note(file), 'utf8')) as { pid: number; host: string };

function dataFile(content = 'not empty'): string {
  const file = path.join(tempDir(), 'pool.sqlite');
  fs.writeFileSync(file, content);
  return file;
}

describe('the lock folder', () => {
  it('is a folder of its own in this computer’s temp folder', () => {
    expect(path.dirname(lockDir())).toBe(os.tmpdir());
    expect(lockDir()).not.toBe(os.tmpdir());
  });

  it('is made when missing, open to every user of the computer like the temp folder itself', () => {
    process.env.TMPDIR = tempDir();
    expect(fs.existsSync(lockDir())).toBe(false);
    acquireLock(dataFile()).release();
    expect(fs.statSync(lockDir()).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(lockDir()).mode & 0o7777).toBe(0o1777);
  });

  it('leaves an error that is not another holder as it is (not "locked")', () => {
    process.env.TMPDIR = tempDir();
    fs.writeFileSync(lockDir(), 'a file where the folder should be');
    const e = thrown(() => acquireLock(dataFile()));
    expect(e.code).not.toBe('locked');
    expect(String(e.code)).toMatch(/^SQLITE_CANTOPEN/);
  });
});

describe('a second starter is told who holds the file', () => {
  it('names this process and computer when the holder is in this computer', () => {
    const file = dataFile();
    const lock = acquireLock(file);
    try {
      // The note beside the file may have been overwritten (by an old version, by hand): the system lock's own note wins.
      writeNote(file, { pid: 99, host: 'SOMEONE-ELSE', at: '2020-01-01T00:00:00Z' });
      const e = thrown(() => acquireLock(file));
      expect(e.code).toBe('locked');
      expect(e.message).toContain(`进程 ${process.pid}，${os.hostname()}，自 `);
      expect(e.message).not.toContain('SOMEONE-ELSE');
      expect(e.message).toContain(file);
    } finally {
      lock.release();
    }
  });

  it('says "another program" when the holder left no readable note', () => {
    const file = dataFile();
    const lock = acquireLock(file);
    try {
      const st = fs.statSync(file, { bigint: true });
      fs.rmSync(path.join(lockDir(), `${st.dev}-${st.ino}.lock.json`));
      fs.rmSync(note(file));
      const e = thrown(() => acquireLock(file));
      expect(e.code).toBe('locked');
      expect(e.message).toContain('（另一个程序）');
    } finally {
      lock.release();
    }
  });

  it('refuses a note naming a live process of this computer that holds no system lock (an older version), naming the note to delete', () => {
    const file = dataFile();
    writeNote(file, { pid: process.ppid, host: os.hostname(), at: '2026-11-30T08:00:00Z' });
    const e = thrown(() => acquireLock(file));
    expect(e.code).toBe('locked');
    expect(e.message).toContain(`进程 ${process.ppid}，自 2026-11-30T08:00:00Z`);
    expect(e.message).toContain('旧版本');
    expect(e.message).toContain(`删除锁文件 ${note(file)}`);
    expect(readNote(file).pid).toBe(process.ppid); // left as it was
  });

  it('counts a process it may not signal (another user’s) as alive', () => {
    const file = dataFile();
    writeNote(file, { pid: 424242, host: os.hostname(), at: '2026-11-30T08:00:00Z' });
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    });
    expect(thrown(() => acquireLock(file)).code).toBe('locked');
  });
});

describe('notes that are taken over', () => {
  it('takes over a note left by a crashed instance of this computer', () => {
    const file = dataFile();
    writeNote(file, { pid: deadPid(), host: os.hostname(), at: '2020-01-01T00:00:00Z' });
    const lock = acquireLock(file);
    expect(readNote(file)).toMatchObject({ pid: process.pid, host: os.hostname() });
    lock.release();
  });

  it.each([
    ['without a host', { pid: 4242 }],
    ['without a pid', { host: 'OTHER-LAPTOP', at: '2020-01-01T00:00:00Z' }],
    ['with a pid that is not a number', { pid: '4242', host: 'OTHER-LAPTOP' }],
    ['half-written', '{"pid": 42'],
  ])('treats a note %s as no note', (_what, content) => {
    const file = dataFile();
    fs.writeFileSync(note(file), typeof content === 'string' ? content : JSON.stringify(content));
    const lock = acquireLock(file);
    expect(readNote(file).pid).toBe(process.pid);
    lock.release();
  });
});

describe('release', () => {
  it('removes both notes when they are still its own', () => {
    const file = dataFile();
    const lock = acquireLock(file);
    const st = fs.statSync(file, { bigint: true });
    const keyNote = path.join(lockDir(), `${st.dev}-${st.ino}.lock.json`);
    expect(fs.existsSync(keyNote)).toBe(true);
    lock.release();
    expect(fs.existsSync(note(file))).toBe(false);
    expect(fs.existsSync(keyNote)).toBe(false);
  });

  it('leaves a note another holder has written since, and does not fail when a note is already gone', () => {
    const file = dataFile();
    const lock = acquireLock(file);
    const st = fs.statSync(file, { bigint: true });
    const keyNote = path.join(lockDir(), `${st.dev}-${st.ino}.lock.json`);
    const other = { pid: 77, host: os.hostname(), at: '2030-01-01T00:00:00Z' };
    writeNote(file, other);
    fs.rmSync(keyNote);
    expect(() => lock.release()).not.toThrow();
    expect(readNote(file)).toEqual(other);
    expect(() => lock.release()).not.toThrow(); // twice is harmless
  });
});

describe('a refusal leaves the files as they were', () => {
  it.each([
    ['a data file with content', 'not empty'],
    ['an empty data file', ''],
  ])('keeps %s that another computer holds', (_what, content) => {
    const file = dataFile(content);
    writeNote(file, { pid: 4242, host: 'OTHER-LAPTOP', at: '2026-11-30T08:00:00Z' });
    expect(thrown(() => acquireLock(file)).code).toBe('locked');
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('gives the lock back and removes the file it made when the note cannot be written', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    fs.mkdirSync(note(file)); // a folder where the note goes: reading finds no note, writing fails
    expect(thrown(() => acquireLock(file)).code).not.toBe('locked');
    expect(fs.existsSync(file)).toBe(false);
    fs.rmdirSync(note(file));
    acquireLock(file).release(); // not left held by the failed attempt
  });
});
