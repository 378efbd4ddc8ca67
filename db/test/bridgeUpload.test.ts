// How an import file reaches the service in browser mode: streamed to POST /api/upload (never base64 inside
// JSON), named by an id in import calls, 413 with the limit in Chinese for a body over a limit — answered,
// not dropped — and other requests served while a big body streams.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY, startBridge, type Bridge } from '../bridge';
import type { Envelope } from '../contract';
import { openPoolDb, type PoolDb } from '../open';
import { createService } from '../service';
import { KEPT_UPLOADS, UploadStore } from '../uploads';
import { Readable } from 'node:stream';

const MAX_UPLOAD = 256 * 1024; // lowered for the test, so an over-limit body is quick to send

let dir: string;
let pool: PoolDb;
let bridge: Bridge;
let csv: Buffer;

interface Answer {
  status: number;
  body: string;
}

/** A request through node:http, so the test controls the body's pace, its declared length and chunking. */
function request(urlPath: string, options: { headers?: Record<string, string>; body?: (req: http.ClientRequest) => void } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: bridge.port, path: urlPath, method: 'POST', headers: { Authorization: `Bearer ${bridge.token}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body) options.body(req);
    else req.end();
  });
}

const upload = (bytes: Buffer) => request('/api/upload', { headers: { 'Content-Type': 'application/octet-stream' }, body: (req) => req.end(bytes) });

async function call(method: string, input: unknown): Promise<Envelope<unknown>> {
  const res = await fetch(`${bridge.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` }, body: JSON.stringify(input) });
  return (await res.json()) as Envelope<Record<string, unknown>>;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-upload-test-'));
  pool = openPoolDb({ file: path.join(dir, 'pool.sqlite'), create: 'default' });
  const service = createService({ db: pool.db, dataFile: pool.file, actor: 'browser', appVersion: '0.0.0' });
  bridge = await startBridge({ service, maxUpload: MAX_UPLOAD });
  const exported = await call('data.export', { poolYear: 2023, format: 'csv' });
  csv = Buffer.from((exported as unknown as { data: { base64: string } }).data.base64, 'base64');
});
afterAll(async () => {
  await bridge.close();
  pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('import files in browser mode', () => {
  it('takes the file as a raw stream and analyses it again by its id without a second upload', async () => {
    const res = await upload(csv);
    expect(res.status).toBe(200);
    const receipt = JSON.parse(res.body) as Envelope<{ upload: string; bytes: number }>;
    if (!receipt.ok) throw new Error(receipt.error.message);
    expect(receipt.data.bytes).toBe(csv.length);
    for (const mapping of [undefined, {}]) {
      const r = await call('import.analyse', { fileName: 'pool.csv', upload: receipt.data.upload, poolYear: 2023, ...(mapping ? { mapping } : {}) });
      expect(r).toMatchObject({ ok: true, data: { fileName: 'pool.csv', format: 'csv', refused: false } });
      expect((r as unknown as { data: { counts: { rows: number } } }).data.counts.rows).toBeGreaterThan(0);
    }
  });

  it('refuses a path named by the page, and says an unknown upload has expired', async () => {
    const file = path.join(dir, 'elsewhere.csv');
    fs.writeFileSync(file, csv);
    const named = await call('import.analyse', { fileName: 'x.csv', path: file });
    expect(named).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('浏览器模式不接受文件路径') } });
    const expired = await call('import.analyse', { fileName: 'x.csv', upload: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(expired).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('已失效') } });
  });

  it('answers 413 with the limit in Chinese for an upload over the limit, declared or streamed, and keeps serving', async () => {
    const over = Buffer.alloc(MAX_UPLOAD + 1, 0x61);
    // Declared: refused before a byte is stored; chunked: refused when the limit is passed.
    const declared = await upload(over);
    const chunked = await request('/api/upload', {
      headers: { 'Transfer-Encoding': 'chunked' },
      body: (req) => {
        for (let i = 0; i < over.length; i += 16 * 1024) req.write(over.subarray(i, i + 16 * 1024));
        req.end();
      },
    });
    for (const res of [declared, chunked]) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringContaining('256 KB 的导入上限'), details: { limit: MAX_UPLOAD } } });
    }
    expect((await call('pool.years', {})).ok).toBe(true);
  });

  it('answers 413 for a JSON body over its limit, and takes one just under it', async () => {
    const over = JSON.stringify({ fileName: 'x.csv', base64: 'A'.repeat(MAX_JSON_BODY) });
    const res = await request('/api/import.analyse', { headers: { 'Content-Type': 'application/json' }, body: (req) => req.end(over) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringContaining('1 MB 的上限') } });
    // Without a declared length the limit is found while reading; the answer is the same.
    const streamed = await request('/api/import.analyse', {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: (req) => {
        for (let i = 0; i < over.length; i += 64 * 1024) req.write(over.slice(i, i + 64 * 1024));
        req.end();
      },
    });
    expect(streamed.status).toBe(413);
    const under = JSON.stringify({ fileName: 'x.csv', base64: Buffer.from(csv).toString('base64').padEnd(MAX_JSON_BODY - 100, ' ') });
    expect(Buffer.byteLength(under)).toBeLessThan(MAX_JSON_BODY);
    const answered = await request('/api/pool.years', { headers: { 'Content-Type': 'application/json' }, body: (req) => req.end(under) });
    expect(answered.status).toBe(200);
  });

  it('answers other requests while an upload is still streaming', async () => {
    const body = new Readable({ read() {} });
    let finished = false;
    const pending = request('/api/upload', { headers: { 'Transfer-Encoding': 'chunked' }, body: (req) => body.pipe(req) }).then((r) => {
      finished = true;
      return r;
    });
    body.push(csv.subarray(0, 100));
    // The upload is open and unfinished; the server still answers.
    const years = await call('pool.years', {});
    expect(years.ok).toBe(true);
    expect(finished).toBe(false);
    body.push(csv.subarray(100));
    body.push(null);
    const done = await pending;
    expect(JSON.parse(done.body)).toMatchObject({ ok: true, data: { bytes: csv.length } });
  });

  it('needs the token for an upload, and only POST', async () => {
    const res = await fetch(`${bridge.url}api/upload`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(401);
    const get = await fetch(`${bridge.url}api/upload`, { headers: { Authorization: `Bearer ${bridge.token}` } });
    expect(get.status).toBe(405);
  });
});

describe('the upload store', () => {
  it('keeps more small uploads while they fit the byte budget: a city’s packages chosen together', async () => {
    const store = new UploadStore(1024, 2, 100);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await store.receive(Readable.from([Buffer.alloc(20, i)]))).upload);
    // 6 × 20 bytes is over 100: the oldest goes, five (100 bytes) stay.
    expect(ids.map((id) => store.pathOf(id) !== null)).toEqual([false, true, true, true, true, true]);
    store.close();
  });

  it('keeps the latest uploads only, refuses ids it did not give, and leaves nothing behind when closed', async () => {
    const store = new UploadStore(1024, KEPT_UPLOADS, 10);
    const ids: string[] = [];
    for (let i = 0; i <= KEPT_UPLOADS; i++) ids.push((await store.receive(Readable.from([Buffer.from(`file ${i}`)]))).upload);
    expect(store.pathOf(ids[0])).toBeNull();
    expect(fs.readFileSync(store.pathOf(ids[KEPT_UPLOADS])!, 'utf8')).toBe(`file ${KEPT_UPLOADS}`);
    for (const bad of ['../pool.sqlite', 'short', ids[1] + '/x']) expect(store.pathOf(bad)).toBeNull();
    await expect(store.receive(Readable.from([Buffer.alloc(1025)]))).rejects.toThrow('upload over 1024 bytes');
    expect(fs.readdirSync(store.dir)).toHaveLength(KEPT_UPLOADS); // the refused one's part file is gone
    store.close();
    expect(fs.existsSync(store.dir)).toBe(false);
  });
});
