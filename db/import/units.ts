// 元 typed into a 万元 column: 71,875,000 where 7,187.5 was meant. A money value 1,000 times or more above the
// firm's previous year, or above the column's other values, is not written as it is: the analyst says, per
// column, whether the column is in 元 (divided by 10,000 on import) or really in 万元 (the CLI: --unit 营业收入=元).
import { FIGURE_INDEX, FIGURES, type FigureKey } from '../figures';
import type { ImportRecord, MappedColumn, Problem } from './parse';
import { columnFor } from './template';
import { drain, type Steps } from '../turns';

/** A column's unit as the analyst chose it: template key, header text or template name → 元 / 万元 / 亿元. */
export type UnitChoices = Record<string, string>;

/** How far above the comparison a value must be to be asked about (元 read as 万元 is 10,000 times too large). */
export const UNIT_JUMP = 1000;

export const MONEY_KEYS = FIGURES.filter((f) => f.unit === 'money').map((f) => f.key as FigureKey);

export interface UnitSuspect {
  key: FigureKey;
  row: number;
  name: string;
  value: number;
  /** The previous year's value (stored or in the file), or the column's median. */
  compared: number;
  basis: 'previous_year' | 'column';
}

export interface UnitQuestion {
  key: string;
  header: string;
  /** How many values of the column look like 元. */
  count: number;
  examples: UnitSuspect[];
}

/** The k-th smallest (0-based) of a[0..n), the values moved about: Hoare's selection, linear on average (also when
 * many values are equal), where sorting a province file's 500,000 values took 70 ms a column. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        [a[i], a[j]] = [a[j], a[i]];
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** The median of a[0..n) (n ≥ 1); the values are moved about. */
export function medianOf(a: Float64Array, n: number): number {
  const m = n >> 1;
  return n % 2 ? select(a, n, m) : (select(a, n, m - 1) + select(a, n, m)) / 2;
}

/** Values 1,000 times or more above the median of their column (of at least three positive values). */
export function columnSuspects(records: ImportRecord[]): UnitSuspect[] {
  return drain(suspectSteps(records));
}

/** columnSuspects in steps of `rowsPerStep` rows, two passes over each money column (see turns.ts). */
export function* suspectSteps(records: ImportRecord[], rowsPerStep = 100_000): Steps<UnitSuspect[]> {
  const out: UnitSuspect[] = [];
  const values = new Float64Array(records.length);
  for (const key of MONEY_KEYS) {
    const at = FIGURE_INDEX.get(key)!;
    let n = 0;
    for (let i = 0; i < records.length; i++) {
      if (i % rowsPerStep === 0) yield;
      const v = records[i].figures[at];
      if (v > 0) values[n++] = v; // an empty cell (NaN) is not above 0
    }
    // Stryker disable next-line ConditionalExpression: one or two positive values are at most twice their median, never 1,000 times it
    if (n < 3) continue;
    // Positive values only: the median is above 0.
    const m = medianOf(values, n);
    for (let i = 0; i < records.length; i++) {
      if (i % rowsPerStep === 0) yield;
      const r = records[i];
      const v = r.figures[at];
      if (v >= UNIT_JUMP * m) out.push({ key, row: r.row, name: r.name, value: v, compared: m, basis: 'column' });
    }
  }
  return out;
}

/** The choices given, as template keys. */
export function answeredKeys(units: UnitChoices, columns: MappedColumn[]): Set<string> {
  const keys = new Set<string>();
  for (const name of Object.keys(units)) {
    const key = columns.find((x) => x.key && x.header === name)?.key ?? columnFor(name)?.key;
    if (key) keys.add(key);
  }
  return keys;
}

/** One question per column not yet answered, and an error for each that refuses the file until it is answered. */
export function unitQuestions(suspects: UnitSuspect[], columns: MappedColumn[], answered: Set<string>, sheet: string): { questions: UnitQuestion[]; problems: Problem[] } {
  const byKey = new Map<string, UnitSuspect[]>();
  // Each row once per column (by the previous year and by the column alike): a set, since a file in 元 has a suspect
  // in nearly every row, and looking through the list for each would be quadratic.
  const seen = new Set<string>();
  for (const s of suspects) {
    if (answered.has(s.key) || seen.has(`${s.key}|${s.row}`)) continue;
    seen.add(`${s.key}|${s.row}`);
    const list = byKey.get(s.key) ?? [];
    list.push(s);
    byKey.set(s.key, list);
  }
  const questions: UnitQuestion[] = [];
  const problems: Problem[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.row - b.row);
    const header = columns.find((c) => c.key === key)?.header ?? key;
    const name = FIGURES.find((f) => f.key === key)?.zh ?? key;
    questions.push({ key, header, count: list.length, examples: list.slice(0, 5) });
    const first = list[0];
    const against = first.basis === 'previous_year' ? `上年的 ${first.compared}` : `同列其他数值（中位数 ${first.compared}）`;
    problems.push({
      level: 'error',
      sheet,
      row: first.row,
      column: header,
      value: String(first.value),
      reason:
        `“${header}”列有 ${list.length} 个数值是${against}的 ${UNIT_JUMP} 倍以上，可能是以元填写的：请选择这一列的单位` +
        `（元：导入时除以 10000；万元：按原值导入）。命令行：--unit ${name}=元 或 --unit ${name}=万元`,
    });
  }
  return { questions, problems };
}
