// A large workbook's Chinese text must read back exactly: exceljs 4.4's streaming reader, unfixed, turns a
// character whose bytes straddle two chunks of a zipped part into "�" (db/exceljs.ts replaces its decoder).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../exceljs';
import { tempDir } from '../../test/helpers';
import { parseImportFile } from '../parse';
import { TEMPLATE_SHEET } from '../template';
import { creditCode } from './synth';

const WORDS = '鑫金山越成明源汉庄运河兰祺峄州泥沟马台城鲁南华泰恒瑞新宏达顺昌盛丰德隆永安嘉禾润泽远航中天宇辰博凯睿信诚合力';

describe('a large xlsx with Chinese text', () => {
  it('reads every name as written, however the compressed parts are cut into chunks', async () => {
    const file = path.join(tempDir(), 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet(TEMPLATE_SHEET);
    ws.addRow(['统一社会信用代码', '企业名称', '年度', '所属镇街', '营业收入']).commit();
    const names: string[] = [];
    for (let i = 0; i < 4000; i++) {
      // Distinct names of varying length: the shared strings part runs to several hundred kilobytes.
      const name = `枣庄${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}${WORDS.slice(0, i % 9)}精密机械有限公司${i}`;
      names.push(name);
      ws.addRow([creditCode(i + 1), name, 2022, '运河街道', 1000 + i]).commit();
    }
    ws.commit();
    await wb.commit();
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    const { parsed } = await parseImportFile(new Uint8Array(fs.readFileSync(file)), 'big.xlsx');
    expect(parsed!.problems).toEqual([]);
    expect(parsed!.records.map((r) => r.name)).toEqual(names);
  });
});
