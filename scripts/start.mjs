// npm start: the desktop app where Electron's binary is installed; otherwise browser mode on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
if (build.status !== 0) {
  console.error('构建失败 / build failed');
  process.exit(build.status ?? 1);
}

/** The desktop opens better-sqlite3 built for Electron's ABI (scripts/electronNative.mjs): made once, when missing. */
function electronBindingReady() {
  if (fs.existsSync(path.join(root, 'build', 'electron-native', `${process.platform}-${process.arch}`, 'better_sqlite3.node'))) return true;
  console.log('首次启动桌面版：正在为 Electron 编译 better-sqlite3（需要联网）/ building better-sqlite3 for Electron (needs the network)…');
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'electronNative.mjs')], { cwd: root, stdio: 'inherit' }).status === 0;
}

const installed = electronBinary();
const desktop = installed && electronBindingReady();
const child = desktop
  ? spawn(bin('electron-vite'), ['preview', '--skipBuild'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  : (console.log(
      installed
        ? '无法为 Electron 编译 better-sqlite3，改用浏览器模式 / better-sqlite3 could not be built for Electron: serving browser mode.'
        : 'Electron 运行文件未安装（本机无法下载），改用浏览器模式 / Electron binary not installed here: serving browser mode.',
    ),
    spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', process.env.PORT ?? '5180', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
