// Which compiled better-sqlite3 a process loads. `npm ci` builds it for Node's ABI, which the CLI, the tests
// and browser mode use; Electron refuses that build ("compiled against a different Node.js version"), so the
// desktop opens one built for Electron's ABI at packaging time into a folder of its own (the packaging
// configuration's beforePack hook, or `npm run rebuild:electron` in a checkout). Missing, it is named plainly.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from './errors';

export const BINDING_FILE = 'better_sqlite3.node';
/** In a packaged app: `<resources>/native/` (copied there by the packaging configuration's extraResources). */
export const PACKAGED_DIR = 'native';
/** In a checkout: `build/electron-native/<platform>-<arch>/`. */
export const CHECKOUT_DIR = path.join('build', 'electron-native');

export interface Runtime {
  /** process.versions.electron: set in Electron's main, utility and worker processes, absent under Node. */
  electron?: string;
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath?: string;
  /** process.defaultApp: true when Electron runs an unpackaged app from a checkout. */
  defaultApp?: boolean;
  platform: string;
  arch: string;
  /** The checkout holding package.json, when running from one. */
  projectRoot: string | null;
  exists(file: string): boolean;
}

/** The folder of the nearest package.json of this app above `from` (source, or a bundle under out/). */
export function findProjectRoot(from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'champion-pool') return dir;
    } catch {
      // no package.json here, or another's: keep walking up
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function currentRuntime(): Runtime {
  const electron = process.versions.electron;
  return {
    electron,
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
    defaultApp: (process as { defaultApp?: boolean }).defaultApp,
    platform: process.platform,
    arch: process.arch,
    // Only looked up under Electron: a Node process never needs it.
    projectRoot: electron ? findProjectRoot(path.dirname(fileURLToPath(import.meta.url))) : null,
    exists: (file) => fs.existsSync(file),
  };
}

/**
 * The `nativeBinding` option for `new Database(…)`: undefined under Node (better-sqlite3's own build), the
 * Electron-ABI build's path under Electron. Throws a plain 'unavailable' error when that build is missing,
 * instead of letting SQLite fail with an ABI message.
 */
export function nativeBinding(rt: Runtime = currentRuntime()): string | undefined {
  if (!rt.electron) return undefined;
  if (rt.resourcesPath && !rt.defaultApp) {
    const file = path.join(rt.resourcesPath, PACKAGED_DIR, BINDING_FILE);
    if (rt.exists(file)) return file;
    throw new AppError('unavailable', `安装包缺少桌面版的数据库组件（${file}），请重新安装本程序。`, { file });
  }
  const file = rt.projectRoot ? path.join(rt.projectRoot, CHECKOUT_DIR, `${rt.platform}-${rt.arch}`, BINDING_FILE) : null;
  if (file && rt.exists(file)) return file;
  throw new AppError(
    'unavailable',
    `缺少为 Electron ${rt.electron} 编译的 better-sqlite3${file ? `（${file}）` : ''}：请先运行 npm run rebuild:electron（需要联网下载 Electron 的头文件或预编译文件）。`,
    { file },
  );
}
