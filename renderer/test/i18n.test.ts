import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';

function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}

describe('messages', () => {
  it('English has exactly the Chinese keys, none empty, with the same placeholders', () => {
    const zh = new Map(leaves(zhCN));
    const e = new Map(leaves(en));
    expect([...e.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(vars(e.get(key)!), key).toEqual(vars(text));
    }
  });
});
