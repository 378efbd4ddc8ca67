// How the importer reads the XML parts of an xlsx (xmlScan.ts): the tags, attributes and text a workbook's
// relationships, styles and shared strings hold, as any XML parser would hand them over — whatever the writer's
// quoting, spacing, prefixes, comments or CDATA, and wherever the inflated text is cut into pieces.
import { describe, expect, it } from 'vitest';
import { PercentCell, type RawCell } from '../values';
import { readXlsx } from '../xlsx';
import { attr, xmlText, XmlScanner } from '../xmlScan';
import { pack } from './handZip';

/** Every event the scanner hands over, in order; text is wanted inside <t> (as for shared strings) unless said. */
function events(pieces: string[], wants: (open: string[]) => boolean = (open) => open.at(-1) === 't'): string[] {
  const seen: string[] = [];
  const open: string[] = [];
  const s = new XmlScanner({
    open: (name, tag, self) => {
      seen.push(`<${name}${self ? '/' : ''}> ${tag}`);
      open.push(name);
    },
    close: (name) => {
      seen.push(`</${name}>`);
      open.pop();
    },
    wantsText: () => wants(open),
    text: (t) => seen.push(`text ${JSON.stringify(t)}`),
  });
  for (const p of pieces) s.write(p);
  s.end();
  return seen;
}

const everywhere = () => true;

describe('text as an XML parser hands it over', () => {
  it('has its line ends made LF, a CR LF or a lone CR, also at the very start', () => {
    expect(xmlText('\r\n万元')).toBe('\n万元');
    expect(xmlText('营业收入\r(万元)\r\n2023')).toBe('营业收入\n(万元)\n2023');
    expect(xmlText('A&amp;B&#13;&#x4E2D;')).toBe('A&B\r中');
  });
});

describe('an attribute of a tag', () => {
  it('is read whatever the quotes and the spaces around "="', () => {
    expect(attr('c r = "A1" s="2"', 'r')).toBe('A1');
    expect(attr('c r = "A1" s="2"', 's')).toBe('2');
    expect(attr('c r =\t"A1"', 'r')).toBe('A1');
    expect(attr("numFmt numFmtId='164' formatCode='0.0\"%\"'", 'formatCode')).toBe('0.0"%"');
    expect(attr("numFmt numFmtId='164' formatCode='0.0\"%\"'", 'numFmtId')).toBe('164');
  });

  it('is read when the attributes are set apart by tabs or line breaks (LF or CR LF)', () => {
    expect(attr('sheet\tname="汇总"', 'name')).toBe('汇总');
    expect(attr('sheet\nname="汇总"', 'name')).toBe('汇总');
    expect(attr('sheet name="汇总"\r\n  sheetId="2"', 'sheetId')).toBe('2');
  });

  it('has its entities resolved', () => {
    expect(attr('numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"', 'formatCode')).toBe('yyyy"年"m"月"');
  });

  it('is matched by its local name, not by another prefixed attribute nor by a namespace declaration', () => {
    const sheet = 'sheet r:id="rId3" name="汇总" sheetId="1"';
    expect(attr(sheet, 'name')).toBe('汇总');
    expect(attr(sheet, 'id')).toBe('rId3');
    expect(attr('Relationship xmlns:Id="urn:x" Id="rId1"', 'Id')).toBe('rId1');
  });

  it('is absent when the tag has none, or not that one', () => {
    expect(attr('sheetData', 'r')).toBeUndefined();
    expect(attr('row r="1"', 'spans')).toBeUndefined();
  });

  it('is not read from a tag written wrong: no "=", no quotes, or no closing quote', () => {
    expect(attr('c r x"A1"', 'r')).toBeUndefined();
    expect(attr("c r=A1 t='s'", 'r')).toBeUndefined();
    expect(attr('c r="A12', 'r')).toBeUndefined();
  });
});

