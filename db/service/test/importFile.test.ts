// An import's bytes by reference: a local path read on the service's side (the desktop and the CLI), one
// source exactly, regular files only, the size limit checked before reading, and a clear message each time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFileBytes, MAX_IMPORT_BYTES } from '../importFile';
import { call, defaultService } from '../../test/helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-import-file-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('importFileBytes', () => {
  it('reads a local file by its path, or inline base64', async () => {
    const file = path.join(dir, '名单.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    expect((await importFileBytes({ fileName: '名单.csv', path: file })).toString()).toBe('a,b\n1,2\n');
    expect((await importFileBytes({ fileName: 'x.csv', base64: Buffer.from('x').toString('base64') })).toString()).toBe('x');
  });

  it('wants exactly one source', async () => {
    await expect(importFileBytes({ fileName: 'x.csv' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('现在给了 0 种') });
    await expect(importFileBytes({ fileName: 'x.csv', path: '/x', base64: '' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('现在给了 2 种') });
  });

  it('names the file when it is missing, not a regular file, too large, or an expired upload', async () => {
    await expect(importFileBytes({ fileName: 'gone.csv', path: path.join(dir, 'gone.csv') })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('找不到要导入的文件 gone.csv') });
    await expect(importFileBytes({ fileName: 'dir', path: dir })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('不是普通文件') });
    const big = path.join(dir, 'big.csv');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, MAX_IMPORT_BYTES + 1); // sparse: nothing is written
    await expect(importFileBytes({ fileName: 'big.csv', path: big })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('超过导入上限 256 MB') });
    await expect(importFileBytes({ fileName: 'u.csv', upload: 'AAAAAAAAAAAAAAAAAAAAAAAA' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('已失效') });
  });
});

describe('import.analyse by path through the contract', () => {
  it('analyses the exported pool from its path as it does from its bytes', async () => {
    const { service } = defaultService();
    const exported = await call(service, 'data.export', { poolYear: 2023, format: 'csv' });
    const file = path.join(dir, 'pool.csv');
    fs.writeFileSync(file, Buffer.from(exported.base64, 'base64'));
    const byPath = await call(service, 'import.analyse', { fileName: 'pool.csv', path: file, poolYear: 2023 });
    const byBytes = await call(service, 'import.analyse', { fileName: 'pool.csv', base64: exported.base64, poolYear: 2023 });
    expect(byPath.counts?.rows).toBeGreaterThan(0);
    expect(byPath).toEqual(byBytes);
  });
});
