// How the xlsx reader finds a workbook's parts: through the package's relationships, whatever the parts are named
// and wherever they stand (relative targets with ./ and ../, parts outside xl/), falling back to Excel's usual names
// when a writer leaves a relationship out; chart sheets named in the workbook hold no cells and are passed over;
// a worksheet the workbook names but the package lacks is refused naming the sheet.
import { describe, expect, it } from 'vitest';
import { PercentCell, type RawCell } from '../values';
import { readXlsx } from '../xlsx';
import { pack } from './handZip';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const rels = (list: [id: string, type: string, target: string][]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;

const sheetXml = (rows: string) => `<?xml version="1.0"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
const SST = `<?xml version="1.0"?><sst ${NS} count="2" uniqueCount="2"><si><t>企业名称</t></si><si><t>枣庄精密机械有限公司</t></si></sst>`;
const STYLES = `<?xml version="1.0"?><styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs></styleSheet>`;
const DATA = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2023</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>0.125</v></c></row>';
const READ = { 企业年度数据: [[1, ['企业名称', 2023]], [2, ['枣庄精密机械有限公司', new PercentCell(0.125)]]] };

async function read(bytes: Uint8Array): Promise<{ names: string[]; rows: Record<string, [number, RawCell[]][]> }> {
  const rows: Record<string, [number, RawCell[]][]> = {};
  const names = await readXlsx(bytes, (name) => {
    rows[name] = [];
    return (cells, n) => rows[name].push([n, cells]);
  });
  return { names, rows };
}

describe('the parts of an xlsx workbook', () => {
  it('are found through the relationships when a generator names and places them its own way', async () => {
    // The package relationships list the document properties first, as Excel does, and the workbook part lives
    // outside xl/; its own relationships reach the parts with ./ and ../ (both allowed by the package rules).
    const bytes = pack([
      { name: '[Content_Types].xml', text: '<Types/>' },
      {
        name: '_rels/.rels',
        text: rels([
          ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
          ['rId2', `${PKG}/metadata/core-properties`, 'docProps/core.xml'],
          ['rId1', `${REL}/officeDocument`, 'book/workbook1.xml'],
        ]),
      },
      { name: 'docProps/app.xml', text: '<Properties/>' },
      { name: 'docProps/core.xml', text: '<cp:coreProperties/>' },
      { name: 'book/workbook1.xml', text: `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="企业年度数据" sheetId="1" r:id="rId7"/></sheets></workbook>` },
      {
        name: 'book/_rels/workbook1.xml.rels',
        text: rels([
          ['rId5', `${REL}/theme`, 'theme/theme1.xml'],
          ['rId6', `${REL}/styles`, './parts/../format.xml'],
          // A doubled slash, as a generator joining a folder and a name may write.
          ['rId7', `${REL}/worksheet`, '../data//first.xml'],
          ['rId8', `${REL}/sharedStrings`, './strings.xml'],
        ]),
      },
      { name: 'book/theme/theme1.xml', text: '<a:theme/>' },
      { name: 'book/format.xml', text: STYLES },
      { name: 'data/first.xml', text: sheetXml(DATA) },
      { name: 'book/strings.xml', text: SST },
    ]);
    const r = await read(bytes);
    expect(r.names).toEqual(['企业年度数据']);
    expect(r.rows).toEqual(READ);
  });

  it('fall back to Excel’s usual names when a writer leaves the relationships out', async () => {
    // No package relationships at all, and a workbook relationships part that names only the worksheet.
    const bytes = pack([
      { name: 'xl/workbook.xml', text: `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="企业年度数据" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', text: rels([['rId1', `${REL}/worksheet`, 'worksheets/sheet1.xml']]) },
      { name: 'xl/worksheets/sheet1.xml', text: sheetXml(DATA) },
      { name: 'xl/sharedStrings.xml', text: SST },
      { name: 'xl/styles.xml', text: STYLES },
    ]);
    const r = await read(bytes);
    expect(r.names).toEqual(['企业年度数据']);
    expect(r.rows).toEqual(READ);
  });

  it('name only the worksheets: a chart sheet in between is passed over and never handed to a sink', async () => {
    const bytes = pack([
      { name: '_rels/.rels', text: rels([['rId1', `${REL}/officeDocument`, 'xl/workbook.xml']]) },
      {
        name: 'xl/workbook.xml',
        text: `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="企业年度数据" sheetId="1" r:id="rId1"/><sheet name="营收图" sheetId="2" r:id="rId2"/><sheet name="2022" sheetId="3" r:id="rId3"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        text: rels([
          ['rId1', `${REL}/worksheet`, 'worksheets/sheet1.xml'],
          ['rId2', `${REL}/chartsheet`, 'chartsheets/sheet1.xml'],
          ['rId3', `${REL}/worksheet`, 'worksheets/sheet2.xml'],
          ['rId4', `${REL}/sharedStrings`, 'sharedStrings.xml'],
          ['rId5', `${REL}/styles`, 'styles.xml'],
        ]),
      },
      { name: 'xl/worksheets/sheet1.xml', text: sheetXml(DATA) },
      { name: 'xl/chartsheets/sheet1.xml', text: `<?xml version="1.0"?><chartsheet ${NS}><sheetPr/><drawing r:id="rId1"/></chartsheet>` },
      { name: 'xl/worksheets/sheet2.xml', text: sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>') },
      { name: 'xl/sharedStrings.xml', text: SST },
      { name: 'xl/styles.xml', text: STYLES },
    ]);
    const opened: string[] = [];
    const names = await readXlsx(bytes, (name) => {
      opened.push(name);
      return () => {};
    });
    expect(names).toEqual(['企业年度数据', '2022']);
    expect(opened).toEqual(['企业年度数据', '2022']);
  });

  it('are refused naming the sheet when the workbook names a worksheet the package lacks', async () => {
    const bytes = pack([
      { name: '_rels/.rels', text: rels([['rId1', `${REL}/officeDocument`, 'xl/workbook.xml']]) },
      { name: 'xl/workbook.xml', text: `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="企业年度数据" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', text: rels([['rId1', `${REL}/worksheet`, 'worksheets/sheet1.xml']]) },
    ]);
    await expect(readXlsx(bytes, () => null)).rejects.toThrow('缺少工作表“企业年度数据”的内容');
  });

  it('are refused naming the sheet when a sheet has no relationship, rather than the sheet left out unnoticed', async () => {
    const withSheets = (sheets: string) =>
      pack([
        { name: '_rels/.rels', text: rels([['rId1', `${REL}/officeDocument`, 'xl/workbook.xml']]) },
        { name: 'xl/workbook.xml', text: `<?xml version="1.0"?><workbook ${NS}><sheets>${sheets}</sheets></workbook>` },
        { name: 'xl/_rels/workbook.xml.rels', text: rels([['rId1', `${REL}/worksheet`, 'worksheets/sheet1.xml']]) },
        { name: 'xl/worksheets/sheet1.xml', text: sheetXml(DATA) },
      ]);
    // A relationship id the workbook's relationships do not hold, and a sheet without any.
    await expect(readXlsx(withSheets('<sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="企业年度数据" sheetId="2" r:id="rId9"/>'), () => null)).rejects.toThrow(
      '缺少工作表“企业年度数据”的内容',
    );
    await expect(readXlsx(withSheets('<sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="2022" sheetId="2"/>'), () => null)).rejects.toThrow('缺少工作表“2022”的内容');
    // Nor is a sheet without one paired with a relationship that lacks its Id.
    const noIds = pack([
      { name: '_rels/.rels', text: rels([['rId1', `${REL}/officeDocument`, 'xl/workbook.xml']]) },
      { name: 'xl/workbook.xml', text: `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="2022" sheetId="1"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', text: `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
      { name: 'xl/worksheets/sheet1.xml', text: sheetXml(DATA) },
    ]);
    await expect(readXlsx(noIds, () => null)).rejects.toThrow('缺少工作表“2022”的内容');
  });
});
