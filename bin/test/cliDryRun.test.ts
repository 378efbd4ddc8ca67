// `import --dry-run` checks a file with a read connection only: it works while another instance holds the
// data file open for writing, and changes nothing; the real import is refused while the file is held.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli, initPool } from './runCli';
import { openPoolDb, type PoolDb } from '../../db/open';

let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(args);

beforeAll(async () => {
  ({ dir, db } = await initPool('champion-cli-dry-run-'));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('import --dry-run while the app has the data file open', () => {
  it('checks the file with a read connection; only the real import is refused as locked', async () => {
    const csv = path.join(dir, 'data.csv');
    expect((await cli('export-data', '--db', db, '--year', '2023', '--out', csv)).code).toBe(0);
    fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').replace(',56847.8,', ',61000,'));
    let app: PoolDb | undefined = openPoolDb({ file: db, create: false });
    try {
      const firmsBefore = app.db.prepare('SELECT revenue FROM firm_years WHERE revenue = 61000').all();
      const dry = await cli('import', '--db', db, '--file', csv, '--dry-run', '--format', 'json');
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect((JSON.parse(dry.stdout) as { counts: { changedValues: number } }).counts.changedValues).toBe(1);
      expect(app.db.prepare('SELECT revenue FROM firm_years WHERE revenue = 61000').all()).toEqual(firmsBefore);

      const real = await cli('import', '--db', db, '--file', csv);
      expect(real.code).not.toBe(0);
      expect(real.stderr).toContain('正被另一个程序使用');
      app.close();
      app = undefined;
      expect((await cli('import', '--db', db, '--file', csv)).code).toBe(0);
    } finally {
      app?.close();
    }
  }, 90_000);
});
