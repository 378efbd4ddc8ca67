// Reading one cell of the template: the value forms the template accepts, and a plain reason for each one
// it refuses. Missing is null, never 0.
import { creditCodeProblem, normaliseCreditCode } from '../creditCode';
import { figureProblem, type FigureKey, type TitleCode } from '../figures';
import type { ColumnKind } from './template';
import { importTextProblem, visibleText } from '../text';

/** A number in a cell formatted as a percentage: Excel stores 12.5% as 0.125. */
export class PercentCell {
  constructor(readonly value: number) {}
  toString(): string {
    return `${Math.round(this.value * 100 * 1e6) / 1e6}%`;
  }
}

/** A formula cell saved without its result (written by a script, never opened in a spreadsheet program). */
export class UncomputedFormula {
  constructor(readonly formula: string) {}
  toString(): string {
    return `=${this.formula}`;
  }
}

export type RawCell = string | number | boolean | Date | PercentCell | UncomputedFormula | null | undefined;
export type CellValue = string | number | boolean | null | { code: TitleCode; year: number | null }[];
export type CellResult = { ok: true; value: CellValue } | { ok: false; reason: string };

const NUMERIC_CODE_FIX = '请把该列设为“文本”格式，重新填入完整的 18 位代码后再导入';

const EMPTY = new Set(['', '-', '--', '—', '——', '/', '无', '空', 'n/a', 'na']);
const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×']);

/** 元 → 万元 factors for a money header's unit. */
export function moneyFactor(unit: string | null): number | null {
  if (!unit) return 1;
  const u = unit.replace(/\s/g, '');
  if (/^(万元|万)$/.test(u)) return 1;
  if (/^(元|人民币元)$/.test(u)) return 1e-4;
  if (/^(亿元|亿)$/.test(u)) return 1e4;
  if (/^(千元)$/.test(u)) return 0.1;
  return null;
}

const asString = (raw: RawCell): string => (raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw));
/** A cell as a problem report quotes it: a date cell as YYYY-MM-DD, one holding no real date (a bad date value or a
 * serial past year 275760) as 无效日期 rather than a crash of the whole import. */
export const shownCell = (raw: RawCell): string | null =>
  raw == null || raw === '' ? null : raw instanceof Date ? (Number.isNaN(raw.getTime()) ? '（无效日期）' : raw.toISOString().slice(0, 10)) : visibleText(String(raw));
/** Numbers, codes and markers are read folded to half-width (NFKC); names and other text keep their own forms. */
const text = (raw: RawCell): string => asString(raw).normalize('NFKC').trim();
const plainText = (raw: RawCell): string => asString(raw).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
const isEmpty = (raw: RawCell) => raw == null || (typeof raw === 'string' && EMPTY.has(text(raw).toLowerCase()));

/** A number as written in a return: 12,345.6 / １２３４５．６ / 1.2亿 / 3500万元 / 12.5% / (120) for negatives. */
function number(raw: RawCell, kind: 'money' | 'percent' | 'plain', factor: number): { value: number } | { reason: string } {
  // Round away binary noise from a unit factor (5.23 亿元 → 52300 万元, not 52300.00000000001).
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: Math.round(raw * factor * 1e6) / 1e6 } : { reason: '不是有效数字' };
  if (raw instanceof PercentCell) {
    // A percent-formatted cell in a percent column means value × 100; elsewhere the stored number is the value.
    const v = kind === 'percent' ? raw.value * 100 : raw.value * factor;
    return { value: Math.round(v * 1e6) / 1e6 };
  }
  if (typeof raw === 'boolean' || raw instanceof Date || raw instanceof UncomputedFormula) return { reason: '此处应为数字' };
  let s = text(raw).replace(/[,\s]/g, '');
  let negative = false;
  // Stryker disable next-line Regex: a bracket anywhere but at both ends is left in the text and fails the number check below
  if (/^\(.*\)$/.test(s)) {
    negative = true; // accountants' brackets
    s = s.slice(1, -1);
  }
  let f = factor;
  // Stryker disable next-line Regex: a unit found short of the end leaves itself in the text, which then fails the number check
  const unit = /(亿元|亿|万元|万|千元|元|%)$/.exec(s)?.[1];
  if (unit) {
    s = s.slice(0, -unit.length);
    if (unit === '%') {
      if (kind !== 'percent') return { reason: '此处不应为百分数' };
      f = 1;
    } else {
      if (kind !== 'money') return { reason: `此处不应带金额单位“${unit}”` };
      f = moneyFactor(unit)!;
    }
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { reason: '不是数字' };
  const v = (negative ? -1 : 1) * Number(s) * f;
  // Round away binary noise from the unit factor (1.2 × 10000).
  return { value: Math.round(v * 1e6) / 1e6 };
}

/**
 * An amount in 万元 written as the figures import accepts it (1.2亿 / 3500万元 / 12,345.6 / (120)), from a file's
 * cell or the analyst's typing; null when empty. Exact to 1e-6 万元. `factor`: the column header's unit (元 → 1e-4).
 */
export function readMoney(raw: RawCell, factor = 1): { value: number | null } | { reason: string } {
  return isEmpty(raw) ? { value: null } : number(raw, 'money', factor);
}

