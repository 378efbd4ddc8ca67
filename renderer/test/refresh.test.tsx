// 年度更新: the import steps (analyse, mapping, problems, preview, apply), undo and restore confirmed on the page,
// the pool year, and the pieces under them (the file sent once by reference, the remembered mapping, the messages).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../db/contract';
import { refreshZh } from '../src/i18n/refresh';
import { refreshEn } from '../src/i18n/refresh.en';
import { answers, calls, sendFile, sent } from './fakeApi';

vi.mock('../src/api', () => import('./fakeApi'));

const { RefreshSection } = await import('../src/sections/refresh/RefreshSection');
const { ApiError } = await import('../src/api');

type Report = MethodOutput<'import.analyse'>;

const onChanged = vi.fn();
const CTX = { poolYear: 2023, poolName: '2023年度制造业单项冠军培育库', dataYear: 2022, setId: 'cn-champion-2023', refresh: 0, onChanged };
const HEADERS = ['统一社会信用代码', '企业名称', '年度', '营业收入合计', '主营业务收入'];
const KEYS: (string | null)[] = ['credit_code', 'name', 'year', null, 'main_revenue'];

function report(over: Partial<Report> = {}, mapping: Record<string, string | null> = {}): Report {
  const problems = over.problems ?? [];
  const errors = problems.filter((p) => p.level === 'error').length;
  return {
    problemCounts: { errors, warnings: problems.length - errors },
    fileName: 'district.csv',
    format: 'csv',
    encoding: 'utf-8-bom',
    sheet: 'district',
    sheets: ['district'],
    headerRow: 1,
    columns: HEADERS.map((header, index) => ({ index, header, key: header in mapping ? mapping[header] : KEYS[index], unit: null })),
    refused: false,
    problems: [],
    counts: { rows: 34, newFirms: 1, changedFirms: 1, unchangedFirms: 10, changedValues: 1, newYears: 1, newValues: 2 },
    names: ['汉庄数控', '峄城新能源装备'],
    unitQuestions: [],
    firms: [
      {
        creditCode: '91370405MA3L7M5B1K',
        name: '汉庄数控',
        firmId: 10,
        firm: [{ field: 'town', old: '运河街道', new: '涧头集镇' }],
        titles: [],
        years: [{ year: 2022, row: 4, exists: true, changes: [{ field: 'revenue', old: 44408.6, new: 48000 }] }],
      },
      {
        creditCode: '91370405MA3N8P2X1G',
        name: '峄城新能源装备',
        firmId: null,
        firm: [{ field: 'name', old: null, new: '峄城新能源装备' }],
        titles: [{ code: 'high_tech', year: 2021 }],
        years: [{ year: 2022, row: 35, exists: false, changes: [{ field: 'revenue', old: null, new: 12000 }, { field: 'share_domestic', old: null, new: 12.5 }] }],
      },
    ],
    missing: [{ firmId: 3, name: '鲁南电解液', creditCode: '91370405MA3J6N2D48' }],
    verdicts: [
      { firmId: 10, name: '汉庄数控', before: 'not_eligible', after: 'needs_review' },
      { firmId: 12, name: '峄城新能源装备', before: null, after: 'incomplete' },
    ],
    ...over,
  };
}

const BAD_ROW = { level: 'error' as const, sheet: 'district', row: 36, column: '统一社会信用代码', value: '91370405MA3N8P2X1H', reason: '统一社会信用代码校验位不符' };
const JUMP = { level: 'warning' as const, sheet: 'district', row: 4, column: '营业收入合计', value: '48000', reason: '与上一年相比变化超过 50%' };
const HISTORY = [
  { id: 2, file: '台儿庄区-2022年度数据.csv', sheet: '台儿庄区-2022年度数据', rows: 34, newFirms: 1, changedValues: 1, snapshotFile: '/data/snapshots/b.sqlite', actor: '王分析', at: '2026-11-26T09:00:00+08:00', undoneAt: null },
  { id: 1, file: '统计局提取.xlsx', sheet: '企业年度数据', rows: 120, newFirms: 5, changedValues: 40, snapshotFile: '/data/snapshots/a.sqlite', actor: '王分析', at: '2026-11-20T09:00:00+08:00', undoneAt: null },
];
const SNAPSHOTS = [
  { id: 9, file: '/data/snapshots/b.sqlite', reason: '导入前：台儿庄区-2022年度数据.csv', schemaVersion: 7, bytes: 204800, createdAt: '2026-11-26T09:00:00+08:00', exists: true },
  { id: 8, file: '/data/snapshots/a.sqlite', reason: '导入前：统计局提取.xlsx', schemaVersion: 7, bytes: 204800, createdAt: '2026-11-20T09:00:00+08:00', exists: false },
];

