// What an import file is taken for and how its text is split (read.ts): the kind told by the first bytes, a
// binary file refused before anything is read, the CSV's delimiter taken from its header row, the cells the app's
// own CSV export guards, the sheet name a CSV gets, and what the refusal of a damaged workbook says.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../values';
import { readImportFile, UnreadableFile, type ReadFile } from '../read';
import { pack } from './handZip';

const utf8 = (s: string) => new TextEncoder().encode(s);
const corpus = (f: string) => new Uint8Array(fs.readFileSync(fileURLToPath(new URL(`./corpus/${f}`, import.meta.url))));

/** The importer's header check, reduced to its gist: a row that names the template's 企业名称 column. */
const knowsHeader = (cells: string[]) => cells.includes('企业名称');

interface Read {
  file: ReadFile;
  /** Each sheet's rows with their 1-based row numbers. */
  rows: Map<string, { n: number; cells: RawCell[] }[]>;
}

async function read(bytes: Uint8Array, fileName: string, isHeader = knowsHeader): Promise<Read> {
  const rows = new Map<string, { n: number; cells: RawCell[] }[]>();
  const file = await readImportFile(
    bytes,
    fileName,
    undefined,
    (sheet) => {
      const list: { n: number; cells: RawCell[] }[] = [];
      rows.set(sheet, list);
      return (cells, n) => void list.push({ n, cells: [...cells] });
    },
    isHeader,
  );
  return { file, rows };
}

const refusal = async (bytes: Uint8Array, fileName: string): Promise<string> => {
  const e = await read(bytes, fileName).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UnreadableFile);
  return (e as Error).message;
};

const NOT_A_TABLE = '不是表格文件';

describe('the delimiter of a CSV', () => {
  it('splits a WPS "text (tab-separated)" file at its tabs, keeping commas inside cells', async () => {
    const { file, rows } = await read(utf8('企业名称\t主导产品\r\n运河锂电\t电解液,隔膜\r\n'), '名单.txt');
    expect(file.format).toBe('csv');
    expect(rows.get('名单')?.map((r) => r.cells)).toEqual([['企业名称', '主导产品'], ['运河锂电', '电解液,隔膜'], ['']]);
  });

  it('splits a semicolon file (Excel with a European list separator) at its semicolons', async () => {
    const { rows } = await read(utf8('企业名称;营业收入\n运河锂电;7187,5\n'), 'liste.csv');
    expect(rows.get('liste')?.[1].cells).toEqual(['运河锂电', '7187,5']);
  });

  it('keeps the comma when no header row is recognised under any delimiter', async () => {
    const { rows } = await read(utf8('名称\t收入\t年度\n运河锂电\t7187.5\t2023\n'), 'x.csv');
    expect(rows.get('x')?.[1].cells).toEqual(['运河锂电\t7187.5\t2023']);
  });

  it('numbers rows as the file has them, a blank line included, so a message names the right row', async () => {
    const { rows } = await read(utf8('企业名称,年度\n\n运河锂电,2023\n'), 'a.csv');
    expect(rows.get('a')?.find((r) => r.cells[0] === '运河锂电')?.n).toBe(3);
  });
});

describe('cells guarded by the app\'s own CSV export', () => {
  const cellsOf = async (line: string) => (await read(utf8(`企业名称,备注\n${line}\n`), 'g.csv')).rows.get('g')?.[1].cells;

  it('reads ="0123…" (an all-digit code kept from Excel\'s rounding) as the digits', async () => {
    expect(await cellsOf('="0913704053",x')).toEqual(['0913704053', 'x']);
  });

  it('drops the quote before a guarded formula-like text', async () => {
    expect(await cellsOf("'=SUM(A1),'+86 机械")).toEqual(['=SUM(A1)', '+86 机械']);
  });

  it('keeps any other formula text as written, so the cell checks can name it', async () => {
    expect(await cellsOf('"=""0123""&""4""","=A1&=""0123"""')).toEqual(['="0123"&"4"', '=A1&="0123"']);
  });
});

describe('the sheet name of a CSV', () => {
  it.each([
    ['D:/报表/2023/企业数据.csv', '企业数据'],
    ['C:\\Users\\分析员\\桌面\\企业数据.csv', '企业数据'],
    ['台儿庄区.2023年.csv', '台儿庄区.2023年'],
  ])('is the file name without its folder and last extension: %s', async (fileName, sheet) => {
    const { file, rows } = await read(utf8('企业名称\n运河锂电\n'), fileName);
    expect(file.sheets).toEqual([sheet]);
    expect([...rows.keys()]).toEqual([sheet]);
  });
});

