// `champion-pool serve` in its own process, as `npm start` runs it in browser mode: it needs the built UI,
// which is why it lives here (npm test builds before the end-to-end tests) and not among the unit tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = path.resolve(import.meta.dirname, '../bin/champion-pool.mjs');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-serve-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool serve', () => {
  it('answers on 127.0.0.1 with a token and the same service, and releases the file when stopped', async () => {
    const file = path.join(dir, 'served.sqlite');
    const child = spawn(process.execPath, [CLI, 'serve', '--db', file, '--port', '0']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const [base, token] = await new Promise<[string, string]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/.exec(out);
          if (m) resolve([m[1], m[2]]);
        });
        child.on('exit', () => reject(new Error(out)));
      });
      const res = await fetch(`${base}api/pool.list`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ year: 2023 }) });
      const body = (await res.json()) as { ok: boolean; data: { total: number } };
      expect(body.ok).toBe(true);
      expect(body.data.total).toBe(11);
      expect((await fetch(`${base}api/pool.list`, { method: 'POST', body: '{}' })).status).toBe(401);
      const page = await fetch(base);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});
