// A worksheet's cells as the forms of XML that writers other than Excel produce them: pretty-printed with CRLF
// line ends and each attribute on its own line (.NET's XmlWriter), single-quoted attributes in any order (hand-
// rolled generators), comments, split CDATA sections and a DOCTYPE, Excel's formatted empty rows and high style
// numbers, empty values of every type, formula results, ISO dates, and markup in extensions that only looks like
// cells. Each is read by the worksheet scanner as the rows an analyst sees in the spreadsheet.
import { describe, expect, it } from 'vitest';
import { SheetScanner, Shown } from '../sheetXml';
import { PercentCell, UncomputedFormula, type RawCell } from '../values';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const STRINGS = ['企业名称', '枣庄精工机械有限公司'];

interface Options {
  /** What each cell style (xf index) shows; index 0 is plain. */
  shown?: number[];
  /** Where the text is cut into the pieces the inflater hands over. */
  cuts?: number[];
}

function scan(xml: string, opts: Options = {}): [number, RawCell[]][] {
  const out: [number, RawCell[]][] = [];
  const s = new SheetScanner((cells, n) => out.push([n, cells]), STRINGS, Uint8Array.from(opts.shown ?? [Shown.Plain]), false);
  let at = 0;
  for (const c of [...(opts.cuts ?? []), xml.length]) {
    s.write(xml.slice(at, c));
    at = c;
  }
  s.end();
  return out;
}

/** The rows read whole, checked to be the same wherever a single cut falls. */
function scanAnyCut(xml: string, opts: Options = {}): [number, RawCell[]][] {
  const whole = scan(xml, opts);
  for (let i = 1; i < xml.length; i++) expect(scan(xml, { ...opts, cuts: [i] }), `cut at ${i}`).toEqual(whole);
  return whole;
}

