// The desktop build as Node will meet it: every file electron-vite wrote for the main process and the preload
// must parse, and every main-process chunk that does not need Electron must load in plain Node. (An ESM shim
// once declared `require` twice in the exceljs chunk: the app built, and every xlsx feature failed at run time.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const OUT = path.resolve(import.meta.dirname, '../out');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: run \`npm run build\` first`);
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(dir, rel))
    .filter((f) => /\.(c|m)?js$/.test(f) && fs.statSync(f).isFile())
    .sort();
}

/** Runs node on the arguments; returns its stderr when it fails, '' when it succeeds. */
function nodeFails(args: string[]): string {
  try {
    execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

const IMPORTS_ELECTRON = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']electron["']/;

describe('the desktop bundles', () => {
  const main = filesUnder(path.join(OUT, 'main'));
  const preload = filesUnder(path.join(OUT, 'preload'));

  it('include the main entry, its chunks and the preload', () => {
    expect(main.map((f) => path.relative(OUT, f))).toContain(path.join('main', 'main.js'));
    expect(main.some((f) => f.includes(`${path.sep}chunks${path.sep}`))).toBe(true);
    expect(preload.map((f) => path.relative(OUT, f))).toEqual([path.join('preload', 'preload.cjs')]);
  });

  it('every file under out/main and out/preload parses (node --check)', () => {
    const failures = [...main, ...preload].map((f) => [path.relative(OUT, f), nodeFails(['--check', f])]).filter(([, err]) => err);
    expect(failures).toEqual([]);
  });

  it('every chunk of out/main that does not import electron loads in Node', () => {
    const plain = main.filter((f) => !IMPORTS_ELECTRON.test(fs.readFileSync(f, 'utf8')));
    expect(plain.length).toBeGreaterThan(0);
    // One process per chunk, so no chunk benefits from modules another one loaded first.
    const failures = plain
      .map((f) => [path.relative(OUT, f), nodeFails(['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(f).href)});`])])
      .filter(([, err]) => err);
    expect(failures).toEqual([]);
  });
});
