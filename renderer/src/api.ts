// The UI's one door to the service: the preload's `window.api` under Electron, the loopback bridge otherwise.
// Only the contract's types cross into the renderer.
import type { Envelope, EventName, Method, MethodInput, MethodOutput } from '../../db/contract';

interface PreloadApi {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
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

/** Browser mode: the token arrives once in the URL fragment and is kept for this tab only. */
export function takeTokenFromLocation(): void {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/pool');
  }
}

async function viaBridge(method: string, input: unknown): Promise<Envelope<unknown>> {
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` },
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 401) return { ok: false, error: { code: 'unauthorised', message: 'token' } };
  return (await res.json()) as Envelope<unknown>;
}

export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = window.api ? await window.api.invoke(method, input) : await viaBridge(method, input);
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.data as MethodOutput<M>;
}

export function onEvent(event: EventName, listener: (payload: unknown) => void): () => void {
  if (window.api) return window.api.on(event, listener);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token || typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  const handler = (e: MessageEvent) => listener(JSON.parse(e.data as string));
  source.addEventListener(event, handler);
  return () => source.close();
}
