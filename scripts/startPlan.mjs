// What `npm start` runs, decided from its arguments and the machine (kept apart from start.mjs to be tested):
// the Electron shell where its binary is installed, otherwise browser mode. `--db FILE` reaches either one —
// the desktop shell reads the data file from CHAMPION_POOL_DB, browser mode takes `--db` itself.
import path from 'node:path';

export const BROWSER_MODE_NOTICE = 'Electron 运行文件未安装（本机无法下载），改用浏览器模式 / Electron binary not installed here: serving browser mode.';

/** Splits `--db FILE` / `--db=FILE` from the other arguments. */
export function parseStartArgs(argv) {
  let db;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') {
      db = argv[++i];
      if (db === undefined || db.startsWith('--')) throw new Error('--db 后须跟数据文件路径 / --db needs a file');
    } else if (a.startsWith('--db=')) db = a.slice('--db='.length);
    else rest.push(a);
  }
  return { db, rest };
}

/**
 * @param {{ argv: string[], env: Record<string, string | undefined>, root: string, electron: boolean, node: string, bin: (name: string) => string }} o
 * @returns {{ command: string, args: string[], env: Record<string, string | undefined>, notice?: string }}
 */
export function startPlan({ argv, env, root, electron, node, bin }) {
  const { db, rest } = parseStartArgs(argv);
  if (electron) {
    if (rest.length) throw new Error(`桌面版只认 --db FILE，未知参数：${rest.join(' ')} / the desktop app takes only --db FILE`);
    return { command: bin('electron-vite'), args: ['preview', '--skipBuild'], env: db === undefined ? env : { ...env, CHAMPION_POOL_DB: path.resolve(db) } };
  }
  const dbArgs = db === undefined ? [] : ['--db', path.resolve(db)];
  return {
    command: node,
    args: [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', env.PORT ?? '5180', ...dbArgs, ...rest],
    env,
    notice: BROWSER_MODE_NOTICE,
  };
}
