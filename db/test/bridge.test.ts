import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, startBridge, type Bridge } from '../bridge';
import type { Envelope, EventName } from '../contract';
import { openPoolDb, type PoolDb } from '../open';
import { createService } from '../service';

const INDEX = '<!doctype html><title>Champion Pool</title>';
const SECRET = 'top-secret-outside-the-static-dir';

let dir: string;
let pool: PoolDb;
let bridge: Bridge;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bridge-test-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(dir, 'static-other.txt'), SECRET); // a sibling whose name shares the dir's prefix
  pool = openPoolDb({ file: path.join(dir, 'data', 'pool.sqlite'), create: 'default' });
  const service = createService({ db: pool.db, dataFile: pool.file, actor: 'browser', appVersion: '0.0.0' });
  bridge = await startBridge({ service, staticDir });
});
afterAll(async () => {
  await bridge.close();
  pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with full control of the path and headers (fetch normalises paths and will not set Host). */
function raw(urlPath: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: options.host ?? '127.0.0.1', port: bridge.port, path: urlPath, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${bridge.token}` });

async function api(method: string, input: unknown, headers: Record<string, string> = auth()): Promise<Response> {
  return fetch(`${bridge.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

describe('bridge', () => {
  it('listens on 127.0.0.1 only, with a random token passed in the URL fragment', async () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(bridge.openUrl).toBe(`${bridge.url}#token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    for (const host of ['127.0.0.2', '::1']) {
      await expect(raw('/', { host }), host).rejects.toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/) });
    }
  });

  it('answers POST /api/pool.list with the right token with the envelope', async () => {
    const res = await api('pool.list', { year: 2023, limit: 5 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const env = (await res.json()) as Envelope<{ total: number; rows: unknown[]; dataYear: number }>;
    expect(env.ok).toBe(true);
    if (env.ok) {
      expect(env.data.total).toBe(11);
      expect(env.data.rows).toHaveLength(5);
      expect(env.data.dataYear).toBe(2022);
    }
  });

  it('refuses a missing or wrong token with 401', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${bridge.token}x` }, { Authorization: `Basic ${bridge.token}` }]) {
      const res = await api('pool.list', { year: 2023 }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    }
  });

  it('refuses a foreign Host header with 403 (DNS rebinding) and accepts localhost', async () => {
    for (const host of [`evil.example:${bridge.port}`, `127.0.0.1:${bridge.port + 1}`, 'evil.example', `127.0.0.1.evil.example:${bridge.port}`]) {
      const res = await raw('/api/pool.list', { method: 'POST', headers: { ...auth(), Host: host, 'Content-Type': 'application/json' }, body: '{"year":2023}' });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('creditCode');
      const page = await raw('/', { headers: { Host: host } });
      expect(page.status).toBe(403);
      expect(page.body).not.toContain(INDEX);
    }
    const ok = await raw('/api/pool.list', { method: 'POST', headers: { ...auth(), Host: `localhost:${bridge.port}` }, body: '{"year":2023}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).ok).toBe(true);
  });

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${bridge.port + 1}`, `https://127.0.0.1:${bridge.port}`]) {
      const res = await api('pool.list', { year: 2023 }, { ...auth(), Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    expect((await api('pool.list', { year: 2023 }, { ...auth(), Origin: `http://127.0.0.1:${bridge.port}` })).status).toBe(200);
    expect((await api('pool.list', { year: 2023 }, { ...auth(), Origin: `http://localhost:${bridge.port}` })).status).toBe(200);
  });

  it('answers an unknown method with the unknown_method envelope and refuses GET on the API', async () => {
    const res = await api('pool.drop', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const proto = await api('__proto__', {});
    expect(await proto.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    for (const m of ['pool.drop', 'pool.list']) {
      const get = await fetch(`${bridge.url}api/${m}`, { headers: auth() });
      expect(get.status).toBe(405);
      expect(await get.json()).toMatchObject({ ok: false, error: { code: 'method_not_allowed' } });
    }
  });

  it('answers a bad body or bad input with invalid_input', async () => {
    const bad = await fetch(`${bridge.url}api/pool.list`, { method: 'POST', headers: auth(), body: '{"year":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const invalid = await api('pool.list', { year: 2023, sort: { column: 'name; DROP TABLE firms', dir: 'asc' } });
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // an empty body is an empty input
    const info = await fetch(`${bridge.url}api/app.info`, { method: 'POST', headers: auth() });
    expect(await info.json()).toMatchObject({ ok: true, data: { counts: { firms: 11 } } });
  });

  it('serves the UI with the CSP header, and index.html for app routes', async () => {
    const res = await fetch(bridge.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    const js = await fetch(`${bridge.url}assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CSP);
    expect(await js.text()).toBe('console.log(1)');
    expect(await (await fetch(`${bridge.url}firms/12`)).text()).toBe(INDEX);
    expect((await fetch(`${bridge.url}assets/missing.png`)).status).toBe(404);
    // the static files need no token, but other verbs are refused
    expect((await fetch(bridge.url, { method: 'POST' })).status).toBe(405);
  });

  it('does not serve files outside the static dir', async () => {
    // [path, what must come back]: the SPA page, a refusal (403) or not found (404) — never the file
    const attempts: [string, 'index' | 400 | 403 | 404][] = [
      ['/../../etc/passwd', 'index'], // the URL parser removes the dot segments: an app route
      ['/../secret.txt', 404],
      ['/%2e%2e/secret.txt', 404],
      ['/%2e%2e%2fsecret.txt', 403],
      ['/..%2fsecret.txt', 403],
      ['/..%5csecret.txt', 400], // a backslash (a separator on Windows only) is no part of any UI file's name
      ['/assets/..%2f..%2fsecret.txt', 403],
      ['/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'index'],
      ['/..%2fstatic-other.txt', 403], // shares the static dir's name as a prefix
      ['//etc/passwd', 'index'],
    ];
    for (const [p, want] of attempts) {
      const res = await raw(p);
      expect(res.body, p).not.toContain(SECRET);
      expect(res.body, p).not.toMatch(/root:.*:0:0:/);
      if (want === 'index') expect([res.status, res.body], p).toEqual([200, INDEX]);
      else expect(res.status, p).toBe(want);
    }
  });

  it('streams events to /api/events with the token', async () => {
    expect((await fetch(`${bridge.url}api/events?token=wrong`)).status).toBe(401);
    expect((await fetch(`${bridge.url}api/events`)).status).toBe(401);

    const ac = new AbortController();
    const res = await fetch(`${bridge.url}api/events?token=${encodeURIComponent(bridge.token)}`, { signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(': connected');
    bridge.emit('not-an-event' as EventName, { x: 1 }); // not in EVENTS: dropped
    bridge.emit('data:changed', { method: 'firm.updateFigures' });
    await readUntil('event: data:changed\ndata: {"method":"firm.updateFigures"}\n\n');
    expect(text).not.toContain('not-an-event');
    ac.abort();
  });
});

describe('bridge options', () => {
  it('uses a given token, serves the API only without a static dir, and closes with a listener open', async () => {
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 'x', appVersion: '0' });
    const b = await startBridge({ service, token: 'fixed-token-for-test' });
    try {
      expect(b.token).toBe('fixed-token-for-test');
      const res = await fetch(`${b.url}api/app.info`, { method: 'POST', headers: { Authorization: 'Bearer fixed-token-for-test' }, body: '{}' });
      expect(((await res.json()) as Envelope<unknown>).ok).toBe(true);
      const page = await fetch(b.url);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain('<html');
      const events = await fetch(`${b.url}api/events?token=fixed-token-for-test`);
      expect(events.status).toBe(200);
    } finally {
      await b.close();
    }
    await expect(fetch(`${b.url}api/app.info`, { method: 'POST' })).rejects.toThrow();
  });
});
