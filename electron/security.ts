// Navigation, new windows, webviews and permissions: the page may only ever show app:// content, and
// nothing it does can open a window, attach a webview, reach the network or gain a device permission.
import type { App, Session, WebContents } from 'electron';
import { shell } from 'electron';
import { isAppUrl } from './origin';

export { isAppUrl };

/**
 * Hosts whose https links may open in the user's browser (the ministry's notices cited by the criteria
 * sets). Exact host or a subdomain; anything else is dropped silently.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['miit.gov.cn'];

export function isAllowedExternal(url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return false;
  const host = u.hostname.toLowerCase();
  return EXTERNAL_HOSTS.some((h) => host === h || host.endsWith('.' + h));
}

function openExternally(url: string): void {
  if (isAllowedExternal(url)) void shell.openExternal(url);
}

/** Contents already guarded: guarding twice would open an allow-listed link twice. */
const guarded = new WeakSet<WebContents>();

/** Guards one webContents; call before its first loadURL. Guarding it again changes nothing. */
export function hardenContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  // `details.url` is the current API; the second argument is the deprecated form, kept as a fallback.
  contents.on('will-navigate', (details, url) => {
    const target = details.url ?? url;
    if (isAppUrl(target)) return;
    details.preventDefault();
    openExternally(target);
  });
  contents.on('will-redirect', (details, url) => {
    if (!isAppUrl(details.url ?? url)) details.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission and cancels every network request of the window's session (the app is offline). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/**
 * The same guards for every webContents the app ever creates — the main window, the hidden print window, and
 * any window, webview or devtools a future change adds — with its session's permissions denied. Call before
 * 'ready', so nothing is created unguarded.
 */
export function guardEveryContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents);
    hardenSession(contents.session);
  });
}
