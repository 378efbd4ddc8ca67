// Pure helpers of 总览: the data's types, the list behind a number, dates and shares as the bureau writes them.
import type { MethodOutput } from '../../../../db/contract';

export type OverviewData = MethodOutput<'overview.get'>;
export type Candidate = OverviewData['calendar'][number]['prepare'][number];
export type FirmRef = OverviewData['status']['lists']['eligible']['firms'][number];
export type FirmList = OverviewData['status']['lists']['eligible'];
export type Lang = 'zh-CN' | 'en';

/** The firms behind a number, as the side panel shows them. */
export interface Shown {
  title: string;
  /** Where the number comes from. */
  source?: string;
  /** `extra` says what the firm is counted for when one list mixes titles or years. */
  firms: (FirmRef & Partial<Pick<Candidate, 'verdict' | 'inYears' | 'dataYear'>> & { extra?: string })[];
  total: number;
  /** Said instead of a list (e.g. the letter's district counts have none). */
  note?: string;
}
export type Show = (s: Shown) => void;

export const listOf = (title: string, list: FirmList, source?: string): Shown => ({ title, source, firms: list.firms, total: list.total });

/** Colours of the gradient's steps, lowest (pale) to highest (deep red), readable in print. */
export const TITLE_COLOUR: Record<string, string> = {
  innovative_sme: '#94a3b8',
  srdi_provincial: '#16a34a',
  gazelle_provincial: '#0284c7',
  little_giant: '#dc2626',
  champion_provincial: '#d97706',
  champion_national: '#92400e',
  leader_provincial: '#7c3aed',
  leader_national: '#4c1d95',
};

/** 2025-06-15 → 2025年6月15日 (English: 2025-06-15). */
export function dateText(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || lang === 'en') return iso.slice(0, 10);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 06-15 → 6月15日 (English: 06-15). */
export function monthDayText(md: string, lang: Lang): string {
  const [m, d] = md.split('-').map(Number);
  return lang === 'en' ? md : `${m}月${d}日`;
}

/** A ratio as a percentage with one decimal: 0.1667 → 16.7%. */
export function percentText(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  return `${(Math.round(ratio * 1000) / 10).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
}

/** A yearly MM-DD from a date input's YYYY-MM-DD. */
export const monthDayOf = (iso: string) => iso.slice(5, 10);
