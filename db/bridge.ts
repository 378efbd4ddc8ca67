// The loopback bridge: the same service over HTTP for browser mode and the e2e tests. It listens on
// 127.0.0.1 only, wants a per-run random token on every API call, refuses foreign Host/Origin headers
// (DNS rebinding), and serves the built UI with the same strict CSP the desktop window uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { contentType, CONTENT_TYPES, TEXT_PLAIN } from './contentTypes';
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

const sendJson = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), CONTENT_TYPES['.json']);
const badRequest = (res: http.ServerResponse, why: string) => sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `请求无效：${why}` } });

/** The request's URL, or null when the request line cannot be one of ours (e.g. `GET //[ HTTP/1.1`). */
function requestUrl(raw: string | undefined, port: number): URL | null {
  if (!raw || !raw.startsWith('/')) return null;
  try {
    return new URL(raw, `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** A percent-decoded path, or null for a malformed escape or a NUL or backslash (no file or method name has one). */
function decodedPath(p: string): string | null {
  let out: string;
  try {
    out = decodeURIComponent(p);
  } catch {
    return null;
  }
  return /[\0\\]/.test(out) ? null : out;
}

/** Strict UTF-8: a body that is not valid UTF-8 is refused, never repaired with replacement characters. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

const inside = (root: string, file: string) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

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
    req.on('end', () => {
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new Error('请求正文不是有效的 UTF-8 文本'));
      }
    });
    req.on('error', reject);
  });
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const listeners = new Set<http.ServerResponse>();
  let port = 0;

  const allowedHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined) => !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  async function serveStatic(urlPath: string, res: http.ServerResponse): Promise<void> {
    if (!options.staticDir) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'no UI is served here' } });
    let rel = decodedPath(urlPath);
    if (rel === null) return badRequest(res, '路径含有无效的转义或字符');
    if (rel === '/' || !path.extname(rel)) rel = '/index.html'; // single-page app
    // Contain the real path: a symlink inside the UI folder must not lead out of it.
    let root: string;
    let file: string;
    try {
      root = await fs.promises.realpath(options.staticDir);
      const named = path.resolve(root, '.' + rel);
      if (!inside(root, named)) return send(res, 403, 'forbidden', TEXT_PLAIN);
      file = await fs.promises.realpath(named);
    } catch {
      return send(res, 404, 'not found', TEXT_PLAIN);
    }
    if (!inside(root, file)) return send(res, 403, 'forbidden', TEXT_PLAIN);
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch {
      return send(res, 404, 'not found', TEXT_PLAIN);
    }
    send(res, 200, data, contentType(file));
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
    const method = decodedPath(url.pathname.slice('/api/'.length));
    if (method === null) return badRequest(res, '操作名含有无效的转义或字符');
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body ? JSON.parse(body) : {};
    } catch (e) {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `请求无法解析：${(e as Error).message}` } });
    }
    sendJson(res, 200, await dispatch(options.service, method, input));
  }

  // Every request path is guarded: a bad request is answered 400 and the server keeps serving.
  const failed = (res: http.ServerResponse, e: unknown) => {
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(e) } });
  };
  const server = http.createServer((req, res) => {
    try {
      if (!allowedHost(req.headers.host) || !allowedOrigin(req.headers.origin)) return send(res, 403, 'forbidden host or origin', TEXT_PLAIN);
      const url = requestUrl(req.url, port);
      if (!url) return badRequest(res, '请求行无法解析');
      if (url.pathname.startsWith('/api/')) serveApi(req, res, url).catch((e: unknown) => failed(res, e));
      else if (req.method === 'GET' || req.method === 'HEAD') serveStatic(url.pathname, res).catch((e: unknown) => failed(res, e));
      else send(res, 405, 'method not allowed', TEXT_PLAIN);
    } catch (e) {
      failed(res, e);
    }
  });
  // What Node's parser cannot read (a bad request line, oversized headers) is answered and the socket closed.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
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
