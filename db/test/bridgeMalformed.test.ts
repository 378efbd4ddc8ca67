// A request path with a malformed percent-encoding must not take the bridge down. This runs the bridge in a
// child process (fixtures/bridgeChild.ts): an exception escaping a request handler would otherwise be an
// uncaught error in the test runner itself.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridgeChild, stopBridgeChild } from './fixtures/bridgeProcess';
import { tempDir } from './helpers';

afterEach(stopBridgeChild);

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

describe('bridge and malformed paths', () => {
  it('starts in a child process and serves the UI', { timeout: 20_000 }, async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'static'));
    fs.writeFileSync(path.join(dir, 'static', 'index.html'), 'ui');
    const { port } = await startBridgeChild(dir);
    expect(await get(port, '/')).toEqual({ status: 200, body: 'ui' });
    expect((await get(port, '/api/%ff')).status).toBe(401); // the API wants the token before it decodes anything
  });

  // decodeURIComponent throws URIError on a malformed escape such as `/%ff`; thrown synchronously inside the
  // http request listener it would kill the process (the CLI's `serve`, Electron's main) and leave the
  // request unanswered, so serveStatic decodes inside try/catch and answers 400.
  it('answers 400 to a malformed escape in a static path and keeps serving', { timeout: 20_000 }, async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'static'));
    fs.writeFileSync(path.join(dir, 'static', 'index.html'), 'ui');
    const { port } = await startBridgeChild(dir);
    for (const p of ['/%ff', '/%E0%A4%A', '/assets/%']) {
      const res = await get(port, p);
      expect(res.status, p).toBe(400);
    }
    expect(await get(port, '/')).toEqual({ status: 200, body: 'ui' });
  });
});
