// One writer per data file under any name: many processes starting at once, a symlink, a hard link, a
// crashed holder, a note left by another computer.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { acquireLock, lockDir } from '../lock';
import { openPoolDb } from '../open';
import { deadPid, openTemp, tempDir, thrown, track } from './helpers';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
// Inside node_modules, so the bundle finds better-sqlite3 and the other packages it leaves external.
const STARTER = path.join(ROOT, 'node_modules', '.cache', 'champion-pool-tests', `lockStarter-${process.pid}.mjs`);
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({ entryPoints: [path.join(HERE, 'fixtures', 'lockStarter.ts')], outfile: STARTER, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  return () => fs.rmSync(STARTER, { force: true });
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Starter {
  proc: ChildProcess;
  ready: Promise<void>;
  outcome: Promise<string>;
}

function starter(file: string, go: string): Starter {
  const proc = spawn(process.execPath, [STARTER, file, go], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  let err = '';
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const outcome = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n')) onReady();
      const line = out.split('\n')[1];
      if (line) resolve(line);
    });
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('close', (code) => reject(new Error(`starter exited (${code}) without an answer: ${out} ${err}`)));
  });
  return { proc, ready, outcome };
}

describe('one writer per data file', () => {
  it('lets exactly one of 40 concurrent starters in, also over a stale lock note, and again after it dies', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pool.sqlite');
    openPoolDb({ file, create: 'default' }).close();
    const trials = 2;
    let tried = 0;
    for (let trial = 0; trial < trials; trial++) {
      // A note left by a crashed instance: the starters race to take it over.
      fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: os.hostname(), at: '2020-01-01T00:00:00Z' }));
      const go = path.join(dir, `go-${trial}`);
      const starters = Array.from({ length: 40 }, () => starter(file, go));
      await Promise.all(starters.map((s) => s.ready));
      fs.writeFileSync(go, '');
      const outcomes = await Promise.all(starters.map((s) => s.outcome));
      tried += outcomes.length;
      expect(outcomes.filter((o) => o === 'got'), outcomes.join(', ')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'refused locked')).toHaveLength(39);
      // The winner dies without releasing anything: the system drops its lock, the next open gets in.
      const winner = starters[outcomes.indexOf('got')].proc;
      const gone = new Promise((r) => winner.once('exit', r));
      winner.kill('SIGKILL');
      await gone;
      for (const s of starters) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
    }
    const pool = track(openPoolDb({ file, create: false }));
    expect(pool.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'starter'").pluck().get()).toBe(trials);
    expect(pool.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(tried).toBe(80);
  });

  it('refuses a second open through a symlink, and the first open through one locks the real file', () => {
    const dir = tempDir();
    const first = openTemp({ file: path.join(dir, 'pool.sqlite') });
    const link = path.join(dir, 'link.sqlite');
    fs.symlinkSync(first.file, link);
    const e = thrown(() => openPoolDb({ file: link, create: 'default' }));
    expect(e.code).toBe('locked');
    expect(e.message).toContain(first.file);
    first.close();

    const viaLink = track(openPoolDb({ file: link, create: false }));
    expect(viaLink.file).toBe(path.join(dir, 'pool.sqlite')); // the real path: snapshots and notes live beside it
    expect(fs.existsSync(`${first.file}.lock`)).toBe(true);
    expect(thrown(() => openPoolDb({ file: first.file, create: false })).code).toBe('locked');
  });

  it('refuses a second open through a hard link (which would keep its own WAL and lose writes)', () => {
    const dir = tempDir();
    const first = openTemp({ file: path.join(dir, 'a', 'pool.sqlite') });
    const hard = path.join(dir, 'b', 'other-name.sqlite');
    fs.mkdirSync(path.dirname(hard));
    fs.linkSync(first.file, hard);
    const e = thrown(() => openPoolDb({ file: hard, create: 'default' }));
    expect(e.code).toBe('locked');
    first.db.prepare("UPDATE firms SET town = '甲镇' WHERE id = 1").run();
    first.close();
    // Through the other name now: the write is there, and the original name is locked in turn.
    const second = track(openPoolDb({ file: hard, create: false }));
    expect(second.db.prepare('SELECT town FROM firms WHERE id = 1').pluck().get()).toBe('甲镇');
    expect(thrown(() => openPoolDb({ file: first.file, create: false })).code).toBe('locked');
  });

  it('refuses a lock note from another computer with a message about shared folders, creating nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pool.sqlite');
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4242, host: 'OTHER-LAPTOP', at: '2026-11-30T08:00:00Z' }));
    const e = thrown(() => openPoolDb({ file, create: 'default' }));
    expect(e.code).toBe('locked');
    expect(e.message).toContain('OTHER-LAPTOP');
    expect(e.message).toContain('共享文件夹');
    expect(e.message).toContain(`${file}.lock`);
    expect(fs.readdirSync(dir)).toEqual(['pool.sqlite.lock']);
  });

  it('keys the system lock on device and inode, in one folder for this computer', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    const lock = acquireLock(file);
    try {
      const st = fs.statSync(file, { bigint: true });
      expect(fs.existsSync(path.join(lockDir(), `${st.dev}-${st.ino}.lock`))).toBe(true);
      expect(lock.created).toBe(true);
      expect(thrown(() => acquireLock(file)).code).toBe('locked');
    } finally {
      lock.release();
    }
    acquireLock(file).release();
  });

  it('touches the system lock file while held, so a temp-folder cleaner never takes it away', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const file = path.join(tempDir(), 'pool.sqlite');
    const lock = acquireLock(file);
    try {
      const st = fs.statSync(file, { bigint: true });
      const key = path.join(lockDir(), `${st.dev}-${st.ino}.lock`);
      const old = new Date('2020-01-01T00:00:00Z');
      fs.utimesSync(key, old, old);
      vi.advanceTimersByTime(6 * 60 * 60 * 1000);
      await vi.waitFor(() => expect(fs.statSync(key).mtime.getTime()).toBeGreaterThan(old.getTime()));
    } finally {
      lock.release();
      vi.useRealTimers();
    }
  });
});
