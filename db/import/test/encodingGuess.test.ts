// How a CSV's encoding is judged (encoding.ts): the byte-order marks, the analyst's choice, bytes that are not
// UTF-8, and the weighing of a valid UTF-8 reading against a GB18030 one. Each case is a file an analyst meets:
// Excel's "Unicode text", a UTF-8 file with a mark, a GBK file from Excel or WPS on Chinese Windows, a list of
// foreign names in UTF-8.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../encoding';

const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16 = (s: string) => new Uint8Array([0xff, 0xfe, ...iconv.encode(s, 'utf16le')]);
const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);

/** The importer's header check, reduced to its gist: the first line names a column of the template. */
const knowsHeader = (text: string) => text.split('\n')[0].split(',').includes('企业名称');

describe('byte-order marks', () => {
  it('reads a file starting with FF FE (Excel "Unicode text") as UTF-16LE, without the mark', () => {
    expect(decodeText(utf16('企业名称\t营业收入\r\n实强铜业\t7187.5'))).toEqual({ text: '企业名称\t营业收入\r\n实强铜业\t7187.5', encoding: 'utf-16le' });
  });

  it('reads a UTF-16 file holding only its mark as an empty text', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe]))).toEqual({ text: '', encoding: 'utf-16le' });
  });

  it('does not take a GBK file whose second byte is FE (湖 is BA FE) for UTF-16', () => {
    expect(decodeText(gbk('湖北实强铜业有限公司,7187.5'))).toEqual({ text: '湖北实强铜业有限公司,7187.5', encoding: 'gb18030' });
  });

  it('does not take a lone FF byte for a UTF-16 mark', () => {
    expect(decodeText(new Uint8Array([0xff, 0x41, 0x42])).encoding).toBe('gb18030');
  });

  it('reads a file starting with EF BB BF as UTF-8 with a mark, without the mark', () => {
    expect(decodeText(withBom('企业名称,营业收入\r\nSociété Générale,7187.5'))).toEqual({ text: '企业名称,营业收入\r\nSociété Générale,7187.5', encoding: 'utf-8-bom' });
  });

  it('reads a file holding only the UTF-8 mark as an empty text with a mark', () => {
    expect(decodeText(withBom(''))).toEqual({ text: '', encoding: 'utf-8-bom' });
  });

  it('does not take a UTF-8 file starting with 绿 (E7 BB BF) for one with a mark', () => {
    expect(decodeText(utf8('绿色建材有限公司,7187.5'))).toEqual({ text: '绿色建材有限公司,7187.5', encoding: 'utf-8' });
  });

  it('does not take a GBK file starting with 锂矿 (EF AE BF F3) for UTF-8 with a mark', () => {
    expect(decodeText(gbk('锂矿科技有限公司,7187.5'))).toEqual({ text: '锂矿科技有限公司,7187.5', encoding: 'gb18030' });
  });
});

describe('the analyst’s choice', () => {
  it('reads the file as GB18030 when the analyst says GBK, even though it is valid UTF-8', () => {
    const bytes = utf8('企业名称');
    expect(decodeText(bytes, 'gbk')).toEqual({ text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' });
  });

  it('reads the file as UTF-8 when the analyst says UTF-8, even where GB18030 reads better', () => {
    expect(decodeText(gbk('实强铜业')).text).toBe('实强铜业');
    expect(decodeText(gbk('实强铜业'), 'utf8')).toEqual({ text: 'ʵǿͭҵ', encoding: 'utf-8' });
  });

  it('still drops a UTF-8 mark when the analyst says UTF-8', () => {
    expect(decodeText(withBom('企业名称'), 'utf8')).toEqual({ text: '企业名称', encoding: 'utf-8-bom' });
  });
});

describe('GBK files', () => {
  it('reads text that is not valid UTF-8 (Excel or WPS "CSV" on Chinese Windows) as GB18030', () => {
    const text = '企业名称,营业收入\r\n实强铜业,7187.5\r\n';
    expect(decodeText(gbk(text))).toEqual({ text, encoding: 'gb18030' });
  });

  it('reads a short GBK name that happens to be valid UTF-8 (实强 reads as ʵǿ) as GB18030', () => {
    expect(decodeText(gbk('实强'))).toEqual({ text: '实强', encoding: 'gb18030' });
    expect(decodeText(gbk('实强铜业'))).toEqual({ text: '实强铜业', encoding: 'gb18030' });
  });

  it('counts the characters at the edges of GB2312 level 1 as common: 卓 in its last row, 印 in its first column', () => {
    expect(decodeText(gbk('卓越'))).toEqual({ text: '卓越', encoding: 'gb18030' });
    expect(decodeText(gbk('印染'))).toEqual({ text: '印染', encoding: 'gb18030' });
  });

  it('takes GB18030 when one character in ten is rare (佟 is GB2312 level 2), not when one in nine is', () => {
    expect(decodeText(gbk('实强铜业,卓越印染,佟伟'))).toEqual({ text: '实强铜业,卓越印染,佟伟', encoding: 'gb18030' });
    const nine = gbk('实强铜业,卓越印染,佟');
    expect(decodeText(nine)).toEqual({ text: new TextDecoder('utf-8').decode(nine), encoding: 'utf-8' });
  });
});

describe('UTF-8 files with Latin, Greek or Cyrillic letters', () => {
  it.each(['Société Générale', 'Produção Ltda', 'Müller GmbH', 'Иванов', 'Dvořák'])('keeps %s as UTF-8', (name) => {
    expect(decodeText(utf8(`${name},7187.5`))).toEqual({ text: `${name},7187.5`, encoding: 'utf-8' });
  });

  it('keeps a file whose header row is only known in its UTF-8 reading as UTF-8, however many Ω·m it holds', () => {
    const text = `企业名称,规格\n${'Société Générale,Ω·m\n'.repeat(40)}`;
    // Without the header, the GB18030 reading (惟路) would look like better Chinese.
    expect(decodeText(utf8(text)).encoding).toBe('gb18030');
    expect(decodeText(utf8(text), undefined, knowsHeader)).toEqual({ text, encoding: 'utf-8' });
  });
});

describe('a large file is judged on its first 64 KiB', () => {
  it('keeps a long UTF-8 file as UTF-8 when Ω·m only turns up further down', () => {
    const text = `${'Société Générale,7187.5\n'.repeat(3000)}Dupont,Ω·m\n`;
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
  });

  it('keeps a long GBK file as GB18030 when rare names only turn up further down', () => {
    const text = `${'实强铜业,卓越印染\n'.repeat(7000)}${'佟倩,馨薇\n'.repeat(2000)}`;
    expect(decodeText(gbk(text))).toEqual({ text, encoding: 'gb18030' });
  });
});
