// writeFileAtomic: the target is either untouched or complete, and no *.partial file is ever left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../writeFile';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-write-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = Buffer.from('\uFEFF序号,企业名称\r\n1,宁波甬江精密轴承有限公司\r\n', 'utf8');

describe('writeFileAtomic', () => {
  it('writes exactly the bytes, leaving only the target', async () => {
    const target = path.join(dir, '申报汇总表.csv');
    await writeFileAtomic(target, bytes);
    expect(fs.readFileSync(target).equals(bytes)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['申报汇总表.csv']);
  });

  it('replaces an existing file, and accepts a Uint8Array', async () => {
    const target = path.join(dir, 'a.xlsx');
    fs.writeFileSync(target, 'old contents that are longer than the new ones');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['a.xlsx']);
  });

  it('on a failed rename removes the temp file, keeps the old target, and names the path', async () => {
    const target = path.join(dir, '名单.xlsx');
    fs.writeFileSync(target, 'old');
    const err = Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    const rename = vi.spyOn(fs.promises, 'rename').mockRejectedValueOnce(err);
    const p = writeFileAtomic(target, bytes);
    await expect(p).rejects.toThrow(`写入失败：${target}`);
    await expect(p).rejects.toThrow('Excel/WPS');
    expect(rename).toHaveBeenCalledOnce();
    expect(fs.readdirSync(dir)).toEqual(['名单.xlsx']);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
  });

  it('on a failed write (disk full) removes the half-written temp file and creates no target', async () => {
    const target = path.join(dir, 'full.csv');
    const realOpen = fs.promises.open.bind(fs.promises);
    vi.spyOn(fs.promises, 'open').mockImplementationOnce(async (p, flags) => {
      const fh = await realOpen(p, flags);
      await fh.write(Buffer.from('half')); // some bytes reach the disk first
      fh.writeFile = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      return fh;
    });
    await expect(writeFileAtomic(target, bytes)).rejects.toThrow(/写入失败：.*full\.csv（磁盘空间不足）/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  // root writes through directory permissions, so this case can only be shown as an ordinary user;
  // the mocked rename and full-disk failures above cover the same clean-up path for every user.
  it.skipIf(process.getuid?.() === 0)('fails in a read-only directory without leaving anything', async () => {
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o555);
    const target = path.join(ro, 'x.xlsx');
    await expect(writeFileAtomic(target, bytes)).rejects.toThrow(`写入失败：${target}`);
    fs.chmodSync(ro, 0o755);
    expect(fs.readdirSync(ro)).toEqual([]);
  });

  it('refuses a directory that does not exist', async () => {
    const target = path.join(dir, 'missing', 'x.xlsx');
    await expect(writeFileAtomic(target, bytes)).rejects.toThrow(/写入失败：.*x\.xlsx：目录不存在/);
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('refuses a target that is a directory', async () => {
    const target = path.join(dir, 'sub');
    fs.mkdirSync(target);
    await expect(writeFileAtomic(target, bytes)).rejects.toThrow('同名文件夹已存在');
    expect(fs.readdirSync(dir)).toEqual(['sub']);
  });
});
