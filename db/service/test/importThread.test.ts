// The import thread: the same parsed file as reading it here (corpus files of every kind, refused and unreadable
// ones included), the bytes moved rather than copied, progress as the rows are read, a newer request superseding
// an older analysis, a crash reported as an error, and the service answering other calls while a large file is read.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { parseImportFile, PROGRESS_ROWS, type ParsedFile, type ReadProgress } from '../../import/parse';
import { FileBytes, UnreadableFile } from '../../import/read';
import { syntheticCsv } from '../../import/test/synth';
import { call, defaultService, tempDir } from '../../test/helpers';
import { dispatch } from '../index';
import { closeService, createService } from '../index';
import { packedBuffers, packFile, unpackFile } from '../importProtocol';
import { KEEP_THREAD_BELOW, startImportThread, type ImportThread, type ThreadProgress } from '../importThread';

const WORKER = path.join(import.meta.dirname, '..', 'importWorker.dev.mjs');
const CORPUS = path.join(import.meta.dirname, '..', '..', 'import', 'test', 'corpus');
let thread: ImportThread | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

/** The parse here, or the error it throws (class and message). */
async function here(bytes: Uint8Array, fileName: string, options = {}): Promise<ParsedFile | { error: string; message: string }> {
  try {
    return await parseImportFile(new Uint8Array(bytes), fileName, options);
  } catch (e) {
    return { error: e instanceof UnreadableFile ? 'unreadable' : 'other', message: (e as Error).message };
  }
}

async function there(t: ImportThread, bytes: Uint8Array, fileName: string, options = {}): Promise<ParsedFile | { error: string; message: string }> {
  try {
    return await t.parse(new Uint8Array(bytes), { fileName, options, supersedable: true });
  } catch (e) {
    return { error: e instanceof UnreadableFile ? 'unreadable' : 'other', message: (e as Error).message };
  }
}

