// Deterministic synthetic data of a province's shape for the benchmark: N firms × 5 years in every column of
// the annual data template. Names, codes and figures come from a seeded generator, so every run and every
// machine measures the same file. The rows are SYNTHETIC — they describe no real firm.
import { checkCharacter } from '../db/creditCode';
import { TEMPLATE } from '../db/import/template';

export const YEARS = [2020, 2021, 2022, 2023, 2024];

/** mulberry32: small, fast and good enough to shape test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const REGIONS = ['370405', '370402', '370403', '370404', '370406', '370481', '370102', '370211', '370687', '371302'];
const SYLLABLES = '鑫金山越成明源汉庄运河兰祺峄州泥沟马台城鲁南华泰恒瑞新宏达顺昌盛丰德隆永安嘉禾润泽远航中天宇辰博凯睿信诚合力';
const TRADES = ['机械', '精密铸造', '新材料', '智能装备', '电子', '化工', '纺织', '医药', '锂能科技', '数控', '制动', '汽车零部件', '食品', '环保科技', '光电'];
const TOWNS = ['运河街道', '张山子镇', '泥沟镇', '涧头集镇', '马兰屯镇', '邳庄镇', '兰城店镇', '台儿庄经济开发区'];
const CHAINS = ['高端装备', '新材料', '新能源', '新一代信息技术', '生物医药', '纺织服装', '食品加工', '化工'];
const PRODUCTS = ['液压制动器', '数控车床', '锂电池电解液', '精密铸件', '特种纤维', '原料药', '智能传感器', '减速机', '密封件', '光伏玻璃'];
const TITLES = ['创新型中小企业', '省级专精特新中小企业', '省级瞪羚企业', '国家级专精特新“小巨人”企业', '省级制造业单项冠军企业', '高新技术企业'];

export function creditCode(i: number): string {
  let org = '';
  let n = i + 1;
  for (let k = 0; k < 9; k++) {
    org = ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  const first17 = '91' + REGIONS[i % REGIONS.length] + org;
  return first17 + checkCharacter(first17);
}

export function firmName(i: number): string {
  const s = SYLLABLES;
  const a = s[i % s.length];
  const b = s[Math.floor(i / s.length) % s.length];
  const c = s[Math.floor(i / (s.length * s.length)) % s.length];
  return `枣庄${a}${b}${c}${TRADES[i % TRADES.length]}有限公司${i >= s.length ** 3 ? `（${Math.floor(i / s.length ** 3)}）` : ''}`;
}

type Cell = string | number | null;
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** The template's header row, money in its default unit (万元). */
export const HEADER: string[] = TEMPLATE.map((c) => c.header);

/** Every row of `firms` firms × 5 years, in the template's column order, one firm at a time. */
export function* syntheticRows(firms: number, seed = 20231): Generator<Cell[]> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const maybe = (v: Cell, pMissing = 0.04): Cell => (r() < pMissing ? null : v);
  for (let i = 0; i < firms; i++) {
    const founded = 1985 + Math.floor(r() * 35);
    const segment = founded + Math.floor(r() * 8);
    const titleCount = r() < 0.55 ? 0 : r() < 0.6 ? 1 : r() < 0.8 ? 2 : 3;
    const titles = Array.from({ length: titleCount }, (_, k) => `${TITLES[Math.min(TITLES.length - 1, k + Math.floor(r() * 3))]}(${2018 + Math.floor(r() * 6)})`);
    const firm: Record<string, Cell> = {
      credit_code: creditCode(i),
      name: firmName(i),
      town: pick(TOWNS),
      chain: pick(CHAINS),
      main_product: pick(PRODUCTS),
      product_code: String(10000000 + Math.floor(r() * 89999999)),
      segment_since: segment,
      founded_year: founded,
      is_new_product: r() < 0.1 ? '是' : '否',
      listed: r() < 0.03 ? '是' : '否',
      titles: titles.length ? [...new Set(titles)].join(';') : null,
    };
    // Revenue is log-normal (most firms small, a few large) and grows 0–20 % a year.
    let revenue = Math.exp(7 + r() * 5); // 万元: about 1,100 to 160,000
    const share = r() * 40;
    // Per-firm ratios, jittered a little each year, so no figure swings by half (the importer warns on that).
    const ratio = { main: 0.8 + r() * 0.2, product: 0.5 + r() * 0.5, assets: 0.8 + r() * 1.5, debt: 0.2 + r() * 0.6, perHead: 40 + r() * 60 };
    const jitter = () => 0.97 + r() * 0.06;
    for (const year of YEARS) {
      revenue *= 0.95 + r() * 0.25;
      const main = revenue * ratio.main * Math.min(1 / ratio.main, jitter());
      const values: Record<string, Cell> = {
        ...firm,
        year,
        revenue: round(revenue),
        main_revenue: round(main),
        product_revenue: round(Math.min(main, main * ratio.product * jitter())),
        rd_expense: maybe(round(revenue * (0.01 + r() * 0.07))),
        net_profit: maybe(round(revenue * (r() * 0.2 - 0.04))),
        total_assets: round(revenue * ratio.assets * jitter()),
        total_liabilities: maybe(round(revenue * ratio.debt * jitter())),
        intl_revenue: maybe(round(revenue * r() * 0.3), 0.3),
        equity_financing: maybe(round(r() * 3000), 0.8),
        share_global: maybe(round(share * 0.4 + r(), 1), 0.3),
        share_domestic: maybe(round(Math.min(100, share + r() * 5), 1)),
        share_provincial: maybe(round(Math.min(100, share * 1.5 + r() * 5), 1), 0.2),
        rank_global: maybe(1 + Math.floor(r() * 30), 0.4),
        rank_national: maybe(1 + Math.floor(r() * 20)),
        rank_provincial: maybe(1 + Math.floor(r() * 10), 0.2),
        ip_class1: maybe(Math.floor(r() * 12)),
        invention_patents: maybe(Math.floor(r() * 40)),
        utility_software: maybe(Math.floor(r() * 80)),
        standards_led: maybe(Math.floor(r() * 4), 0.3),
        rd_staff_share: maybe(round(5 + r() * 25, 1)),
        employees: Math.floor(20 + (revenue / ratio.perHead) * jitter()),
        credit_score: maybe(round(60 + r() * 40, 1), 0.5),
      };
      yield TEMPLATE.map((c) => values[c.key] ?? null);
    }
  }
}
