import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));
vi.mock('electron', () => electron);

import { CSP } from '../../db/bridge';
import { createAppHandler, registerAppProtocol, registerAppScheme, resolveAppPath } from '../protocol';
import { tempDir } from './fakes';

const tmp = tempDir('cp-protocol-');
const root = path.join(tmp.dir, 'renderer');

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
});
afterAll(() => tmp.cleanup());

const inRoot = (p: string | null) => p !== null && (p + path.sep).startsWith(root + path.sep);

describe('resolveAppPath', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppPath(root, 'app://champion-pool/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://champion-pool/assets/app.js?v=1')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('falls back to index.html for the root and client-side routes', () => {
    expect(resolveAppPath(root, 'app://champion-pool/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://champion-pool')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://champion-pool/pool/12')).toBe(path.join(root, 'index.html'));
  });

  it('keeps dot segments the URL parser resolves inside the root', () => {
    for (const url of ['app://champion-pool/../../etc/passwd', 'app://champion-pool/%2e%2e/%2e%2e/etc/passwd', 'app://champion-pool/.%2E/secret.txt']) {
      const file = resolveAppPath(root, url);
      expect(inRoot(file), url).toBe(true);
      expect(file).not.toBe('/etc/passwd');
    }
  });

  it.each([
    'app://champion-pool/..%2f..%2f..%2fetc%2fpasswd',
    'app://champion-pool/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://champion-pool/%2e%2e%2fsecret.txt',
    'app://champion-pool/assets/..%2f..%2fsecret.txt',
    'app://champion-pool/..%5c..%5csecret.txt',
    'app://champion-pool/index.html%00.js',
    'app://champion-pool/%E0%A4%A',
    'app://other-host/index.html',
    'app://champion-pool@other-host/index.html',
    'http://champion-pool/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('createAppHandler', () => {
  const handler = createAppHandler(root);
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves index.html with the CSP and a type', async () => {
    const res = await get('app://champion-pool/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe(CSP);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>t</title>');
  });

  it('serves assets and client-side routes', async () => {
    const js = await get('app://champion-pool/assets/app.js');
    expect(js.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect(await (await get('app://champion-pool/firm/3')).text()).toContain('<title>t</title>');
  });

  it('answers 404 with the CSP for a missing file and for a traversal', async () => {
    for (const url of ['app://champion-pool/missing.js', 'app://champion-pool/..%2fsecret.txt', 'app://other-host/index.html']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('Content-Security-Policy')).toBe(CSP);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://champion-pool/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://champion-pool/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('Content-Security-Policy')).toBe(CSP);
  });
});

describe('registration', () => {
  it('registers app:// as standard, secure and fetch-capable', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('handles the app scheme with the file handler', async () => {
    registerAppProtocol(root);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const h = electron.protocol.handle.mock.calls[0][1] as (r: Request) => Promise<Response>;
    expect((await h(new Request('app://champion-pool/index.html'))).status).toBe(200);
  });
});
