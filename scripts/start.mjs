// npm start: builds everything it serves (the UI, the desktop shell and the CLI bundle browser mode runs),
// then the desktop app where Electron's binary is installed, otherwise browser mode on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlan } from './startPlan.mjs';

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

let plan;
try {
  plan = startPlan({ argv: process.argv.slice(2), env: process.env, root, electron: electronBinary() !== null, node: process.execPath, bin });
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

if (plan.notice) console.log(plan.notice);
const child = spawn(plan.command, plan.args, { cwd: root, stdio: 'inherit', env: plan.env, shell: win && plan.command !== process.execPath });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
