// better-sqlite3 built for Electron's ABI, into build/electron-native/<platform>-<arch>/better_sqlite3.node,
// leaving node_modules' Node build (the CLI, the tests, browser mode) as it is. A copy of the package's
// sources is rebuilt in a staging folder with @electron/rebuild, which first tries a published prebuilt
// binary and otherwise compiles against Electron's headers: either way it needs the network.
//
//   npm run rebuild:electron                      this machine's platform and architecture
//   node scripts/electronNative.mjs --arch arm64  another architecture (only where a prebuilt binary exists)
//
// The packaging configuration calls buildElectronBinding from its beforePack hook for every target.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Must match db/nativeBinding.ts (CHECKOUT_DIR, BINDING_FILE); a unit test checks both. */
export const NATIVE_DIR = path.join('build', 'electron-native');
export const BINDING_FILE = 'better_sqlite3.node';

export const bindingFolder = (platform, arch) => path.join(root, NATIVE_DIR, `${platform}-${arch}`);

export const electronVersion = () => require('electron/package.json').version;

/** Copies better-sqlite3's sources (not its Node build) into a staging project of its own. */
export function stage(platform, arch) {
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  // Inside the checkout, so @electron/rebuild finds prebuild-install in the project's node_modules above it.
  const staging = path.join(root, NATIVE_DIR, '.staging', `${platform}-${arch}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const copy = path.join(staging, 'node_modules', 'better-sqlite3');
  const built = path.join(source, 'build');
  fs.cpSync(source, copy, { recursive: true, filter: (p) => p !== built && !p.startsWith(built + path.sep) });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'electron-native-staging', private: true, dependencies: { 'better-sqlite3': version } }));
  return { staging, copy };
}

export async function buildElectronBinding({ platform = process.platform, arch = process.arch, version = electronVersion() } = {}) {
  const { staging, copy } = stage(platform, arch);
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: staging, electronVersion: version, platform, arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  const built = path.join(copy, 'build', 'Release', BINDING_FILE);
  if (!fs.existsSync(built)) throw new Error(`@electron/rebuild finished without ${built}`);
  const target = path.join(bindingFolder(platform, arch), BINDING_FILE);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  fs.rmSync(staging, { recursive: true, force: true });
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { platform: { type: 'string' }, arch: { type: 'string' } } });
  buildElectronBinding({ platform: values.platform, arch: values.arch }).then(
    (file) => console.log(`Electron ${electronVersion()} 的 better-sqlite3 已生成 / built: ${path.relative(root, file)}`),
    (e) => {
      console.error(`无法为 Electron 编译 better-sqlite3（需要联网下载预编译文件或 Electron 头文件）/ could not build better-sqlite3 for Electron:\n${e instanceof Error ? e.message : e}`);
      process.exit(1);
    },
  );
}
