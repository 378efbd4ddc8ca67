// What the preview lists beside the plan: the first few firm names as decoded (a sample from the top of the
// file, so a wrong encoding shows before anything is written) and the pool year's members the file leaves out.
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { TEMPLATE } from '../template';
import { templateCsv, templateRows } from '../templateFile';
import { analyseImport } from '../run';
import { creditCode } from './synth';

let h: PoolDb;
beforeEach(() => {
  ({ pool: h } = defaultService());
});

const at = (key: string) => TEMPLATE.findIndex((c) => c.key === key);

describe('the preview of an import', () => {
  it('lists the pool members the file does not mention, and not those it does', async () => {
    const rows = templateRows(h.db, 2023).filter((r) => ['汉庄数控', '鑫金山机械'].includes(r[at('name')] as string));
    const r = await analyseImport(h.db, { bytes: templateCsv(rows), fileName: '两家.csv', poolYear: 2023 });
    expect(r.refused).toBe(false);
    const missing = r.missing.map((m) => m.name);
    expect(missing).toHaveLength(9);
    expect(missing).not.toContain('汉庄数控');
    expect(missing).not.toContain('鑫金山机械');
    expect(missing).toContain('运河锂能科技');
  });

  it('samples the firm names from the top of the file: a long history of one firm shows only that firm', async () => {
    // Sixty years of one firm, then another firm: the first 50 rows hold one name.
    const lines = ['统一社会信用代码,企业名称,年度,营业收入'];
    for (let y = 1991; y <= 2050; y++) lines.push(`${creditCode(1)},老字号机械厂,${y},${1000 + y}`);
    lines.push(`${creditCode(2)},新办精密,2022,500`);
    const r = await analyseImport(h.db, { bytes: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n'), fileName: '长历史.csv' });
    expect(r.names).toEqual(['老字号机械厂']);
  });
});