const sheet = (rows: string, before = '', after = '') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS}>${before}<sheetData>${rows}</sheetData>${after}</worksheet>`;

describe('a worksheet as other writers format it', () => {
  it('reads a sheet pretty-printed with CRLF line ends, tab indents and every attribute on its own line', () => {
    // .NET's XmlWriter with Indent, IndentChars "\t" and NewLineOnAttributes, as a reporting tool writes it.
    const lines = [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<worksheet ${NS}>`,
      '\t<sheetData>',
      '\t\t<row',
      '\t\t\tr="2">',
      '\t\t\t<c',
      '\t\t\t\tr="A2"',
      '\t\t\t\tt="s">',
      '\t\t\t\t<v>1</v>',
      '\t\t\t</c>',
      '\t\t\t<c',
      '\t\t\t\tr="B2"',
      '\t\t\t\ts="1">',
      '\t\t\t\t<v>0.125</v>',
      '\t\t\t</c>',
      '\t\t\t<c',
      '\t\t\t\tr="C2"',
      '\t\t\t\tt="inlineStr">',
      '\t\t\t\t<is>',
      '\t\t\t\t\t<r>',
      '\t\t\t\t\t\t<rPr>',
      '\t\t\t\t\t\t\t<b />',
      '\t\t\t\t\t\t\t<sz',
      '\t\t\t\t\t\t\t\tval="11" />',
      '\t\t\t\t\t\t</rPr>',
      '\t\t\t\t\t\t<t>精密</t>',
      '\t\t\t\t\t</r>',
      '\t\t\t\t\t<r>',
      '\t\t\t\t\t\t<t>机械</t>',
      '\t\t\t\t\t</r>',
      '\t\t\t\t</is>',
      '\t\t\t</c>',
      '\t\t\t<c',
      '\t\t\t\tr="D2">',
      '\t\t\t\t<f>B2*2</f>',
      '\t\t\t</c>',
      '\t\t\t<c',
      '\t\t\t\tr="E2"',
      '\t\t\t\tt="str">',
      '\t\t\t\t<f>A2&amp;""</f>',
      '\t\t\t\t<v>枣庄精工机械有限公司</v>',
      '\t\t\t</c>',
      '\t\t</row>',
      '\t</sheetData>',
      '</worksheet>',
    ];
    const rows = scan(lines.join('\r\n'), { shown: [Shown.Plain, Shown.Percent] });
    expect(rows).toEqual([[2, ['枣庄精工机械有限公司', new PercentCell(0.125), '精密机械', new UncomputedFormula('B2*2'), '枣庄精工机械有限公司']]]);
  });

  it('reads single-quoted attributes, in whatever order the writer put them', () => {
    const xml = sheet("<row spans='1:3' r='3'><c t='s' r='B3'><v>1</v></c><c s='1' r='C3'><v>0.5</v></c></row><row r='5'><c r='A5'><v>7</v></c></row>");
    expect(scan(xml, { shown: [Shown.Plain, Shown.Percent] })).toEqual([
      [3, [null, '枣庄精工机械有限公司', new PercentCell(0.5)]],
      [5, [7]],
    ]);
  });

  it('reads attributes written with spaces around "=", as XML allows', () => {
    const xml = sheet('<row r = "2" spans = "1:2"><c r = "B2" t = "s"><v>0</v></c></row><row r= \'4\'><c r =\'A4\'><v>4</v></c></row>');
    expect(scan(xml)).toEqual([
      [2, [null, '企业名称']],
      [4, [4]],
    ]);
  });

  it('reads rich inline text with superscript runs and the rows after it', () => {
    // A footnote mark as a superscript run (vertAlign), as scripts writing rich text inline produce it.
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><r><t>营业收入</t></r><r><rPr><vertAlign val="superscript"/><sz val="9"/></rPr><t>1</t></r></is></c></row>' +
        '<row r="2"><c r="A2"><v>3500</v></c></row>',
    );
    expect(scan(xml)).toEqual([
      [1, ['营业收入1']],
      [2, [3500]],
    ]);
  });

  it('reads a sheet as Python\'s ElementTree writes it, empty elements closed with " />" up to the last one', () => {
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" /></row><row r="3" /><row r="4"><c r="A4"><v>5</v></c><c r="B4" s="1" /></row>';
    expect(scan(sheet(rows))).toEqual([
      [1, ['企业名称']],
      [3, []],
      [4, [5]],
    ]);
    expect(scan(sheet(`${rows}<row r="6" />`))).toEqual([
      [1, ['企业名称']],
      [3, []],
      [4, [5]],
      [6, []],
    ]);
  });

  it('keeps every cell of a row whose cells a script wrote out of column order', () => {
    expect(scan(sheet('<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row>'))).toEqual([[1, [1, null, 3]]]);
  });
});

