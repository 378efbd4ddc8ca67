// Bad requests against a running bridge (in a child process, so an escaped exception would kill it, not the
// test runner): NUL and malformed escapes in paths, request lines no URL parser accepts, huge headers,
// bodies that are not UTF-8, and a few hundred random paths. Each gets an answer (400, 403, 404 or 431),
// and after all of them the bridge still serves the UI and the API.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeChildAlive, startBridgeChild, stopBridgeChild } from './fixtures/bridgeProcess';
import { tempDir } from './helpers';

afterEach(stopBridgeChild);

/** Sends raw bytes and returns the status code of the answer (0 when the connection closed without one). */
function raw(port: number, bytes: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout: no answer')));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
    socket.write(bytes); // not end(): a half-closed socket may be dropped before an asynchronous answer
  });
}

const request = (port: number, line: string, headers: string[] = [], body: Buffer = Buffer.alloc(0)) =>
  raw(port, Buffer.concat([Buffer.from([line, `Host: 127.0.0.1:${port}`, 'Connection: close', ...headers, `Content-Length: ${body.length}`, '', ''].join('\r\n'), 'latin1'), body]));

/** A small seeded generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('the bridge under bad requests', () => {
  it('answers every bad request and keeps serving', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'static', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'static', 'index.html'), 'ui');
    fs.writeFileSync(path.join(dir, 'static', 'assets', 'a.js'), 'js');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'static', 'assets', 'leak.txt'));
    fs.symlinkSync(dir, path.join(dir, 'static', 'outside'));
    const { port, token } = await startBridgeChild(dir);
    const auth = `Authorization: Bearer ${token}`;
    let sent = 0;
    const expectAnswer = async (what: string, p: Promise<{ status: number; text: string }>, allowed: number[]) => {
      sent++;
      const { status } = await p;
      expect(allowed, `${what} → ${status}`).toContain(status);
    };
    const stillServing = async () => {
      sent += 2;
      expect((await request(port, 'GET / HTTP/1.1')).status).toBe(200);
      const info = await request(port, 'POST /api/app.info HTTP/1.1', [auth, 'Content-Type: application/json'], Buffer.from('{}'));
      expect(info.status).toBe(200);
      expect(info.text).toContain('"ok":true');
    };

    // Paths with NUL, malformed escapes and backslashes: 400, never a crash.
    for (const p of ['/a%00.js', '/%00', '/assets/a.js%00.html', '/%ff', '/%E0%A4%A', '/assets/%', '/%', '/a%5cb.js', '/%C0%AF.js']) {
      await expectAnswer(p, request(port, `GET ${p} HTTP/1.1`), [400]);
    }
    for (const p of ['/api/%E0%A4%A', '/api/%00', '/api/app.info%00', '/api/%']) {
      await expectAnswer(p, request(port, `POST ${p} HTTP/1.1`, [auth], Buffer.from('{}')), [400]);
    }
    // Request lines no URL parser accepts, absolute forms, unknown methods and versions.
    for (const line of ['GET //[ HTTP/1.1', 'GET //[::1 HTTP/1.1', 'GET http://[ HTTP/1.1', 'GET * HTTP/1.1', 'GET //host:99999/ HTTP/1.1', 'BREW / HTTP/1.1', 'GET / HTTP/9.9', 'GET  HTTP/1.1', 'GET /\u0001 HTTP/1.1', 'GET /a b HTTP/1.1']) {
      await expectAnswer(JSON.stringify(line), request(port, line), [400, 404, 405, 505]);
    }
    await expectAnswer('binary garbage', raw(port, Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10])), [400]);
    // Huge and malformed headers.
    await expectAnswer('a 100 KB header', request(port, 'GET / HTTP/1.1', [`X-Big: ${'a'.repeat(100_000)}`]), [431]);
    await expectAnswer('2,000 headers', request(port, 'GET / HTTP/1.1', Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${'b'.repeat(40)}`)), [431]);
    await expectAnswer('NUL in a header', request(port, 'GET / HTTP/1.1', ['X-Nul: a\0b']), [400]);
    await expectAnswer('a header without a colon', request(port, 'GET / HTTP/1.1', ['no colon here']), [400]);
    // Bodies that are not valid UTF-8 are refused, not repaired.
    for (const body of [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf])]) {
      const res = request(port, 'POST /api/app.info HTTP/1.1', [auth, 'Content-Type: application/json'], body);
      await expectAnswer(`body ${body.toString('hex')}`, res, [400]);
      expect((await res).text).toContain('UTF-8');
    }
    // Symlinks out of the UI folder are not followed.
    await expectAnswer('symlinked file', request(port, 'GET /assets/leak.txt HTTP/1.1'), [403]);
    await expectAnswer('symlinked folder', request(port, 'GET /outside/secret.txt HTTP/1.1'), [403]);
    expect((await request(port, 'GET /assets/leak.txt HTTP/1.1')).text).not.toContain('secret');
    await stillServing();

    // Random paths: printable and not, escaped and not.
    const next = random(12);
    const alphabet = ['%', '%0', '%00', '%ff', '%2e', '%2f', '..', '/', '\\', '[', ']', '?', '#', '~', 'a', '中', '\u202e', ':', '@'];
    for (let i = 0; i < 300; i++) {
      let p = '/';
      for (let n = 1 + Math.floor(next() * 8); n > 0; n--) p += alphabet[Math.floor(next() * alphabet.length)];
      const api = next() < 0.3;
      const target = Buffer.from(`${api ? '/api' : ''}${p}`, 'utf8').toString('latin1');
      await expectAnswer(`random ${JSON.stringify(target)}`, request(port, `${api ? 'POST' : 'GET'} ${target} HTTP/1.1`, api ? [auth] : []), [200, 400, 403, 404]);
    }
    await stillServing();
    expect(bridgeChildAlive()).toBe(true);
    expect(sent).toBe(337);
  });
});
