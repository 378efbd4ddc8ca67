// The UI's one door to the service: the preload's `window.api` under Electron, the loopback bridge otherwise.
// Only the contract's types cross into the renderer.
import type { Envelope, EventName, Method, MethodInput, MethodOutput, UploadReceiptT } from '../../db/contract';

interface PreloadApi {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The chosen file's path on disk (Electron's webUtils.getPathForFile); '' when it has none. */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'champion-pool-token';

/** Browser mode: the token arrives once in the URL fragment and is kept for this tab only. Says whether it came. */
export function takeTokenFromLocation(): boolean {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (!m) return false;
  sessionStorage.setItem(TOKEN_KEY, m[1]);
  history.replaceState(null, '', window.location.pathname + window.location.search + '#/pool');
  return true;
}

/** The token when this tab has one; otherwise the browser's session cookie (HttpOnly, sent by itself) speaks. */
function authHeader(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Raised when the bridge no longer knows this browser (a bare address, or the server was started again). */
export const LOCKED_EVENT = 'champion-pool:locked';
function locked(message: string): Envelope<unknown> {
  window.dispatchEvent(new Event(LOCKED_EVENT));
  return { ok: false, error: { code: 'unauthorised', message } };
}

/**
 * Browser mode: presents the token (the bridge answers with its session cookie) or the cookie alone, and says
 * whether this page may go on. The desktop has no bridge and always may.
 */
export async function openSession(): Promise<boolean> {
  if (window.api) return true;
  try {
    const res = await fetch('/api/session', { method: 'POST', headers: authHeader() });
    return res.ok;
  } catch {
    return false;
  }
}

async function viaBridge(method: string, input: unknown): Promise<Envelope<unknown>> {
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...authHeader() },
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 401) return locked(((await res.json()) as Envelope<unknown> & { ok: false }).error.message);
  return (await res.json()) as Envelope<unknown>;
}

export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = window.api ? await window.api.invoke(method, input) : await viaBridge(method, input);
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.data as MethodOutput<M>;
}

export function onEvent(event: EventName, listener: (payload: unknown) => void): () => void {
  if (window.api) return window.api.on(event, listener);
  if (typeof EventSource === 'undefined') return () => {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  const source = new EventSource(token ? `/api/events?token=${encodeURIComponent(token)}` : '/api/events');
  const handler = (e: MessageEvent) => listener(JSON.parse(e.data as string));
  source.addEventListener(event, handler);
  return () => source.close();
}

/** How an import call names its file: by path on the desktop, by upload id in browser mode. */
export type FileRef = { path: string } | { upload: string };

/** Browser mode: the file's bytes as the request body, streamed by the browser from disk (no base64, no JSON). */
function uploadViaBridge(file: File, onProgress?: (fraction: number) => void): Promise<UploadReceiptT> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    // XHR rather than fetch: only XHR reports upload progress, which a 100 MB file needs.
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 401) {
        locked('');
        return reject(new ApiError('unauthorised', '访问凭证无效或已过期：请打开启动时打印的完整地址（含 #token=）。'));
      }
      let envelope: Envelope<UploadReceiptT>;
      try {
        envelope = JSON.parse(xhr.responseText) as Envelope<UploadReceiptT>;
      } catch {
        return reject(new ApiError('internal', `上传 ${file.name} 失败（HTTP ${xhr.status}）`));
      }
      if (envelope.ok) resolve(envelope.data);
      else reject(new ApiError(envelope.error.code, envelope.error.message, envelope.error.details));
    };
    xhr.onerror = () => reject(new ApiError('network', `上传 ${file.name} 时连接中断，请重试。`));
    xhr.send(file);
  });
}

/**
 * Makes a chosen file available to the import calls, once: the desktop passes its path (the main side reads
 * it), browser mode uploads it. Analysing again with another mapping or sheet reuses the same reference.
 */
export async function sendFile(file: File, onProgress?: (fraction: number) => void): Promise<FileRef> {
  if (window.api) {
    const filePath = window.api.pathForFile?.(file) ?? '';
    if (!filePath) throw new ApiError('invalid_input', `无法取得 ${file.name} 在磁盘上的位置，请从“选择文件”中选择一个磁盘上的文件。`);
    onProgress?.(1);
    return { path: filePath };
  }
  const receipt = await uploadViaBridge(file, onProgress);
  onProgress?.(1);
  return { upload: receipt.upload };
}
