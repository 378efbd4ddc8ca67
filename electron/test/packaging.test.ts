// The packaging configuration (it cannot run here: it downloads Electron and better-sqlite3's Electron build):
// valid for electron-builder's own schema, the targets the bureau's machines need, the fuses, and the
// Electron-ABI binding built per target and put exactly where db/nativeBinding.ts opens it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BINDING_FILE, CHECKOUT_DIR, PACKAGED_DIR } from '../../db/nativeBinding';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  win: { target: { target: string; arch: string[] }[]; extraResources: { from: string; to: string; filter: string[] }[] };
  linux: { target: { target: string; arch: string[] }[]; extraResources: { from: string; to: string; filter: string[] }[] };
  electronFuses: Record<string, boolean>;
  files: string[];
  beforePack: unknown;
};
const config = require(path.join(ROOT, 'electron-builder.config.cjs')) as Config;
const script = (await import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, 'scripts', 'electronNative.mjs')).href)) as {
  NATIVE_DIR: string;
  BINDING_FILE: string;
  stage(platform: string, arch: string): { staging: string; copy: string };
};

describe('electron-builder configuration', () => {
  it('matches electron-builder’s schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration({ ...config }, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: a misspelt fuse is refused.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  }, 60_000);

  it('builds Windows NSIS x64, and Linux deb and AppImage for x64 and arm64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
  });

  it('sets the fuses: no RunAsNode, cookie encryption, no NODE_OPTIONS or inspect, app only from the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('never rebuilds node_modules in place, and ships each target’s Electron binding where the app opens it', () => {
    expect(config).toMatchObject({ npmRebuild: false, nodeGypRebuild: false, buildDependenciesFromSource: false });
    expect(typeof config.beforePack).toBe('function');
    expect(script.NATIVE_DIR).toBe(CHECKOUT_DIR);
    expect(script.BINDING_FILE).toBe(BINDING_FILE);
    for (const [platform, options] of [['win32', config.win], ['linux', config.linux]] as const) {
      expect(options.extraResources).toEqual([{ from: `${CHECKOUT_DIR}/${platform}-\${arch}`, to: PACKAGED_DIR, filter: [BINDING_FILE] }]);
    }
    // Node's build of better-sqlite3 stays out of the package (the wrong ABI for Electron).
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
  });

  it('packs the built main, preload and UI, not the CLI bundle', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect(config.files.some((f) => f.includes('out/cli'))).toBe(false);
  });

  it('npm run dist builds first, then packages with this configuration; npm run rebuild:electron builds the binding', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.dist).toBe('npm run build && electron-builder --config electron-builder.config.cjs --publish never');
    expect(scripts['rebuild:electron']).toBe('node scripts/electronNative.mjs');
  });
});

describe('staging better-sqlite3 for an Electron rebuild', () => {
  let staging = '';
  afterAll(() => fs.rmSync(path.join(ROOT, CHECKOUT_DIR, '.staging'), { recursive: true, force: true }));

  it('copies the sources without the Node build, and leaves node_modules’ build untouched', () => {
    const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const before = fs.statSync(nodeBuild).mtimeMs;
    const staged = script.stage('linux', 'arm64');
    staging = staged.staging;
    expect(staging).toBe(path.join(ROOT, CHECKOUT_DIR, '.staging', 'linux-arm64'));
    expect(fs.existsSync(path.join(staged.copy, 'binding.gyp'))).toBe(true);
    expect(fs.existsSync(path.join(staged.copy, 'src'))).toBe(true);
    expect(fs.existsSync(path.join(staged.copy, 'build'))).toBe(false);
    const pkg = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3']);
    expect(fs.statSync(nodeBuild).mtimeMs).toBe(before);
  });
});
