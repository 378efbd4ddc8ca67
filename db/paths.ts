// Where the data file lives when nobody names one (an empty variable counts as unset, as in Electron): the same per-user folder Electron's app.getPath('userData')
// gives for this app, so the desktop app, browser mode and the CLI find the same file.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Champion Pool';
export const DATA_FILE_NAME = 'champion-pool.sqlite';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_DIR_NAME);
}

/** CHAMPION_POOL_DB overrides the location (tests, a shared folder). */
export function defaultDataFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHAMPION_POOL_DB ? path.resolve(env.CHAMPION_POOL_DB) : path.join(userDataDir(env), DATA_FILE_NAME);
}
