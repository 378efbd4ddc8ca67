// The service thread's protocol, both ends joined by a MessageChannel (messages are cloned as between threads).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceClient } from '../serviceHost/client';
import { InThreadService } from './inThread';
import { tempDir } from './fakes';

let tmp: ReturnType<typeof tempDir>;
let thread: InThreadService;
let client: ServiceClient;
const changes: string[] = [];
const order: string[] = [];

beforeEach(() => {
  tmp = tempDir('cp-servicehost-');
  thread = new InThreadService({ actor: 'tester', appVersion: '0.0.0-test' });
  changes.length = 0;
  order.length = 0;
  client = new ServiceClient(thread, {
    onChange: (method) => {
      changes.push(method);
      order.push(`changed:${method}`);
    },
  });
});
afterEach(async () => {
  await client.dispose();
  tmp.cleanup();
});


describe('the service thread', () => {
  it('answers a call before any file is open with an error envelope', async () => {
    expect(await client.call('app.info', {})).toEqual({ ok: false, error: { code: 'unavailable', message: '没有打开的数据文件。' } });
    await expect(client.backup(path.join(tmp.dir, 'x.sqlite'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('pairs overlapping requests with their own replies', async () => {
    await client.open(path.join(tmp.dir, 'pool.sqlite'), 'default');
    const [info, years, bad] = await Promise.all([
      client.call('app.info', {}),
      client.call('pool.years', {}),
      client.call('pool.facets', { year: 'x' }),
    ]);
    expect(info).toMatchObject({ ok: true, data: { dataFile: path.join(tmp.dir, 'pool.sqlite') } });
    expect(years).toMatchObject({ ok: true, data: [expect.objectContaining({ year: 2023 })] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('tells of a write before the write’s answer arrives', async () => {
    await client.open(path.join(tmp.dir, 'pool.sqlite'), 'default');
    await client.call('snapshot.create', { reason: 'test' }).then(() => order.push('answered'));
    expect(order).toEqual(['changed:snapshot.create', 'answered']);
  });

  it('reports an open that fails as the same AppError, and an unchanged file for the same path', async () => {
    await expect(client.open(path.join(tmp.dir, 'missing.sqlite'), false)).rejects.toMatchObject({ name: 'AppError', code: 'not_found' });
    expect(await client.open(path.join(tmp.dir, 'pool.sqlite'), 'default')).toEqual({ file: path.join(tmp.dir, 'pool.sqlite'), switched: true });
    expect(await client.open(path.join(tmp.dir, 'pool.sqlite'), 'default')).toEqual({ file: path.join(tmp.dir, 'pool.sqlite'), switched: false });
  });

  it('once stopped, answers every call with an error and tells onStopped once', async () => {
    const onStopped = vi.fn();
    const t = new InThreadService({ actor: 'tester', appVersion: 't' });
    const c = new ServiceClient(t, { onChange: () => {}, onStopped });
    await c.open(path.join(tmp.dir, 'other.sqlite'), 'default');
    t.crash('boom');
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(await c.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
    await expect(c.open(path.join(tmp.dir, 'other.sqlite'), false)).rejects.toMatchObject({ code: 'internal' });
    await c.dispose();
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(path.join(tmp.dir, 'other.sqlite.lock'))).toBe(false);
  });

  it('hands the import thread’s script on to the service: an import file is read there', async () => {
    // A script that stands in for the import thread and stops at once: only a file read there fails so.
    const script = path.join(tmp.dir, 'importWorker.mjs');
    fs.writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const csv = path.join(tmp.dir, 'data.csv');
    fs.writeFileSync(csv, '统一社会信用代码,企业名称,年度,营业收入\n');
    const t = new InThreadService({ actor: 'tester', appVersion: 't', importWorker: script });
    const c = new ServiceClient(t, { onChange: () => {} });
    await c.open(path.join(tmp.dir, 'threaded.sqlite'), 'default');
    expect(await c.call('import.analyse', { fileName: 'data.csv', path: csv })).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('导入文件读取线程意外退出') } });
    await c.dispose();
  });
});