describe('the XML scanner', () => {
  it('hands over the tags and the wanted text only: no declaration, no empty text, no text outside <t>', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst count="2"><si><t>枣庄</t></si><si><r><t xml:space="preserve"> 鲁南</t></r><t></t></si></sst>';
    expect(events([xml])).toEqual([
      '<sst> sst count="2"',
      '<si> si',
      '<t> t',
      'text "枣庄"',
      '</t>',
      '</si>',
      '<si> si',
      '<r> r',
      '<t> t xml:space="preserve"',
      'text " 鲁南"',
      '</t>',
      '</r>',
      '<t> t',
      '</t>',
      '</si>',
      '</sst>',
    ]);
  });

  it('hands over text outside any tag when the reader wants it, and no empty text at the end', () => {
    expect(events(['前<a>中</a>后'], everywhere)).toEqual(['text "前"', '<a> a', 'text "中"', '</a>', 'text "后"']);
    expect(events(['<a>中</a>'], everywhere)).toEqual(['<a> a', 'text "中"', '</a>']);
  });

  it('leaves out text the reader does not want, also when a piece ends in it', () => {
    const expected = ['<si> si', '<t> t', 'text "a"', '</t>', '<t> t', 'text "b"', '</t>', '</si>'];
    expect(events(['<si>x<t>a</t>y<t>b</t></si>'])).toEqual(expected);
    expect(events(['<si>x<t>a</t>y', '<t>b</t></si>'])).toEqual(expected);
  });

  it('reads self-closing tags, prefixed names and line breaks inside tags', () => {
    expect(events(['<x:row r="1"><x:c r="A1"/><b />', '<d\r\nk="v"></d\r\n></x:row>'])).toEqual([
      '<row> x:row r="1"',
      '<c/> x:c r="A1"',
      '</c>',
      '<b/> b ',
      '</b>',
      '<d> d\r\nk="v"',
      '</d>',
      '</row>',
    ]);
    expect(events(['<a\tb="1"></a\t>'])).toEqual(['<a> a\tb="1"', '</a>']);
    expect(events(['<a\nb="1"></a\n>'])).toEqual(['<a> a\nb="1"', '</a>']);
  });

  it('passes over the declaration and a DOCTYPE', () => {
    expect(events(['<?xml version="1.0"?><!DOCTYPE sst><sst/>'])).toEqual(['<sst/> sst', '</sst>']);
  });

  it('reads CDATA as it stands (with "<" and "&"), adjacent sections joined, and none outside <t>', () => {
    const xml = '<si><![CDATA[x]]><t><![CDATA[a<b & c&amp;]]><![CDATA[]]]]><![CDATA[>]]></t></si>';
    expect(events([xml])).toEqual(['<si> si', '<t> t', 'text "a<b & c&amp;]]>"', '</t>', '</si>']);
  });

  it('passes over comments, also ones holding tags or ">", and joins the text either side', () => {
    const xml = '<si><t>万<!-- <t>x</t> > -->元</t><!--a--><!--b--><e/></si>';
    expect(events([xml])).toEqual(['<si> si', '<t> t', 'text "万元"', '</t>', '<e/> e', '</e>', '</si>']);
  });

  it('refuses XML that ends inside a tag, a comment or a CDATA section', () => {
    expect(() => events(['<sst><si><t>a</t'])).toThrow('XML 不完整');
    expect(() => events(['<sst><!-- a'])).toThrow('XML 不完整');
    expect(() => events(['<sst><t><![CDATA[a'])).toThrow('XML 不完整');
  });

  it('reads a ">" left unescaped in an attribute value (XML allows it) as part of the value, wherever the piece ends', () => {
    const xml = `<numFmts><numFmt numFmtId="164" formatCode="[>=1]0.0%"/><x a='1>2' b="'>'"></x></numFmts>`;
    const whole = events([xml]);
    expect(whole).toEqual(['<numFmts> numFmts', '<numFmt/> numFmt numFmtId="164" formatCode="[>=1]0.0%"', '</numFmt>', `<x> x a='1>2' b="'>'"`, '</x>', '</numFmts>']);
    for (let i = 1; i < xml.length; i++) expect(events([xml.slice(0, i), xml.slice(i)]), `cut at ${i}`).toEqual(whole);
  });
});

describe('a workbook whose styles hold a ">" unescaped in a format code', () => {
  it('still has its percentage cells read as percentages', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const bytes = pack([
      { name: 'xl/workbook.xml', text: `<workbook xmlns:r="${REL}"><sheets><sheet name="企业年度数据" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', text: `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>` },
      { name: 'xl/styles.xml', text: '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="[>=1]0%;0.0%"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>' },
      { name: 'xl/worksheets/sheet1.xml', text: '<worksheet><sheetData><row r="2"><c r="A2"><v>3</v></c><c r="B2" s="1"><v>0.125</v></c></row></sheetData></worksheet>' },
    ]);
    const rows: [number, RawCell[]][] = [];
    await readXlsx(bytes, () => (cells, n) => rows.push([n, cells]));
    expect(rows).toEqual([[2, [3, new PercentCell(0.125)]]]);
  });
});
