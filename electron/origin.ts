// The app's one origin. Pure constants and a predicate, no Electron import, so every module (and the tests)
// can share them.

export const APP_SCHEME = 'app';
export const APP_HOST = 'champion-pool';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL belongs to the app. Node's URL gives custom schemes an opaque origin ("null"), so the parts
 * are compared instead of `.origin`; credentials and ports are refused so `app://champion-pool@evil/` and
 * friends cannot pass.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}
