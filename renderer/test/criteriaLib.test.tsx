// 标准库: the rule formatter against the shipped criteria files, and the page's list, detail and switches.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answers, calls } from './fakeApi';
import type { CriteriaSetInfoT } from '../../db/contract';
import champion2023 from '../../assets/criteria/cn-champion-2023.json';
import gazelle from '../../assets/criteria/sd-gazelle-2020.json';
import littleGiant from '../../assets/criteria/cn-little-giant-2022.json';
import sdChampion from '../../assets/criteria/sd-champion-2023a.json';
import srdi from '../../assets/criteria/cn-srdi-2022.json';
import { criteriaLibEn, criteriaLibZh } from '../src/i18n/criteriaLib';
import { bandsText, describeRule, ruleText, type Fmt, type Rule } from '../src/sections/criteria/ruleText';


vi.mock('../src/api', () => import('./fakeApi'));

const { CriteriaSection } = await import('../src/sections/criteria/CriteriaSection');
const { ApiError } = await import('../src/api');

type SetFile = Omit<CriteriaSetInfoT, 'effective' | 'switchedBy'>;
// Every shipped file, as criteria.list returns it before any switch.
const FILES = Object.values(import.meta.glob('../../assets/criteria/*.json', { eager: true, import: 'default' })) as SetFile[];
const info = (file: unknown, switches: Record<string, { enabled: boolean; actor: string; at: string }> = {}): CriteriaSetInfoT => {
  const set = file as SetFile;
  return {
    ...set,
    scores: set.scores ?? {},
    criteria: set.criteria.map((c) => ({ ...c, enabled: c.enabled ?? true })),
    effective: Object.fromEntries(set.criteria.map((c) => [c.id, switches[c.id]?.enabled ?? c.enabled ?? true])),
    switchedBy: Object.fromEntries(Object.entries(switches).map(([id, s]) => [id, { actor: s.actor, at: s.at }])),
  };
};

const zh: Fmt = { t: i18next.getFixedT('zh-CN'), lang: 'zh-CN' };
const en: Fmt = { t: i18next.getFixedT('en'), lang: 'en' };
const rule = (file: unknown, id: string) => (file as SetFile).criteria.find((c) => c.id === id)!.rule as Rule;
const withScores = (f: Fmt, file: unknown): Fmt => ({ ...f, scores: (file as SetFile).scores });

function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}

it('criteriaLib messages: English has the Chinese keys and placeholders, none empty', () => {
  const zhMsgs = new Map(leaves(criteriaLibZh));
  const enMsgs = new Map(leaves(criteriaLibEn));
  expect([...enMsgs.keys()].sort()).toEqual([...zhMsgs.keys()].sort());
  const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
  for (const [key, text] of zhMsgs) {
    expect(enMsgs.get(key)!.trim(), key).not.toBe('');
    expect(vars(enMsgs.get(key)!), key).toEqual(vars(text));
  }
});