const TITLE_NAMES: [RegExp, TitleCode][] = [
  [/领航/, 'leader_national'],
  [/省级.*单项冠军|单项冠军.*省级|山东省.*单项冠军/, 'champion_provincial'],
  [/单项冠军/, 'champion_national'],
  [/小巨人/, 'little_giant'],
  [/瞪羚/, 'gazelle_provincial'],
  [/专精特新/, 'srdi_provincial'],
  [/创新型中小企业|创新型/, 'innovative_sme'],
  [/高新技术企业|高企/, 'high_tech'],
  [/技术创新示范/, 'tech_innovation_demo'],
  [/知识产权优势/, 'ip_advantage'],
  [/知识产权示范/, 'ip_demo'],
];

function titles(raw: RawCell): CellResult {
  const out: { code: TitleCode; year: number | null }[] = [];
  for (const part of text(raw).split(/[;；、\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.*?)[(（]\s*(\d{4})\s*(年)?[)）]$/.exec(part);
    const name = m ? m[1] : part; // the names below are found anywhere in it: blanks around do not matter
    const year = m ? Number(m[2]) : null;
    let code = TITLE_NAMES.find(([re]) => re.test(name))?.[1];
    if (!code) return { ok: false, reason: `无法识别的称号“${part}”` };
    if (code === 'leader_national' && /省级/.test(name)) code = 'leader_provincial';
    if (year !== null && (year < 1990 || year > 2100)) return { ok: false, reason: `称号年份超出 1990–2100：${part}` };
    // A title named twice was re-recognised: the later year is the one its validity runs from.
    const seen = out.find((t) => t.code === code);
    if (!seen) out.push({ code, year });
    else if (year !== null) seen.year = Math.max(seen.year ?? year, year);
  }
  return { ok: true, value: out };
}

export function readCell(raw: RawCell, kind: ColumnKind, key: string, moneyUnitFactor = 1): CellResult {
  // A date cell whose stored value is no date (a script-written file, a serial past year 275760) has no text to read.
  if (raw instanceof Date && Number.isNaN(raw.getTime())) return { ok: false, reason: '不是有效日期' };
  if (isEmpty(raw)) return { ok: true, value: null };
  switch (kind) {
    case 'text': {
      const value = plainText(raw);
      const problem = importTextProblem(key, value);
      return problem ? { ok: false, reason: problem } : { ok: true, value };
    }
    case 'credit_code': {
      // Excel and WPS turn an all-digit code into a number: 15 significant digits survive, shown as 9.13704E+17.
      if (typeof raw === 'number' || raw instanceof PercentCell) return { ok: false, reason: `统一社会信用代码被存成了数字，末几位已丢失：${NUMERIC_CODE_FIX}` };
      const t = text(raw);
      if (/^\d(\.\d+)?e\+\d{1,2}$/i.test(t)) return { ok: false, reason: `统一社会信用代码显示为科学计数法（${t}），表格软件已把它当作数字，末几位已丢失：${NUMERIC_CODE_FIX}` };
      const code = normaliseCreditCode(t);
      const problem = creditCodeProblem(code);
      const why = { length: '统一社会信用代码应为 18 位', characters: '统一社会信用代码含有不允许的字符', check_character: '统一社会信用代码校验位不符' };
      // Stryker disable next-line Regex: a check-character problem means 18 characters, so the pattern is anchored at both ends either way
      if (problem === 'check_character' && /^\d{15}0{3}$/.test(code)) return { ok: false, reason: `${why[problem]}；全数字代码末尾的 0 可能是表格软件把它当作数字时丢失的位数：${NUMERIC_CODE_FIX}` };
      return problem ? { ok: false, reason: why[problem] } : { ok: true, value: code };
    }
    case 'product_code': {
      const code = text(raw).replace(/\s/g, '');
      return /^(\d{8}|\d{10})$/.test(code) ? { ok: true, value: code } : { ok: false, reason: '产品分类代码应为 8 或 10 位数字' };
    }
    case 'year': {
      // 2023年, 2023 年度 and ２０２３年 read as 2023.
      const n = number(typeof raw === 'string' ? text(raw).replace(/\s*年度?$/, '') : raw, 'plain', 1);
      if ('reason' in n) return { ok: false, reason: '年份不是数字' };
      // A data year lies in the app's range; a firm's founding or entry into its segment may be decades older.
      const min = key === 'year' ? 1990 : 1900;
      return Number.isInteger(n.value) && n.value >= min && n.value <= 2100 ? { ok: true, value: n.value } : { ok: false, reason: `年份应在 ${min}–2100 之间` };
    }
    case 'bool': {
      const s = text(raw).toLowerCase();
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return { ok: false, reason: '应填“是”或“否”' };
    }
    case 'titles':
      return titles(raw);
    default: {
      const n = number(raw, kind === 'money' ? 'money' : kind === 'percent' ? 'percent' : 'plain', kind === 'money' ? moneyUnitFactor : 1);
      if ('reason' in n) return { ok: false, reason: n.reason };
      const problem = figureProblem(key as FigureKey, n.value);
      const why: Record<string, string> = {
        not_integer: '应为整数',
        negative: '不能为负数',
        below_min: kind === 'rank' ? '排名应为 1 或以上的整数' : '不能为负数',
        above_max: kind === 'percent' ? '占比应在 0–100 之间' : '数值过大',
        implausible_money: '金额超过 1 万亿元，可能是单位错误（本表金额以万元计）',
        not_a_number: '不是有效数字',
      };
      return problem ? { ok: false, reason: why[problem] ?? problem } : { ok: true, value: n.value };
    }
  }
}

