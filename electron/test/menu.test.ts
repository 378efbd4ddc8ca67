import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => ({}));

import { buildMenuTemplate, type MenuActions } from '../menu';

function actions(): { [K in keyof MenuActions]: Mock<MenuActions[K]> } {
  return { openDataFile: vi.fn(), navigate: vi.fn(), backup: vi.fn(), about: vi.fn() };
}

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const items = (menu: MenuItemConstructorOptions[]) => menu.filter((i) => i.type !== 'separator');
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item!.click as unknown as () => void)();

describe('buildMenuTemplate', () => {
  it('has 文件 with the seven items, in order, in Chinese', () => {
    const menu = buildMenuTemplate(actions(), 'zh-CN', { development: false, platform: 'win32' });
    expect(menu[0].label).toBe('文件');
    expect(items(submenu(menu[0])).map((i) => i.label)).toEqual(['打开数据文件…', '导入年度数据…', '导出…', '导出报送包…', '合并报送包…', '备份数据文件…', '退出']);
    expect(items(submenu(menu[0]))[6].role).toBe('quit');
  });

  it('wires the file items to the actions; import and export navigate the page', () => {
    const a = actions();
    const file = submenu(buildMenuTemplate(a)[0]);
    const byId = (id: string) => file.find((i) => i.id === id);
    click(byId('open-data-file'));
    expect(a.openDataFile).toHaveBeenCalledTimes(1);
    click(byId('import'));
    expect(a.navigate).toHaveBeenLastCalledWith('refresh');
    click(byId('export'));
    expect(a.navigate).toHaveBeenLastCalledWith('shortlist');
    click(byId('export-package'));
    expect(a.navigate).toHaveBeenLastCalledWith('package');
    click(byId('merge-packages'));
    expect(a.navigate).toHaveBeenLastCalledWith('package');
    click(byId('backup'));
    expect(a.backup).toHaveBeenCalledTimes(1);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (development: boolean) => {
      const view = buildMenuTemplate(actions(), 'zh-CN', { development }).find((m) => m.label === '视图')!;
      return submenu(view).map((i) => i.role);
    };
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    // The default is the safe one.
    const dflt = buildMenuTemplate(actions()).find((m) => m.label === '视图')!;
    expect(submenu(dflt).map((i) => i.role)).not.toContain('toggleDevTools');
  });

  it('has 帮助 with an about item', () => {
    const a = actions();
    const help = buildMenuTemplate(a).find((m) => m.label === '帮助')!;
    click(submenu(help).find((i) => i.id === 'about'));
    expect(a.about).toHaveBeenCalledTimes(1);
  });

  it('on macOS starts with the application menu, which has Quit (文件 then does not)', () => {
    const mac = buildMenuTemplate(actions(), 'zh-CN', { development: false, platform: 'darwin' });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(mac.slice(1).map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(submenu(mac[1]).map((i) => i.role)).not.toContain('quit');
    for (const platform of ['win32', 'linux'] as const) {
      const menu = buildMenuTemplate(actions(), 'zh-CN', { development: false, platform });
      expect(menu.map((m) => m.role)).not.toContain('appMenu');
      expect(menu[0].label).toBe('文件');
      expect(items(submenu(menu[0])).at(-1)!.role).toBe('quit');
    }
  });

  it('has English labels on request', () => {
    const menu = buildMenuTemplate(actions(), 'en', { development: false, platform: 'linux' });
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(items(submenu(menu[0]))).toHaveLength(7);
  });
});
