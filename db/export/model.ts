// What an exported shortlist holds, independent of the file format: the service fills it, the writers
// (xlsx, CSV) lay it out. Money cells are in 万元, percentages are percent numbers.

/** `amount`: 万元 shown with every decimal it has (858.737 stays 858.737). */
export type ColumnKind = 'text' | 'money' | 'amount' | 'percent' | 'rank' | 'count' | 'years' | 'index';

export interface ExportColumn {
  key: string;
  /** Header as printed, with its unit, e.g. "营业收入（万元）". */
  header: string;
  kind: ColumnKind;
  /** A width in characters fixed by the caller; without it the paper layout (paper.ts) sizes the column. */
  width?: number;
}

export interface CriterionLine {
  id: string;
  text: string;
  /** The threshold in words with its unit, e.g. "近三年平均主营业务收入 ≥ 4亿元". */
  threshold: string;
  source: string;
  confidence: string;
  enabled: boolean;
  reason: string | null;
}

export interface ShortlistExport {
  /** File name without extension, e.g. "2023年度国家级制造业单项冠军企业申报汇总表". */
  baseName: string;
  /** e.g. "2023年度国家级制造业单项冠军企业申报汇总表". */
  title: string;
  fillingUnit: string;
  /** As the bureau writes it: "2026年11月26日". */
  date: string;
  /** e.g. "认定标准：国家级制造业单项冠军企业（工信部政法〔2023〕138号）；数据年度：2022". */
  subtitle: string;
  columns: ExportColumn[];
  rows: Record<string, string | number | null>[];
  /** A 合计 row under the table (a list's totals), keyed as the rows are. */
  totals?: Record<string, string | number | null>;
  /** Shown visibly under the table and in the criteria sheet: sample figures, unconfirmed criteria switched on… */
  notes: string[];
  criteria: CriterionLine[];
}
