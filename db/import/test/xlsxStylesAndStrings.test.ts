// What the xlsx reader makes of a cell's number format and of the shared strings, in the forms real workbooks
// take: a money format with a colour section or a unit in quotes stays a number, a "%" in quotes is a literal
// sign (the cell holds percent points, not a fraction), cell formats with alignment children keep their indices,
// an indented shared-strings part keeps only the text of its runs, a province-sized one reads its Chinese names
// whole wherever the inflated chunks cut, and a workbook flagged date1904="true" counts from 1904.
import { describe, expect, it } from 'vitest';
import { PercentCell, type RawCell } from '../values';
import { readXlsx } from '../xlsx';
import { pack } from './handZip';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(rows: string, opts: { strings?: string; styles?: string; workbookPr?: string } = {}): Uint8Array {
  return pack([
    { name: '_rels/.rels', text: `<?xml version="1.0"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', text: `<?xml version="1.0"?><workbook ${NS}>${opts.workbookPr ?? ''}<sheets><sheet name="企业年度数据" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', text: `<?xml version="1.0"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>` },
    { name: 'xl/sharedStrings.xml', text: opts.strings ?? `<?xml version="1.0"?><sst ${NS}/>` },
    { name: 'xl/styles.xml', text: `<?xml version="1.0"?><styleSheet ${NS}>${opts.styles ?? ''}</styleSheet>` },
  ]);
}

async function firstSheet(bytes: Uint8Array): Promise<[number, RawCell[]][]> {
  const out: [number, RawCell[]][] = [];
  await readXlsx(bytes, () => (cells, n) => out.push([n, cells]));
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

describe('number formats in an xlsx', () => {
  it('keep money in a red-negatives or unit-suffixed format, and a quoted "%" (percent points), as plain numbers', async () => {
    const codes = [
      '#,##0.00;[Red]-#,##0.00', // Excel's "number, red negatives"
      '#,##0.00" mm"', // a unit in quotes
      '0.0" %"', // the share typed as 12.5 and shown with a literal sign
      '[$-804]yyyy"年"m"月"d"日"', // a date all the same
      '[$¥-804]#,##0.00', // a currency format
    ];
    const styles =
      `<numFmts count="${codes.length}">${codes.map((c, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(c)}"/>`).join('')}</numFmts>` +
      `<cellXfs count="${codes.length + 1}"><xf numFmtId="0"/>${codes.map((_, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`).join('')}</cellXfs>`;
    const row = '<row r="2"><c r="A2" s="1"><v>-1234.5</v></c><c r="B2" s="2"><v>12.5</v></c><c r="C2" s="3"><v>12.5</v></c><c r="D2" s="4"><v>45135</v></c><c r="E2" s="5"><v>88</v></c></row>';
    expect(await firstSheet(workbook(row, { styles }))).toEqual([[2, [-1234.5, 12.5, 12.5, new Date('2023-07-28T00:00:00Z'), 88]]]);
  });

  it('are found by the cell’s style index when Excel writes alignment and protection inside the cell formats', async () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>' +
      '<cellXfs count="4"><xf numFmtId="0" xfId="0"/>' +
      '<xf numFmtId="49" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
      '<xf numFmtId="0" xfId="0" applyProtection="1"><alignment horizontal="left"/><protection locked="0"/></xf>' +
      '<xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>';
    const row = '<row r="3"><c r="A3" s="1"><v>2023</v></c><c r="B3" s="2"><v>45</v></c><c r="C3" s="3"><v>0.125</v></c></row>';
    expect(await firstSheet(workbook(row, { styles }))).toEqual([[3, [2023, 45, new PercentCell(0.125)]]]);
  });

  it('leave a number plain when a damaged styles part gives a format no code', async () => {
    const styles = '<numFmts count="1"><numFmt numFmtId="164"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>';
    expect(await firstSheet(workbook('<row r="1"><c r="A1" s="1"><v>45135</v></c></row>', { styles }))).toEqual([[1, [45135]]]);
  });

  it('count dates from 1904 when the workbook says date1904="true"', async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
    const row = '<row r="1"><c r="A1" s="1"><v>43673</v></c></row>';
    expect(await firstSheet(workbook(row, { styles, workbookPr: '<workbookPr date1904="true"/>' }))).toEqual([[1, [new Date('2023-07-28T00:00:00Z')]]]);
    expect(await firstSheet(workbook(row, { styles, workbookPr: '<workbookPr date1904="false"/>' }))).toEqual([[1, [new Date('2019-07-27T00:00:00Z')]]]);
  });
});

describe('shared strings in an xlsx', () => {
  it('read from an indented part keep only the text of the runs, not the indentation between them', async () => {
    const strings = `<?xml version="1.0"?>
<sst ${NS} count="2" uniqueCount="2">
  <si>
    <r>
      <rPr><b/><sz val="11"/></rPr>
      <t>枣庄</t>
    </r>
    <r>
      <t xml:space="preserve"> 精密机械</t>
    </r>
  </si>
  <si>
    <t>山东</t>
    <rPh sb="0" eb="2">
      <t>シャン</t>
    </rPh>
    <phoneticPr fontId="1"/>
  </si>
</sst>`;
    const row = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
    expect(await firstSheet(workbook(row, { strings }))).toEqual([[1, ['枣庄 精密机械', '山东']]]);
  });

  it('read a province-sized list of Chinese firm names whole, wherever the inflated part is cut', async () => {
    const CHUNK = 256 * 1024; // what the reader inflates at a time
    const names = Array.from({ length: 12_000 }, (_, i) => `枣庄市${i}号鲁南精密机械制造有限公司`);
    const sst = (pad: string) => `<?xml version="1.0"?><sst ${NS}${pad}>${names.map((n) => `<si><t>${n}</t></si>`).join('')}</sst>`;
    // The first cut must fall inside a character (a Chinese character takes three bytes in UTF-8): a space or two
    // before the first string moves it there.
    const cutInside = (xml: string) => {
      const bytes = Buffer.from(xml, 'utf8');
      return bytes.length > CHUNK && (bytes[CHUNK] & 0xc0) === 0x80;
    };
    const xml = ['', ' ', '  '].map(sst).find(cutInside);
    if (xml === undefined) throw new Error('no padding puts the cut inside a character');
    const row = `<row r="1">${names.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>`;
    const out: string[] = [];
    await readXlsx(workbook(row, { strings: xml }), () => (cells) => out.push(...(cells as string[])));
    expect(out).toEqual(names);
  });
});