describe('rule formatter on the shipped criteria', () => {
  it('writes money, ranks, years and percentages as the policy does', () => {
    expect(ruleText(rule(champion2023, '2'), zh)).toBe('近三年平均主营业务收入≥4亿元');
    expect(ruleText(rule(champion2023, '3'), zh)).toBe('全球前3');
    expect(ruleText(rule(champion2023, '1'), zh)).toBe('新产品：进入细分领域年限≥5年；否则：进入细分领域年限≥10年');
    expect(ruleText(rule(champion2023, 'u1'), zh)).toBe('主导产品销售收入占主营业务收入比重≥70%');
    expect(ruleText(rule(sdChampion, '2'), zh)).toBe('全国前5，且全省第1');
    expect(ruleText(rule(srdi, '2'), zh)).toBe('研发费用≥100万元，且研发投入占比≥3%');
    expect(ruleText(rule(littleGiant, '3'), zh)).toBe('近两年主营业务收入平均增长率≥5%');
    expect(ruleText(rule(gazelle, '7'), zh)).toBe('未上市且不受上市公司控制');
    expect(ruleText(rule(gazelle, '6'), zh)).toBe('第三方信用评分≥75分');
    expect(ruleText(rule(champion2023, '4'), zh)).toBe('需研判：技术工艺国际先进、关键性能指标领先');
  });

  it('lists alternatives, merges title alternatives and keeps "且" inside an item', () => {
    expect(ruleText(rule(champion2023, 'u2'), zh)).toBe('满足其一：近三年平均主营业务收入≥4亿元；已获省级专精特新或国家级专精特新“小巨人”称号，且近三年平均主营业务收入≥2亿元');
    expect(ruleText(rule(sdChampion, '3'), zh)).toBe('满足其一：近三年每年营业收入≥4亿元；已获国家级专精特新“小巨人”称号；已获省级专精特新称号，且营业收入≥1亿元');
    expect(ruleText(rule(srdi, '4'), withScores(zh, srdi))).toBe(
      '满足其一：专精特新评分≥60分；近两年平均研发费用≥1000万元；近两年合计新增股权融资≥6000万元；近三年获省级科技奖前三或国家级科技奖前五（分析员确认）；近三年创客中国大赛全国500强（分析员确认）',
    );
  });

  it('writes revenue bands with their ranges, nested under the alternatives', () => {
    const node = describeRule(rule(littleGiant, '6'), zh);
    expect(node.text).toBe('满足其一：');
    // The general route: the R&D band, the R&D institution and 2 class-I IP rights, all together.
    expect(node.items![0].text).toBe('同时满足：');
    expect(node.items![0].items![0].text).toBe('按营业收入分档：');
    expect(node.items![0].items![1].text).toContain('研发机构');
    expect(node.items![0].items![2].text).toBe('Ⅰ类知识产权≥2项');
    expect(node.items![0].items![0].items!.map((i) => i.text)).toEqual([
      '≥1亿元：近两年每年研发投入占比≥3%',
      '5000万–1亿元：近两年每年研发投入占比≥6%',
      '<5000万元：近两年合计新增股权融资≥8000万元，且近两年合计研发费用≥3000万元，且研发人员占比≥50%',
    ]);
    expect(node.items![1].text).toBe('近三年获得国家级科技奖励且排名前三（分析员确认）');
    expect(ruleText(rule(littleGiant, '7'), zh)).toBe('持有有效期内（近三年获评）的省级专精特新称号');
    const growth = describeRule(rule(gazelle, '3'), zh).items!.map((i) => i.text);
    expect(growth[0]).toBe('<1000万元：不符合');
    expect(growth[1]).toBe('1000–2000万元：近两年营业收入复合增长率≥25%，或近两年净利润复合增长率≥25%');
    expect(growth[3]).toBe('1–4亿元：近两年营业收入复合增长率≥15%，或近两年净利润复合增长率≥15%');
  });

  it('writes score bands, lower-is-better bands and level bands', () => {
    const ind = (id: string) => srdi.scores.srdi.indicators.find((i) => i.id === id)!;
    const bands = (id: string) => bandsText(ind(id).metric!, ind(id).bands!, zh);
    expect(bands('main_share')).toBe('≥80% → 5分；70%–80% → 3分；60%–70% → 1分；<60% → 0分');
    expect(bands('debt')).toBe('≤50% → 5分；50%–60% → 3分；60%–70% → 1分；>70% → 0分');
    expect(bands('digital')).toBe('≥3级 → 5分；2级 → 3分；<2级 → 0分');
    expect(bands('years')).toBe('<2年 → 0分；2–4年 → 1分；4–6年 → 2分；6–8年 → 3分；8–10年 → 4分；≥10年 → 5分');
    const rd = ind('rd_spend').best_of![0];
    expect(bandsText(rd.metric, rd.bands, zh)).toBe('≥500万元 → 10分；400–500万元 → 8分；300–400万元 → 6分；200–300万元 → 4分；100–200万元 → 2分；<100万元 → 0分');
  });

  it('reads in English too', () => {
    expect(ruleText(rule(champion2023, '2'), en)).toBe('3-year average main business revenue ≥ CNY 400M');
    expect(ruleText(rule(sdChampion, '2'), en)).toBe('national top 5, and first in the province');
    expect(ruleText(rule(srdi, '3'), en)).toBe('Any of: revenue ≥ CNY 10M; 2-year total new equity financing ≥ CNY 20M');
  });

  it('leaves no raw key, placeholder or undefined in any shipped rule or band', () => {
    expect(FILES).toHaveLength(8);
    for (const f of [zh, en]) {
      for (const set of FILES) {
        const texts = set.criteria.map((c) => ruleText(c.rule, withScores(f, set)));
        for (const table of Object.values(set.scores ?? {}))
          for (const i of table.indicators) texts.push(...(i.bands ? [bandsText(i.metric!, i.bands, f)] : []), ...(i.best_of ?? []).map((b) => bandsText(b.metric, b.bands, f)));
        for (const text of texts) expect(text, set.id).not.toMatch(/criteriaLib\.|\{\{|undefined|NaN/);
      }
    }
  });
});

const CTX = { poolYear: 2023, poolName: '2023年度培育库', dataYear: 2022, setId: 'cn-champion-2023', refresh: 0, onChanged: vi.fn() };

describe('标准库 page', () => {
  beforeEach(() => {
    calls.length = 0;
    CTX.onChanged.mockClear();
    answers['criteria.list'] = () => FILES.map((f) => info(f));
  });

  it('lists the 8 sets and opens the top bar\'s set with its criteria in words', async () => {
    render(<CriteriaSection ctx={CTX} />);
    const detail = await screen.findByTestId('set-detail');
    const list = screen.getByTestId('criteria-sets');
    expect(list.querySelectorAll('button[data-set]')).toHaveLength(8);
    expect(list.querySelector('[aria-current="true"]')!.getAttribute('data-set')).toBe('cn-champion-2023');
    expect(within(list).getByText('国家级制造业单项冠军企业（2023年认定管理办法）')).toBeTruthy();
    expect(screen.getByTestId('confidence-legend').textContent).toContain('多来源一致');
    expect(detail.getAttribute('data-set')).toBe('cn-champion-2023');
    expect(screen.getByTestId('set-document').textContent).toBe('制造业单项冠军企业认定管理办法（工信部政法〔2023〕138号，2023-08）');
    expect(screen.getByTestId('set-note').textContent).toContain('两项存疑条件默认关闭');
    expect(screen.getByTestId('criterion-2').textContent).toContain('近三年平均主营业务收入≥4亿元');
    expect(screen.getByTestId('criterion-2').textContent).toContain('出处：工信部政法〔2023〕138号');
    for (const id of ['u1', 'u2']) {
      const item = screen.getByTestId(`criterion-${id}`);
      expect(item.className).toContain('is-off');
      expect(item.className).toContain('is-unconfirmed');
      expect(item.querySelector('[data-confidence="unconfirmed"]')!.textContent).toBe('未证实');
      expect((within(item).getByRole('switch') as HTMLInputElement).checked).toBe(false);
    }
    expect(screen.getByTestId('criterion-u2').textContent).toContain('启用后替代第2条');
    expect(screen.getByTestId('criterion-u1').textContent).toContain('说明：2023年办法是否保留70%占比要求，来源相互矛盾');
    // Shipped-on, confirmed criteria have no switch.
    expect(within(screen.getByTestId('criterion-2')).queryByRole('switch')).toBeNull();
  });

  it('switches an unconfirmed criterion through criteria.setEnabled and shows who switched it', async () => {
    const switched = info(champion2023, { u2: { enabled: true, actor: 'analyst-wang', at: '2026-03-02T09:15:00.000Z' } });
    answers['criteria.setEnabled'] = () => switched;
    render(<CriteriaSection ctx={CTX} />);
    await screen.findByTestId('set-detail');
    answers['criteria.list'] = () => FILES.map((f) => (f.id === 'cn-champion-2023' ? switched : info(f)));
    fireEvent.click(screen.getByTestId('toggle-u2'));
    await waitFor(() => expect(screen.getByTestId('criterion-u2').getAttribute('data-effective')).toBe('on'));
    expect(calls.find((c) => c.method === 'criteria.setEnabled')!.input).toEqual({ setId: 'cn-champion-2023', criterionId: 'u2', enabled: true });
    expect(CTX.onChanged).toHaveBeenCalledTimes(1);
    expect(within(screen.getByTestId('criterion-u2')).getByTestId('switched-by').textContent).toBe('analyst-wang 于 2026年3月2日 09:15 启用');
    expect(screen.getByTestId('criterion-2').textContent).toContain('当前由条件u2替代，不单独计入');
    expect(screen.getByTestId('criterion-2').className).toContain('is-replaced');
  });

  it('says so when the switch fails, and leaves the criterion as it was', async () => {
    answers['criteria.setEnabled'] = () => {
      throw new ApiError('not_found', '标准集 cn-champion-2023 中没有条件 u1');
    };
    render(<CriteriaSection ctx={CTX} />);
    await screen.findByTestId('set-detail');
    fireEvent.click(screen.getByTestId('toggle-u1'));
    expect((await screen.findByRole('alert')).textContent).toContain('没有条件 u1');
    expect(screen.getByTestId('criterion-u1').getAttribute('data-effective')).toBe('off');
    expect(CTX.onChanged).not.toHaveBeenCalled();
  });

  it('shows the range of an analyst-scored item whose every answer scores', async () => {
    render(<CriteriaSection ctx={CTX} />);
    await screen.findByTestId('set-detail');
    fireEvent.click(screen.getByTestId('criteria-sets').querySelector('[data-set="cn-innovative-2022"]')!);
    const table = await screen.findByTestId('score-innovative');
    expect(within(table).getByTestId('indicator-field').textContent).toContain('分析员录入，5分至10分（未录入时按此区间计）');
  });

  it('shows a score table with block subtotals, written-out bands, inputs and unconfirmed rows', async () => {
    render(<CriteriaSection ctx={CTX} />);
    await screen.findByTestId('set-detail');
    fireEvent.click(screen.getByTestId('criteria-sets').querySelector('[data-set="cn-srdi-2022"]')!);
    const table = await screen.findByTestId('score-srdi');
    expect(within(table).getByText('专精特新评分（满分100分）')).toBeTruthy();
    expect(within(table).getByTestId('block-specialisation').textContent).toBe('专业化 · 小计满分25分');
    expect(within(table).getByTestId('block-innovation').textContent).toBe('创新能力 · 小计满分35分');
    expect(within(table).getByTestId('indicator-main_share').textContent).toContain('≥80% → 5分70%–80% → 3分');
    expect(within(table).getByTestId('indicator-quality').textContent).toContain('分析员录入，最高5分');
    expect(within(table).getByTestId('indicator-rd_spend').textContent).toContain('取较高者');
    // R&D staff share: banded from the figure now, single-sourced.
    const staff = within(table).getByTestId('indicator-rd_staff');
    expect(staff.className).toBe('');
    expect(staff.textContent).toContain('≥20% → 5分');
    expect(staff.textContent).toContain('单一来源');
    // The score condition names the table it reads; criterion 4's own confidence differs from the set's.
    expect(screen.getByTestId('criterion-4').textContent).toContain('专精特新评分≥60分');
    // Raised to text: the set's own tag, so none is shown beside the criterion.
    expect(screen.getByTestId('criterion-4').querySelector('[data-confidence]')).toBeNull();
  });

  it('opens the set the top bar chose', async () => {
    render(<CriteriaSection ctx={{ ...CTX, setId: 'sd-gazelle-2020' }} />);
    const detail = await screen.findByTestId('set-detail');
    expect(detail.getAttribute('data-set')).toBe('sd-gazelle-2020');
    expect(screen.getByTestId('criterion-3').textContent).toContain('2000万–1亿元：近两年营业收入复合增长率≥20%，或近两年净利润复合增长率≥20%');
  });
});
