import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { windowOptions, WINDOW_TITLE } from '../window';

describe('windowOptions', () => {
  const o = windowOptions('/app/out/preload/preload.cjs');
  const web = o.webPreferences!;

  it('turns on isolation and the sandbox and keeps Node out of the page', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews, insecure content and spellcheck off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.spellcheck).toBe(false);
  });

  it('uses the one CJS preload', () => {
    expect(web.preload).toBe('/app/out/preload/preload.cjs');
  });

  it('has the title, size and minimum size, and waits for ready-to-show', () => {
    expect(o.title).toBe('单项冠军培育库');
    expect(WINDOW_TITLE).toBe('单项冠军培育库');
    expect([o.width, o.height, o.minWidth, o.minHeight]).toEqual([1280, 820, 1024, 680]);
    expect(o.show).toBe(false);
  });
});
