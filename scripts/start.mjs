// npm start: builds everything it serves (the UI, the desktop shell and the CLI bundle browser mode runs),
// then the desktop app where Electron's binary is installed, otherwise browser mode on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStartArgs, startPlan } from './startPlan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const win = process.platform === 'win32';
const bin = (name) => path.join(root, 'node_modules', '.bin', win ? `${name}.cmd` : name);

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

/** The desktop opens better-sqlite3 built for Electron's ABI (scripts/electronNative.mjs): made once, when missing. */
function electronBindingReady() {
  if (fs.existsSync(path.join(root, 'build', 'electron-native', `${process.platform}-${process.arch}`, 'better_sqlite3.node'))) return true;
  console.log('首次启动桌面版：正在为 Electron 编译 better-sqlite3（需要联网）/ building better-sqlite3 for Electron (needs the network)…');
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'electronNative.mjs')], { cwd: root, stdio: 'inherit' }).status === 0;
}

// Bad arguments are refused before anything is built.
try {
  parseStartArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}

// The same two steps as `npm run build`: electron-vite (main, preload, renderer), then the CLI bundle.
for (const [command, args] of [
  [bin('electron-vite'), ['build']],
  [process.execPath, [path.join(root, 'scripts', 'buildCli.mjs')]],
]) {
  const step = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: win && command !== process.execPath });
  if (step.status !== 0) {
    console.error('构建失败 / build failed');
    process.exit(step.status ?? 1);
  }
}

const installed = electronBinary() !== null;
const desktop = installed && electronBindingReady();
let plan;
try {
  plan = startPlan({ argv: process.argv.slice(2), env: process.env, root, electron: desktop, node: process.execPath, bin });
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
if (installed && !desktop) console.log('无法为 Electron 编译 better-sqlite3，改用浏览器模式 / better-sqlite3 could not be built for Electron: serving browser mode.');
else if (plan.notice) console.log(plan.notice);
const child = spawn(plan.command, plan.args, { cwd: root, stdio: 'inherit', env: plan.env, shell: win && plan.command !== process.execPath });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
