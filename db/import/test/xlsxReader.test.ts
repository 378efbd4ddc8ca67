// The importer's own xlsx reader (xlsx.ts) against exceljs's streaming reader, which it replaced: on every
// committed workbook both give the same sheets and the same cell values row by row. Then the cases exceljs gets
// wrong or never meets in the fixtures, each built by hand: rich inline text, phonetic guides, entities, CDATA,
// line ends, a character or a tag cut across the inflated chunks, empty cached results, 1904 dates.
import type { CellRichTextValue, CellValue } from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../exceljs';
import { isPercentFormat } from '../oldFormats';
import { PercentCell, UncomputedFormula, type RawCell } from '../values';
import { readXlsx } from '../xlsx';
import { SheetScanner } from '../sheetXml';
import { XmlScanner } from '../xmlScan';

const CORPUS = path.join(import.meta.dirname, 'corpus');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const fixtures = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.xlsx'))
  .filter((f) => ZIP.every((b, i) => fs.readFileSync(path.join(CORPUS, f))[i] === b));

/** What the importer made of an exceljs cell before (formulas by their cached result, percent formats marked). */
function fromExceljs(v: CellValue, numFmt: string | undefined): RawCell {
  if (v == null) return null;
  if (typeof v === 'number') return isPercentFormat(numFmt) ? new PercentCell(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: CellValue };
    return f.result === undefined || Number.isNaN(f.result) ? new UncomputedFormula(f.formula ?? f.sharedFormula ?? '') : fromExceljs(f.result ?? null, numFmt);
  }
  if ('richText' in v) return (v as CellRichTextValue).richText.map((r) => r.text).join('');
  if ('error' in v) return null;
  return String(v);
}

type Sheet = { name: string; rows: [number, RawCell[]][] };

async function viaExceljs(bytes: Buffer): Promise<Sheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  const out: Sheet[] = [];
  for await (const ws of reader) {
    const sheet: Sheet = { name: (ws as unknown as { name: string }).name, rows: [] };
    out.push(sheet);
    for await (const row of ws) {
      const values = row.values as CellValue[];
      const cells: RawCell[] = [];
      for (let c = 1; c < values.length; c++) cells.push(fromExceljs(values[c] ?? null, row.getCell(c).numFmt));
      sheet.rows.push([row.number, cells]);
    }
  }
  return out;
}

async function viaReader(bytes: Uint8Array): Promise<Sheet[]> {
  const out: Sheet[] = [];
  await readXlsx(bytes, (name) => {
    const sheet: Sheet = { name, rows: [] };
    out.push(sheet);
    return (cells, n) => sheet.rows.push([n, cells]);
  });
  return out;
}

describe('the xlsx reader against exceljs', () => {
  it('has workbooks to compare', () => expect(fixtures.length).toBeGreaterThanOrEqual(15));
  it.each(fixtures)('%s: the same sheets, rows and cell values', async (f) => {
    const bytes = fs.readFileSync(path.join(CORPUS, f));
    const mine = await viaReader(new Uint8Array(bytes));
    const theirs = await viaExceljs(bytes);
    expect(mine.map((s) => s.name)).toEqual(theirs.map((s) => s.name));
    expect(mine).toEqual(theirs);
    expect(mine.some((s) => s.rows.length > 0) || f.startsWith('r14')).toBe(true);
  });
});

