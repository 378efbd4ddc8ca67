// How the importer finds the parts of an xlsx package (zip.ts): through the zip's central directory, whatever a
// writer puts around the parts (extra fields, comments, stored or deflated data, Windows or rooted names), and
// with a reason the analyst can act on when the package is damaged, encrypted or written in a form not read here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../xlsx';
import { entryText, zipEntries } from '../zip';
import { pack } from './handZip';

/** Written by Info-ZIP's zip: one part stored, one deflated, each with a comment and extra fields (28 bytes in the
 * local header, 24 in the directory), and a comment on the archive. */
const INFOZIP = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'infozip-extras.zip')));

const WORKBOOK = '<?xml version="1.0"?><workbook><sheets/></workbook>';

async function text(bytes: Uint8Array, key: string): Promise<string> {
  const e = zipEntries(bytes).get(key);
  if (!e) throw new Error(`no ${key}`);
  return entryText(bytes, e);
}

describe('the parts of a zip package', () => {
  it('are all found past extra fields and comments, and read stored or deflated (a package from Info-ZIP)', async () => {
    expect([...zipEntries(INFOZIP).keys()]).toEqual(['xl/stored.txt', 'xl/workbook.xml']);
    expect(await text(INFOZIP, 'xl/stored.txt')).toBe('stored: 万元\n');
    const wb = await text(INFOZIP, 'xl/workbook.xml');
    expect(wb.startsWith('<?xml version="1.0"?><workbook><sheets><sheet name="表1" sheetId="1"/>')).toBe(true);
    expect(wb.endsWith('<sheet name="表5" sheetId="5"/></sheets></workbook>')).toBe(true);
  });

  it('are found when the directory holds comments of different lengths and the local headers extra fields', async () => {
    const bytes = pack([
      { name: 'xl/workbook.xml', text: WORKBOOK, comment: '工作簿', localExtra: Buffer.from('5554050001020304', 'hex') },
      { name: 'xl/styles.xml', text: '<styleSheet/>', method: 0, comment: 'styles, stored' },
      { name: 'xl/sharedStrings.xml', text: '<sst/>', localExtra: Buffer.alloc(300, 0) },
    ]);
    expect([...zipEntries(bytes).keys()]).toEqual(['xl/workbook.xml', 'xl/styles.xml', 'xl/sharedstrings.xml']);
    expect(await text(bytes, 'xl/workbook.xml')).toBe(WORKBOOK);
    expect(await text(bytes, 'xl/styles.xml')).toBe('<styleSheet/>');
    expect(await text(bytes, 'xl/sharedstrings.xml')).toBe('<sst/>');
  });

  it('are named alike whether the writer used backslashes, a leading slash or capitals', () => {
    const bytes = pack([
      { name: 'xl\\workbook.xml', text: WORKBOOK },
      { name: '/xl/styles.xml', text: '<styleSheet/>' },
      { name: 'XL/Worksheets/Sheet1.xml', text: '<worksheet/>' },
    ]);
    const entries = zipEntries(bytes);
    expect([...entries.keys()]).toEqual(['xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    expect(entries.get('xl/workbook.xml')?.name).toBe('xl\\workbook.xml');
  });

  it('are found behind the longest archive comment a zip allows (64 KB)', async () => {
    const bytes = pack([{ name: 'xl/workbook.xml', text: WORKBOOK }], { comment: Buffer.alloc(0xffff, 0x20) });
    expect(await text(bytes, 'xl/workbook.xml')).toBe(WORKBOOK);
  });

  it('are none in an empty archive, which is then refused as no workbook', async () => {
    const empty = pack([]);
    expect(empty.length).toBe(22);
    expect(zipEntries(empty).size).toBe(0);
    await expect(readXlsx(empty, () => null)).rejects.toThrow('缺少 workbook.xml');
  });
});

describe('a package the importer cannot read is refused with the reason', () => {
  it('when the directory is missing (a file cut short)', () => {
    const whole = pack([{ name: 'xl/workbook.xml', text: WORKBOOK }]);
    expect(() => zipEntries(whole.subarray(0, whole.length - 10))).toThrow('zip 目录缺失，文件可能不完整');
  });

  it('when it is in the ZIP64 form, by its part count or by its directory offset', () => {
    const parts = [{ name: 'xl/workbook.xml', text: WORKBOOK }];
    expect(() => zipEntries(pack(parts, { count: 0xffff }))).toThrow('ZIP64 格式的工作簿暂不支持');
    expect(() => zipEntries(pack(parts, { dirOffset: 0xffffffff }))).toThrow('ZIP64 格式的工作簿暂不支持');
  });

  it('when the directory offset points past the file or at something that is no directory record', () => {
    const parts = [{ name: 'xl/workbook.xml', text: WORKBOOK }];
    const size = pack(parts).length;
    expect(() => zipEntries(pack(parts, { dirOffset: size + 100 }))).toThrow('zip 目录已损坏');
    expect(() => zipEntries(pack(parts, { dirOffset: 0 }))).toThrow('zip 目录已损坏');
  });

  it('when it is encrypted with a zip password', () => {
    const bytes = pack([{ name: 'xl/workbook.xml', text: WORKBOOK, flags: 0x0801 }]);
    expect(() => zipEntries(bytes)).toThrow('工作簿已加密，请先取消密码保护');
  });

  it('when a part is not where the directory says, naming the part', async () => {
    const bytes = pack([
      { name: 'xl/styles.xml', text: '<styleSheet/>' },
      { name: 'xl/workbook.xml', text: WORKBOOK, localOffset: 5 },
    ]);
    const e = zipEntries(bytes).get('xl/workbook.xml')!;
    await expect(entryText(bytes, e)).rejects.toThrow('zip 条目 xl/workbook.xml 已损坏');
  });

  it('when a part is compressed by a method other than deflate, naming the part and the method', async () => {
    const bytes = pack([{ name: 'xl/sharedStrings.xml', text: '<sst/>', method: 14 }]);
    const e = zipEntries(bytes).get('xl/sharedstrings.xml')!;
    await expect(entryText(bytes, e)).rejects.toThrow('zip 条目 xl/sharedStrings.xml 使用了不支持的压缩方式 14');
  });
});
