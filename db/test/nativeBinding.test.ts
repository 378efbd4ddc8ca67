// The binding choice: Node keeps better-sqlite3's own build; Electron opens the Electron-ABI build from the
// packaged app's resources or the checkout's build folder, and a missing one is named instead of failing
// with an ABI error. The last test runs the real openPoolDb as Electron would and sees which file it loaded.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BINDING_FILE, findProjectRoot, nativeBinding, type Runtime } from '../nativeBinding';
import { openPoolDb } from '../open';
import { tempDir, track } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const base: Runtime = { platform: 'linux', arch: 'arm64', projectRoot: ROOT, exists: () => true };

describe('nativeBinding', () => {
  it('leaves Node (the CLI, the tests, browser mode) on better-sqlite3’s own build', () => {
    expect(nativeBinding(base)).toBeUndefined();
    expect(nativeBinding()).toBeUndefined(); // this very process
  });

  it('opens the packaged app’s Electron build from its resources folder', () => {
    const seen: string[] = [];
    const rt = { ...base, electron: '45.5.0', resourcesPath: '/opt/Champion Pool/resources', exists: (f: string) => (seen.push(f), true) };
    expect(nativeBinding(rt)).toBe(path.join('/opt/Champion Pool/resources', 'native', BINDING_FILE));
    expect(seen).toEqual([path.join('/opt/Champion Pool/resources', 'native', BINDING_FILE)]);
  });

  it('opens a checkout’s Electron build for this platform and architecture when Electron runs it unpackaged', () => {
    const rt = { ...base, electron: '45.5.0', resourcesPath: '/usr/lib/electron/resources', defaultApp: true };
    expect(nativeBinding(rt)).toBe(path.join(ROOT, 'build', 'electron-native', 'linux-arm64', BINDING_FILE));
  });

  it('names a missing Electron build and what to do, instead of an ABI error', () => {
    const missing = { ...base, electron: '45.5.0', exists: () => false };
    expect(() => nativeBinding({ ...missing, resourcesPath: '/opt/cp/resources' })).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('请重新安装') }));
    expect(() => nativeBinding({ ...missing, defaultApp: true })).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('npm run rebuild:electron') }));
    expect(() => nativeBinding({ ...missing, projectRoot: null })).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });

  it('finds the checkout from a source file or a bundle under out/, and nothing above the file system root', () => {
    expect(findProjectRoot(path.join(ROOT, 'db'))).toBe(ROOT);
    expect(findProjectRoot(path.join(ROOT, 'out', 'main', 'chunks'))).toBe(ROOT);
    expect(findProjectRoot(path.parse(ROOT).root)).toBeNull();
  });
});

describe('opening a data file under Electron', () => {
  const saved = { electron: process.versions.electron, resourcesPath: (process as { resourcesPath?: string }).resourcesPath };
  const as = (electron: string | undefined, resourcesPath: string | undefined) => {
    Object.defineProperty(process.versions, 'electron', { value: electron, configurable: true, enumerable: true, writable: true });
    Object.defineProperty(process, 'resourcesPath', { value: resourcesPath, configurable: true, writable: true });
  };
  afterEach(() => as(saved.electron, saved.resourcesPath));

  it('loads the binding from the app’s resources, and refuses plainly when it is missing', () => {
    const dir = tempDir();
    const resources = path.join(dir, 'resources');
    // A stand-in for the Electron-ABI build: the Node build copied, so this Node process can load it.
    const nodeBuild = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    fs.mkdirSync(path.join(resources, 'native'), { recursive: true });
    const binding = path.join(resources, 'native', BINDING_FILE);
    fs.copyFileSync(nodeBuild, binding);

    as('45.5.0', path.join(dir, 'elsewhere'));
    expect(() => openPoolDb({ file: path.join(dir, 'a.sqlite'), create: 'default' })).toThrow(expect.objectContaining({ code: 'unavailable' }));
    expect(fs.existsSync(path.join(dir, 'a.sqlite'))).toBe(false);

    as('45.5.0', resources);
    const pool = track(openPoolDb({ file: path.join(dir, 'b.sqlite'), create: 'default' }));
    expect(pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBeGreaterThan(0);
    expect(Object.keys(createRequire(import.meta.url).cache)).toContain(binding);
  });
});