// A workbook written by hand, each part deflated as given, so the XML can hold what no writer at hand produces.
function zip(parts: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = zlib.deflateRawSync(Buffer.from(text, 'utf8'));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(sheetXml: string, opts: { strings?: string; styles?: string; date1904?: boolean } = {}): Uint8Array {
  return zip({
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS}>${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="企业年度数据" sheetId="1" r:id="rId1"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData>${sheetXml}</sheetData></worksheet>`,
    'xl/worksheets/sheet2.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>隐</t></is></c></row></sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst ${NS}>${opts.strings ?? ''}</sst>`,
    'xl/styles.xml': `<?xml version="1.0"?><styleSheet ${NS}>${opts.styles ?? ''}</styleSheet>`,
  });
}

async function rows(bytes: Uint8Array): Promise<Record<string, [number, RawCell[]][]>> {
  const out: Record<string, [number, RawCell[]][]> = {};
  await readXlsx(bytes, (name) => {
    out[name] = [];
    return (cells, n) => out[name].push([n, cells]);
  });
  return out;
}

describe('the xlsx reader', () => {
  it('reads shared strings with rich text runs joined, phonetic guides left out, entities and line ends resolved', async () => {
    const strings = '<si><r><rPr><b/></rPr><t>枣庄</t></r><r><t xml:space="preserve"> 鲁南</t></r></si><si><t>山东</t><rPh sb="0" eb="2"><t>シャン</t></rPh></si><si><t>A&amp;B &lt;&#x4E2D;&#22269;&gt;\r\n(万元)</t></si>';
    const r = await rows(workbook('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c></row>', { strings }));
    expect(r['企业年度数据']).toEqual([[2, ['枣庄 鲁南', '山东', null, 'A&B <中国>\n(万元)']]]);
    expect(r['隐藏']).toEqual([[1, ['隐']]]);
  });

  it('reads inline rich text whole (exceljs keeps only its last run), CDATA, and cells without references in order', async () => {
    const r = await rows(workbook('<row><c t="inlineStr"><is><r><t>精密</t></r><r><t>机械</t></r></is></c><c t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c><c><v>12.5</v></c></row><row><c><v>1</v></c></row>'));
    expect(r['企业年度数据']).toEqual([
      [1, ['精密机械', 'a<b & c', 12.5]],
      [2, [1]],
    ]);
  });

  it('reads formulas by their cached result, and one without a result (or with an empty one) as uncomputed', async () => {
    const r = await rows(
      workbook(
        '<row r="1"><c r="A1"><f>B1*2</f><v>4</v></c><c r="B1"><f>C1+1</f><v/></c><c r="C1"><f>D1</f></c><c r="D1" t="str"><f>""&amp;""</f><v></v></c><c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1" t="b"><v>1</v></c><c r="G1" t="e"><v>#N/A</v></c></row>',
      ),
    );
    const [[, cells]] = r['企业年度数据'];
    expect(cells[0]).toBe(4);
    expect(cells[1]).toEqual(new UncomputedFormula('C1+1'));
    expect(cells[2]).toEqual(new UncomputedFormula('D1'));
    expect(cells[3]).toBe('');
    expect(cells.slice(4)).toEqual([null, true]);
  });

  it('reads dates and percentages by the cell style, in the 1900 and 1904 systems', async () => {
    const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="9"/></cellXfs>';
    const sheet = '<row r="1"><c r="A1"><v>45136</v></c><c r="B1" s="1"><v>45135</v></c><c r="C1" s="2"><v>0.125</v></c><c r="D1" s="3"><v>45135</v></c><c r="E1" s="4"><v>0.5</v></c></row>';
    const [[, cells]] = (await rows(workbook(sheet, { styles })))['企业年度数据'];
    expect(cells).toEqual([45136, new Date('2023-07-28T00:00:00Z'), new PercentCell(0.125), new Date('2023-07-28T00:00:00Z'), new PercentCell(0.5)]);
    const [[, c1904]] = (await rows(workbook(sheet, { styles, date1904: true })))['企业年度数据'];
    expect(c1904[1]).toEqual(new Date(Date.UTC(2023, 6, 28 + 1462)));
  });

  it('refuses a zip that is not a workbook, and a truncated one, with a reason', async () => {
    await expect(readXlsx(zip({ 'a.txt': 'x' }), () => null)).rejects.toThrow(/workbook\.xml/);
    const whole = workbook('<row r="1"><c r="A1"><v>1</v></c></row>');
    await expect(readXlsx(whole.subarray(0, whole.length - 30), () => null)).rejects.toThrow(/zip/);
  });
});

describe('the XML scanner', () => {
  it('reads the same whatever the pieces are cut at: inside a tag, an entity, CDATA, a CR LF', () => {
    const xml = '<?xml version="1.0"?><a x="1"><t>枣&amp;庄\r\n</t><!-- c --><t><![CDATA[<>]]></t><b/><t>&#x4E2D;</t></a>';
    const events = (cut: number[]) => {
      const seen: string[] = [];
      let inT = false;
      const s = new XmlScanner({
        open: (n, tag, self) => {
          seen.push(`<${n}${self ? '/' : ''} ${tag}`);
          if (n === 't') inT = true;
        },
        close: (n) => {
          seen.push(`</${n}`);
          if (n === 't') inT = false;
        },
        wantsText: () => inT,
        text: (t) => seen.push(t),
      });
      let at = 0;
      for (const c of [...cut, xml.length]) {
        s.write(xml.slice(at, c));
        at = c;
      }
      s.end();
      return seen;
    };
    const whole = events([]);
    expect(whole).toContain('枣&庄\n');
    expect(whole).toContain('<>');
    expect(whole).toContain('中');
    for (let i = 1; i < xml.length; i++) expect(events([i]), `cut at ${i}`).toEqual(whole);
    expect(events([...Array(xml.length - 1).keys()].map((i) => i + 1))).toEqual(whole);
  });
});

describe('the worksheet scanner', () => {
  it('reads the same rows whatever the pieces are cut at', () => {
    const xml =
      '<?xml version="1.0"?><worksheet><sheetData><row r="2" spans="1:4"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>0.125</v></c>' +
      '<c r="D2" t="inlineStr"><is><r><t>枣&amp;庄</t></r><rPh><t>x</t></rPh><r><t xml:space="preserve"> <![CDATA[a<b]]>\r\n</t></r></is></c></row>' +
      '<x:row r="3"><x:c r="AA3"><x:f>A1</x:f><x:v>7</x:v></x:c><c r="AB3" t="b"><v>0</v></c></x:row></sheetData></worksheet>';
    const read = (cut: number[]) => {
      const out: [number, RawCell[]][] = [];
      const s = new SheetScanner((cells, n) => out.push([n, cells]), ['零', '一'], Uint8Array.of(0, 2), false);
      let at = 0;
      for (const c of [...cut, xml.length]) {
        s.write(xml.slice(at, c));
        at = c;
      }
      s.end();
      return out;
    };
    const whole = read([]);
    const row3: RawCell[] = new Array(28).fill(null);
    row3[26] = 7;
    row3[27] = false;
    expect(whole).toEqual([
      [2, ['一', new PercentCell(0.125), null, '枣&庄 a<b\n']],
      [3, row3],
    ]);
    for (let i = 1; i < xml.length; i++) expect(read([i]), `cut at ${i}`).toEqual(whole);
  });
});