/** A script standing in for the worker that fails as told: `throw` (an uncaught error) or `exit`. */
function crashingWorker(how: 'throw' | 'exit'): string {
  const file = path.join(tempDir(), `crash-${how}.mjs`);
  const act = how === 'throw' ? "throw new Error('读取器崩溃')" : 'process.exit(3)';
  fs.writeFileSync(file, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { ${act}; });\n`);
  return file;
}

/** A CSV of `firms` × 5 years, written to a file the service reads by path. */
function largeCsv(firms: number): string {
  const file = path.join(tempDir(), '全省企业年度数据.csv');
  fs.writeFileSync(file, syntheticCsv(firms, [2019, 2020, 2021, 2022, 2023]));
  return file;
}

describe('the import thread', () => {
  it('gives the parsed file that reading it here gives, for every corpus file (CSV GBK, xlsx, xls, refused, unreadable)', async () => {
    thread = startImportThread(WORKER);
    const files = fs.readdirSync(CORPUS).filter((f) => f !== 'README.md');
    for (const name of ['a03-gbk-excel.csv', 'a05-xlsx-template.xlsx', 'a37-libreoffice.xls', 'r01-bad-check-character.csv', 'r06-share-over-100.xlsx', 'r25-pdf-named-xlsx.xlsx']) expect(files).toContain(name);
    const kinds = new Set<string>();
    for (const name of files) {
      const bytes = fs.readFileSync(path.join(CORPUS, name));
      const inline = await here(bytes, name);
      const threaded = await there(thread, bytes, name);
      expect(threaded, name).toStrictEqual(inline);
      kinds.add('error' in inline ? inline.error : inline.parsed?.problems.some((p) => p.level === 'error') ? 'refused' : inline.file.format);
    }
    // Every kind of outcome was compared: files read, files refused by their cells, files refused as unreadable.
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['csv', 'xlsx', 'xls', 'ods', 'et', 'refused', 'unreadable']));
    // The analyst's choices travel with the file: an encoding override, a sheet, a mapping, units.
    const gbk = fs.readFileSync(path.join(CORPUS, 'a04-gbk-override.csv'));
    expect(await there(thread, gbk, 'a04.csv', { encoding: 'gbk' })).toStrictEqual(await here(gbk, 'a04.csv', { encoding: 'gbk' }));
    const sheets = fs.readFileSync(path.join(CORPUS, 'a26-explicit-sheet.xlsx'));
    const named = await here(sheets, 'a26.xlsx', { sheet: '2023年' });
    expect(await there(thread, sheets, 'a26.xlsx', { sheet: '2023年' })).toStrictEqual(named);
  }, 120_000);

  it('gives the same records and problems across the chunks they are packed in', async () => {
    thread = startImportThread(WORKER);
    // 2,500 firms × 3 years: more records than one chunk; then every row of 2021 refused, more problems than one.
    const good = syntheticCsv(2500);
    const bad = Buffer.from(good.toString('utf8').replaceAll(',2021,', ',1800,'), 'utf8');
    for (const [name, bytes] of [['good.csv', good], ['bad.csv', bad]] as const) {
      const inline = await here(bytes, name);
      expect(await there(thread, bytes, name), name).toStrictEqual(inline);
      if (!('error' in inline)) expect(name === 'good.csv' ? inline.parsed?.records.length : inline.parsed?.problems.length).toBeGreaterThan(2000);
    }
  }, 60_000);

  it('packs a file into moved buffers only, no text to copy as the message arrives, and unpacks it exactly', async () => {
    const read = await here(syntheticCsv(2500), 'x.csv');
    if ('error' in read || !read.parsed) throw new Error('the synthetic file reads');
    // Names a text hand-over can lose on the way: a leading U+FEFF (a decoder may drop it), a lone surrogate (UTF-8 has none).
    read.parsed.records[0].name = '\ufeff首字节序标记';
    read.parsed.records[2100].name = '孤\ud800代理';
    read.parsed.problems = [{ level: 'warning', sheet: 'x.csv', row: 3, column: '企业名称', value: '\ud83d', reason: '核对' }];
    const packed = packFile(read);
    const moved = new Set(packedBuffers(packed));
    // Every typed array or byte text of the records and problems is in the list of buffers moved with the message.
    const carried = [...Object.values(packed.parsed!.records), ...Object.values(packed.parsed!.problems)].flatMap((v) =>
      ArrayBuffer.isView(v) ? [v] : typeof v === 'object' ? Object.values(v as object) : [],
    );
    expect(carried.length).toBeGreaterThanOrEqual(7);
    for (const a of carried) expect(moved.has((a as Uint8Array).buffer as ArrayBuffer)).toBe(true);
    expect(Object.values(packed.parsed!.records).filter((v) => typeof v === 'string')).toEqual([]);
    expect(await unpackFile(structuredClone(packed, { transfer: [...moved] }))).toStrictEqual(read);
  });

  it('moves a buffer of the bytes’ own to the thread, and copies a view into a shared one', async () => {
    thread = startImportThread(WORKER);
    const own = new Uint8Array(fs.readFileSync(path.join(CORPUS, 'a01-utf8-plain.csv')));
    const holder = new FileBytes(own);
    const parsed = await thread.parse(holder, { fileName: 'a01.csv', options: {}, supersedable: true });
    expect(parsed.parsed?.records).toHaveLength(3);
    expect(holder.taken).toBe(true);
    expect(own.byteLength).toBe(0); // transferred, not copied
    // Node's small Buffers share one pool: the view is copied, and the pool's other contents stay readable.
    const text = fs.readFileSync(path.join(CORPUS, 'a01-utf8-plain.csv'), 'utf8');
    const pooled = Buffer.from(text);
    const neighbour = Buffer.from('邻居');
    if (pooled.buffer === neighbour.buffer) expect(pooled.byteLength).toBeLessThan(pooled.buffer.byteLength);
    await thread.parse(pooled, { fileName: 'a01.csv', options: {}, supersedable: true });
    expect(pooled.toString('utf8')).toBe(text);
    expect(neighbour.toString('utf8')).toBe('邻居');
  }, 60_000);

  it('reports rows read and how much of the text, here and in the thread alike', async () => {
    const bytes = syntheticCsv(3000);
    const inline: ReadProgress[] = [];
    await parseImportFile(new Uint8Array(bytes), 's.csv', { progress: (p) => inline.push(p) });
    expect(inline.filter((p) => p.rows > 0 && p.rows < 9002).map((p) => p.rows)).toEqual([2000, 4000, 6000, 8000]);
    const last = inline.at(-1)!;
    expect(last.rows).toBe(9002); // the header row, 3,000 firms × 3 years and the empty line after the last line break
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(0);
    thread = startImportThread(WORKER);
    const seen: ThreadProgress[] = [];
    await thread.parse(new Uint8Array(bytes), { fileName: 's.csv', options: {}, supersedable: true, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ phase: 'reading', rows: 0, done: 0, total: 0 });
    expect(seen.filter((p) => p.phase === 'checking').map(({ rows, done, total }) => ({ rows, done, total }))).toEqual(inline.filter((p) => p.rows > 0));
    // Once read, its 9,000 records are taken back for the plan.
    expect(seen.at(-1)).toEqual({ phase: 'planning', rows: 9000, done: 0, total: 0 });
    expect(PROGRESS_ROWS).toBe(2000);
  }, 60_000);

  it('stops an analysis superseded by a newer request, telling its caller, and answers the newer', async () => {
    thread = startImportThread(WORKER);
    const large = syntheticCsv(20_000);
    const small = fs.readFileSync(path.join(CORPUS, 'a01-utf8-plain.csv'));
    const older = thread.parse(new Uint8Array(large), { fileName: 'large.csv', options: {}, supersedable: true });
    const newer = thread.parse(new Uint8Array(small), { fileName: 'a01.csv', options: {}, supersedable: true });
    await expect(older).rejects.toMatchObject({ code: 'unavailable', details: { superseded: true } });
    await expect(older).rejects.toBeInstanceOf(AppError);
    expect(await newer).toStrictEqual(await parseImportFile(new Uint8Array(small), 'a01.csv'));
    // A request that came in earlier but whose file was ready later is superseded already.
    const later = thread.parse(new Uint8Array(small), { fileName: 'a01.csv', options: {}, supersedable: true, order: 10 });
    await expect(thread.parse(new Uint8Array(small), { fileName: 'a01.csv', options: {}, supersedable: true, order: 9 })).rejects.toMatchObject({ details: { superseded: true } });
    expect((await later).parsed?.records).toHaveLength(3);
  }, 60_000);

  it('lets an apply’s reading finish: a newer request waits for it', async () => {
    thread = startImportThread(WORKER);
    const large = syntheticCsv(5000);
    const small = fs.readFileSync(path.join(CORPUS, 'a01-utf8-plain.csv'));
    const apply = thread.parse(new Uint8Array(large), { fileName: 'large.csv', options: {}, supersedable: false });
    const newer = thread.parse(new Uint8Array(small), { fileName: 'a01.csv', options: {}, supersedable: true });
    expect((await apply).parsed?.records).toHaveLength(15_000);
    expect((await newer).parsed?.records).toHaveLength(3);
  }, 60_000);

  it('keeps the thread after a small file for the next, and ends it after a large one', async () => {
    // The worker's sources behind a script that notes each start of a thread.
    const dir = tempDir();
    const starts = path.join(dir, 'starts.txt');
    const counting = path.join(dir, 'counting.mjs');
    fs.writeFileSync(counting, `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(starts)}, 'x');\nawait import(${JSON.stringify(pathToFileURL(WORKER).href)});\n`);
    thread = startImportThread(counting);
    const small = fs.readFileSync(path.join(CORPUS, 'a01-utf8-plain.csv'));
    const read = async (bytes: Buffer) => (await thread!.parse(new Uint8Array(bytes), { fileName: 'f.csv', options: {}, supersedable: true })).parsed!.records.length;
    expect(await read(small)).toBe(3);
    expect(await read(small)).toBe(3);
    expect(fs.readFileSync(starts, 'utf8')).toBe('x');
    const firms = Math.ceil(KEEP_THREAD_BELOW / 3);
    expect(await read(syntheticCsv(firms))).toBe(firms * 3);
    expect(await read(small)).toBe(3);
    expect(fs.readFileSync(starts, 'utf8')).toBe('xx');
  }, 60_000);

  it('reports a crashed thread as an error, never a hang', async () => {
    for (const how of ['throw', 'exit'] as const) {
      thread = startImportThread(crashingWorker(how));
      const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, 'a01-utf8-plain.csv')));
      const failed = thread.parse(bytes, { fileName: 'a01.csv', options: {}, supersedable: true });
      await expect(failed).rejects.toBeInstanceOf(AppError);
      await expect(failed).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('导入文件读取线程') });
      await thread.close();
    }
    // Through the service, the analyst is told the same, and nothing is written.
    const { pool } = defaultService();
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', importWorker: crashingWorker('exit') });
    try {
      const env = await dispatch(service, 'import.analyse', { fileName: 'a01.csv', path: path.join(CORPUS, 'a01-utf8-plain.csv') });
      expect(env).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('导入文件读取线程意外退出') } });
      expect(await call(service, 'import.progress', {})).toMatchObject({ running: false });
    } finally {
      await closeService(service);
    }
  }, 60_000);
});

describe('the service with an import thread', () => {
  it('gives the report the service gives reading the file itself', async () => {
    const { pool, service: inline } = defaultService();
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', importWorker: WORKER });
    try {
      for (const name of ['a03-gbk-excel.csv', 'a05-xlsx-template.xlsx', 'r06-share-over-100.xlsx', 'r25-pdf-named-xlsx.xlsx']) {
        const input = { fileName: name, path: path.join(CORPUS, name), setId: 'cn-champion-2023', poolYear: 2023 };
        expect(await call(service, 'import.analyse', input), name).toStrictEqual(await call(inline, 'import.analyse', input));
      }
    } finally {
      await closeService(service);
    }
  }, 60_000);

  it('answers a small call, and says how far the reading has got, while a large file is read', async () => {
    const { pool } = defaultService();
    const file = largeCsv(20_000);
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', importWorker: WORKER });
    try {
      expect(await call(service, 'import.progress', {})).toEqual({ running: false, fileName: null, phase: null, rows: 0, done: 0, total: 0 });
      const order: string[] = [];
      let finished = false;
      const analysed = call(service, 'import.analyse', { fileName: '全省.csv', path: file }).then((r) => {
        order.push('analyse');
        finished = true;
        return r;
      });
      const years = call(service, 'pool.years', {}).then(() => order.push('years'));
      const seen: Awaited<ReturnType<typeof progress>>[] = [];
      const progress = () => call(service, 'import.progress', {});
      while (!finished) {
        seen.push(await progress());
        await new Promise((ok) => setTimeout(ok, 5));
      }
      const [report] = await Promise.all([analysed, years]);
      expect(order).toEqual(['years', 'analyse']);
      expect(report).toMatchObject({ refused: false, counts: { newFirms: 20_000 } });
      const running = seen.filter((p) => p.running);
      expect(running.length).toBeGreaterThan(0);
      for (const p of running) expect(p.fileName).toBe('全省.csv');
      // The steps in their order: opening, rows checked, the plan.
      const steps = running.map((p) => ['reading', 'checking', 'planning'].indexOf(p.phase!));
      expect(steps).toEqual([...steps].sort());
      const checking = running.filter((p) => p.phase === 'checking');
      expect(checking.length).toBeGreaterThan(0);
      for (const p of checking) {
        // Every PROGRESS_ROWS rows, and once at the end of the file.
        expect(p.rows % PROGRESS_ROWS === 0 || p.done === p.total).toBe(true);
        expect(p.done).toBeLessThanOrEqual(p.total);
      }
      expect((await progress()).running).toBe(false);
    } finally {
      await closeService(service);
    }
  }, 120_000);

  it('supersedes an older analysis with a newer one: the older caller is told, the newer answered', async () => {
    const { pool } = defaultService();
    const file = largeCsv(20_000);
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', importWorker: WORKER });
    try {
      const older = dispatch(service, 'import.analyse', { fileName: '全省.csv', path: file });
      const newer = call(service, 'import.analyse', { fileName: 'a01.csv', path: path.join(CORPUS, 'a01-utf8-plain.csv') });
      expect(await older).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('已取消'), details: { superseded: true } } });
      expect(await newer).toMatchObject({ fileName: 'a01.csv', refused: false });
    } finally {
      await closeService(service);
    }
  }, 120_000);
});
