import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME, DATA_FILE_NAME, defaultDataFile, userDataDir } from '../paths';

describe('paths', () => {
  it('names the folder and file as Electron does for this app', () => {
    expect(APP_DIR_NAME).toBe('Champion Pool');
    expect(DATA_FILE_NAME).toBe('champion-pool.sqlite');
  });

  it('CHAMPION_POOL_DB overrides the location, resolved to an absolute path', () => {
    expect(defaultDataFile({ CHAMPION_POOL_DB: '/srv/shared/pool.sqlite', XDG_CONFIG_HOME: '/x' })).toBe(path.resolve('/srv/shared/pool.sqlite'));
    expect(defaultDataFile({ CHAMPION_POOL_DB: 'rel/pool.sqlite' })).toBe(path.resolve(process.cwd(), 'rel/pool.sqlite'));
    // an empty override is no override
    expect(defaultDataFile({ CHAMPION_POOL_DB: '' })).toBe(path.join(userDataDir({}), DATA_FILE_NAME));
  });

  it('uses XDG_CONFIG_HOME on linux, else ~/.config', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/home/u/.cfg' }, 'linux')).toBe(path.join('/home/u/.cfg', 'Champion Pool'));
    expect(userDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'Champion Pool'));
    expect(userDataDir({ XDG_CONFIG_HOME: '/home/u/.cfg' }, 'freebsd')).toBe(path.join('/home/u/.cfg', 'Champion Pool'));
  });

  it('uses APPDATA on win32, else ~/AppData/Roaming', () => {
    const appData = 'C:\\Users\\analyst\\AppData\\Roaming';
    expect(userDataDir({ APPDATA: appData, XDG_CONFIG_HOME: '/ignored' }, 'win32')).toBe(path.join(appData, 'Champion Pool'));
    expect(userDataDir({}, 'win32')).toBe(path.join(os.homedir(), 'AppData', 'Roaming', 'Champion Pool'));
  });

  it('uses ~/Library/Application Support on darwin, whatever XDG says', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x', APPDATA: '/y' }, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Champion Pool'));
  });

  it('defaults the data file into the user data dir of the current platform', () => {
    const env = { XDG_CONFIG_HOME: '/tmp/xdg', APPDATA: '/tmp/appdata' };
    expect(defaultDataFile(env)).toBe(path.join(userDataDir(env), DATA_FILE_NAME));
    expect(path.isAbsolute(defaultDataFile(env))).toBe(true);
  });

  // An empty XDG_CONFIG_HOME would give the relative folder "Champion Pool" (resolved against the working
  // directory); the XDG Base Directory spec — and Chromium, hence Electron's userData — treat it as unset.
  it('treats an empty XDG_CONFIG_HOME as unset', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(path.join(os.homedir(), '.config', 'Champion Pool'));
  });
});