describe('the encoding of a CSV is judged with the header check, under each delimiter', () => {
  // Valid UTF-8 whose GB18030 reading (Ω·m → 惟路) would pass for better Chinese: only the header decides.
  const text = `企业名称\t规格\n${'Société Générale\tΩ·m\n'.repeat(40)}`;

  it('keeps a tab-separated UTF-8 file whose header is only known in its UTF-8 reading as UTF-8', async () => {
    const { file, rows } = await read(utf8(text), 'spec.csv');
    expect(file.encoding).toBe('utf-8');
    expect(rows.get('spec')?.[1].cells).toEqual(['Société Générale', 'Ω·m']);
  });

  it('weighs the readings when neither holds a known header', async () => {
    expect((await read(utf8(text), 'spec.csv', () => false)).file.encoding).toBe('gb18030');
  });
});

describe('a file that is not text is refused before anything is read', () => {
  // A 1×1 PNG: signature, IHDR, IDAT, IEND — NUL and other control bytes throughout.
  const png = Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  );
  const csvWith = (control: string, count: number) => utf8(`企业名称,备注\n运河锂电,${control.repeat(count)}\n`);

  it('refuses an image under a .csv name', async () => {
    expect(await refusal(png, '名单.csv')).toContain(NOT_A_TABLE);
  });

  it('accepts a small CSV with up to 8 stray control characters (the cell checks name them), refuses one with 9', async () => {
    for (const control of ['\u0000', '\u0008', '\u000e', '\u001f']) {
      expect((await read(csvWith(control, 8), 'a.csv')).rows.get('a')?.[1].cells[1]).toBe(control.repeat(8));
      expect(await refusal(csvWith(control, 9), 'a.csv')).toContain(NOT_A_TABLE);
    }
  });

  it('does not count tabs, line ends, spaces or the ESC of a script\'s colour codes as binary', async () => {
    const text = `企业名称,备注\n${'运河锂电,\u001b[31m 红 字 \u001b[0m\f\v\n'.repeat(20)}`;
    expect((await read(utf8(text), 'log.csv')).rows.get('log')).toHaveLength(22);
  });

  it('allows one control byte in a hundred in a large file, not more', async () => {
    // 9,000 bytes: the first 8,192 are judged, so up to 81 control bytes pass there.
    const build = (count: number) => {
      const head = `企业名称,备注\n运河锂电,${'\u0001'.repeat(count)}\n`;
      return utf8(head + 'x'.repeat(9000 - utf8(head).length));
    };
    expect((await read(build(81), 'big.csv')).file.format).toBe('csv');
    expect(await refusal(build(82), 'big.csv')).toContain(NOT_A_TABLE);
  });

  it('refuses a PDF even when it holds no control byte early on', async () => {
    expect(await refusal(utf8('%PDF-1.7\n企业名称,年度\n'), 'a.csv')).toContain(NOT_A_TABLE);
  });
});

describe('the kind of a workbook is told by its first bytes, and a damaged one is refused naming its kind', () => {
  const damagedOle2 = corpus('r20-old-xls.xls');

  it.each([
    ['汇总.xls', 'Excel 97–2003 工作簿（.xls）'],
    ['汇总.ET', 'WPS 表格（.et）'],
    ['汇总.et.xls', 'Excel 97–2003 工作簿（.xls）'],
  ])('a damaged OLE2 file named %s', async (fileName, kind) => {
    const message = await refusal(damagedOle2, fileName);
    expect(message).toContain(`无法读取这个${kind}`);
    expect(message).toContain('另存为 .xlsx');
  });

  it('reads the same OLE2 workbook as .et or .xls by its name only', async () => {
    expect((await read(corpus('a39-wps-et.et'), '汇总.et')).file.format).toBe('et');
    expect((await read(corpus('a39-wps-et.et'), '汇总.et.xls')).file.format).toBe('xls');
  });

  it('refuses a damaged OpenDocument spreadsheet naming it as such', async () => {
    const ods = pack([{ name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 }]);
    expect(await refusal(ods, '名单.ods')).toContain('无法读取这个OpenDocument 表格（.ods）');
  });

  it('does not take an OpenDocument text (.odt) for a spreadsheet: it is refused as no workbook', async () => {
    const odt = pack([
      { name: 'mimetype', text: 'application/vnd.oasis.opendocument.text', method: 0 },
      { name: 'content.xml', text: '<office:document-content/>' },
    ]);
    expect(await refusal(odt, '名单.ods')).toMatch(/^不是可读取的 xlsx 工作簿（.+）：请在 Excel\/WPS 中打开并另存为 \.xlsx 后再导入$/);
  });

  it('refuses a zip that holds no workbook', async () => {
    const zip = pack([{ name: 'readme.txt', text: '企业名单见附件' }]);
    expect(await refusal(zip, '名单.xlsx')).toContain('不是可读取的 xlsx 工作簿');
  });

  it('reads a real OpenDocument spreadsheet written by LibreOffice', async () => {
    expect((await read(corpus('a38-libreoffice.ods'), 'a.ods')).file.format).toBe('ods');
  });
});