const inputs = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input);
const step = (id: string) => screen.getByTestId(`rf-step-${id}`);

async function choose(text = 'credit,name\n1,2\n', name = 'district.csv') {
  const input = screen.getByTestId('rf-file') as HTMLInputElement;
  const file = new File([text], name, { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await waitFor(() => expect(screen.getByTestId('rf-file-name').textContent).toBe(name));
}

async function analysed(n = 1) {
  await waitFor(() => expect(inputs('import.analyse')).toHaveLength(n));
  await waitFor(() => expect(screen.queryByTestId('rf-analysing')).toBeNull());
}

beforeEach(() => {
  calls.length = 0;
  sent.length = 0;
  sendFile.mockClear();
  onChanged.mockClear();
  localStorage.clear();
  answers['import.history'] = () => HISTORY;
  answers['app.info'] = () => ({ snapshots: SNAPSHOTS });
  answers['criteria.list'] = () => [{ id: 'cn-champion-2023', title: { zh: '国家级制造业单项冠军企业（2023年认定管理办法）', en: 'National champion (2023)' } }];
  answers['import.analyse'] = (input) => report({}, (input.mapping as Record<string, string | null>) ?? {});
  answers['import.progress'] = () => ({ running: false, fileName: null, phase: null, rows: 0, done: 0, total: 0 });
  answers['import.apply'] = (input) => ({ importId: 3, snapshot: '/data/snapshots/c.sqlite', report: report({ fileName: String(input.fileName) }) });
});
afterEach(() => {
  vi.restoreAllMocks();
});

function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}

it('refresh messages: English has the Chinese keys and placeholders, none empty', () => {
  const zh = new Map(leaves(refreshZh));
  const en = new Map(leaves(refreshEn));
  expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
  for (const [key, text] of zh) {
    expect(en.get(key)!.trim(), key).not.toBe('');
    expect(vars(en.get(key)!), key).toEqual(vars(text));
  }
});

describe('importing a file', () => {
  it('offers the template and the pool’s data as files', async () => {
    const file = { fileName: '企业年度数据模板.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEs=', savedTo: '/home/analyst/企业年度数据模板.xlsx' };
    answers['template.file'] = () => file;
    answers['data.export'] = () => ({ ...file, fileName: '企业年度数据-2023.csv', savedTo: '/home/analyst/企业年度数据-2023.csv' });
    render(<RefreshSection ctx={CTX} />);
    fireEvent.click(screen.getByTestId('rf-template-xlsx'));
    await waitFor(() => expect(screen.getByTestId('rf-download-outcome').textContent).toBe('已保存到 /home/analyst/企业年度数据模板.xlsx'));
    fireEvent.click(screen.getByTestId('rf-data-csv'));
    await waitFor(() => expect(inputs('data.export')).toEqual([{ poolYear: 2023, format: 'csv' }]));
    expect(inputs('template.file')).toEqual([{ format: 'xlsx' }]);
  });

  it('sends the chosen file once and analyses it by reference with the pool year and criteria set; steps wait until then', async () => {
    render(<RefreshSection ctx={CTX} />);
    expect(step('preview').textContent).toContain('请先完成上一步');
    await choose('统一社会信用代码,企业名称\n', '台儿庄区.csv');
    await analysed();
    expect(inputs('import.analyse')[0]).toEqual({
      fileName: '台儿庄区.csv',
      upload: 'upload-1',
      setId: 'cn-champion-2023',
      poolYear: 2023,
    });
    expect(sent).toHaveLength(1);
    expect(await sent[0].text()).toBe('统一社会信用代码,企业名称\n');
    // The encoding override analyses again with it, naming the same file: nothing is sent again.
    fireEvent.change(screen.getByTestId('rf-encoding'), { target: { value: 'gbk' } });
    await analysed(2);
    expect(inputs('import.analyse')[1]).toMatchObject({ encoding: 'gbk', upload: 'upload-1' });
    expect(inputs('import.analyse')[1]).not.toHaveProperty('base64');
    expect(sendFile).toHaveBeenCalledTimes(1);
  });

  it('shows why a file could not be sent (the bridge refused it) and analyses nothing', async () => {
    sendFile.mockRejectedValueOnce(new ApiError('too_large', '文件超过 256 MB 的导入上限，请按年度或地区拆分后分别导入。'));
    render(<RefreshSection ctx={CTX} />);
    const input = screen.getByTestId('rf-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'huge.csv')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('huge.csv'));
    expect(screen.getByRole('alert').textContent).toContain('256 MB 的导入上限');
    expect(inputs('import.analyse')).toHaveLength(0);
  });

  it('takes a file dropped on the drop zone', async () => {
    render(<RefreshSection ctx={CTX} />);
    const file = new File(['x'], 'dropped.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByTestId('rf-drop'), { dataTransfer: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('rf-file-name').textContent).toBe('dropped.csv'));
    await analysed();
    expect(inputs('import.analyse')[0]).toMatchObject({ fileName: 'dropped.csv', upload: 'upload-1' });
    expect(await sent[0].text()).toBe('x');
  });

  it('names the unrecognised column; mapping it re-analyses with the mapping, which is remembered for the next file', async () => {
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    expect(screen.getByTestId('rf-unrecognised').textContent).toContain('“营业收入合计”');
    const select = screen.getByRole('combobox', { name: '“营业收入合计”对应的模板项' }) as HTMLSelectElement;
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: 'revenue' } });
    await analysed(2);
    expect(inputs('import.analyse')[1].mapping).toEqual({ 营业收入合计: 'revenue' });
    expect(screen.queryByTestId('rf-unrecognised')).toBeNull();
    expect(JSON.parse(localStorage.getItem('champion-pool-import-mappings')!)).toEqual({ [JSON.stringify(HEADERS)]: { 营业收入合计: 'revenue' } });

    // A file with the same header row: analysed, then analysed again with the remembered mapping.
    await choose('another', 'district-2.csv');
    await analysed(4);
    expect(inputs('import.analyse')[2].mapping).toBeUndefined();
    expect(inputs('import.analyse')[3].mapping).toEqual({ 营业收入合计: 'revenue' });
    expect(screen.getByTestId('rf-remembered').textContent).toContain('1 项');

    // Back to automatic: no mapping, and forgotten.
    fireEvent.click(screen.getByTestId('rf-mapping-reset'));
    await analysed(5);
    expect(inputs('import.analyse')[4].mapping).toBeUndefined();
    expect(JSON.parse(localStorage.getItem('champion-pool-import-mappings')!)).toEqual({});
  });

  it('lists errors and warnings with sheet, row, column, value and reason; errors block apply', async () => {
    answers['import.analyse'] = () => report({ refused: true, counts: null, firms: [], missing: [], verdicts: [], problems: [JUMP, BAD_ROW] });
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    expect(screen.getByTestId('rf-problem-counts').textContent).toBe('错误 1 个提醒 1 个');
    expect(screen.getByTestId('rf-blocked').getAttribute('role')).toBe('alert');
    const rows = within(screen.getByTestId('rf-problems')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-level'))).toEqual(['error', 'warning']);
    expect([...rows[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual(['错误', 'district', '36', '统一社会信用代码', '91370405MA3N8P2X1H', '统一社会信用代码校验位不符']);
    expect(screen.getByTestId('rf-summary').textContent).toBe('分析完成：错误 1 个，提醒 1 个，详见第 4 步。');
    expect(step('preview').textContent).toContain('文件有错误，改正后才能预览变化');
    expect(screen.getByTestId('rf-apply')).toHaveProperty('disabled', true);
  });

  it('a warning alone does not block', async () => {
    answers['import.analyse'] = () => report({ problems: [JUMP] });
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    expect(screen.queryByTestId('rf-blocked')).toBeNull();
    expect(screen.getByTestId('rf-apply')).toHaveProperty('disabled', false);
  });

  it('asks per money column whether values that look like 元 are in 元 or 万元, and re-analyses with the answer', async () => {
    const question = { key: 'revenue', header: '营业收入合计', count: 1, examples: [{ key: 'revenue', row: 4, name: '汉庄数控', value: 480000000, compared: 44408.6, basis: 'previous_year' as const }] };
    const unitError = { level: 'error' as const, sheet: 'district', row: 4, column: '营业收入合计', value: '480000000', reason: '可能是以元填写的：请选择这一列的单位' };
    answers['import.analyse'] = (input) => (input.units ? report() : report({ refused: true, counts: null, problems: [unitError], unitQuestions: [question] }));
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    const asked = screen.getByTestId('rf-unit-questions');
    expect(asked.textContent).toContain('“营业收入合计”列有 1 个数值是上年或同列其他数值的 1000 倍以上');
    expect(asked.textContent).toContain('第 4 行 汉庄数控：480,000,000（对比 44,408.6）');
    expect(screen.getByTestId('rf-apply')).toHaveProperty('disabled', true);
    fireEvent.click(within(asked).getByTestId('rf-unit-yuan'));
    await analysed(2);
    expect(inputs('import.analyse')[1]).toMatchObject({ units: { revenue: '元' } });
    expect(screen.getByTestId('rf-unit-answer').textContent).toContain('“营业收入”列按元导入');
    expect(screen.getByTestId('rf-apply')).toHaveProperty('disabled', false);
  });

  it('shows the first names as decoded, so a wrong encoding is seen before applying', async () => {
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    expect(screen.getByTestId('rf-names').textContent).toBe('读到的企业名称：汉庄数控、峄城新能源装备（如显示为乱码，请改选文字编码）');
  });

  it('heads the lists of a province file with the whole counts, separated by thousands, saying only the first firms are listed', async () => {
    const base = report();
    answers['import.analyse'] = () => ({ ...base, counts: { ...base.counts!, newFirms: 100_000, changedFirms: 1 }, problemCounts: { errors: 0, warnings: 0 } });
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    const heading = screen.getByTestId('rf-new-firms').closest('.rf-part')!.querySelector('h3')!.textContent;
    expect(heading).toBe('新企业（100,000 家） （列出前 1 家；全部 100,000 家将在应用时写入）');
    // Counts read with thousands separators, as the rest of the app shows numbers.
    expect(screen.getByTestId('rf-counts').querySelector('[data-count="newFirms"] dd')!.textContent).toBe('100,000');
    expect(screen.getByTestId('rf-changed-firms').closest('.rf-part')!.querySelector('h3')!.textContent).toBe('数值有变化的企业（1 家）');
  });

  it('previews the change: counts, old → new per value, new firms, firms not mentioned, verdicts', async () => {
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    const counts = screen.getByTestId('rf-counts');
    expect(counts.querySelector('[data-count="changedValues"] dd')!.textContent).toBe('1');
    expect(counts.querySelector('[data-count="unchangedFirms"] dd')!.textContent).toBe('10');
    const changed = screen.getByTestId('rf-changed-firms').querySelector('tbody[data-firm="汉庄数控"]')!;
    const byField = (f: string) => [...changed.querySelectorAll(`tr[data-field="${f}"] td`)].map((td) => td.textContent).join(' | ');
    expect(byField('2022-revenue')).toBe('2022 年（第 4 行） | 营业收入 | 44,408.6 万元 → 48,000 万元');
    expect(byField('firm-town')).toBe('企业信息 | 所属镇街 | 运河街道 → 涧头集镇');
    const fresh = screen.getByTestId('rf-new-firms').querySelector('tr[data-firm="峄城新能源装备"]')!.textContent;
    expect(fresh).toContain('91370405MA3N8P2X1G');
    expect(fresh).toContain('高新技术企业（2021）');
    expect(fresh).toContain('新增 2022 年度数据 · 2 项数据');
    expect(fresh).toContain('国内市场占有率：12.5%');
    expect(screen.getByTestId('rf-missing').textContent).toContain('鲁南电解液');

    // The new firm is judged only if the file's firms join the pool.
    const verdictRows = () => [...screen.getByTestId('rf-verdicts').querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    expect(verdictRows()).toEqual(['汉庄数控未达标待研判']);
    fireEvent.click(screen.getByTestId('rf-add-to-pool'));
    expect(verdictRows()).toEqual(['汉庄数控未达标待研判', '峄城新能源装备未评估数据不全']);
    expect(screen.getByTestId('rf-verdicts').textContent).toContain('国家级制造业单项冠军企业（2023年认定管理办法）');
    expect(screen.getByText('把文件中的企业加入 2023 年度培育库')).toBeTruthy();
  });

  it('applies with the same choices and the pool choice, shows the snapshot, and tells the app', async () => {
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    fireEvent.change(screen.getByRole('combobox', { name: '“营业收入合计”对应的模板项' }), { target: { value: 'revenue' } });
    await analysed(2);
    fireEvent.click(screen.getByTestId('rf-add-to-pool'));
    fireEvent.click(screen.getByTestId('rf-apply'));
    await screen.findByTestId('rf-applied');
    expect(inputs('import.apply')[0]).toEqual({ ...inputs('import.analyse')[1], addToPool: true });
    expect(screen.getByTestId('rf-applied').textContent).toContain('已应用 district.csv：读入 34 行，新企业 1 家，变更数值 1 个，新增企业年度 1 个。');
    expect(screen.getByTestId('rf-applied').textContent).toContain('应用前的快照：/data/snapshots/c.sqlite');
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(step('preview').textContent).toContain('这个文件已经应用');
  });

  it('shows a refused apply loudly with the problems the service gives', async () => {
    answers['import.apply'] = () => {
      throw new ApiError('invalid_input', '文件被拒绝，数据文件未作任何改动：统一社会信用代码校验位不符', [BAD_ROW]);
    };
    render(<RefreshSection ctx={CTX} />);
    await choose();
    await analysed();
    fireEvent.click(screen.getByTestId('rf-apply'));
    const alert = await screen.findByTestId('rf-apply-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('文件被拒绝，数据文件未作任何改动');
    expect(alert.textContent).toContain('错误代码：invalid_input');
    expect(within(alert).getByTestId('rf-problems').textContent).toContain('91370405MA3N8P2X1H');
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe('history and snapshots', () => {
  const PLAN = { import: HISTORY[0], counts: { values: 1, profile: 1, newFirms: 1, newYears: 0, titles: 1, members: 0 }, conflicts: [] };

  it('undoes the last import only after confirming on the page, saying what it reverts', async () => {
    answers['import.undoPlan'] = () => PLAN;
    answers['import.undo'] = () => ({ undone: { ...HISTORY[0], undoneAt: '2026-11-27T09:00:00+08:00' }, before: '/data/snapshots/d.sqlite', reverted: 4, kept: 0 });
    render(<RefreshSection ctx={CTX} />);
    const history = await screen.findByTestId('rf-history');
    await waitFor(() => expect(within(history).getAllByTestId('rf-undo')).toHaveLength(1)); // the last import only
    fireEvent.click(within(history).getByTestId('rf-undo'));
    const confirm = await screen.findByTestId('rf-undo-confirm');
    expect(confirm.textContent).toContain('撤销导入「台儿庄区-2022年度数据.csv」？只撤销这次导入写入的内容，之后的改动保留');
    expect(confirm.textContent).toContain('将恢复 1 个被改动的数值和 1 项企业信息，删除新增企业 1 家');
    fireEvent.click(within(confirm).getByRole('button', { name: '取消' }));
    expect(inputs('import.undo')).toHaveLength(0);
    fireEvent.click(within(history).getByTestId('rf-undo'));
    fireEvent.click(within(await screen.findByTestId('rf-undo-confirm')).getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(inputs('import.undo')).toEqual([{}]));
    expect((await screen.findByTestId('rf-undone')).textContent).toBe('已撤销 台儿庄区-2022年度数据.csv：撤销 4 项写入。撤销前的状态已保存为快照：/data/snapshots/d.sqlite');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('lists later edits of what the import wrote, and keeps or reverts them as the analyst chooses', async () => {
    const conflict = { kind: 'value', firmId: 10, name: '汉庄数控', year: 2022, field: 'revenue', written: 48000, current: 49000, what: '2026-11-27 09:00 王分析 2022 revenue: 48000 → 49000' };
    answers['import.undoPlan'] = () => ({ ...PLAN, conflicts: [conflict] });
    answers['import.undo'] = () => ({ undone: HISTORY[0], before: '/data/snapshots/d.sqlite', reverted: 3, kept: 1 });
    render(<RefreshSection ctx={CTX} />);
    const history = await screen.findByTestId('rf-history');
    fireEvent.click(await within(history).findByTestId('rf-undo'));
    const confirm = await screen.findByTestId('rf-undo-confirm');
    expect(within(confirm).getByTestId('rf-undo-conflicts').textContent).toContain('汉庄数控 2022 年 营业收入：导入写入 48000，现在为 49000');
    fireEvent.click(within(confirm).getByRole('button', { name: '撤销，保留之后的改动' }));
    await waitFor(() => expect(inputs('import.undo')).toEqual([{ conflicts: 'keep' }]));
    expect((await screen.findByTestId('rf-undone')).textContent).toContain('保留之后的改动 1 项');
  });

  it('restores a snapshot after confirming; a snapshot whose file is gone cannot be chosen', async () => {
    answers['snapshot.since'] = () => ({
      snapshot: { id: 9, file: '/data/snapshots/b.sqlite', reason: '导入前：台儿庄区-2022年度数据.csv', createdAt: '2026-11-26T09:00:00+08:00' },
      done: [{ at: '2026-11-26T10:00:00+08:00', actor: '王分析', entity: 'figure', what: '汉庄数控 2022 revenue：44408.6 → 48000' }],
      total: 1,
    });
    answers['snapshot.restore'] = () => ({ restored: '/data/snapshots/b.sqlite', before: '/data/snapshots/e.sqlite' });
    render(<RefreshSection ctx={CTX} />);
    const card = await screen.findByTestId('rf-snapshots');
    await waitFor(() => expect(within(card).getAllByTestId('rf-restore')).toHaveLength(2));
    const [ok, gone] = within(card).getAllByTestId('rf-restore');
    expect(gone).toHaveProperty('disabled', true);
    expect(card.textContent).toContain('快照文件已不存在');
    fireEvent.click(ok);
    // The confirmation lists what the restore takes back, from the audit log.
    expect((await screen.findByTestId('rf-done-since')).textContent).toContain('此快照之后的 1 项操作将被撤回');
    expect(screen.getByTestId('rf-done-since').textContent).toContain('汉庄数控 2022 revenue：44408.6 → 48000');
    fireEvent.click(within(screen.getByTestId('rf-restore-confirm')).getByRole('button', { name: '确认恢复' }));
    await waitFor(() => expect(inputs('snapshot.restore')).toEqual([{ id: 9 }]));
    expect((await screen.findByTestId('rf-restored')).textContent).toContain('已恢复快照 /data/snapshots/b.sqlite');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows a failed undo loudly', async () => {
    answers['import.undoPlan'] = () => PLAN;
    answers['import.undo'] = () => {
      throw new ApiError('invalid_input', '快照文件已损坏，未恢复：/data/snapshots/b.sqlite');
    };
    render(<RefreshSection ctx={CTX} />);
    const history = await screen.findByTestId('rf-history');
    fireEvent.click(await within(history).findByTestId('rf-undo'));
    fireEvent.click(within(await screen.findByTestId('rf-undo-confirm')).getByRole('button', { name: '确认撤销' }));
    expect((await screen.findByTestId('rf-undo-error')).textContent).toContain('快照文件已损坏');
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe('the pool year', () => {
  beforeEach(() => {
    answers['pool.years'] = () => [{ year: 2023, name: CTX.poolName, members: 2, dataYears: [2021, 2022], defaultDataYear: 2022 }];
    answers['poolYear.recheck'] = () => ({
      dataYear: 2022,
      firms: [
        { firmId: 6, name: '泥沟精密铸造', status: 'member', flags: [{ kind: 'share_fell', before: 5.1, after: 4.8 }, { kind: 'verdict_worse', before: 'needs_review', after: 'not_eligible' }] },
        { firmId: 5, name: '台城新材料', status: 'member', flags: [] },
      ],
    });
    answers['poolYear.compare'] = () => ({ a: { year: 2023, dataYear: 2022, members: 2 }, b: { year: 2023, dataYear: 2022, members: 2 }, firms: [] });
    answers['poolYear.setMember'] = (input) => ({ ...input });
    answers['poolYear.start'] = (input) => ({ year: input.year, name: '2024年度制造业单项冠军培育库', carried: 2 });
  });

  it('shows the re-check flags and changes a member’s status only with a reason', async () => {
    render(<RefreshSection ctx={CTX} />);
    fireEvent.click(screen.getByTestId('rf-tab-poolYear'));
    const table = await screen.findByTestId('rf-member-table');
    const row = table.querySelector('tr[data-firm="泥沟精密铸造"]') as HTMLElement;
    expect(row.textContent).toContain('国内市场占有率下降：5.1% → 4.8%');
    expect(row.textContent).toContain('判定变差：待研判 → 未达标');
    expect(inputs('poolYear.recheck')[0]).toEqual({ year: 2023, setId: 'cn-champion-2023', dataYear: 2022 });
    expect(screen.getByTestId('rf-compare').textContent).toContain('只有一个培育库年度');

    fireEvent.click(within(row).getByTestId('rf-member-change'));
    fireEvent.change(within(row).getByTestId('rf-member-status'), { target: { value: 'removed' } });
    fireEvent.click(within(row).getByTestId('rf-member-save'));
    expect(within(row).getByRole('alert').textContent).toBe('请写明原因');
    expect(inputs('poolYear.setMember')).toHaveLength(0);
    fireEvent.change(within(row).getByTestId('rf-member-reason'), { target: { value: '连续两年利润下滑' } });
    fireEvent.click(within(row).getByTestId('rf-member-save'));
    await waitFor(() => expect(inputs('poolYear.setMember')).toEqual([{ year: 2023, firmId: 6, status: 'removed', reason: '连续两年利润下滑' }]));
    expect((await screen.findByTestId('rf-member-saved')).textContent).toBe('已保存：泥沟精密铸造 → 已移出（连续两年利润下滑）');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('starts the next pool year from the latest', async () => {
    render(<RefreshSection ctx={CTX} />);
    fireEvent.click(screen.getByTestId('rf-tab-poolYear'));
    await waitFor(() => expect((screen.getByTestId('rf-start-year-input') as HTMLInputElement).value).toBe('2024'));
    expect(screen.getByTestId('rf-start-submit').textContent).toBe('建立 2024 年度培育库');
    fireEvent.click(screen.getByTestId('rf-start-submit'));
    await waitFor(() => expect(inputs('poolYear.start')).toEqual([{ year: 2024, from: 2023 }]));
    expect((await screen.findByTestId('rf-start-done')).textContent).toContain('结转 2 家');
    fireEvent.change(screen.getByTestId('rf-start-year-input'), { target: { value: '2023' } });
    expect(screen.getByTestId('rf-start-submit')).toHaveProperty('disabled', true);
    expect(screen.getByText('2023 年度培育库已存在。')).toBeTruthy();
  });
});
