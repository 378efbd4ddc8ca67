// Building firm facts for engine tests: a few yearly figures, firm attributes, titles and analyst inputs.
import type { FigureKey, TitleCode } from '../../figures';
import type { AnalystInput, FirmFacts } from '../metrics';

type Years = Record<number, Partial<Record<FigureKey, number | null>>>;

export function facts(years: Years, opts: Partial<Omit<FirmFacts, 'figures' | 'titles' | 'inputs'>> & { titles?: TitleCode[]; inputs?: Record<string, number | boolean> } = {}): FirmFacts {
  const inputs = new Map<string, AnalystInput>(Object.entries(opts.inputs ?? {}).map(([k, v]) => [k, { value: v, note: null, actor: 'test', at: '2026-01-01T00:00:00+08:00' }]));
  return {
    segmentSince: 'segmentSince' in opts ? (opts.segmentSince ?? null) : 2005,
    foundedYear: 'foundedYear' in opts ? (opts.foundedYear ?? null) : 2000,
    isNewProduct: opts.isNewProduct ?? false,
    listed: opts.listed ?? false,
    titles: (opts.titles ?? []).map((code) => ({ code, year: 2020 })),
    inputs,
    figures: new Map(Object.entries(years).map(([y, values]) => [Number(y), { values, sourceId: 1 }])),
  };
}

/** The same figures in each of 2020–2022. */
export function flat(values: Partial<Record<FigureKey, number | null>>): Years {
  return { 2020: { ...values }, 2021: { ...values }, 2022: { ...values } };
}
