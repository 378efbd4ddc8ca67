// Text bounded and clean, typed or imported: control characters, NUL, bidi controls and lone surrogates are
// refused with a message that says which character and where; over-long text is refused with its length.
import { describe, expect, it } from 'vitest';
import { syntheticCsv } from '../import/test/synth';
import { textProblem, visibleText } from '../text';
import { call, callError, defaultService } from './helpers';

const BAD: [string, string][] = [
  ['\u0000', 'NUL'],
  ['\u0007', '控制字符'],
  ['\u001b', '控制字符'],
  ['\u007f', '控制字符'],
  ['\u0085', '控制字符'],
  ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f'].map((c): [string, string] => [c, '双向文本控制字符']),
  ['\ud800', '不成对的代理字符'],
  ['\udfff', '不成对的代理字符'],
  ['\ufffd', '替换字符'],
];

describe('textProblem', () => {
  it('refuses every kind of bad character and says which and where', () => {
    for (const [ch, kind] of BAD) {
      const problem = textProblem(`鑫金${ch}山`, 100);
      expect(problem, JSON.stringify(ch)).toContain(kind);
      expect(problem).toContain('第 3 个字符');
      expect(problem).toContain(`U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    }
  });

  it('accepts Chinese, full-width forms, emoji (surrogate pairs) and, in notes only, line breaks', () => {
    for (const s of ['鑫金山机械（山东）有限公司', 'ＡＢＣ１２３', 'Smith & Sons, Ltd.', '标记 😀 完成', '']) expect(textProblem(s, 100), s).toBeNull();
    expect(textProblem('第一行\n第二行\t附注', 100, { multiline: true })).toBeNull();
    expect(textProblem('第一行\n第二行', 100)).toContain('控制字符');
  });

  it('counts characters, not UTF-16 units, against the cap', () => {
    expect(textProblem('😀'.repeat(100), 100)).toBeNull();
    expect(textProblem('名'.repeat(101), 100)).toBe('文字过长：101 个字符，最多 100 个');
    expect(textProblem('x'.repeat(100_000), 500)).toContain('100000 个字符');
  });

  it('shows refused characters spelled out and long text cut', () => {
    expect(visibleText('A\u202eB\u0000C')).toBe('A⟨U+202E⟩B⟨U+0000⟩C');
    expect(visibleText('名'.repeat(100))).toBe(`${'名'.repeat(60)}…`);
  });
});

describe('typed text through the contract', () => {
  it('refuses bad characters and over-long text in names, notes and reasons, writing nothing', async () => {
    const t = defaultService();
    const shortlists = () => t.pool.db.prepare('SELECT count(*) FROM shortlists').pluck().get();
    const before = shortlists();
    let tried = 0;
    for (const [ch] of BAD) {
      const e = await callError(t.service, 'shortlist.create', { name: `推荐${ch}名单`, year: 2023, setId: 'cn-champion-2023' });
      expect(e.code).toBe('invalid_input');
      expect(e.message).toContain('第 3 个字符');
      expect(e.message).toContain('name');
      tried++;
    }
    for (const input of [
      { name: '名'.repeat(101), year: 2023, setId: 'cn-champion-2023' },
      { name: '推荐名单', year: 2023, setId: 'cn-champion-2023', fillingUnit: '单位\u202e' },
    ]) {
      expect((await callError(t.service, 'shortlist.create', input)).code).toBe('invalid_input');
      tried++;
    }
    expect((await callError(t.service, 'snapshot.create', { reason: 'a\u0000b' })).message).toContain('NUL');
    expect((await callError(t.service, 'analyst.record', { firmId: 1, kind: 'flag', key: 'x', value: true, note: 'n'.repeat(100_000) })).message).toContain('100000 个字符');
    expect((await callError(t.service, 'pool.list', { year: 2023, search: '\u2066鑫' })).message).toContain('双向文本控制字符');
    tried += 3;
    expect(shortlists()).toBe(before);
    // A note may have line breaks; a name may not.
    const list = await call(t.service, 'shortlist.create', { name: '二〇二五年推荐', year: 2023, setId: 'cn-champion-2023' });
    const firmId = t.pool.db.prepare('SELECT id FROM firms LIMIT 1').pluck().get() as number;
    await call(t.service, 'shortlist.addFirm', { id: list.id, firmId, note: '第一条\n第二条' });
    expect(tried).toBe(BAD.length + 5);
  });
});

describe('imported text cells', () => {
  it('refuses a bidi control, NUL, a lost character and a 100,000-character name, each at its row and column', async () => {
    const t = defaultService();
    const lines = syntheticCsv(5, [2022]).toString('utf8').split('\r\n');
    const cells = (row: number) => lines[row].split(',');
    const set = (row: number, col: number, value: string) => {
      const c = cells(row);
      c[col] = value;
      lines[row] = c.join(',');
    };
    set(1, 1, '合成\u202e企业');
    set(2, 3, '运河\u0000街道');
    set(3, 4, '高端\ud800装备'); // not UTF-8: written to the file as U+FFFD, the trace of a lost character
    set(4, 1, '名'.repeat(100_000));
    const r = await call(t.service, 'import.analyse', { fileName: 'bad-text.csv', base64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64') });
    expect(r.refused).toBe(true);
    const at = r.problems.map((p) => [p.row, p.column, p.reason.slice(0, 12)]);
    expect(at).toEqual([
      [2, '企业名称', '第 3 个字符是双向文本'],
      [3, '所属镇街', '第 3 个字符是空字符（'],
      [4, '产业链', '第 3 个字符是替换字符'],
      [5, '企业名称', '文字过长：100000 '],
    ]);
    expect(r.problems[0].value).toBe('合成⟨U+202E⟩企业');
    expect(r.problems[3].value!.length).toBeLessThanOrEqual(61);
  });
});
