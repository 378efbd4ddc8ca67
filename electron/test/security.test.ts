import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn(async () => {}) } }));
vi.mock('electron', () => electron);

import { guardEveryContents, hardenContents, hardenSession, isAllowedExternal, isAppUrl } from '../security';
import { fakeEvent, FakeWebContents } from './fakes';

beforeEach(() => electron.shell.openExternal.mockClear());

describe('isAppUrl', () => {
  it('accepts the app origin', () => {
    expect(isAppUrl('app://champion-pool/index.html')).toBe(true);
    expect(isAppUrl('app://champion-pool/index.html#/pool')).toBe(true);
    expect(isAppUrl('app://champion-pool/')).toBe(true);
  });

  it.each([
    'http://evil.example/',
    'https://evil.example/index.html',
    'file:///etc/passwd',
    'app://other-host/index.html',
    'app://champion-pool@evil.example/',
    'app://champion-pool.evil.example/',
    'app://champion-pool:8080/',
    'http://champion-pool/index.html',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('isAllowedExternal', () => {
  it('allows https on the allow-list and its subdomains', () => {
    expect(isAllowedExternal('https://www.miit.gov.cn/zwgk/index.html')).toBe(true);
    expect(isAllowedExternal('https://miit.gov.cn/')).toBe(true);
  });

  it.each([
    'http://www.miit.gov.cn/',
    'https://evil.example/',
    'https://miit.gov.cn.evil.example/',
    'https://evilmiit.gov.cn/',
    'https://user@www.miit.gov.cn/',
    'https://www.miit.gov.cn:8443/',
    'file:///etc/passwd',
    'app://champion-pool/index.html',
    'javascript:alert(1)',
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url)).toBe(false);
  });
});

describe('hardenContents', () => {
  function harden(): FakeWebContents {
    const contents = new FakeWebContents();
    hardenContents(contents as unknown as WebContents);
    return contents;
  }

  it('lets the app navigate within its origin', () => {
    const c = harden();
    const e = fakeEvent('app://champion-pool/index.html');
    c.emit('will-navigate', e, e.url);
    expect(e.defaultPrevented).toBe(false);
  });

  it.each(['http://evil.example/', 'file:///etc/passwd', 'app://other-host/index.html'])('blocks navigation to %s', (url) => {
    const c = harden();
    const nav = fakeEvent(url);
    c.emit('will-navigate', nav, url);
    expect(nav.defaultPrevented).toBe(true);
    const redirect = fakeEvent(url);
    c.emit('will-redirect', redirect, url);
    expect(redirect.defaultPrevented).toBe(true);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('uses the deprecated url argument when the event has none', () => {
    const c = harden();
    const e = fakeEvent(undefined);
    c.emit('will-navigate', e, 'http://evil.example/');
    expect(e.defaultPrevented).toBe(true);
  });

  it('opens an allow-listed link in the browser instead of navigating', () => {
    const c = harden();
    const e = fakeEvent('https://www.miit.gov.cn/');
    c.emit('will-navigate', e, e.url);
    expect(e.defaultPrevented).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.miit.gov.cn/');
  });

  it('denies every new window, opening only allow-listed links externally', () => {
    const c = harden();
    expect(c.windowOpenHandler!({ url: 'app://champion-pool/index.html' })).toEqual({ action: 'deny' });
    expect(c.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(c.windowOpenHandler!({ url: 'https://www.miit.gov.cn/a' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.miit.gov.cn/a');
  });

  it('prevents attaching webviews', () => {
    const c = harden();
    const e = fakeEvent();
    c.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('hardenSession', () => {
  function harden() {
    const s = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    hardenSession(s as unknown as Session);
    return s;
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem'])('denies the %s permission request', (permission) => {
    const s = harden();
    const handler = s.setPermissionRequestHandler.mock.calls[0][0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    handler({}, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('answers every permission and device check with false', () => {
    const s = harden();
    const check = s.setPermissionCheckHandler.mock.calls[0][0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://champion-pool', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://champion-pool', {})).toBe(false);
    const device = s.setDevicePermissionHandler.mock.calls[0][0] as (...a: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://champion-pool' })).toBe(false);
  });

  it('cancels network requests', () => {
    const s = harden();
    const [filter, listener] = s.webRequest.onBeforeRequest.mock.calls[0] as [{ urls: string[] }, (d: unknown, cb: (r: unknown) => void) => void];
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const cb = vi.fn();
    listener({ url: 'https://evil.example/' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });
});

describe('guardEveryContents', () => {
  function fakeSession() {
    return { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn(), webRequest: { onBeforeRequest: vi.fn() } };
  }
  /** An app whose 'web-contents-created' a test can fire, as Electron does for every new webContents. */
  function fakeApp() {
    const listeners: ((event: unknown, contents: unknown) => void)[] = [];
    const app = { on: vi.fn((event: string, l: (event: unknown, contents: unknown) => void) => (event === 'web-contents-created' && listeners.push(l), app)) };
    guardEveryContents(app as unknown as App);
    return {
      app,
      create() {
        const contents = Object.assign(new FakeWebContents(), { session: fakeSession() });
        for (const l of listeners) l(fakeEvent(), contents);
        return contents;
      },
    };
  }

  it('listens for every webContents the app creates', () => {
    const { app } = fakeApp();
    expect(app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
  });

  it('blocks navigation, new windows and webviews in any later window, and denies its session’s permissions', () => {
    const contents = fakeApp().create();
    const nav = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', nav, nav.url);
    expect(nav.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    const request = contents.session.setPermissionRequestHandler.mock.calls[0][0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(contents.session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
  });

  it('guards a window the shell also guards itself only once (an allowed link opens once)', () => {
    const contents = fakeApp().create();
    hardenContents(contents as unknown as WebContents);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
    const e = fakeEvent('https://www.miit.gov.cn/');
    contents.emit('will-navigate', e, e.url);
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
