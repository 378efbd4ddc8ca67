// The CLI as an analyst runs it (`node bin/champion-pool.mjs …`), for the CLI tests: exit code and both streams.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CLI = path.resolve(import.meta.dirname, '../champion-pool.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args`; a failing command answers its exit code instead of throwing. */
export async function cli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], env ? { env } : {});
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as CliResult;
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/** A fresh folder holding `pool.sqlite`, made by `champion-pool init` (the default 2023 pool). */
export async function initPool(prefix: string): Promise<{ dir: string; db: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = path.join(dir, 'pool.sqlite');
  const made = await cli(['init', '--db', db]);
  if (made.code !== 0) throw new Error(`init failed: ${made.stderr}`);
  return { dir, db };
}
