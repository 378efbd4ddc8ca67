// `champion-pool evaluate` over a pool of more than one page (1,500 synthetic firms beside the default 11): its
// JSON, CSV and table are byte for byte what they were before the evaluation was streamed (the digests below were
// taken from the page-by-page output it replaced).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../bench/files';
import { openPoolDb } from '../../db/open';
import { createService, dispatch } from '../../db/service';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI } from './runCli';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-eval-golden-'));
  db = path.join(dir, 'pool.sqlite');
  const csv = path.join(dir, 'synthetic.csv');
  await writeCsv(csv, 1500);
  const h = openPoolDb({ file: db, create: 'default' });
  try {
    const s = createService({ db: h.db, dataFile: h.file, actor: 'tester', appVersion: 'test' });
    const units = Object.fromEntries(['intl_revenue', 'equity_financing', 'net_profit', 'rd_expense', 'total_liabilities'].map((k) => [k, '万元']));
    const r = await dispatch(s, 'import.apply', { fileName: 'synthetic.csv', path: csv, poolYear: 2023, addToPool: true, units });
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    h.close();
  }
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

describe('champion-pool evaluate over 1,511 firms', () => {
  it.each([
    ['cn-champion-2023', ['--format', 'json'], '2314f7c2dbbc28daa25f252e3a79a8a981aceb018c5acaca2ec1ca3284ce239f'],
    ['cn-little-giant-2022', ['--format', 'json', '--year', '2023'], '4e9e364d85f3df9bd93d357d1513ff2a7685be5a3412a6e52dfa6b1da363b9d9'],
    ['sd-gazelle-2020', ['--format', 'csv'], '3eaae8690cd3944f7b4487f828b4dda4a8f050448264b2afc990c04304625848'],
    ['cn-srdi-2022', ['--format', 'table', '--year', '2024'], '1750047b31d0755b34f1e265b15c1f54009bdee29e975cc7451d840785bf5878'],
  ])('%s %j prints what it printed page by page', async (set, args, expected) => {
    // Several MB of JSON: more than execFile's default buffer.
    const r = await promisify(execFile)(process.execPath, [CLI, 'evaluate', '--db', db, '--set', set, ...args], { maxBuffer: 1 << 28 });
    expect(r.stdout.length).toBeGreaterThan(100_000);
    expect(digest(r.stdout)).toBe(expected);
  }, 120_000);
});
