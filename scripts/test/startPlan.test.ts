import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_MODE_NOTICE, parseStartArgs, startPlan } from '../startPlan.mjs';

const root = path.resolve('/opt/champion-pool');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const plan = (argv: string[], electron: boolean, env: Record<string, string | undefined> = { HOME: '/home/analyst' }) =>
  startPlan({ argv, env, root, electron, node: '/usr/bin/node', bin });

describe('npm start -- --db FILE', () => {
  it('reaches the desktop shell as CHAMPION_POOL_DB (resolved), leaving the rest of the environment', () => {
    const p = plan(['--db', 'data/pool.sqlite'], true);
    expect(p.command).toBe(bin('electron-vite'));
    expect(p.args).toEqual(['preview', '--skipBuild']);
    expect(p.env).toEqual({ HOME: '/home/analyst', CHAMPION_POOL_DB: path.resolve('data/pool.sqlite') });
    expect(p.notice).toBeUndefined();
  });

  it('reaches the desktop shell in the --db=FILE form too', () => {
    expect(plan(['--db=/srv/a.sqlite'], true).env.CHAMPION_POOL_DB).toBe(path.resolve('/srv/a.sqlite'));
  });

  it('leaves the desktop shell on its default data file without --db', () => {
    const env = { HOME: '/home/analyst' };
    expect(plan([], true, env).env).toBe(env);
  });

  it('refuses arguments the desktop shell would drop, naming them', () => {
    expect(() => plan(['--db', 'a.sqlite', '--port', '5200'], true)).toThrow(/--port 5200/);
    expect(() => plan(['--db'], true)).toThrow(/--db/);
    expect(() => plan(['--db', '--port'], true)).toThrow(/--db/);
  });

  it('reaches browser mode as serve --db (resolved), on PORT or 5180, with the notice', () => {
    const p = plan(['--db', 'pool.sqlite'], false, { PORT: '5200' });
    expect(p.command).toBe('/usr/bin/node');
    expect(p.args).toEqual([path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '5200', '--db', path.resolve('pool.sqlite')]);
    expect(p.notice).toBe(BROWSER_MODE_NOTICE);
    expect(plan([], false, {}).args).toEqual([path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '5180']);
  });

  it('parses --db wherever it stands', () => {
    expect(parseStartArgs(['--x', '--db', 'f', 'y'])).toEqual({ db: 'f', rest: ['--x', 'y'] });
    expect(parseStartArgs([])).toEqual({ db: undefined, rest: [] });
  });
});
