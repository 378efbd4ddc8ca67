// The annual data template (import-template.md): every column, the names it may go by, and how its values
// read. The same list writes the blank template and maps an incoming header row.
import { FIGURES, type FigureKey, type FigureUnit } from '../figures';

export type ColumnKind = 'credit_code' | 'text' | 'year' | 'bool' | 'titles' | 'product_code' | FigureUnit;

export interface TemplateColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  required: boolean;
  /** Other names seen in firms' returns and statistics extracts. */
  synonyms: readonly string[];
  /** Kept per firm, not per year: the latest row wins. */
  firmLevel: boolean;
  note: string;
}

const col = (key: string, header: string, kind: ColumnKind, synonyms: string[] = [], extra: Partial<TemplateColumn> = {}): TemplateColumn => ({
  key,
  header,
  kind,
  required: false,
  synonyms,
  firmLevel: false,
  note: '',
  ...extra,
});

const FIGURE_SYNONYMS: Partial<Record<FigureKey, string[]>> = {
  revenue: ['营收', '销售收入(全部)', '销售收入（全部）', '营业总收入', '全部营业收入'],
  main_revenue: ['主营收入', '主营业务收入额'],
  product_revenue: ['主导产品收入', '申报产品销售收入', '主导（申报）产品销售收入', '主导(申报)产品销售收入'],
  rd_expense: ['研发投入', '研发经费', 'R&D经费', '研究开发费用'],
  net_profit: ['利润净额'],
  total_assets: ['总资产', '资产合计'],
  total_liabilities: ['总负债', '负债合计'],
  intl_revenue: ['境外业务收入', '国际（境外）业务收入', '出口收入'],
  equity_financing: ['当年新增股权融资', '新增股权融资', '股权融资额'],
  share_global: ['全球细分市场占有率', '全球占有率'],
  share_domestic: ['国内细分市场占有率', '国内占有率', '全国市场占有率'],
  share_provincial: ['省内细分市场占有率', '省内占有率'],
  rank_global: ['全球细分市场排名', '全球市场排名'],
  rank_national: ['全国细分市场排名', '国内排名', '全国市场排名'],
  rank_provincial: ['全省细分市场排名', '省内排名'],
  ip_class1: ['一类知识产权数', 'I类知识产权数', 'Ⅰ类知识产权'],
  invention_patents: ['发明专利数', '有效发明专利'],
  utility_software: ['实用新型专利及软件著作权数', '实用新型+软著'],
  standards_led: ['主导制修订标准数', '主导制定标准'],
  rd_staff_share: ['研发人员比例'],
  employees: ['从业人员数', '职工人数', '年末从业人员'],
  credit_score: ['第三方信用评分'],
};

const FIGURE_NOTE: Partial<Record<FigureUnit, string>> = {
  money: '万元（表头可注明“元”“万元”“亿元”）',
  percent: '%（填 12.5 表示 12.5%）',
  rank: '名次，1 为第一',
  count: '项',
  persons: '人',
  points: '分',
};

export const TEMPLATE: readonly TemplateColumn[] = [
  col('credit_code', '统一社会信用代码', 'credit_code', ['信用代码', '社会信用代码', '统一代码'], { required: true, note: '18 位，校验位按 GB 32100-2015 核对' }),
  col('name', '企业名称', 'text', ['单位名称', '企业全称', '公司名称'], { required: true }),
  col('year', '年度', 'year', ['数据年度', '年份', '统计年度'], { required: true, note: '数据所属年度，如 2022' }),
  col('town', '所属镇街', 'text', ['镇街', '所在镇街', '乡镇（街道）'], { firmLevel: true }),
  col('chain', '产业链', 'text', ['所属产业链'], { firmLevel: true }),
  col('main_product', '主导产品', 'text', ['主导产品名称', '申报产品'], { firmLevel: true }),
  col('product_code', '产品分类代码', 'product_code', ['产品代码', '统计用产品分类代码'], { firmLevel: true, note: '统计用产品分类目录，8 或 10 位' }),
  col('segment_since', '进入细分领域年份', 'year', ['进入细分市场年份', '从事细分领域起始年份'], { firmLevel: true }),
  col('founded_year', '成立年份', 'year', ['成立时间', '注册年份'], { firmLevel: true }),
  col('is_new_product', '是否新产品', 'bool', ['新产品'], { firmLevel: true, note: '是/否' }),
  col('listed', '是否上市', 'bool', ['上市', '已上市或受上市公司控制'], { firmLevel: true, note: '是/否' }),
  col('titles', '已获称号', 'titles', ['称号', '已获荣誉'], { firmLevel: true, note: '以“;”分隔，每项“称号(年份)”' }),
  ...FIGURES.map((f) => col(f.key, f.zh, f.unit, FIGURE_SYNONYMS[f.key as FigureKey] ?? [], { note: FIGURE_NOTE[f.unit] ?? '' })),
];

export const TEMPLATE_SHEET = '企业年度数据';

/** The header a written template carries: money and percent columns name their unit (营业收入（万元）), so
 * whoever fills it sees it; the bare names are still read on import. */
export function writtenHeader(c: TemplateColumn): string {
  return c.kind === 'money' ? `${c.header}（万元）` : c.kind === 'percent' ? `${c.header}（%）` : c.header;
}

/** Units a header may name in a trailing bracket: "营业收入（亿元）", "国内市场占有率（%）". */
const UNIT = /^(元|万元|亿元|千元|人民币元|人民币万元|%|百分比|个|件|项|人|名|年|分)$/;
/** Brackets that name a money unit this importer does not know ("美元", "万港币"): kept as a unit so it is refused. */
const MONEYISH = /元$|币|^万|^亿/;

function splitUnit(header: string): { stem: string; unit: string | null } {
  // NFKC makes full-width brackets and ％ plain; the stem's spaces are dropped by headerStem.
  const h = header.normalize('NFKC');
  const m = /^(.*?)\s*\(\s*([^()]+?)\s*\)\s*$/.exec(h);
  return m && (UNIT.test(m[2]) || MONEYISH.test(m[2])) ? { stem: m[1], unit: m[2] } : { stem: h, unit: null };
}

/** Header text reduced to what matters for matching: no unit bracket, spaces, punctuation or case. */
export function headerStem(text: string): string {
  return splitUnit(text)
    .stem.replace(/[\s_\-：:*]/g, '')
    .toLowerCase();
}

const index = new Map<string, TemplateColumn>();
for (const c of TEMPLATE) for (const name of [c.header, c.key, ...c.synonyms]) index.set(headerStem(name), c);

export function columnFor(header: string): TemplateColumn | undefined {
  return index.get(headerStem(header));
}

/** The unit a header names in brackets, e.g. "营业收入（亿元）" → 亿元; other brackets ("（全部）") are part of the name. */
export function headerUnit(header: string): string | null {
  return splitUnit(header).unit;
}
