// The first step of `npm test`: the end-to-end tests drive Debian's Chromium, need CJK fonts to render
// Chinese, and read the printed report back with poppler (pdftotext, pdfinfo, pdftoppm). Installs what is
// missing with apt-get where that is possible (root, or sudo without a password); otherwise stops with the
// exact command to run, before anything is built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const executable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const cjkFonts = () => /Noto (Sans|Serif) CJK/i.test(spawnSync('fc-list', [], { encoding: 'utf8' }).stdout ?? '');

const missing = [];
if (!executable(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
if (!cjkFonts()) missing.push('fonts-noto-cjk');
if (!['pdftotext', 'pdfinfo', 'pdftoppm'].every((p) => executable(`/usr/bin/${p}`))) missing.push('poppler-utils');

if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const command = `${root ? '' : 'sudo '}apt-get install -y ${missing.join(' ')}`;
  if (process.platform !== 'linux' || !has('apt-get') || !(root || sudo)) {
    console.error(`端到端测试需要：${missing.join(' ')}。请先运行 / The end-to-end tests need ${missing.join(', ')}; run:\n  ${command}`);
    process.exit(1);
  }
  console.log(`安装端到端测试所需 / installing what the end-to-end tests need: ${missing.join(' ')}`);
  const run = (args) => {
    const r = spawnSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      console.error(`安装失败，请手动运行 / install failed; run:\n  ${command}`);
      process.exit(1);
    }
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...missing]);
}
