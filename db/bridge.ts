// The loopback bridge: the same service over HTTP for browser mode and the e2e tests. It listens on
// 127.0.0.1 only, wants a per-run random token on every API call, refuses foreign Host/Origin headers
// (DNS rebinding), and serves the built UI with the same strict CSP the desktop window uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { EVENTS, type EventName } from './contract';
import { dispatch, type Service } from './service';

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// An import's file travels as base64 in the body: 256 MB of file is about 342 MB of text.
const MAX_BODY = 360 * 1024 * 1024;

export interface BridgeOptions {
  service: Service;
  /** The built renderer (index.html and assets); omit to serve the API only. */
  staticDir?: string;
  port?: number;
  token?: string;
}

export interface Bridge {
  readonly url: string;
  /** The URL to open: the token travels in the fragment, which is never sent to a server or logged. */
  readonly openUrl: string;
  readonly token: string;
  readonly port: number;
  emit(event: EventName, payload?: unknown): void;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), TYPES['.json']);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const listeners = new Set<http.ServerResponse>();
  let port = 0;

  const allowedHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined) => !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  function serveStatic(urlPath: string, res: http.ServerResponse): void {
    if (!options.staticDir) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'no UI is served here' } });
    const root = path.resolve(options.staticDir);
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath.split('?')[0]);
    } catch {
      return send(res, 400, 'bad request', 'text/plain');
    }
    if (rel === '/' || !path.extname(rel)) rel = '/index.html'; // single-page app
    const file = path.resolve(root, '.' + rel);
    if (!file.startsWith(root + path.sep)) return send(res, 403, 'forbidden', 'text/plain');
    fs.readFile(file, (err, data) => {
      if (err) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
      send(res, 200, data, TYPES[path.extname(file)] ?? 'application/octet-stream');
    });
  }

  async function serveApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events') {
      if (!sameToken(url.searchParams.get('token') ?? '', token)) return sendJson(res, 401, { ok: false, error: { code: 'unauthorised', message: 'bad token' } });
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice('Bearer '.length), token)) return sendJson(res, 401, { ok: false, error: { code: 'unauthorised', message: 'bad token' } });
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'POST only' } });
    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body ? JSON.parse(body) : {};
    } catch (e) {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `请求无法解析：${(e as Error).message}` } });
    }
    sendJson(res, 200, await dispatch(options.service, method, input));
  }

  const server = http.createServer((req, res) => {
    if (!allowedHost(req.headers.host) || !allowedOrigin(req.headers.origin)) return send(res, 403, 'forbidden host or origin', 'text/plain');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      serveApi(req, res, url).catch((e: unknown) => sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(e) } }));
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(url.pathname, res);
    } else send(res, 405, 'method not allowed', 'text/plain');
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}/`;
      resolve({
        url,
        openUrl: `${url}#token=${token}`,
        token,
        port,
        emit(event, payload) {
          if (!EVENTS.includes(event)) return;
          const line = `event: ${event}\ndata: ${JSON.stringify(payload ?? null)}\n\n`;
          for (const l of listeners) l.write(line);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const l of listeners) l.end();
            listeners.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
