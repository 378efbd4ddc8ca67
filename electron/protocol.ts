// The app:// scheme: the built UI is served from out/renderer under one fixed origin instead of file://,
// so the page gets a real origin (for the CSP, the navigation guard and the IPC sender check) and cannot
// read arbitrary files. Every response carries the same strict CSP the browser-mode bridge sends.
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { CSP } from '../db/bridge';
import { contentType, TEXT_PLAIN } from '../db/contentTypes';
import { APP_SCHEME, isAppUrl } from './origin';


/** Must run before the app's 'ready' event: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The file an app:// request maps to, or null when it must not be served: another host or scheme, a
 * malformed escape, a NUL or backslash, or a path (e.g. `..%2f..%2f`) that would leave `rootDir`.
 * Paths without an extension are client-side routes and get index.html (single-page app).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const root = path.resolve(rootDir);
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  // The containment check comes before the fallback, so a traversal attempt is refused, not "fixed".
  const file = path.resolve(root, '.' + (rel.startsWith('/') ? rel : '/' + rel));
  if (!inside(root, file)) return null;
  if (file === root || path.extname(file) === '') return path.join(root, 'index.html');
  return file;
}

function respond(status: number, body: BodyInit | null, type: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
  });
}

/** The request handler, separate from Electron so the tests can call it with plain Request objects. */
export function createAppHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'method not allowed', TEXT_PLAIN);
    const file = resolveAppPath(rootDir, request.url);
    if (!file) return respond(404, 'not found', TEXT_PLAIN);
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch {
      return respond(404, 'not found', TEXT_PLAIN);
    }
    return respond(200, request.method === 'HEAD' ? null : new Uint8Array(data), contentType(file));
  };
}

/** After 'ready': serve `rootDir` (out/renderer) under app://champion-pool/. */
export function registerAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(rootDir));
}
