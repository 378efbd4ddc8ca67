// Proves the README's first command on this fresh clone, before anything else builds: `npm start` (browser
// mode here, as Electron's binary is not installed) must print its address, serve the page and answer one
// API call with the printed token, and stop cleanly when asked. Bounded in time; any failure fails CI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const START_LIMIT_MS = Number(process.env.START_LIMIT_MS ?? 300_000); // a cold build on a 2-core machine
const STOP_LIMIT_MS = 10_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-first-command-'));
const dbFile = path.join(dir, 'pool.sqlite');

const child = spawn('npm', ['start', '--', '--db', dbFile], {
  cwd: path.resolve(import.meta.dirname, '..'),
  env: { ...process.env, PORT: '0' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true, // its own process group: npm, the start script and the server stop together
});
let output = '';
child.stdout.on('data', (c) => (output += c));
child.stderr.on('data', (c) => (output += c));
const groupAlive = () => {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
};

function fail(message) {
  console.error(`npm start 未通过 / npm start failed: ${message}\n--- its output ---\n${output}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}

const started = Date.now();
let url;
while (!url) {
  const m = /(http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)/.exec(output);
  if (m) url = { base: m[1], token: m[2] };
  else if (child.exitCode !== null) fail(`exited with ${child.exitCode} before printing an address`);
  else if (Date.now() - started > START_LIMIT_MS) fail(`no address within ${START_LIMIT_MS / 1000} s`);
  else await new Promise((r) => setTimeout(r, 250));
}
console.log(`npm start printed ${url.base} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

const page = await fetch(url.base).catch((e) => fail(`GET ${url.base}: ${e.message}`));
const html = await page.text();
if (page.status !== 200 || !html.includes('<div id="root">')) fail(`GET ${url.base} answered ${page.status} without the app's page`);

const api = await fetch(`${url.base}api/pool.years`, { method: 'POST', headers: { Authorization: `Bearer ${url.token}`, 'Content-Type': 'application/json' }, body: '{}' }).catch((e) =>
  fail(`POST api/pool.years: ${e.message}`),
);
const years = await api.json().catch(() => null);
if (!years?.ok || !years.data.some((y) => y.year === 2023)) fail(`POST api/pool.years answered ${api.status}: ${JSON.stringify(years)}`);
if (!fs.existsSync(dbFile)) fail(`--db ${dbFile} was not the data file served`);

// Stopped means every process of the group is gone (npm may exit before the server has closed the file).
process.kill(-child.pid, 'SIGTERM');
const stopAsked = Date.now();
while (groupAlive()) {
  if (Date.now() - stopAsked > STOP_LIMIT_MS) fail(`still running ${STOP_LIMIT_MS / 1000} s after SIGTERM`);
  await new Promise((r) => setTimeout(r, 100));
}
if (fs.existsSync(`${dbFile}.lock`)) fail('stopped but left its lock file behind');
fs.rmSync(dir, { recursive: true, force: true });
console.log(`npm start served the page and the 2023 pool, and stopped after ${((Date.now() - started) / 1000).toFixed(1)} s.`);