describe('comments, CDATA and declarations in a worksheet', () => {
  it('reads text holding "]]>" (written as two CDATA sections) and text around a comment, wherever the pieces are cut', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[利润 <0]]]]><![CDATA[> 亏损 & 减免]]></t></is></c>' +
        '<!-- 第 2 列: 营业收入 > 0 的企业 --><c r="B1" t="inlineStr"><is><t>营业<!-- 口径 > 主营 -->收入</t></is></c></row>',
      '<!-- 由填报系统导出 -->',
    );
    expect(scanAnyCut(xml)).toEqual([[1, ['利润 <0]]> 亏损 & 减免', '营业收入']]]);
  });

  it('reads every row of a sheet that starts with a DOCTYPE and holds a comment further on', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE worksheet><worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row><!-- 以下为第二行 --><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`;
    expect(scanAnyCut(xml)).toEqual([
      [1, [1]],
      [2, [2]],
    ]);
  });

  it('refuses a worksheet cut off inside a tag or a comment rather than reading it short', () => {
    const whole = sheet('<row r="1"><c r="A1"><v>1</v></c></row><!-- 备注 --><row r="2"><c r="A2"><v>2</v></c></row>');
    for (const cut of [whole.indexOf('<c r="A2"') + 5, whole.indexOf('<!--') + 6]) expect(() => scan(whole.slice(0, cut)), `cut at ${cut}`).toThrow('工作表 XML 不完整');
  });
});

describe('rows and styles as Excel writes them', () => {
  it('passes on a formatted row without cells (a self-closing <row/>) as an empty row, and numbers rows by r, not by their style', () => {
    const xml = sheet(
      '<row r="1" spans="1:2" s="3" customFormat="1" ht="20.25" customHeight="1" x14ac:dyDescent="0.25"><c r="A1" s="3" t="s"><v>0</v></c></row>' +
        '<row r="4" spans="1:2" ht="30" customHeight="1"/>' +
        '<row r="6" spans="1:2"><c r="B6"><v>9</v></c></row>',
    );
    expect(scan(xml)).toEqual([
      [1, ['企业名称']],
      [4, []],
      [6, [null, 9]],
    ]);
  });

  it('reads a date or percentage format by a style number of two digits or more', () => {
    const shown = new Array<number>(13).fill(Shown.Plain);
    shown[11] = Shown.Percent;
    shown[12] = Shown.Date;
    const xml = sheet('<row r="1"><c r="A1" s="12"><v>45135</v></c><c r="B1" s="11"><v>0.125</v></c><c r="C1" s="10"><v>3</v></c></row>');
    expect(scan(xml, { shown })).toEqual([[1, [new Date('2023-07-28T00:00:00Z'), new PercentCell(0.125), 3]]]);
  });
});

describe('values by cell type', () => {
  it('reads ISO dates (t="d", as openpyxl writes them with iso_dates) as dates', () => {
    const xml = sheet('<row r="1"><c r="A1" t="d"><v>2023-07-28T00:00:00Z</v></c><c r="B1" t="d"><v>2024-01-31</v></c></row>');
    expect(scan(xml)).toEqual([[1, [new Date('2023-07-28T00:00:00Z'), new Date('2024-01-31')]]]);
  });

  it('reads an empty value of any type as an empty cell, and empty cells at the end do not lengthen the row', () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="b"><v></v></c><c r="C1"><v/></c><c r="D1" t="d"><v></v></c><c r="E1" t="s"><v/></c>' +
        '<c r="F1" t="n"><v>2</v></c><c r="G1" t="str"/><c r="H1" t="inlineStr"/><c r="I1" s="0"/></row>',
    );
    expect(scan(xml)).toEqual([[1, [1, null, null, null, null, 2]]]);
  });

  it('reads a dynamic-array formula (Excel 365 marks it cm="1" after its type) by its cached text', () => {
    const xml = sheet('<row r="2"><c r="B2" t="str" cm="1"><f t="array" ref="B2">TEXTJOIN("、",TRUE,A2:A3)</f><v>枣庄、滕州</v></c><c r="C2" cm="1"><f t="array" ref="C2">ROWS(A2:A3)</f><v>2</v></c></row>');
    expect(scan(xml)).toEqual([[2, [null, '枣庄、滕州', 2]]]);
  });

  it('reads a formula by its cached result: a percentage by its style, text written inline, an empty text result written as <v/>', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" s="1"><f>B2/C2</f><v>0.125</v></c><c r="B1" t="inlineStr"><f>A2&amp;"有限公司"</f><is><t>枣庄有限公司</t></is></c>' +
        '<c r="C1" t="str"><f>""</f><v/></c><c r="D1"><f>B2/C2</f><v/></c></row>',
    );
    expect(scan(xml, { shown: [Shown.Plain, Shown.Percent] })).toEqual([[1, [new PercentCell(0.125), '枣庄有限公司', '', new UncomputedFormula('B2/C2')]]]);
  });
});

describe('markup outside the sheet data', () => {
  it('never reads an extension’s elements as rows or cells, whatever their names', () => {
    // An extension (extLst) may hold any namespace's markup; a `row`, `c` or `v` there is not a cell of the sheet.
    const ext = '<extLst><ext uri="{00000000-0000-0000-0000-000000000000}" xmlns:xyz="urn:example:report"><xyz:row r="9"><xyz:c r="A9"><xyz:v>99</xyz:v></xyz:c></xyz:row></ext></extLst>';
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A1" sqref="A1"/>${ext}</sheetView></sheetViews>`,
      ext,
    );
    expect(scan(xml)).toEqual([[1, [1]]]);
  });
});
