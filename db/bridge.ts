// The loopback bridge: the same service over HTTP for browser mode and the e2e tests. It listens on
// 127.0.0.1 only, wants a per-run random token on every API call (or the session cookie a page that presented
// the token was given), refuses foreign Host/Origin headers (DNS rebinding), and serves the built UI with the
// same strict CSP the desktop window uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { contentType, CONTENT_TYPES, TEXT_PLAIN } from './contentTypes';
import { EVENTS, type EventName } from './contract';
import { dispatch, type Service } from './service';
import { UploadStore, UploadTooLarge } from './uploads';

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // No 'unsafe-inline': React and recharts set style props through the CSSOM, which CSP does not govern, and
  // no screen parses a style attribute or <style> from markup (the transport e2e walks every screen).
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Import files are streamed to POST /api/upload, so a JSON body is only ever a method's small input: parsing
// one at the limit takes milliseconds and never holds other requests up.
export const MAX_JSON_BODY = 1024 * 1024;
/** What is read and thrown away after a 413, so the client can still read the answer; past it the connection is cut. */
const MAX_DISCARDED = 1024 * 1024 * 1024;
const UPLOAD_PATH = '/api/upload';
/** Where a page presents the token (or its cookie) and learns whether it may go on. */
export const SESSION_PATH = '/api/session';
/** How long a browser keeps the session cookie; it stops working anyway once this bridge stops. */
const SESSION_MAX_AGE = 30 * 24 * 60 * 60;
/** The methods whose input names an import file (`path`, `upload` or `base64`). */
const FILE_REF_METHODS: readonly string[] = ['import.analyse', 'import.apply', 'requests.importAnalyse', 'requests.importApply', 'finance.import', 'listing.import', 'payments.import'];
/** The methods whose input lists several files (`files`), each named like an import file. */
const FILE_LIST_METHODS: readonly string[] = ['package.preview', 'package.merge'];

export interface BridgeOptions {
  service: Service;
  /** The built renderer (index.html and assets); omit to serve the API only. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** The largest import file accepted by POST /api/upload (tests lower it); defaults to the service's limit. */
  maxUpload?: number;
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

class BodyTooLarge extends Error {}
/** A request the bridge refuses as it stands (its message is the answer). */
class Refused extends Error {}

const declaredLength = (req: http.IncomingMessage) => Number(req.headers['content-length'] ?? 0);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (declaredLength(req) > MAX_JSON_BODY) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_JSON_BODY) {
        // Stop keeping the body but leave the connection open: the client gets its 413.
        chunks.length = 0;
        req.off('data', onData);
        reject(new BodyTooLarge());
      } else chunks.push(c);
    };
    req.on('data', onData);
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

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const megabytesOf = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`);

/** 413 with the limit in Chinese, then the rest of the body read and dropped (up to a cap) so the answer arrives. */
function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, message: string, limit: number): void {
  sendJson(res, 413, { ok: false, error: { code: 'too_large', message, details: { limit } } });
  let discarded = 0;
  req.on('data', (c: Buffer) => {
    discarded += c.length;
    if (discarded > MAX_DISCARDED) req.destroy();
  });
  req.resume();
}

/**
 * The bridge's side of an import's file reference: a path named by the page is refused (browser mode reads
 * only what was uploaded to it), and an upload id becomes the stored file's path for the service.
 */
function resolveFileRef(method: string, input: unknown, uploads: UploadStore): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const files = (input as { files?: unknown }).files;
  if (FILE_LIST_METHODS.includes(method) && Array.isArray(files)) return { ...input, files: files.map((f) => resolveOneRef(f, uploads)) };
  return FILE_REF_METHODS.includes(method) ? resolveOneRef(input, uploads) : input;
}

function resolveOneRef(input: unknown, uploads: UploadStore): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const { path: named, upload, ...rest } = input as Record<string, unknown>;
  if (named !== undefined) throw new Refused('浏览器模式不接受文件路径，请在页面上选择文件，它会单独上传。');
  if (typeof upload !== 'string') return input;
  const stored = uploads.pathOf(upload);
  return stored ? { ...rest, path: stored } : input; // an unknown id: the service says the upload has expired
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  // The cookie carries its own secret, not the token: the token stays in the page's fragment and storage only.
  const session = crypto.randomBytes(24).toString('base64url');
  const listeners = new Set<http.ServerResponse>();
  const uploads = new UploadStore(options.maxUpload);
  let port = 0;

  const allowedHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined) => !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  // Cookies are not scoped by port: the name carries it, so two bridges on one machine keep their own.
  const cookieName = () => `champion-pool-session-${port}`;
  const bearerOk = (req: http.IncomingMessage) => {
    const auth = req.headers.authorization ?? '';
    return auth.startsWith('Bearer ') && sameToken(auth.slice('Bearer '.length), token);
  };
  /**
   * The cookie counts only on a request the page itself made: a write must name our origin (browsers always
   * send Origin on a POST), and the browser must not say it came from another site or port.
   */
  const cookieOk = (req: http.IncomingMessage) => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    if (req.method !== 'GET' && !req.headers.origin) return false;
    return sameToken(cookieValue(req.headers.cookie, cookieName()) ?? '', session);
  };
  const sessionCookie = () => `${cookieName()}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE}`;
  const unauthorised = (res: http.ServerResponse) =>
    sendJson(res, 401, { ok: false, error: { code: 'unauthorised', message: '访问凭证无效或已过期：请打开启动时打印的完整地址（含 #token=）。' } });

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
      if (!sameToken(url.searchParams.get('token') ?? '', token) && !cookieOk(req)) return unauthorised(res);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    const byToken = bearerOk(req);
    if (!byToken && !cookieOk(req)) return unauthorised(res);
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'POST only' } });
    // Presenting the token gives this browser the cookie, so a bookmark or a new tab keeps working.
    if (url.pathname === SESSION_PATH) return send(res, 200, JSON.stringify({ ok: true, data: null }), CONTENT_TYPES['.json'], byToken ? { 'Set-Cookie': sessionCookie() } : {});
    if (url.pathname === UPLOAD_PATH) return receiveUpload(req, res);
    const method = decodedPath(url.pathname.slice('/api/'.length));
    if (method === null) return badRequest(res, '操作名含有无效的转义或字符');
    let input: unknown;
    try {
      const body = await readBody(req);
      input = resolveFileRef(method, body ? JSON.parse(body) : {}, uploads);
    } catch (e) {
      if (e instanceof BodyTooLarge) return tooLarge(req, res, `请求内容超过 ${megabytesOf(MAX_JSON_BODY)} 的上限；导入文件请在页面上选择，它会单独上传。`, MAX_JSON_BODY);
      if (e instanceof Refused) return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: e.message } });
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `请求无法解析：${(e as Error).message}` } });
    }
    sendJson(res, 200, await dispatch(options.service, method, input));
  }

  /** The body is the file itself, streamed to disk; the answer is the id to name it by in import calls. */
  async function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const message = `文件超过 ${megabytesOf(uploads.limit)} 的导入上限，请按年度或地区拆分后分别导入。`;
    if (declaredLength(req) > uploads.limit) return tooLarge(req, res, message, uploads.limit);
    try {
      sendJson(res, 200, { ok: true, data: await uploads.receive(req) });
    } catch (e) {
      if (e instanceof UploadTooLarge) return tooLarge(req, res, message, uploads.limit);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { ok: false, error: { code: 'internal', message: `上传失败：${(e as Error).message}` } });
    }
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
            server.close(() => {
              uploads.close();
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
